"""Synthetic calls to the Chèque emploi associatif (CEA) line of the URSSAF/ACOSS, as transcripts with their intent.

Each call has one intent, drawn with the real line's imbalance (declarations and online-account access dominate,
closing an adhesion is rare), and one of its 14–20 phrasings (`MODELE_REDACTION`, held out whole by the evaluation);
one call in six raises a second topic, and 4 % of intents were tagged by the agent
as a neighbouring one. Drift: from March 2020 the lockdown brings calls about activité partielle, which did not
exist before, and online-account calls grow as paper forms go away.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from projects._shared.synthetic import dates, draw, people, with_missing

from .texts import INTENTS, transcript

START, END = "2018-09-01", "2021-06-30"
LOCKDOWN = pd.Timestamp("2020-03-16")
WEIGHTS = {
    "volet_social": 20, "espace_en_ligne": 14, "prelevement_cotisations": 13, "adhesion": 11, "bulletin_salaire": 10,
    "attestation_employeur": 8, "calcul_cotisations": 6, "majorations_retard": 5, "autre_demande": 6,
    "fin_adhesion": 3, "activite_partielle": 0,
}
AFTER_LOCKDOWN = WEIGHTS | {"activite_partielle": 14, "espace_en_ligne": 20}
# Intents an agent could confuse when tagging a call.
NEIGHBOURS = {
    "prelevement_cotisations": "majorations_retard", "majorations_retard": "prelevement_cotisations",
    "calcul_cotisations": "prelevement_cotisations", "bulletin_salaire": "volet_social",
    "volet_social": "bulletin_salaire", "attestation_employeur": "bulletin_salaire", "fin_adhesion": "adhesion",
    "adhesion": "espace_en_ligne", "espace_en_ligne": "adhesion", "activite_partielle": "volet_social",
    "autre_demande": "volet_social",
}
CALLERS = {"association employeuse": 0.72, "tiers de confiance": 0.1, "salarié": 0.18}


def generate(rows: int, seed: int) -> pd.DataFrame:
    """`rows` calls, sorted by date, from the seed alone."""
    rng = np.random.default_rng(seed)
    when = dates(rng, START, END, rows)
    intents = _intents(rng, when)
    second = [_second(rng, intent) for intent in intents]
    prenoms, noms = people(rng, rows)
    names = np.char.add(np.char.add(prenoms, " "), noms)
    phones = [f"0{rng.integers(1, 8)} {' '.join(f'{rng.integers(100):02d}' for _ in range(4))}" for _ in range(rows)]
    phrasings = [int(rng.integers(len(INTENTS[i]))) for i in intents]
    texts = [transcript(rng, i, k, o, str(n), p) for i, k, o, n, p in zip(intents, phrasings, second, names, phones)]
    tagged = np.where(rng.random(rows) < 0.04, [NEIGHBOURS[i] for i in intents], intents)
    durations = rng.gamma(3.0, 80.0, rows) + 20 * np.array([len(t.split()) for t in texts]) ** 0.5
    return pd.DataFrame({
        "ID_APPEL": pd.Series([f"CEA-{d.year}-{k:07d}" for k, d in enumerate(when, start=1)], dtype="str"),
        "DATE_APPEL": (when + pd.to_timedelta(rng.integers(8 * 3600, 18 * 3600, rows), unit="s")).astype("datetime64[ns]"),
        "TYPE_APPELANT": with_missing(rng, draw(rng, CALLERS, rows), 0.08).astype("str"),
        "DUREE_SECONDES": durations.round().astype("int64"),
        "TRANSCRIPTION": pd.Series(texts, dtype="str"),
        "NOM_APPELANT": pd.Series(names, dtype="str"),  # the caller always gives a name: it is in the transcript
        "TELEPHONE_APPELANT": pd.Series(phones, dtype="str"),
        "INTENTION": pd.Series(tagged, dtype="str"),
        # The phrasing the request was drawn from: what the evaluation holds out, never a feature.
        "MODELE_REDACTION": pd.Series([f"{i}.{k:02d}" for i, k in zip(intents, phrasings)], dtype="str"),
    })


def _intents(rng: np.random.Generator, when: pd.Series) -> np.ndarray:
    before = when < LOCKDOWN
    return np.where(before, draw(rng, WEIGHTS, len(when)), draw(rng, AFTER_LOCKDOWN, len(when)))


def _second(rng: np.random.Generator, intent: str) -> str | None:
    """One call in six raises another topic on the way; the agent tags the main one."""
    if rng.random() >= 1 / 6:
        return None
    others = [other for other in INTENTS if other not in (intent, "activite_partielle", "autre_demande")]
    return others[rng.integers(len(others))]
