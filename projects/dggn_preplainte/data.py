"""Synthetic online pre-complaints (pré-plaintes en ligne) for property offences with an unknown author.

Over half of what arrives is out of scope (violence, a known author, a lost object, a civil dispute). The form's
fields for the date, the place and the loss are often left blank, and the story may or may not give them. The
gendarme's qualification (NATURE_INFRACTION) is the target; 5 % of them differ from what the story says, as
qualifications do. Drift over 2019–2023: online fraud grows from 8 % to 18 % of requests, burglaries dip during
the 2020 lockdowns.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from projects._shared.synthetic import dates, draw, people, with_missing

from .texts import STORIES, recit

START, END = "2019-01-01", "2023-12-31"
WEIGHTS = {
    "hors_perimetre": 54, "vol_simple": 11, "escroquerie_en_ligne": 8, "cambriolage": 7, "vol_dans_vehicule": 6,
    "degradation": 6, "vol_vehicule": 4, "usurpation_identite": 3,
}
LOCKDOWNS = ((pd.Timestamp("2020-03-17"), pd.Timestamp("2020-05-11")), (pd.Timestamp("2020-10-30"), pd.Timestamp("2020-12-15")))
NEIGHBOURS = {
    "vol_simple": "hors_perimetre", "cambriolage": "vol_simple", "vol_vehicule": "vol_dans_vehicule",
    "vol_dans_vehicule": "degradation", "degradation": "vol_dans_vehicule", "escroquerie_en_ligne": "usurpation_identite",
    "usurpation_identite": "escroquerie_en_ligne", "hors_perimetre": "vol_simple",
}
COMMUNES = (
    "Montauban", "Saint-Orens", "Pornic", "Guérande", "Lunel", "Sète", "Bourg-en-Bresse", "Vierzon", "Auch", "Dax",
    "Saint-Avold", "Chinon", "Lamballe", "Millau", "Cognac", "Draguignan", "Lisieux", "Sarlat", "Issoire", "Agde",
)
STREETS = (
    "rue Victor Hugo", "avenue Jean Jaurès", "chemin du Moulin", "allée Pasteur", "impasse Colbert", "rue Gambetta",
    "boulevard Voltaire", "route de Lyon", "place Carnot", "résidence Les Tilleuls",
)
AT_HOME = ("domicile", "chez moi", "maison", "appartement", "logement", "garage", "cave", "résidence", "façade",
           "portail", "clôture", "boîte aux lettres", "jardin", "véranda", "porte d'entrée", "local commercial")
"""Words of a story that place the facts at the complainant's (whose address the form has)."""
HAS_LOSS = frozenset({"vol_simple", "cambriolage", "vol_vehicule", "vol_dans_vehicule", "degradation", "escroquerie_en_ligne"})


