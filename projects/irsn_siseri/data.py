"""Synthetic SISERI extract: one row per monitored worker and month, with injected dose anomalies.

SISERI (Système d'information de la surveillance de l'exposition aux rayonnements ionisants) gathers the monthly
Hp(10) (whole body) and Hp(0.07) (skin, extremities) doses of every monitored worker in France. Most monthly doses
are 0 because passive dosimeters round anything below the 0.05 mSv recording threshold to 0; positive doses are
log-normal, higher in interventional cardiology, industrial radiography and nuclear maintenance. Four kinds of
alerts are injected and labelled (TYPE_ANOMALIE, ANOMALIE): a one-month spike, a gradual drift, a worker far above
the peers of the same sector and job, and a 12-month cumulative dose approaching the regulatory limits.
"""

from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np
import pandas as pd

from projects._shared.synthetic import draw, people


class Metier(NamedTuple):
    """A job's exposure profile: share of category A, monthly chance of a recorded dose, its median, Hp(0.07)/Hp(10)."""

    poids: float
    part_cat_a: float
    p_dose: float
    mediane_msv: float
    ratio_extremites: float


SECTEURS: dict[str, tuple[float, dict[str, Metier]]] = {
    "médical": (0.55, {
        "manipulateur en électroradiologie médicale": Metier(0.32, 0.15, 0.15, 0.10, 1.3),
        "radiologue": Metier(0.12, 0.30, 0.20, 0.10, 2.5),
        "cardiologue interventionnel": Metier(0.08, 0.90, 0.60, 0.20, 8.0),
        "chirurgien": Metier(0.10, 0.30, 0.20, 0.08, 6.0),
        "médecin nucléaire": Metier(0.07, 0.60, 0.45, 0.12, 10.0),
        "infirmier de bloc opératoire": Metier(0.16, 0.10, 0.12, 0.07, 1.5),
        "chirurgien-dentiste": Metier(0.15, 0.00, 0.04, 0.06, 1.2),
    }),
    "nucléaire INB": (0.20, {
        "agent de maintenance INB": Metier(0.45, 0.85, 0.55, 0.15, 1.2),
        "décontamineur": Metier(0.15, 0.95, 0.65, 0.22, 1.5),
        "technicien en radioprotection": Metier(0.20, 0.70, 0.45, 0.10, 1.2),
        "robinetier": Metier(0.20, 0.90, 0.55, 0.18, 1.3),
    }),
    "industrie non nucléaire": (0.10, {
        "radiographe industriel": Metier(0.50, 0.80, 0.55, 0.20, 1.3),
        "technicien de contrôle non destructif": Metier(0.30, 0.50, 0.30, 0.10, 1.3),
        "opérateur de jauge industrielle": Metier(0.20, 0.10, 0.10, 0.06, 1.2),
    }),
    "recherche": (0.06, {
        "chercheur": Metier(0.50, 0.10, 0.08, 0.06, 2.0),
        "technicien de laboratoire": Metier(0.50, 0.15, 0.10, 0.07, 3.0),
    }),
    "vétérinaire": (0.05, {
        "vétérinaire": Metier(0.60, 0.05, 0.10, 0.07, 2.0),
        "auxiliaire spécialisé vétérinaire": Metier(0.40, 0.00, 0.08, 0.06, 1.8),
    }),
    "transport": (0.04, {
        "convoyeur de sources radioactives": Metier(0.60, 0.50, 0.40, 0.10, 1.1),
        "manutentionnaire de colis radioactifs": Metier(0.40, 0.20, 0.20, 0.07, 1.1),
    }),
}
METIERS = tuple(metier for _, jobs in SECTEURS.values() for metier in jobs)
TYPES_ANOMALIE = ("aucune", "pic", "derive", "ecart_pairs", "cumul")
TYPES_DOSIMETRE = ("passif", "opérationnel")
CATEGORIES = ("A", "B")

