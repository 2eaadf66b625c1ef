"""Synthetic craft businesses (entreprises artisanales) created in Nouvelle-Aquitaine, with the data of their 1 km cell.

One row per business created between 2012 and 2020 (répertoire des métiers, SIRET), what the founder declared at
registration (forme juridique, effectif, apport, expérience, stage de la CMA), the gridded local data of the
business's 1 km cell (INSEE Filosofi carroyé, base permanente des équipements, SIRENE for competitors) and whether
the business was still active three years later. Survival follows the features through non-linear effects
(saturation of competition, a density sweet spot for shops, sector × zone) plus noise; the founder's sex and age
band never enter it directly, only through the sector mix and experience, as in reality.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from projects._shared.synthetic import dates, draw, with_missing

# Share of craft creations by département, roughly their population (Gironde dominates).
DEPARTEMENTS = {
    "33": 1.65, "64": 0.69, "17": 0.66, "86": 0.44, "40": 0.42, "24": 0.41,
    "87": 0.37, "79": 0.37, "16": 0.35, "47": 0.33, "19": 0.24, "23": 0.12,
}
# Share of urbain / périurbain / rural cells where businesses set up, by département.
ZONES_PAR_DEPARTEMENT = {
    "33": (0.50, 0.35, 0.15), "64": (0.40, 0.35, 0.25), "17": (0.30, 0.35, 0.35), "86": (0.30, 0.30, 0.40),
    "40": (0.20, 0.35, 0.45), "24": (0.15, 0.30, 0.55), "87": (0.40, 0.30, 0.30), "79": (0.20, 0.35, 0.45),
    "16": (0.25, 0.30, 0.45), "47": (0.20, 0.30, 0.50), "19": (0.20, 0.30, 0.50), "23": (0.10, 0.25, 0.65),
}
# Département unemployment rate (%), before the cell's own deviation.
CHOMAGE_DEPARTEMENT = {
    "33": 7.6, "64": 7.0, "17": 8.9, "86": 7.4, "40": 7.5, "24": 8.8,
    "87": 8.3, "79": 6.4, "16": 8.7, "47": 8.9, "19": 6.9, "23": 8.4,
}
ZONES = ("urbain", "périurbain", "rural")

# activité: (secteur, weight among creations, share of women founders, competitors per 1,000 inhabitants,
#            intrinsic effect on the log-odds of survival)
ACTIVITES = {
    "boulangerie-pâtisserie": ("alimentation", 2.5, 0.20, 0.9, 0.45),
    "boucherie-charcuterie": ("alimentation", 1.2, 0.12, 0.5, 0.35),
    "traiteur": ("alimentation", 1.5, 0.45, 0.6, -0.20),
    "chocolaterie-confiserie": ("alimentation", 0.5, 0.40, 0.2, 0.10),
    "maçonnerie": ("bâtiment", 4.0, 0.03, 1.4, 0.05),
    "plomberie-chauffage": ("bâtiment", 3.0, 0.03, 1.0, 0.30),
    "électricité": ("bâtiment", 3.0, 0.04, 1.1, 0.25),
    "menuiserie": ("bâtiment", 2.5, 0.05, 0.9, 0.20),
    "peinture-décoration": ("bâtiment", 3.0, 0.12, 1.2, -0.15),
    "couverture-zinguerie": ("bâtiment", 1.2, 0.02, 0.5, 0.30),
    "ébénisterie": ("fabrication", 0.6, 0.15, 0.2, 0.00),
    "bijouterie-joaillerie": ("fabrication", 0.5, 0.55, 0.2, -0.10),
    "céramique-poterie": ("fabrication", 0.5, 0.65, 0.1, -0.30),
    "imprimerie-sérigraphie": ("fabrication", 0.6, 0.30, 0.2, -0.10),
    "couture-retouche": ("fabrication", 1.0, 0.85, 0.4, -0.35),
    "coiffure": ("services", 4.0, 0.75, 2.0, 0.10),
    "esthétique": ("services", 3.5, 0.95, 1.5, -0.25),
    "taxi": ("services", 1.5, 0.10, 0.6, 0.05),
    "réparation automobile": ("services", 2.0, 0.05, 0.8, 0.20),
    "nettoyage": ("services", 2.0, 0.45, 0.7, -0.45),
    "fleuriste": ("services", 1.0, 0.75, 0.4, 0.00),
    "toilettage": ("services", 0.6, 0.85, 0.2, -0.05),
    "cordonnerie-serrurerie": ("services", 0.4, 0.15, 0.2, 0.15),
}
# Secteur × zone effect on survival: building trades do best around towns, shops and services in towns.
SECTEUR_ZONE = {
    "alimentation": {"urbain": 0.15, "périurbain": 0.35, "rural": -0.35},
    "bâtiment": {"urbain": -0.30, "périurbain": 0.30, "rural": 0.25},
    "fabrication": {"urbain": 0.20, "périurbain": 0.00, "rural": -0.15},
    "services": {"urbain": 0.25, "périurbain": 0.05, "rural": -0.40},
}
FORMES = ("micro-entreprise", "EI", "EURL", "SARL", "SAS")
EFFET_FORME = {"micro-entreprise": -0.70, "EI": -0.05, "EURL": 0.30, "SARL": 0.50, "SAS": 0.40}
# Median personal contribution (€) by legal form; multiplied for trades that buy a fonds de commerce.
APPORT_MEDIAN = {"micro-entreprise": 1_500, "EI": 6_000, "EURL": 12_000, "SARL": 20_000, "SAS": 18_000}
TRANCHES_AGE = {"<30": 0.30, "30-39": 0.31, "40-49": 0.23, "50+": 0.16}
AGE_BORNES = {"<30": (19, 30), "30-39": (30, 40), "40-49": (40, 50), "50+": (50, 66)}


def generate(rows: int, seed: int) -> pd.DataFrame:
    """`rows` craft businesses with their cell's local data and SURVIE_3_ANS, reproducible from `seed`."""
    rng = np.random.default_rng(seed)
    creation = dates(rng, "2012-01-01", "2020-12-31", rows)
    activite = draw(rng, {name: spec[1] for name, spec in ACTIVITES.items()}, rows)
    secteur = np.array([ACTIVITES[a][0] for a in activite])
    departement = draw(rng, DEPARTEMENTS, rows)
    zone = _zones(rng, departement)
    founder = _founders(rng, activite)
    business = _businesses(rng, activite, creation.dt.year.to_numpy(), founder["age"])
    cell = _cells(rng, departement, zone, activite)
    frame = pd.DataFrame({
        "SIRET": _sirets(rng, rows),
        "DATE_CREATION": creation.astype("datetime64[ns]"),
        "DEPARTEMENT": departement,
        "TYPE_ZONE": zone,
        "SECTEUR": secteur,
        "ACTIVITE": activite,
        **business,
        **cell,
        "SEXE_DIRIGEANT": founder["sexe"],
        "TRANCHE_AGE_DIRIGEANT": founder["tranche"],
    })
    frame["SURVIE_3_ANS"] = _survival(rng, frame, business["EXPERIENCE_SECTEUR_ANS"], business["APPORT_PERSONNEL_EUR"])
    return _declared(rng, frame)


