"""Synthetic official hygiene inspections of restaurants (Alim'confiance) with the customer reviews posted before each.

One row is one inspection: the establishment's reviews of the 12 months before its date, concatenated (reviews
posted after an inspection would leak its result), with their count, mean rating and share of bad ratings. An
establishment is inspected once to three times over 2018–2023, so rows share a SIRET and the split keeps them on
one side. Behind each establishment is a hidden hygiene level that drifts slowly; it drives the inspection result
and, weakly, how often reviews complain about cleanliness. Ratings follow the food and service more than hygiene.
Reviewers complain about cleanliness more readily for some cuisines whatever the kitchen is like: the bias the
base must measure. Drift: reviews multiply over the years, and delivery reviews appear with the 2020 lockdown.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from projects._shared.synthetic import draw

from .texts import review

START, END = "2018-01-01", "2023-12-31"
LOCKDOWN = pd.Timestamp("2020-03-17")
CUISINES = {
    "française traditionnelle": 26, "italienne": 16, "restauration rapide": 13, "asiatique": 9, "kebab et grillades": 9,
    "japonaise": 7, "orientale": 6, "crêperie": 5, "indienne": 5, "africaine": 4,
}
PREJUDICED = {"kebab et grillades": 2.0, "africaine": 1.8, "orientale": 1.5}
"""Reviewers' extra readiness to call these places dirty, whatever their kitchen: a bias in the data, not in hygiene."""
LEVELS = ("Très satisfaisant", "Satisfaisant", "A améliorer", "A corriger de manière urgente")
"""Synthese_eval_sanit as the Alim'confiance export writes it (no accent on the capital A)."""
BAD = LEVELS[2:]
COMMUNES = {
    "Lyon 3e  Arrondissement": "69003", "Villeurbanne": "69100", "Marseille 1er  Arrondissement": "13001",
    "Toulouse": "31000", "Nantes": "44000", "Lille": "59000", "Bordeaux": "33000", "Rennes": "35000",
    "Montpellier": "34000", "Nice": "06000", "Strasbourg": "67000", "Dijon": "21000",
}
"""Libelle_commune and Code_postal as the export writes them (two spaces before "Arrondissement")."""
FAST_FOOD = ("restauration rapide", "kebab et grillades")
"""Cuisines the export files under APP_Libelle_activite_etablissement "Restauration rapide" rather than "Restaurants"."""
NAMES = ("Le Petit", "Chez", "La Table de", "Au Bon", "L'Atelier", "Le Comptoir de", "La Maison", "Le Jardin de")


def generate(rows: int, seed: int) -> pd.DataFrame:
    """`rows` inspections, sorted by date, from the seed alone."""
    rng = np.random.default_rng(seed)
    sites = _establishments(rng, max(1, rows // 2))
    visits = _inspections(rng, sites, rows)
    reviews = [_reviews(rng, sites.loc[v.site], v.hygiene, v.date) for v in visits.itertuples()]
    stars = [np.array([s for s, _ in r]) for r in reviews]
    at = sites.loc[visits["site"]].reset_index(drop=True)
    return pd.DataFrame({
        "Numero_inspection": pd.Series(
            [f"{d.year % 100:02d}-{k:06d}-1" for k, d in enumerate(visits["date"], start=1)], dtype="str"
        ),
        "SIRET": pd.Series(at["siret"].to_numpy(), dtype="str"),
        "APP_Libelle_etablissement": pd.Series(at["nom"].str.upper().to_numpy(), dtype="str"),
        "APP_Libelle_activite_etablissement": pd.Series(
            np.where(at["cuisine"].isin(FAST_FOOD), "Restauration rapide", "Restaurants"), dtype="str"
        ),
        "Code_postal": pd.Series(at["commune"].map(COMMUNES).to_numpy(), dtype="str"),
        "Libelle_commune": pd.Series(at["commune"].to_numpy(), dtype="str"),
        "Date_inspection": visits["date"].astype("datetime64[ns]").reset_index(drop=True),
        "TYPE_CUISINE": pd.Series(at["cuisine"].to_numpy(), dtype="str"),
        "NB_AVIS": pd.Series([len(s) for s in stars], dtype="int64"),
        "NOTE_MOYENNE": pd.Series([round(float(s.mean()), 2) for s in stars], dtype="float64"),
        "PART_AVIS_NEGATIFS": pd.Series([round(float((s <= 2).mean()), 3) for s in stars], dtype="float64"),
        "AVIS_TEXTES": pd.Series([" || ".join(t for _, t in r) for r in reviews], dtype="str"),
        "Synthese_eval_sanit": pd.Series(visits["niveau"].to_numpy(), dtype="str"),
        "INSPECTION_DEFAVORABLE": pd.Series(np.isin(visits["niveau"], BAD).astype("int64")),
    })


def _establishments(rng: np.random.Generator, n: int) -> pd.DataFrame:
    """Restaurants with a hidden hygiene level (higher is worse) and a kitchen quality, independent of cuisine."""
    cuisine = draw(rng, CUISINES, n)
    return pd.DataFrame({
        "siret": [f"{rng.integers(300, 999)}{rng.integers(10**10, 10**11 - 1)}" for _ in range(n)],
        "nom": [f"{NAMES[rng.integers(len(NAMES))]} {w}" for w in rng.choice(("Marché", "Port", "Gourmet", "Soleil", "Village", "Quai", "Chef", "Palais"), n)],
        "commune": rng.choice(list(COMMUNES), n),
        "cuisine": cuisine,
        "hygiene": rng.normal(0, 1, n),
        "quality": rng.normal(0, 1, n),
        "popularity": rng.lognormal(0, 0.7, n),
    })


def _inspections(rng: np.random.Generator, sites: pd.DataFrame, rows: int) -> pd.DataFrame:
    """`rows` visits to random establishments; hygiene drifts between visits, the level follows it with noise."""
    site = np.sort(rng.integers(0, len(sites), rows))
    start, span = pd.Timestamp(START), (pd.Timestamp(END) - pd.Timestamp(START)).days
    date = start + pd.to_timedelta(rng.integers(180, span + 1, rows), unit="D")
    hygiene = sites["hygiene"].to_numpy()[site] + rng.normal(0, 0.3, rows)
    latent = hygiene + rng.logistic(0, 0.3, rows)
    niveau = np.array(LEVELS)[np.digitize(latent, (-0.6, 1.35, 2.5))]
    out = pd.DataFrame({"site": site, "date": date, "hygiene": hygiene, "niveau": niveau})
    return out.sort_values("date", kind="stable").reset_index(drop=True)


def _reviews(rng: np.random.Generator, site: pd.Series, hygiene: float, date: pd.Timestamp) -> list[tuple[int, str]]:
    """The establishment's reviews of the 12 months before the inspection: at least one, more in later years."""
    years = (date - pd.Timestamp(START)).days / 365.25
    count = 1 + rng.poisson(site["popularity"] * (2 + 0.8 * years))
    mood = site["quality"] - 0.5 * hygiene + rng.normal(0, 1.1, count)  # dirty places get slightly worse ratings
    stars = np.clip(np.round(3.6 + 1.1 * mood), 1, 5).astype(int)
    complain = 0.02 * PREJUDICED.get(site["cuisine"], 1.0) + 0.6 / (1 + np.exp(-3.0 * (hygiene - 1.1)))
    delivery_share = 0.25 if date >= LOCKDOWN else 0.0
    return [
        (int(s), review(rng, site["cuisine"], int(s), rng.random() < complain * (1.6 if s <= 2 else 0.7),
                        rng.random() < delivery_share))
        for s in stars
    ]