FIRST_MONTH = "2020-01-01"
RECORDING_THRESHOLD_MSV = 0.05
"""Passive dosimeters record anything below this as 0; operational (electronic) ones read to the µSv."""
ALERT_12M_MSV = {"A": (16.0, 400.0), "B": (6.0, 150.0)}
"""(Hp(10), Hp(0.07)) 12-month sums that raise a `cumul` alert: 80 % of the limits (20 and 500 mSv) for
category A; for category B, the 6 and 150 mSv that a category-B worker must not reach (they would be category A)."""
SHARE_ANOMALOUS_WORKERS = 0.05
"""Workers carrying one episode worth an expert's look over the period: a few in a hundred (IRSN's yearly reports
count a handful of limit overruns among ~400,000 monitored workers; incidents, drifts and outliers are rarer than
the routine zero months by orders of magnitude)."""
KIND_WEIGHTS = {"pic": 0.4, "derive": 0.25, "ecart_pairs": 0.2, "cumul": 0.15}
NOT_RETURNED = 0.03
"""Share of months whose dosimeter was not returned (no dose recorded)."""


def generate(rows: int, seed: int) -> pd.DataFrame:
    """`rows` worker-months (workers × months, the last worker cut short), seeded."""
    rng = np.random.default_rng(seed)
    # Up to 3 years of history; samples get more workers rather than more months, so that with anomalies as rare
    # as they are the held-out workers still hold a few dozen anomalous ones.
    months = int(np.clip(rows // 1000, 12, 36))
    workers = _workers(rng, math.ceil(rows / months))
    hp10, hp007 = _normal_doses(rng, workers, months)
    kinds = _inject(rng, workers, hp10, hp007)
    hp10, hp007 = _record(workers, hp10), _record(workers, hp007)
    hp10, hp007 = _not_returned(rng, hp10, hp007, kinds)
    _label_cumul(workers, hp10, hp007, kinds)
    return _frame(workers, hp10, hp007, kinds).iloc[:rows].reset_index(drop=True)


def _workers(rng: np.random.Generator, n: int) -> pd.DataFrame:
    """One row per worker: identity, employer, sector, job, category, dosimeter and personal exposure level."""
    secteur = draw(rng, {name: weight for name, (weight, _) in SECTEURS.items()}, n)
    metier = np.array([draw(rng, {job: m.poids for job, m in SECTEURS[s][1].items()}, 1)[0] for s in secteur])
    profile = pd.DataFrame([SECTEURS[s][1][j] for s, j in zip(secteur, metier)])
    prenom, nom = people(rng, n)
    nuclear = secteur == "nucléaire INB"
    return profile.assign(
        ID_TRAVAILLEUR=[f"SIS{number:09d}" for number in rng.choice(10**9, n, replace=False)],
        NOM=nom, PRENOM=prenom, SECTEUR=secteur, METIER=metier,
        EMPLOYEUR=_employers(rng, secteur),
        CATEGORIE=np.where(rng.random(n) < profile.part_cat_a, "A", "B"),
        # Electronic dosimeters are compulsory in the controlled zones of nuclear sites (INB).
        TYPE_DOSIMETRE=np.where(rng.random(n) < np.where(nuclear, 0.7, 0.1), "opérationnel", "passif"),
        niveau=profile.mediane_msv * rng.lognormal(0.0, 0.5, n),
        frequence=np.clip(profile.p_dose * rng.lognormal(0.0, 0.4, n), 0.01, 0.9),
        ratio=np.maximum(profile.ratio_extremites * rng.lognormal(0.0, 0.25, n), 1.0),
        arret=rng.integers(0, 12, n),  # first month of the yearly outage (arrêt de tranche) at nuclear sites
    )


def _employers(rng: np.random.Generator, secteur: np.ndarray) -> np.ndarray:
    """A SIRET per worker: each sector has a pool of establishments (about 8 workers each)."""
    out = np.empty(len(secteur), dtype=object)
    for name in np.unique(secteur):
        where = np.flatnonzero(secteur == name)
        pool = [_siret(rng) for _ in range(max(2, len(where) // 8))]
        out[where] = rng.choice(pool, len(where))
    return out


def _siret(rng: np.random.Generator) -> str:
    """14 digits whose Luhn checksum is valid, as real SIRET numbers are."""
    digits = list(rng.integers(0, 10, 13))
    total = sum(d if i % 2 else (2 * d if 2 * d < 10 else 2 * d - 9) for i, d in enumerate(digits))
    return "".join(map(str, digits)) + str((10 - total % 10) % 10)


def _normal_doses(rng: np.random.Generator, workers: pd.DataFrame, months: int) -> tuple[np.ndarray, np.ndarray]:
    """True monthly doses before recording (workers × months): zero-inflated and log-normal."""
    n = len(workers)
    chance, level = _seasons(workers, months)
    exposed = rng.random((n, months)) < np.clip(chance, 0.0, 0.95)
    hp10 = np.where(exposed, level * rng.lognormal(0.0, 0.7, (n, months)), 0.0)
    ratio = np.maximum(workers.ratio.to_numpy()[:, None] * rng.lognormal(0.0, 0.2, (n, months)), 0.9)
    # Hands in the beam, body behind the lead apron: extremity-only months for interventional jobs.
    hands_only = ~exposed & (rng.random((n, months)) < chance * 0.5) & (workers.ratio.to_numpy() >= 4)[:, None]
    hp007 = np.where(hands_only, level * ratio * rng.lognormal(0.0, 0.7, (n, months)), hp10 * ratio)
    return hp10, hp007


def _seasons(workers: pd.DataFrame, months: int) -> tuple[np.ndarray, np.ndarray]:
    """Monthly chance of a dose and median dose (workers × months): outages at nuclear sites, August elsewhere."""
    t = np.arange(months)
    nuclear = (workers.SECTEUR == "nucléaire INB").to_numpy()[:, None]
    outage = nuclear & ((t[None, :] - workers.arret.to_numpy()[:, None]) % 12 < 2)
    august = ~nuclear & ((t % 12) == 7)[None, :]
    chance = workers.frequence.to_numpy()[:, None] * np.where(outage, 1.6, 1.0) * np.where(august, 0.5, 1.0)
    trend = np.exp(-0.05 * t / 12)  # collective doses slowly go down year after year
    return chance, workers.niveau.to_numpy()[:, None] * trend * np.where(outage, 1.8, 1.0)


def _inject(rng: np.random.Generator, workers: pd.DataFrame, hp10: np.ndarray, hp007: np.ndarray) -> np.ndarray:
    """Alter the doses of a share of workers in place; the kind of anomaly of each worker-month."""
    kinds = np.full(hp10.shape, "aucune", dtype=object)
    chosen = rng.permutation(len(workers))[: max(2, round(SHARE_ANOMALOUS_WORKERS * len(workers)))]
    inject = {"pic": _spike, "derive": _drift, "ecart_pairs": _above_peers, "cumul": _cumulative}
    for worker, kind in zip(chosen, draw(rng, KIND_WEIGHTS, len(chosen))):
        inject[kind](rng, workers.iloc[worker], hp10[worker], hp007[worker], kinds[worker])
    return kinds


def _spike(rng: np.random.Generator, w: pd.Series, hp10: np.ndarray, hp007: np.ndarray, kinds: np.ndarray) -> None:
    """One or two months far above the worker's own history (an incident, a dosimeter left in the beam)."""
    months = rng.choice(np.arange(min(3, len(hp10) - 1), len(hp10)), rng.integers(1, 3), replace=False)
    for month in months:
        dose = rng.lognormal(np.log(1.0), 0.7) + 10 * w.niveau
        if w.ratio >= 4 and rng.random() < 0.4:  # an extremity incident: the hands only
            hp007[month] = dose * w.ratio * 3
        else:
            hp10[month], hp007[month] = dose, dose * w.ratio * rng.lognormal(0.0, 0.2)
        kinds[month] = "pic"


def _drift(rng: np.random.Generator, w: pd.Series, hp10: np.ndarray, hp007: np.ndarray, kinds: np.ndarray) -> None:
    """Doses that grow month after month (a degraded protection, a new practice), then are corrected."""
    length = min(_scaled(rng, 4, 9, len(hp10)), len(hp10) - 1)
    start = int(rng.integers(min(6, len(hp10) - length), len(hp10) - length + 1))
    growth = np.exp(np.linspace(np.log(rng.uniform(1.3, 2.0)), np.log(rng.uniform(4.0, 12.0)), length))
    dose = max(w.niveau, 0.08) * growth * rng.lognormal(0.0, 0.3, length)
    hp10[start : start + length], hp007[start : start + length] = dose, dose * w.ratio
    kinds[start : start + length] = "derive"


def _above_peers(
    rng: np.random.Generator, w: pd.Series, hp10: np.ndarray, hp007: np.ndarray, kinds: np.ndarray
) -> None:
    """A worker persistently far above the peers of the same sector and job, often from their first month."""
    months = len(hp10)
    start = 0 if rng.random() < 0.5 else int(rng.integers(0, max(1, months - 6)))
    length = min(months - start, _scaled(rng, 6, 19, months))
    dose = w.mediane_msv * rng.uniform(5.0, 10.0) * rng.lognormal(0.0, 0.4, length)
    hp10[start : start + length], hp007[start : start + length] = dose, dose * w.ratio
    kinds[start : start + length] = "ecart_pairs"


def _scaled(rng: np.random.Generator, low: int, high: int, months: int) -> int:
    """An episode length drawn in [low, high) for 4 years of data, shorter (3 months at least) on a shorter span."""
    return max(3, round(rng.integers(low, high) * min(1.0, months / 48)))


def _cumulative(
    rng: np.random.Generator, w: pd.Series, hp10: np.ndarray, hp007: np.ndarray, kinds: np.ndarray
) -> None:
    """Sustained doses whose 12-month sum nears the limit; labelled later, from the month the sum crosses it."""
    extremities = w.ratio >= 4 and rng.random() < 0.5
    threshold = ALERT_12M_MSV[w.CATEGORIE][1 if extremities else 0]
    length = min(int(rng.integers(8, 15)), len(hp10))
    start = int(rng.integers(0, len(hp10) - length + 1))
    dose = threshold * rng.uniform(1.0, 1.35) / min(length, 12) * rng.lognormal(0.0, 0.35, length)
    if extremities:
        hp007[start : start + length] = dose
    else:
        hp10[start : start + length], hp007[start : start + length] = dose, dose * w.ratio
    kinds[start : start + length] = "_cumul"  # provisional: the label is the crossing, not the exposure


def _record(workers: pd.DataFrame, dose: np.ndarray) -> np.ndarray:
    """What the dosimeter reports: passive ones round below the threshold to 0, operational ones read µSv."""
    passive = (workers.TYPE_DOSIMETRE == "passif").to_numpy()[:, None]
    rounded = np.where(dose < RECORDING_THRESHOLD_MSV, 0.0, np.round(dose, 2))
    return np.where(passive, rounded, np.round(dose, 3))


def _not_returned(
    rng: np.random.Generator, hp10: np.ndarray, hp007: np.ndarray, kinds: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Blank the months whose dosimeter came back too late, and a few Hp(0.07) readings left empty."""
    lost = (rng.random(hp10.shape) < NOT_RETURNED) & (kinds == "aucune")
    hp007_empty = lost | ((rng.random(hp10.shape) < 0.01) & (kinds == "aucune"))
    return np.where(lost, np.nan, hp10), np.where(hp007_empty, np.nan, hp007)


def _label_cumul(workers: pd.DataFrame, hp10: np.ndarray, hp007: np.ndarray, kinds: np.ndarray) -> None:
    """Label `cumul` every month whose 12-month sum of recorded doses reaches the category's alert level."""
    limits = np.array([ALERT_12M_MSV[c] for c in workers.CATEGORIE])
    reached = (_sum_12m(hp10) >= limits[:, [0]]) | (_sum_12m(hp007) >= limits[:, [1]])
    kinds[:] = np.where(kinds == "_cumul", "aucune", kinds)
    kinds[:] = np.where(reached & (kinds == "aucune"), "cumul", kinds)


def _sum_12m(dose: np.ndarray) -> np.ndarray:
    """Sum of the current and 11 previous months, missing months counted as 0."""
    padded = np.concatenate([np.zeros((dose.shape[0], 11)), np.nan_to_num(dose)], axis=1)
    return np.lib.stride_tricks.sliding_window_view(padded, 12, axis=1).sum(axis=-1)


def _frame(workers: pd.DataFrame, hp10: np.ndarray, hp007: np.ndarray, kinds: np.ndarray) -> pd.DataFrame:
    """Worker-major rows, months in order, with the columns and types of the SISERI extract."""
    n, months = hp10.shape
    identity = ("ID_TRAVAILLEUR", "NOM", "PRENOM", "EMPLOYEUR", "SECTEUR", "METIER", "CATEGORIE", "TYPE_DOSIMETRE")
    kind = pd.Series(kinds.ravel(), dtype="str")
    return pd.DataFrame({
        **{column: pd.Series(np.repeat(workers[column].to_numpy(), months), dtype="str") for column in identity},
        "MOIS": np.tile(pd.date_range(FIRST_MONTH, periods=months, freq="MS").to_numpy(), n),
        "DOSE_HP10_MSV": hp10.ravel(),
        "DOSE_HP007_MSV": hp007.ravel(),
        "TYPE_ANOMALIE": kind,
        "ANOMALIE": (kind != "aucune").to_numpy(),
    })