def _sirets(rng: np.random.Generator, n: int) -> np.ndarray:
    """Unique SIRET numbers: a Luhn-valid SIREN and a first establishment NIC `0001x`, Luhn-valid as a whole."""
    base = rng.choice(9 * 10**7, n, replace=False) + 10**7  # 8-digit SIREN bodies, no duplicates
    body = np.array([list(f"{b:08d}") for b in base], dtype=np.int64).reshape(n, 8)
    siren = np.column_stack([body, _luhn_digit(body)])
    nic = np.tile(np.array([0, 0, 0, 1]), (n, 1))
    siret = np.column_stack([siren, nic, _luhn_digit(np.column_stack([siren, nic]))])
    return np.array(["".join(map(str, row)) for row in siret])


def _luhn_digit(digits: np.ndarray) -> np.ndarray:
    """The check digit to append to each row of `digits` so that the whole number passes the Luhn test."""
    width = digits.shape[1]
    doubled = (width - np.arange(width)) % 2 == 1  # every second digit from the right, once the check is appended
    values = np.where(doubled, digits * 2, digits)
    values = np.where(values > 9, values - 9, values)
    return (10 - values.sum(axis=1) % 10) % 10


def _zones(rng: np.random.Generator, departement: np.ndarray) -> np.ndarray:
    """The type of cell each business sets up in, drawn with its département's urban / rural mix."""
    probs = np.array([ZONES_PAR_DEPARTEMENT[d] for d in departement])
    cumulative = probs.cumsum(axis=1)
    index = (rng.random(len(departement))[:, None] > cumulative).sum(axis=1)
    return np.array(ZONES)[np.minimum(index, 2)]


