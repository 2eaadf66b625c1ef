"""Synthetic craft businesses (entreprises artisanales) created in Nouvelle-Aquitaine, with the territorial data of
where they set up, as the CMA's real territorial source gives it.

One row per business created between 2012 and 2020 (répertoire des métiers / SIRENE: SIRET, NAF code, creation date,
commune) and the data of its place: the INSEE Filosofi 200 m cell it falls in (`IDCAR_200M`: individuals, households,
mean standard of living, share of poor households), its IRIS (type, unemployment rate), its commune (INSEE density
grid, median price per m² of the DVF sales), and two indices computed around the address: competitors of the same
NAF code within 500 m against what the population there would keep alive (SIRENE), and everyday equipment within
500 m (base permanente des équipements, gamme de proximité). The label: still active three years later.

What the founder declared (legal form, apport, experience, CMA course) is not in that source: it stays hidden here,
a part of survival no location feature can explain, as a commune's own unobserved climate does. Survival follows the
place through non-linear effects (competition beyond saturation, a density sweet spot for shops, sector × density
grid, income, prices per m² for shops that rent); the founder's sex and age band never enter it, only through the
sector mix, as in reality.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from projects._shared.synthetic import dates, draw

# Share of craft creations by département, roughly their population (Gironde dominates).
DEPARTEMENTS = {
    "33": 1.65, "64": 0.69, "17": 0.66, "86": 0.44, "40": 0.42, "24": 0.41,
    "87": 0.37, "79": 0.37, "16": 0.35, "47": 0.33, "19": 0.24, "23": 0.12,
}
# Share of communes of each level of INSEE's density grid (1 dense … 4 très peu dense), by département.
GRILLE_PAR_DEPARTEMENT = {
    "33": (0.12, 0.30, 0.40, 0.18), "64": (0.08, 0.25, 0.42, 0.25), "17": (0.05, 0.22, 0.45, 0.28),
    "86": (0.05, 0.18, 0.42, 0.35), "40": (0.03, 0.15, 0.42, 0.40), "24": (0.02, 0.12, 0.41, 0.45),
    "87": (0.06, 0.18, 0.40, 0.36), "79": (0.03, 0.17, 0.45, 0.35), "16": (0.04, 0.17, 0.42, 0.37),
    "47": (0.03, 0.15, 0.42, 0.40), "19": (0.03, 0.14, 0.40, 0.43), "23": (0.01, 0.08, 0.36, 0.55),
}
CHOMAGE_DEPARTEMENT = {
    "33": 7.6, "64": 7.0, "17": 8.9, "86": 7.4, "40": 7.5, "24": 8.8,
    "87": 8.3, "79": 6.4, "16": 8.7, "47": 8.9, "19": 6.9, "23": 8.4,
}
GRILLE = (1, 2, 3, 4)
# By density-grid level: (inhabitants of a populated 200 m cell, median, commune price per m² (€), IRIS of a commune,
#                         share of the commune's weight in creations)
NIVEAUX = {1: (260.0, 3_400, 24, 12.0), 2: (90.0, 2_200, 6, 3.0), 3: (25.0, 1_500, 1, 1.0), 4: (8.0, 1_050, 1, 0.35)}
# activité: (secteur, weight among creations, share of women founders, competitors per 1,000 inhabitants,
#            intrinsic effect on the log-odds of survival, NAF rév. 2 code of the trade)
ACTIVITES = {
    "boulangerie-pâtisserie": ("alimentation", 2.5, 0.20, 0.9, 0.45, "10.71C"),
    "boucherie-charcuterie": ("alimentation", 1.2, 0.12, 0.5, 0.35, "47.22Z"),
    "traiteur": ("alimentation", 1.5, 0.45, 0.6, -0.20, "56.21Z"),
    "chocolaterie-confiserie": ("alimentation", 0.5, 0.40, 0.2, 0.10, "10.82Z"),
    "maçonnerie": ("bâtiment", 4.0, 0.03, 1.4, 0.05, "43.99C"),
    "plomberie-chauffage": ("bâtiment", 3.0, 0.03, 1.0, 0.30, "43.22A"),
    "électricité": ("bâtiment", 3.0, 0.04, 1.1, 0.25, "43.21A"),
    "menuiserie": ("bâtiment", 2.5, 0.05, 0.9, 0.20, "43.32A"),
    "peinture-décoration": ("bâtiment", 3.0, 0.12, 1.2, -0.15, "43.34Z"),
    "couverture-zinguerie": ("bâtiment", 1.2, 0.02, 0.5, 0.30, "43.91B"),
    "ébénisterie": ("fabrication", 0.6, 0.15, 0.2, 0.00, "31.09B"),
    "bijouterie-joaillerie": ("fabrication", 0.5, 0.55, 0.2, -0.10, "32.12Z"),
    "céramique-poterie": ("fabrication", 0.5, 0.65, 0.1, -0.30, "23.41Z"),
    "imprimerie-sérigraphie": ("fabrication", 0.6, 0.30, 0.2, -0.10, "18.12Z"),
    "couture-retouche": ("fabrication", 1.0, 0.85, 0.4, -0.35, "95.29Z"),
    "coiffure": ("services", 4.0, 0.75, 2.0, 0.10, "96.02A"),
    "esthétique": ("services", 3.5, 0.95, 1.5, -0.25, "96.02B"),
    "taxi": ("services", 1.5, 0.10, 0.6, 0.05, "49.32Z"),
    "réparation automobile": ("services", 2.0, 0.05, 0.8, 0.20, "45.20A"),
    "nettoyage": ("services", 2.0, 0.45, 0.7, -0.45, "81.21Z"),
    "fleuriste": ("services", 1.0, 0.75, 0.4, 0.00, "47.76Z"),
    "toilettage": ("services", 0.6, 0.85, 0.2, -0.05, "96.09Z"),
    "cordonnerie-serrurerie": ("services", 0.4, 0.15, 0.2, 0.15, "95.23Z"),
}
# Secteur × density grid effect on survival: building trades do best around towns, shops and services in towns.
SECTEUR_GRILLE = {
    "alimentation": {1: 0.15, 2: 0.35, 3: 0.05, 4: -0.45},
    "bâtiment": {1: -0.35, 2: 0.30, 3: 0.30, 4: 0.15},
    "fabrication": {1: 0.20, 2: 0.05, 3: -0.05, 4: -0.20},
    "services": {1: 0.30, 2: 0.10, 3: -0.15, 4: -0.50},
}
TRANCHES_AGE = {"<30": 0.30, "30-39": 0.31, "40-49": 0.23, "50+": 0.16}



def generate(rows: int, seed: int) -> pd.DataFrame:
    """`rows` craft businesses with their place's territorial data and SURVIE_3_ANS, reproducible from `seed`."""
    rng = np.random.default_rng(seed)
    creation = dates(rng, "2012-01-01", "2020-12-31", rows)
    activite = draw(rng, {name: spec[1] for name, spec in ACTIVITES.items()}, rows)
    communes = _communes(rng, max(30, rows // 12))
    weight = communes["poids"] / communes["poids"].sum()
    commune = communes.iloc[rng.choice(len(communes), rows, p=weight)].reset_index(drop=True)
    place = _places(rng, commune, activite)
    founder = _founders(rng, activite)
    frame = pd.DataFrame({
        "SIRET": _sirets(rng, rows),
        "DATE_CREATION": creation.astype("datetime64[ns]"),
        "CODE_APE": np.array([ACTIVITES[a][5] for a in activite]),
        "SECTEUR": np.array([ACTIVITES[a][0] for a in activite]),
        "ACTIVITE": activite,
        "DEPARTEMENT": commune["departement"].to_numpy(),
        "CODE_COMMUNE": commune["code"].to_numpy(),
        "GRILLE_DENSITE": commune["grille"].to_numpy().astype(np.int64),
        **place,
        "PRIX_M2_MEDIAN_EUR": commune["prix"].to_numpy(),
        "SEXE_DIRIGEANT": founder["sexe"],
        "TRANCHE_AGE_DIRIGEANT": founder["tranche"],
    })
    hidden = commune["climat"].to_numpy() + _founder_effect(rng, creation.dt.year.to_numpy())
    frame["SURVIE_3_ANS"] = _survival(rng, frame, hidden)
    return _declared(rng, frame)


def _communes(rng: np.random.Generator, n: int) -> pd.DataFrame:
    """Communes with their département, density-grid level, price per m², unemployment and an unobserved local
    climate (the commune's economy beyond what the source measures)."""
    departement = draw(rng, DEPARTEMENTS, n)
    grille = np.array([rng.choice(GRILLE, p=GRILLE_PAR_DEPARTEMENT[d]) for d in departement])
    number = {d: iter(rng.permutation(np.arange(1, 700))) for d in DEPARTEMENTS}
    prix = np.array([NIVEAUX[g][1] for g in grille]) * rng.lognormal(0, 0.3, n)
    prix = prix * np.where(departement == "33", 1.25, 1.0) * np.where(np.isin(departement, ["23", "19"]), 0.7, 1.0)
    return pd.DataFrame({
        "departement": departement,
        "code": [f"{d}{next(number[d]):03d}" for d in departement],
        "grille": grille,
        "prix": np.round(prix, -1),
        "chomage": np.array([CHOMAGE_DEPARTEMENT[d] for d in departement]) + np.where(grille == 1, 1.8, 0) + rng.normal(0, 1.2, n),
        "iris": np.array([max(1, int(NIVEAUX[g][2] * rng.lognormal(0, 0.4))) if g <= 2 else 1 for g in grille]),
        "poids": np.array([NIVEAUX[g][3] for g in grille]) * rng.lognormal(0, 0.5, n),
        "climat": rng.normal(0, 0.3, n),
    })


def _places(rng: np.random.Generator, commune: pd.DataFrame, activite: np.ndarray) -> dict[str, np.ndarray]:
    """The IRIS and the Filosofi 200 m cell of each address, and the two indices computed around it."""
    n = len(commune)
    grille = commune["grille"].to_numpy()
    iris_number = np.array([rng.integers(1, k + 1) for k in commune["iris"]])
    irised = commune["iris"].to_numpy() > 1
    code_iris = [f"{c}{(i if m else 0):04d}" for c, i, m in zip(commune["code"], iris_number, irised, strict=True)]
    type_iris = np.where(~irised, "Z", rng.choice(["H", "A", "D"], n, p=[0.78, 0.17, 0.05]))
    individus = np.maximum(1, np.round(np.array([NIVEAUX[g][0] for g in grille]) * rng.lognormal(0, 0.8, n)))
    individus = np.where(type_iris == "A", np.maximum(1, np.round(individus * 0.3)), individus)  # activity zones
    menages = np.maximum(1, np.round(individus / rng.uniform(1.8, 2.5, n)))
    niveau_vie = 22_500 + np.select([grille == 2, grille == 4], [1_200, -1_800], 0.0) + rng.normal(0, 3_500, n)
    pauvres = np.clip(0.30 - (niveau_vie - 15_000) / 40_000 + rng.normal(0, 0.05, n), 0, 0.9)
    rate = np.array([ACTIVITES[a][3] for a in activite])
    around = individus * 20 * rng.lognormal(0, 0.3, n)  # inhabitants within 500 m: about 20 cells
    expected = rate * around / 1000
    concurrents = rng.poisson(expected * rng.lognormal(0, 0.6, n) + 0.1)
    equipements = rng.poisson(np.exp(0.4 + 0.5 * np.log1p(around / 100)) * np.where(type_iris == "A", 1.5, 1.0))
    north, east = 2_200_000 + 200 * rng.integers(0, 2_250, n), 3_350_000 + 200 * rng.integers(0, 2_250, n)
    return {
        "CODE_IRIS": np.array(code_iris),
        "TYPE_IRIS": type_iris,
        "IDCAR_200M": np.array([f"CRS3035RES200mN{y}E{x}" for y, x in zip(north, east, strict=True)]),
        "IND": individus.astype(np.int64),
        "MEN": menages.astype(np.int64),
        "NIVEAU_VIE_MOYEN_EUR": np.round(np.maximum(niveau_vie, 9_000), -1),
        "PART_MENAGES_PAUVRES": np.round(pauvres, 3),
        "TAUX_CHOMAGE_IRIS": np.round(np.clip(commune["chomage"].to_numpy() + rng.normal(0, 1.5, n), 2.5, 30.0), 1),
        "INDICE_CONCURRENCE": np.round(concurrents / np.maximum(expected, 0.2), 2),
        "NB_EQUIPEMENTS_500M": equipements.astype(np.int64),
    }


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


def _founders(rng: np.random.Generator, activite: np.ndarray) -> dict[str, np.ndarray]:
    """Sex (sector-dependent shares, as in the répertoire des métiers), and age band of each founder."""
    n = len(activite)
    share_f = np.array([ACTIVITES[a][2] for a in activite])
    sexe = np.where(rng.random(n) < share_f, "F", "M")
    tranche = draw(rng, TRANCHES_AGE, n)
    return {"sexe": sexe, "tranche": tranche}


def _founder_effect(rng: np.random.Generator, year: np.ndarray) -> np.ndarray:
    """What the founder brings and the source does not hold (legal form, apport, experience, the CMA's course): a
    large share of survival no location explains. Micro-entreprises, which survive less, grow with the years."""
    micro = rng.random(len(year)) < 0.45 + 0.25 * (year - 2012) / 8
    return np.where(micro, -0.55, 0.25) + rng.normal(0, 0.6, len(year))


def _survival(rng: np.random.Generator, frame: pd.DataFrame, hidden: np.ndarray) -> np.ndarray:
    """Still active three years on: 1, else 0: the trade, the place and what the source does not see."""
    logit = 1.05 + frame["ACTIVITE"].map({a: spec[4] for a, spec in ACTIVITES.items()}).to_numpy()
    logit += np.array([SECTEUR_GRILLE[s][g] for s, g in zip(frame["SECTEUR"], frame["GRILLE_DENSITE"], strict=True)])
    logit += _local_market(frame) + hidden
    return (rng.random(len(frame)) < 1 / (1 + np.exp(-logit))).astype(np.int64)


def _local_market(frame: pd.DataFrame) -> np.ndarray:
    """Log-odds from the place: competition beyond saturation, a density sweet spot for shops, income and poverty,
    equipment that brings passers-by, rents (price per m²) that weigh on shops."""
    walk_in = frame["SECTEUR"].isin(["alimentation", "services"]).to_numpy()  # shops live on passing trade
    effect = -1.3 * np.log1p(np.maximum(frame["INDICE_CONCURRENCE"].to_numpy() - 1.0, 0.0))
    effect -= np.where(walk_in, 0.12, 0.03) * (np.log(frame["IND"].to_numpy() * 25) - 7.8) ** 2
    effect += 0.6 * np.tanh((frame["NIVEAU_VIE_MOYEN_EUR"].to_numpy() - 21_000) / 5_000)
    effect -= 1.0 * (frame["PART_MENAGES_PAUVRES"].to_numpy() - 0.15)
    effect -= 0.06 * (frame["TAUX_CHOMAGE_IRIS"].to_numpy() - 8.0)
    effect += np.where(walk_in, 0.45, 0.1) * np.tanh(frame["NB_EQUIPEMENTS_500M"].to_numpy() / 15)
    effect -= np.where(walk_in, 0.35, 0.0) * np.tanh((frame["PRIX_M2_MEDIAN_EUR"].to_numpy() - 2_500) / 1_500)
    return effect


def _declared(rng: np.random.Generator, frame: pd.DataFrame) -> pd.DataFrame:
    """The blanks of the real files: Filosofi withholds standard of living and poverty in cells of fewer than 11
    households (secret statistique); DVF has no price where a commune sold too few premises."""
    secret = frame["MEN"].to_numpy() < 11
    for column in ("NIVEAU_VIE_MOYEN_EUR", "PART_MENAGES_PAUVRES"):
        frame[column] = frame[column].mask(secret | (rng.random(len(frame)) < 0.02))
    frame["PRIX_M2_MEDIAN_EUR"] = frame["PRIX_M2_MEDIAN_EUR"].mask(
        (frame["GRILLE_DENSITE"].to_numpy() == 4) & (rng.random(len(frame)) < 0.3)
    )
    return frame
