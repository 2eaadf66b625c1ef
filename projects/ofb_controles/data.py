"""Synthetic environmental police controls (OFB), with the water quality measured near each site.

One row per control carried out between 2016 and 2023 by the OFB's departmental services: the controlled site
(activity, size, distance to the nearest watercourse, vulnerable zone, Natura 2000), how the control was decided
(annual control plan, third-party report, follow-up of an earlier breach), the last measures of the nearest water
quality station (nitrates, orthophosphates, total pesticides; missing when no station is near), the site's past
controls, and whether the control found a non-compliance. A hidden "site diligence" drives both past and present
breaches; pesticide levels fall over the years and controls become better targeted (drift).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from projects._shared.synthetic import dates, draw, people, with_missing

# Départements with agricultural pressure of every kind (Brittany's nitrates, wine and field crops, the south).
# value: (share of controls, mean nitrates mg/L near sites, pesticide pressure factor)
DEPARTEMENTS = {
    "22": (1.0, 38.0, 0.8), "29": (1.1, 34.0, 0.7), "35": (1.0, 36.0, 0.9), "56": (0.9, 30.0, 0.8),
    "45": (0.8, 28.0, 1.3), "51": (0.8, 26.0, 1.5), "59": (1.0, 24.0, 1.1), "62": (0.9, 27.0, 1.2),
    "33": (1.0, 12.0, 1.6), "34": (0.9, 10.0, 1.2), "64": (0.8, 14.0, 0.7), "38": (0.7, 9.0, 0.6),
}
# activité: (weight, base log-odds of a breach, nitrate pressure, pesticide pressure, themes of control)
ACTIVITES = {
    "élevage bovin": (3.0, -1.7, 1.0, 0.2, ("pollution des eaux", "zones humides")),
    "élevage porcin": (1.5, -1.3, 1.6, 0.2, ("pollution des eaux",)),
    "élevage avicole": (1.2, -1.6, 1.2, 0.1, ("pollution des eaux",)),
    "grandes cultures": (4.0, -1.8, 1.1, 1.2, ("produits phytosanitaires", "pollution des eaux", "zones humides")),
    "viticulture": (2.0, -1.4, 0.3, 1.8, ("produits phytosanitaires",)),
    "maraîchage": (1.0, -1.6, 0.8, 1.3, ("produits phytosanitaires", "prélèvements d'eau")),
    "industrie agroalimentaire": (1.0, -1.5, 0.6, 0.1, ("pollution des eaux",)),
    "station d'épuration": (1.2, -1.2, 0.9, 0.1, ("pollution des eaux",)),
    "carrière": (0.6, -1.7, 0.1, 0.0, ("pollution des eaux", "espèces protégées")),
    "pisciculture": (0.4, -1.5, 0.4, 0.1, ("prélèvements d'eau", "continuité écologique")),
    "travaux en cours d'eau": (1.5, -0.9, 0.1, 0.0, ("continuité écologique", "zones humides", "espèces protégées")),
    "irrigation agricole": (1.5, -1.4, 0.5, 0.6, ("prélèvements d'eau",)),
}
ORIGINES = {"plan de contrôle": 0.72, "signalement": 0.14, "suite à manquement": 0.08, "opération coordonnée": 0.06}
EFFET_ORIGINE = {"plan de contrôle": 0.0, "signalement": 1.0, "suite à manquement": 0.6, "opération coordonnée": 0.3}
# Hectares (farms), or equivalent size class for other sites, as a lognormal median.
SURFACE_MEDIANE_HA = {"élevage bovin": 80, "élevage porcin": 40, "élevage avicole": 15, "grandes cultures": 140,
                      "viticulture": 25, "maraîchage": 8, "irrigation agricole": 60}


def generate(rows: int, seed: int) -> pd.DataFrame:
    """`rows` controls with the site's context and NON_CONFORMITE (1: a breach was found), reproducible from `seed`."""
    rng = np.random.default_rng(seed)
    day = dates(rng, "2016-01-01", "2023-12-31", rows)
    year = day.dt.year.to_numpy()
    departement = draw(rng, {d: spec[0] for d, spec in DEPARTEMENTS.items()}, rows)
    activite = draw(rng, {a: spec[0] for a, spec in ACTIVITES.items()}, rows)
    diligence = rng.normal(0.0, 1.0, rows)  # hidden: how careful the operator is
    site = _sites(rng, activite)
    water = _water(rng, departement, activite, year, site["DISTANCE_COURS_EAU_M"])
    history = _history(rng, diligence)
    origine = draw(rng, ORIGINES, rows)
    prenom, nom = people(rng, rows)
    frame = pd.DataFrame({
        "NUMERO_CONTROLE": [f"OFB-{y}-{i:06d}" for y, i in zip(year, rng.choice(900_000, rows, replace=False) + 1)],
        "DATE_CONTROLE": day.astype("datetime64[ns]"),
        "DEPARTEMENT": departement,
        "EXPLOITANT": [f"{p} {n}" for p, n in zip(prenom, nom, strict=True)],
        "ACTIVITE": activite,
        "THEME_CONTROLE": [ACTIVITES[a][4][rng.integers(len(ACTIVITES[a][4]))] for a in activite],
        "ORIGINE_CONTROLE": origine,
        **site,
        **water,
        **history,
    })
    frame["NON_CONFORMITE"] = _breach(rng, frame, diligence, year)
    return _declared(rng, frame)