def generate(rows: int, seed: int) -> pd.DataFrame:
    """`rows` pre-complaints, sorted by filing date, from the seed alone."""
    rng = np.random.default_rng(seed)
    when = dates(rng, START, END, rows)
    nature = _natures(rng, when)
    prenoms, noms = people(rng, rows)
    communes = rng.choice(COMMUNES, rows)
    adresses = [f"{rng.integers(1, 120)} {STREETS[rng.integers(len(STREETS))]}" for _ in range(rows)]
    phones = [f"0{rng.choice([6, 7])} {' '.join(f'{rng.integers(100):02d}' for _ in range(4))}" for _ in range(rows)]
    montants = np.round(rng.lognormal(5.5, 1.2, rows)).astype(int) + 10
    told = {slot: rng.random(rows) < share for slot, share in (("date", 0.6), ("lieu", 0.55), ("perte", 0.35))}
    stories = [int(rng.integers(len(STORIES[n]))) for n in nature]
    texts = [
        recit(rng, n, stories[i], {slot: bool(told[slot][i]) for slot in told},
              {"prenom": prenoms[i], "nom": noms[i], "adresse": f"{adresses[i]} à {communes[i]}", "tel": phones[i],
               "commune": communes[i], "montant": montants[i]})
        for i, n in enumerate(nature)
    ]
    facts = when - pd.to_timedelta(rng.geometric(0.25, rows) - 1, unit="D")
    facts_date = facts.mask(rng.random(rows) < 0.3)
    commune_faits = with_missing(rng, communes, 0.25)
    montant = pd.Series(np.where(np.isin(nature, list(HAS_LOSS)), montants, np.nan)).mask(rng.random(rows) < 0.45)
    # A story without the slot omits it, but a story of the home gives its place.
    given = {slot: told[slot] & np.array([f"{{{key}}}" in STORIES[n][k] or slot == "perte" for n, k in zip(nature, stories)])
             for slot, key in (("date", "quand"), ("lieu", "ou"), ("perte", "perte"))}
    given["lieu"] |= np.array([any(home in STORIES[n][k] for home in AT_HOME) for n, k in zip(nature, stories)])
    asked = _complements(nature, given, facts_date.isna().to_numpy(), pd.isna(commune_faits), montant.isna().to_numpy())
    qualified = np.where(rng.random(rows) < 0.05, [NEIGHBOURS[n] for n in nature], nature)
    return pd.DataFrame({
        "NUMERO_PREPLAINTE": pd.Series([f"PPEL-{d.year}-{k:07d}" for k, d in enumerate(when, start=1)], dtype="str"),
        "DATE_DEPOT": when.astype("datetime64[ns]"),
        "DATE_FAITS": facts_date.astype("datetime64[ns]"),
        "COMMUNE_FAITS": commune_faits.astype("str"),
        "MONTANT_PREJUDICE": montant,
        "RECIT": pd.Series(texts, dtype="str"),
        "NOM_DECLARANT": pd.Series(noms, dtype="str"),
        "PRENOM_DECLARANT": pd.Series(prenoms, dtype="str"),
        "ADRESSE_DECLARANT": pd.Series(adresses, dtype="str"),
        "TELEPHONE_DECLARANT": pd.Series(phones, dtype="str"),
        # The declarant's age on the day of filing (the form asks the date of birth; the export keeps the age):
        # a sensitive attribute, measured by bands, never a feature.
        "AGE_DECLARANT": np.clip(np.round(rng.normal(44, 17, rows)), 16, 95).astype("int64"),
        "NATURE_INFRACTION": pd.Series(qualified, dtype="str"),
        # What the gendarme had to ask the complainant (neither the form nor the story gave it): scores completude.py.
        "COMPLEMENTS_DEMANDES": pd.Series(asked, dtype="str"),
        # The story the text was drawn from: what the evaluation holds out, never a feature.
        "MODELE_REDACTION": pd.Series([f"{n}.{k:02d}" for n, k in zip(nature, stories)], dtype="str"),
    })


def _complements(nature: np.ndarray, given: dict[str, np.ndarray], no_date: np.ndarray, no_place: np.ndarray,
                 no_amount: np.ndarray) -> list[str]:
    """The pieces missing from both the form and the story, `|`-joined in the order a gendarme asks them (out of
    scope: nothing to ask; usurpation d'identité has no loss to declare)."""
    out = []
    for i, n in enumerate(nature):
        missing = []
        if n != "hors_perimetre":
            missing += ["date des faits"] if no_date[i] and not given["date"][i] else []
            missing += ["lieu des faits"] if no_place[i] and not given["lieu"][i] else []
            missing += ["préjudice"] if n in HAS_LOSS and no_amount[i] and not given["perte"][i] else []
        out.append("|".join(missing))
    return out


def _natures(rng: np.random.Generator, when: pd.Series) -> np.ndarray:
    """The true nature of each request; online fraud grows, burglaries dip while everyone stays home."""
    t = ((when - pd.Timestamp(START)).dt.days / (pd.Timestamp(END) - pd.Timestamp(START)).days).to_numpy()
    confined = np.zeros(len(when), bool)
    for first, last in LOCKDOWNS:
        confined |= ((when >= first) & (when <= last)).to_numpy()
    out = np.empty(len(when), dtype=object)
    for i in range(len(when)):
        weights = WEIGHTS | {"escroquerie_en_ligne": 8 + 12 * t[i], "cambriolage": 2 if confined[i] else 7}
        out[i] = draw(rng, weights, 1)[0]
    return out.astype(str)