def _founders(rng: np.random.Generator, activite: np.ndarray) -> dict[str, np.ndarray]:
    """Sex (sector-dependent shares, as in the répertoire des métiers), age band and age of each founder."""
    n = len(activite)
    share_f = np.array([ACTIVITES[a][2] for a in activite])
    sexe = np.where(rng.random(n) < share_f, "F", "M")
    tranche = draw(rng, TRANCHES_AGE, n)
    low = np.array([AGE_BORNES[t][0] for t in tranche])
    high = np.array([AGE_BORNES[t][1] for t in tranche])
    return {"sexe": sexe, "tranche": tranche, "age": rng.integers(low, high)}


def _businesses(
    rng: np.random.Generator, activite: np.ndarray, year: np.ndarray, age: np.ndarray
) -> dict[str, np.ndarray | pd.Series]:
    """What the founder declares at registration. Micro-entreprises take a rising share of creations (drift)."""
    n = len(activite)
    forme = _formes(rng, year)
    micro = forme == "micro-entreprise"
    fonds = np.isin(activite, ["boulangerie-pâtisserie", "boucherie-charcuterie", "chocolaterie-confiserie"])
    staff_mean = np.where(micro, 0.03, np.where(fonds, 1.8, 0.6))
    effectif = rng.poisson(staff_mean) + (rng.random(n) < 0.004) * rng.integers(4, 10, n)  # a few take-overs
    effectif = np.minimum(effectif, 10)  # a craft business has fewer than 11 employees at registration
    median = np.array([APPORT_MEDIAN[f] for f in forme]) * np.where(fonds, 3.0, 1.0)
    apport = np.round(median * rng.lognormal(0.0, 0.9, n), -2)
    apport = np.where(rng.random(n) < 0.06, 0.0, apport)
    apport = np.where(rng.random(n) < 0.005, apport * 100, apport)  # extra zeros typed on the form
    apport = np.minimum(apport, 9_999_900.0)  # the form field takes seven digits
    experience = np.minimum(np.round(rng.gamma(1.6, 4.5, n)), age - 16).astype(float)
    accompagnement = rng.random(n) < np.where(micro, 0.18, 0.38)
    return {
        "FORME_JURIDIQUE": forme,
        "EFFECTIF_INITIAL": effectif.astype(np.int64),
        "ACCOMPAGNEMENT_CMA": accompagnement,
        "EXPERIENCE_SECTEUR_ANS": experience,
        "APPORT_PERSONNEL_EUR": apport,
    }


def _formes(rng: np.random.Generator, year: np.ndarray) -> np.ndarray:
    """Legal forms by creation year: micro-entreprise from 45 % (2012) to 70 % (2020), SAS gaining on SARL."""
    t = (year - 2012) / 8.0
    micro = 0.45 + 0.25 * t
    rest = 1.0 - micro
    weights = np.column_stack([
        micro, rest * 0.30, rest * 0.22, rest * (0.33 - 0.18 * t), rest * (0.15 + 0.18 * t),
    ])
    cumulative = weights.cumsum(axis=1)
    index = (rng.random(len(year))[:, None] > cumulative).sum(axis=1)
    return np.array(FORMES)[np.minimum(index, len(FORMES) - 1)]


def _cells(
    rng: np.random.Generator, departement: np.ndarray, zone: np.ndarray, activite: np.ndarray
) -> dict[str, np.ndarray]:
    """Gridded data of the business's 1 km cell (Filosofi, BPE, SIRENE): density drives the other counts."""
    n = len(zone)
    log_median = np.select([zone == "urbain", zone == "périurbain"], [np.log(2500), np.log(280)], np.log(28))
    densite = np.round(np.minimum(np.exp(log_median + rng.normal(0, 0.75, n)), 25_000.0), 1)  # central Bordeaux
    rate = np.array([ACTIVITES[a][3] for a in activite])
    concurrents = rng.poisson(rate * densite / 1000 * rng.lognormal(0, 0.5, n) + 0.15)
    equipements = rng.poisson(np.exp(0.6 + 0.55 * np.log1p(densite)) * rng.lognormal(0, 0.3, n))
    revenu = 21_500 + np.select([zone == "périurbain", zone == "rural"], [1_800, -1_500], 0.0)
    revenu = revenu + np.where(departement == "33", 1_500, 0) - np.where(departement == "23", 2_000, 0)
    revenu = np.round(revenu + rng.normal(0, 2_800, n), -1)
    chomage = np.array([CHOMAGE_DEPARTEMENT[d] for d in departement])
    chomage = chomage + np.select([zone == "urbain", zone == "rural"], [1.8, -0.8], 0.0) + rng.normal(0, 2.0, n)
    return {
        "DENSITE_POPULATION": densite,
        "REVENU_MEDIAN_EUR": revenu,
        "NB_CONCURRENTS_1KM": concurrents.astype(np.int64),
        "TAUX_CHOMAGE": np.round(np.clip(chomage, 2.5, 25.0), 1),
        "NB_EQUIPEMENTS": equipements.astype(np.int64),
    }


