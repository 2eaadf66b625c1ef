"""Synthetic acts transmitted to prefectures through @ctes, shaped like the exchange's metadata and attachments.

Each act is drawn from a kind of act (`texts.SUBJECTS`): its matière, its nature, an amount where it carries one, the
person it names for individual acts. Communes send most of the flow; intercommunalities send more public
procurement and planning, departments and regions no building permits. The matière is the prefecture's reviewed
classification, with 5 % disagreement between agents on neighbouring matières. Drift: the port du masque arrêtés
of 2020-2021, the M57 budget nomenclature from 2021, more acts sent each year as @ctes spreads.
"""

from __future__ import annotations

import zlib

import numpy as np
import pandas as pd

from projects._shared.synthetic import draw, people, with_missing

from .texts import (
    CONTRAT, CP, DELIBERATION, DOMAINE, FIN, FP, INDIVIDUEL, INSTIT, ORGANS, POLICE, SUBJECTS, URBA, Subject, objet,
    texte,
)

START, END = "2019-01-01", "2024-12-31"
COLLECTIVITES = {
    "commune": 62, "communauté de communes": 10, "communauté d'agglomération": 5, "métropole": 2, "syndicat": 9,
    "département": 4, "région": 1, "établissement public local": 7,
}
# How much more (or less) often each type of authority sends acts of a matière than a commune does.
SPECIALITY: dict[str, dict[str, float]] = {
    "communauté de communes": {CP: 2, URBA: 1.5, POLICE: 0.2, INSTIT: 0.8},
    "communauté d'agglomération": {CP: 2.5, URBA: 1.5, POLICE: 0.2},
    "métropole": {CP: 3, URBA: 2, POLICE: 0.3},
    "syndicat": {CP: 2, URBA: 0.05, POLICE: 0.02, DOMAINE: 0.5},
    "département": {CP: 2, URBA: 0.05, POLICE: 0.2},
    "région": {CP: 2.5, URBA: 0.02, POLICE: 0.02},
    "établissement public local": {URBA: 0.02, POLICE: 0.02, CP: 0.8},
}
DEPARTEMENTS = {"034": 5, "030": 3, "011": 2, "066": 2, "048": 0.5, "012": 1.5, "081": 1.5}
NATURE_CODES = {DELIBERATION: "DE", "actes réglementaires": "AR", INDIVIDUEL: "AI", CONTRAT: "CC"}
NEIGHBOURS = {CP: FIN, FIN: CP, URBA: DOMAINE, DOMAINE: URBA, FP: INSTIT, INSTIT: FP, POLICE: DOMAINE}
DISAGREEMENT = 0.05


def generate(rows: int, seed: int) -> pd.DataFrame:
    """`rows` acts, sorted by decision date, from the seed alone."""
    rng = np.random.default_rng(seed)
    decided = _decision_dates(rng, rows)
    types = draw(rng, COLLECTIVITES, rows)
    subjects = _subjects(rng, types, decided.dt.year.to_numpy())
    natures = _natures(rng, subjects)
    prenoms, noms = people(rng, rows)
    departements = draw(rng, DEPARTEMENTS, rows)
    days = list(decided)
    numeros = [_internal_number(nature, day, i) for i, (nature, day) in enumerate(zip(natures, days))]
    acts = [
        _act(
            rng, SUBJECTS[s], natures[i], str(types[i]), days[i], str(departements[i]), numeros[i],
            f"{prenoms[i]} {noms[i]}",
        )
        for i, s in enumerate(subjects)
    ]
    montants, beneficiaires, objets, textes, wordings = (list(column) for column in zip(*acts))
    matieres = np.array([SUBJECTS[s].matiere for s in subjects])
    return pd.DataFrame({
        "NUMERO_ACTE": pd.Series([_acte_id(d, t, day, n, nat) for d, t, day, n, nat
                                  in zip(departements, types, decided, numeros, natures)], dtype="str"),
        "DEPARTEMENT": pd.Series(departements, dtype="str"),
        "TYPE_COLLECTIVITE": pd.Series(types, dtype="str"),
        "DATE_DECISION": decided.astype("datetime64[ns]"),
        "DATE_TRANSMISSION": (decided + pd.to_timedelta(_delays(rng, rows), unit="D")).astype("datetime64[ns]"),
        "NATURE_ACTE": pd.Series(natures, dtype="str"),
        "OBJET": pd.Series(objets, dtype="str"),
        "TEXTE": with_missing(rng, textes, 0.08).astype("str"),  # scanned attachments without a text layer
        "MONTANT_HT": with_missing(rng, montants, 0.1).astype("float64"),
        "NOM_BENEFICIAIRE": pd.Series(beneficiaires, dtype="str"),
        "MATIERE": pd.Series(_reviewed(rng, matieres), dtype="str"),
        # The kind of act and title wording each act was drawn from: what the evaluation holds out, never a feature.
        "MODELE_REDACTION": pd.Series([f"acte{s:02d}.{w}" for s, w in zip(subjects, wordings)], dtype="str"),
    })


