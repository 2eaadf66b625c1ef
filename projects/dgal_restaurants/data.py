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

from .texts import DISHES, review

START, END = "2018-01-01", "2023-12-31"
LOCKDOWN = pd.Timestamp("2020-03-17")
CUISINES = {
    "française traditionnelle": 26, "italienne": 16, "restauration rapide": 13, "asiatique": 9, "kebab et grillades": 9,
    "japonaise": 7, "orientale": 6, "crêperie": 5, "indienne": 5, "africaine": 4,
}
PREJUDICED = {"kebab et grillades": 2.0, "africaine": 1.8, "orientale": 1.5}
"""Reviewers' extra readiness to call these places dirty, whatever their kitchen: a bias in the data, not in hygiene."""
LEVELS = ("très satisfaisant", "satisfaisant", "à améliorer", "à corriger de manière urgente")
BAD = LEVELS[2:]
COMMUNES = ("Lyon", "Villeurbanne", "Marseille", "Toulouse", "Nantes", "Lille", "Bordeaux", "Rennes", "Montpellier", "Nice", "Strasbourg", "Dijon")
NAMES = ("Le Petit", "Chez", "La Table de", "Au Bon", "L'Atelier", "Le Comptoir de", "La Maison", "Le Jardin de")


def generate(rows: int, seed: int) -> pd.DataFrame:
    """`rows` inspections, sorted by date, from the seed alone."""
    rng = np.random.default_rng(seed)
    sites = _establishments(rng, max(1, rows // 2))
    visits = _inspections(rng, sites, rows)
    reviews = [_reviews(rng, sites.loc[v.site], v.hygiene, v.date) for v in visits.itertuples()]
    stars = [np.array([s for s, _ in r]) for r in reviews]
    return pd.DataFrame({
        "ID_INSPECTION": pd.Series([f"ALIM-{d.year}-{k:06d}" for k, d in enumerate(visits["date"], start=1)], dtype="str"),
        "SIRET": pd.Series(sites.loc[visits["site"], "siret"].to_numpy(), dtype="str"),
        "NOM_ETABLISSEMENT": pd.Series(sites.loc[visits["site"], "nom"].to_numpy(), dtype="str"),
        "COMMUNE": pd.Series(sites.loc[visits["site"], "commune"].to_numpy(), dtype="str"),
        "TYPE_CUISINE": pd.Series(sites.loc[visits["site"], "cuisine"].to_numpy(), dtype="str"),
        "DATE_INSPECTION": visits["date"].astype("datetime64[ns]").reset_index(drop=True),
        "NB_AVIS": pd.Series([len(s) for s in stars], dtype="int64"),
        "NOTE_MOYENNE": pd.Series([round(float(s.mean()), 2) for s in stars], dtype="float64"),
        "PART_AVIS_NEGATIFS": pd.Series([round(float((s <= 2).mean()), 3) for s in stars], dtype="float64"),
        "AVIS_TEXTES": pd.Series([" || ".join(t for _, t in r) for r in reviews], dtype="str"),
        "NIVEAU_HYGIENE": pd.Series(visits["niveau"].to_numpy(), dtype="str"),
        "INSPECTION_DEFAVORABLE": pd.Series(np.isin(visits["niveau"], BAD).astype("int64")),
    })


def _establishments(rng: np.random.Generator, n: int) -> pd.DataFrame:
    """Restaurants with a hidden hygiene level (higher is worse) and a kitchen quality, independent of cuisine."""
    cuisine = draw(rng, CUISINES, n)
    return pd.DataFrame({
        "siret": [f"{rng.integers(300, 999)}{rng.integers(10**10, 10**11 - 1)}" for _ in range(n)],
        "nom": [f"{NAMES[rng.integers(len(NAMES))]} {w}" for w in rng.choice(("Marché", "Port", "Gourmet", "Soleil", "Village", "Quai", "Chef", "Palais"), n)],
        "commune": rng.choice(COMMUNES, n),
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