def _sites(rng: np.random.Generator, activite: np.ndarray) -> dict[str, np.ndarray]:
    n = len(activite)
    median = np.array([SURFACE_MEDIANE_HA.get(a, 5) for a in activite], dtype=float)
    return {
        "SURFACE_HA": np.round(median * rng.lognormal(0, 0.8, n), 1),
        "DISTANCE_COURS_EAU_M": np.round(rng.gamma(1.5, 220, n) * np.where(activite == "travaux en cours d'eau", 0.02, 1)),
        "ZONE_VULNERABLE_NITRATES": rng.random(n) < 0.55,
        "SITE_NATURA_2000": rng.random(n) < 0.18,
    }


def _water(
    rng: np.random.Generator, departement: np.ndarray, activite: np.ndarray, year: np.ndarray, distance: np.ndarray
) -> dict[str, np.ndarray]:
    """Last measures of the nearest station: département background, the site's own pressure, seasonal noise."""
    n = len(activite)
    background = np.array([DEPARTEMENTS[d][1] for d in departement])
    nitrate_pressure = np.array([ACTIVITES[a][2] for a in activite])
    near = np.exp(-distance / 600)  # a site's own pollution shows mostly in a nearby station
    nitrates = background * rng.lognormal(0, 0.35, n) + 18 * nitrate_pressure * near * rng.lognormal(0, 0.5, n)
    phosphates = 0.08 * rng.lognormal(0, 0.6, n) + 0.25 * nitrate_pressure * near * rng.lognormal(0, 0.7, n)
    pesticide_factor = np.array([DEPARTEMENTS[d][2] for d in departement]) * np.array([ACTIVITES[a][3] for a in activite])
    decline = 1.0 - 0.06 * (year - 2016)  # bans and Ecophyto plans: levels fall year after year
    pesticides = 0.05 * rng.lognormal(0, 0.7, n) + 0.35 * pesticide_factor * decline * near * rng.lognormal(0, 0.8, n)
    station = [f"0{d[0]}{rng.integers(100_000, 999_999)}" if d[0] != "0" else f"{d}{rng.integers(100_000, 999_999)}" for d in departement]
    return {
        "CdStationMesureEauxSurface": np.array(station),  # the Naïades / SANDRE station code, 8 characters
        "DISTANCE_STATION_KM": np.round(rng.gamma(2.0, 2.5, n), 1),
        "NITRATES_MG_L": np.round(nitrates, 1),
        "PHOSPHATES_MG_L": np.round(phosphates, 3),
        "PESTICIDES_UG_L": np.round(pesticides, 3),
    }


def _history(rng: np.random.Generator, diligence: np.ndarray) -> dict[str, np.ndarray]:
    """Controls of the last five years and the breaches they found, which follow the operator's diligence."""
    n = len(diligence)
    past = rng.poisson(2.2, n)
    breaches = rng.binomial(past, 1 / (1 + np.exp(1.0 + 1.6 * diligence)))
    years_since = np.where(past > 0, np.round(rng.uniform(0.3, 5.0, n), 1), np.nan)
    return {
        "NB_CONTROLES_5ANS": past.astype(np.int64),
        "NB_MANQUEMENTS_5ANS": breaches.astype(np.int64),
        "ANNEES_DEPUIS_DERNIER_CONTROLE": years_since,
    }


def _breach(rng: np.random.Generator, frame: pd.DataFrame, diligence: np.ndarray, year: np.ndarray) -> np.ndarray:
    """Non-compliance found: 1, else 0. Targeting improves over the years (drift of the base rate)."""
    logit = frame["ACTIVITE"].map({a: spec[1] for a, spec in ACTIVITES.items()}).to_numpy()
    logit = logit - 0.5 - 1.4 * diligence + 0.06 * (year - 2016)
    logit += 1.3 * frame["ORIGINE_CONTROLE"].map(EFFET_ORIGINE).to_numpy()
    logit += 1.3 * np.tanh(np.log(frame["NITRATES_MG_L"].to_numpy() / 30)) * frame["ZONE_VULNERABLE_NITRATES"].to_numpy()
    logit += 0.9 * np.tanh(np.log(frame["PESTICIDES_UG_L"].to_numpy() / 0.3) + 0.5)
    logit += 0.5 * np.tanh(np.log(frame["PHOSPHATES_MG_L"].to_numpy() / 0.2))
    logit += 0.7 * (frame["DISTANCE_COURS_EAU_M"].to_numpy() < 35)  # buffer strips (bandes enherbées) ignored
    logit += 0.2 * np.log1p(frame["SURFACE_HA"].to_numpy()) / 3
    return (rng.random(len(frame)) < 1 / (1 + np.exp(-logit))).astype(np.int64)


def _declared(rng: np.random.Generator, frame: pd.DataFrame) -> pd.DataFrame:
    """No station within reach (no water measures), surfaces not filled in, and a few keying slips."""
    no_station = rng.random(len(frame)) < 0.15
    for column in ("NITRATES_MG_L", "PHOSPHATES_MG_L", "PESTICIDES_UG_L"):
        frame[column] = frame[column].mask(no_station | (rng.random(len(frame)) < 0.05))
    frame["DISTANCE_STATION_KM"] = frame["DISTANCE_STATION_KM"].mask(no_station)
    frame["CdStationMesureEauxSurface"] = frame["CdStationMesureEauxSurface"].mask(no_station)
    frame["SURFACE_HA"] = with_missing(rng, frame["SURFACE_HA"], 0.12)
    return frame