def _act(
    rng: np.random.Generator, subject: Subject, nature: str, kind: str, day: pd.Timestamp, departement: str,
    numero: str, person: str,
) -> tuple[float, str | None, str, str, str]:
    """One act's amount, named person (individual acts only), title, text and title wording."""
    montant = float(np.round(np.exp(rng.uniform(*np.log(subject.montant))), -1)) if subject.montant else np.nan
    named = subject.beneficiaire and nature == INDIVIDUEL
    values = {
        "montant": f"{montant:,.0f}".replace(",", " "), "beneficiaire": person if named else "le pétitionnaire",
        "numero": numero, "annee": str(day.year), "lot": str(rng.integers(1, 6)), "duree": str(rng.integers(1, 13)),
        "parcelle": f"{'ABCDE'[rng.integers(5)]}{rng.integers(1, 999)}",
        "permis": f"{departement}{rng.integers(100, 999)} {day.year % 100} {rng.integers(1, 300):05d}",
    }
    (title, wording), body = objet(rng, subject, values), texte(rng, subject, nature, ORGANS[kind], values)
    return montant, person if named else None, title, body, wording


def _decision_dates(rng: np.random.Generator, rows: int) -> pd.Series:
    """Decision days, more of them each year as @ctes replaces paper (about +12 % a year)."""
    first, last = pd.Timestamp(START), pd.Timestamp(END)
    span = (last - first).days
    offsets = span * np.log1p(rng.random(rows) * (np.exp(0.7) - 1)) / 0.7  # density growing over the period
    return pd.Series(first + pd.to_timedelta(np.sort(offsets.astype(int)), unit="D"))


def _subjects(rng: np.random.Generator, types: np.ndarray, years: np.ndarray) -> np.ndarray:
    """Index in SUBJECTS of the act each authority sends, given its type and the year."""
    out = np.empty(len(types), dtype=int)
    for kind in np.unique(types):
        boost = SPECIALITY.get(kind, {})
        for year in np.unique(years):
            mask = (types == kind) & (years == year)
            weights = np.array([
                s.weight * boost.get(s.matiere, 1.0) * (s.years[0] <= year <= s.years[1]) for s in SUBJECTS
            ])
            out[mask] = rng.choice(len(SUBJECTS), size=int(mask.sum()), p=weights / weights.sum())
    return out


def _natures(rng: np.random.Generator, subjects: np.ndarray) -> np.ndarray:
    """The nature of each act, among those its kind of act takes."""
    out = np.empty(len(subjects), dtype=object)
    for index in np.unique(subjects):
        mask = subjects == index
        out[mask] = draw(rng, SUBJECTS[index].natures, int(mask.sum()))
    return out.astype(str)


def _reviewed(rng: np.random.Generator, matieres: np.ndarray) -> np.ndarray:
    """The matière as the prefecture's agents record it: a few hesitate with the neighbouring matière."""
    swap = rng.random(len(matieres)) < DISAGREEMENT
    return np.where(swap, [NEIGHBOURS[m] for m in matieres], matieres)


def _delays(rng: np.random.Generator, rows: int) -> np.ndarray:
    """Days between decision and transmission: mostly within the week, a tail of acts sent months later."""
    late = rng.random(rows) < 0.07
    return np.where(late, rng.integers(30, 200, rows), rng.geometric(0.25, rows) - 1)


def _internal_number(nature: str, day: pd.Timestamp, rank: int) -> str:
    prefix = {DELIBERATION: "DEL", CONTRAT: "CONV", INDIVIDUEL: "ARI"}.get(nature, "AR")
    return f"{prefix}{day.year}_{rank:05d}"


def _acte_id(departement: str, kind: str, day: pd.Timestamp, numero: str, nature: str) -> str:
    """The @ctes identifier: département, SIREN of the authority, decision date, internal number, nature code."""
    siren = {"commune": "21", "syndicat": "25", "département": "22", "région": "23"}.get(kind, "20")
    authority = f"{siren}{departement[1:]}{zlib.crc32(kind.encode()) % 100_000:05d}"[:9]  # stable across processes
    return f"{departement}-{authority}-{day:%Y%m%d}-{numero}-{NATURE_CODES[nature]}"