def _survival(rng: np.random.Generator, frame: pd.DataFrame, experience: np.ndarray, apport: np.ndarray) -> np.ndarray:
    """Still active three years on: 1, else 0. Uses the true experience and apport, before the form leaves blanks."""
    logit = 0.45 + frame["FORME_JURIDIQUE"].map(EFFET_FORME).to_numpy()
    logit += frame["ACTIVITE"].map({a: spec[4] for a, spec in ACTIVITES.items()}).to_numpy()
    logit += np.array([SECTEUR_ZONE[s][z] for s, z in zip(frame["SECTEUR"], frame["TYPE_ZONE"], strict=True)])
    logit += 0.70 * frame["ACCOMPAGNEMENT_CMA"].to_numpy()
    logit += 0.55 * np.log1p(experience) - 0.65  # concave: the first years of trade count most
    logit += 0.30 * np.tanh(np.log1p(np.minimum(apport, 200_000)) / 3 - 2.6)  # saturates: money helps up to a point
    logit += 0.25 * np.minimum(frame["EFFECTIF_INITIAL"].to_numpy(), 4)
    logit += _local_market(frame)
    return (rng.random(len(frame)) < 1 / (1 + np.exp(-logit))).astype(np.int64)


def _local_market(frame: pd.DataFrame) -> np.ndarray:
    """Log-odds from the cell: competition beyond what the population can absorb, a density sweet spot, income."""
    densite = frame["DENSITE_POPULATION"].to_numpy()
    rate = frame["ACTIVITE"].map({a: spec[3] for a, spec in ACTIVITES.items()}).to_numpy()
    capacity = 1.0 + 1.5 * rate * densite / 1000  # competitors the cell's customers can keep alive
    saturation = frame["NB_CONCURRENTS_1KM"].to_numpy() / capacity
    effect = -1.1 * np.log1p(np.maximum(saturation - 1.0, 0.0))
    walk_in = frame["SECTEUR"].isin(["alimentation", "services"]).to_numpy()  # shops live on passing trade
    effect -= np.where(walk_in, 0.06, 0.015) * (np.log(densite + 1) - 6.8) ** 2
    effect += 0.6 * np.tanh((frame["REVENU_MEDIAN_EUR"].to_numpy() - 21_000) / 4_000)
    effect -= 0.05 * (frame["TAUX_CHOMAGE"].to_numpy() - 8.0)
    effect += 0.25 * np.tanh(frame["NB_EQUIPEMENTS"].to_numpy() / 40)
    return effect


def _declared(rng: np.random.Generator, frame: pd.DataFrame) -> pd.DataFrame:
    """The blanks of the real files: optional form fields, and incomes withheld where a cell has few households."""
    micro = (frame["FORME_JURIDIQUE"] == "micro-entreprise").to_numpy()
    frame["APPORT_PERSONNEL_EUR"] = with_missing(rng, frame["APPORT_PERSONNEL_EUR"], 0.25).mask(
        micro & (rng.random(len(frame)) < 0.2)
    )
    frame["EXPERIENCE_SECTEUR_ANS"] = with_missing(rng, frame["EXPERIENCE_SECTEUR_ANS"], 0.22)
    secret = (frame["DENSITE_POPULATION"] < 12) & (rng.random(len(frame)) < 0.7)  # secret statistique (Filosofi)
    frame["REVENU_MEDIAN_EUR"] = frame["REVENU_MEDIAN_EUR"].mask(secret | (rng.random(len(frame)) < 0.02))
    return frame
