"""Synthetic medical-device vigilance reports (matériovigilance), shaped like ANSM's base.

Each report is drawn as a small story: a device (DCO) and its malfunction, whether a patient was exposed
(TYPE_EFFET), how much harm followed, how fragile the patient was. The evaluator's GRAVITE weighs the harm
and the device's potential for harm, with noise and disagreement between evaluators; the declarant fills
CONSEQUENCE and ETAT_PATIENT imperfectly, and writes DESCRIPTION_INCIDENT as a nurse, a biomedical engineer,
a pharmacist or a patient would. Drift: continuous glucose sensors appear in July 2021 and the share of
"Risque d'incident" grows over the period.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from projects._shared.synthetic import dates, draw, people, with_missing

from .texts import describe, site_style

START, END = "2019-01-01", "2023-12-31"
CGM_LAUNCH = pd.Timestamp("2021-07-01")  # capteurs de glucose en continu reimbursed and widely worn from then
REPORTS_PER_YEAR = 20_000  # national volume: our rows are a sample, so report numbers have gaps

# DCO: (weight, potential for harm, family, plausible malfunctions, most frequent first)
DEVICES: dict[str, tuple[float, float, str, tuple[str, ...]]] = {
    "pompe à insuline": (8, 1.0, "diabete", (
        "arrêt inopiné", "absence d'alarme", "erreur de débit", "alarme intempestive", "batterie", "fuite",
        "défaut de fonctionnement",
    )),
    "moniteur de glycémie": (6, 0.4, "diabete", (
        "erreur d'affichage", "défaut de fonctionnement", "batterie", "problème de connexion",
    )),
    "capteur de glucose en continu": (0, 0.5, "diabete", (
        "problème de connexion", "erreur d'affichage", "défaut de fonctionnement", "défaut logiciel",
        "alarme intempestive",
    )),
    "stimulateur cardiaque": (6, 1.5, "cardio", (
        "batterie", "défaut de fonctionnement", "rupture", "migration", "défaut logiciel",
    )),
    "défibrillateur implantable": (4, 1.7, "cardio", (
        "batterie", "défaut logiciel", "absence d'alarme", "rupture", "défaut de fonctionnement",
    )),
    "endoprothèse vasculaire": (3, 1.3, "cardio", (
        "migration", "rupture", "défaut de stérilité", "défaut d'emballage",
    )),
    "prothèse de hanche": (7, 0.8, "ortho", (
        "rupture", "descellement", "usure prématurée", "défaut de stérilité", "défaut d'emballage",
    )),
    "prothèse de genou": (5, 0.7, "ortho", ("descellement", "usure prématurée", "rupture", "défaut d'emballage")),
    "cathéter veineux central": (6, 1.0, "perfusion", (
        "rupture", "fuite", "obstruction", "défaut de stérilité", "défaut d'emballage",
    )),
    "seringue électrique": (7, 1.0, "perfusion", (
        "erreur de débit", "alarme intempestive", "absence d'alarme", "batterie", "arrêt inopiné", "erreur d'affichage",
    )),
    "pompe à perfusion": (6, 0.9, "perfusion", (
        "erreur de débit", "alarme intempestive", "absence d'alarme", "arrêt inopiné", "défaut logiciel",
    )),
    "respirateur": (5, 1.6, "ventilation", (
        "arrêt inopiné", "absence d'alarme", "alarme intempestive", "batterie", "fuite", "défaut logiciel",
    )),
    "moniteur multiparamétrique": (4, 1.0, "ventilation", (
        "absence d'alarme", "alarme intempestive", "erreur d'affichage", "problème de connexion", "arrêt inopiné",
    )),
    "lentille intraoculaire": (5, 0.4, "ophtalmo", (
        "défaut de stérilité", "défaut d'emballage", "rupture", "migration",
    )),
    "sonde urinaire": (6, 0.2, "consommable", (
        "fuite", "rupture", "obstruction", "défaut de stérilité", "défaut d'emballage",
    )),
    "lit médicalisé": (4, 0.5, "consommable", ("défaut de fonctionnement", "rupture", "arrêt inopiné")),
    "pansement": (3, 0.1, "consommable", ("défaut de stérilité", "défaut d'emballage", "défaut de fonctionnement")),
}
CGM_WEIGHT = 10.0  # once launched, continuous glucose sensors quickly become one of the most reported devices

# TYPE_DYSFONCTIONNEMENT: potential for harm, added to the device's.
MALFUNCTIONS: dict[str, float] = {
    "défaut de fonctionnement": 0.5, "arrêt inopiné": 0.9, "alarme intempestive": 0.0, "absence d'alarme": 1.0,
    "erreur d'affichage": 0.3, "erreur de débit": 0.9, "batterie": 0.7, "problème de connexion": 0.3,
    "défaut logiciel": 0.6, "rupture": 0.8, "descellement": 0.7, "migration": 0.7, "usure prématurée": 0.5,
    "défaut de stérilité": 0.6, "défaut d'emballage": 0.1, "fuite": 0.4, "obstruction": 0.5,
}

# Fictional manufacturers per family (no real brand).
FABRICANTS: dict[str, tuple[str, ...]] = {
    "diabete": ("Glycéa Medical", "Glucalis SAS", "Dextronic"),
    "cardio": ("Cardionéo", "Rythmex Medical", "Vasculys"),
    "ortho": ("Orthéval", "Arthrodyne", "Ossaria Implants"),
    "perfusion": ("Perfalis", "Débitec Médical", "Hydrovance"),
    "ventilation": ("Souffléo Systèmes", "Respirel Médical", "Vigilys Monitoring"),
    "ophtalmo": ("Ophtanova", "Cristalys Optique"),
    "consommable": ("Urosoft Médical", "Stérivia", "Lithéa Équipement"),
}

# By harm level 0..5 (aucune → décès): what the declarant ticks, with relative weights.
CONSEQUENCES: tuple[dict[str, float], ...] = (
    {"aucune": 1},
    {"retard de prise en charge": 0.8, "aucune": 0.2},
    {"blessure": 0.5, "intervention médicale": 0.5},
    {"hospitalisation prolongée": 0.55, "réintervention chirurgicale": 0.45},
    {"mise en jeu du pronostic vital": 1},
    {"décès": 1},
)
ETATS: tuple[dict[str, float], ...] = (
    {"Rétabli": 0.5, "Non renseigné": 0.5},
    {"Rétabli": 0.6, "En cours de rétablissement": 0.3, "Non renseigné": 0.1},
    {"Rétabli": 0.3, "En cours de rétablissement": 0.5, "Hospitalisé": 0.1, "Non renseigné": 0.1},
    {"En cours de rétablissement": 0.35, "Hospitalisé": 0.45, "Séquelles": 0.1, "Non renseigné": 0.1},
    {"Hospitalisé": 0.5, "Séquelles": 0.3, "En cours de rétablissement": 0.1, "Décédé": 0.05, "Non renseigné": 0.05},
    {"Décédé": 0.9, "Non renseigné": 0.1},
)
HARM_CUTS = (0.35, 1.0, 1.65, 2.35, 2.95)  # latent harm → level 0..5
ROLES = {"infirmier": 0.4, "ingénieur biomédical": 0.25, "pharmacien": 0.2, "patient": 0.15}
GRAVITES = ("NULLE", "MINEU", "MOYEN", "SEVER", "CRITI")
"""The codes of ANSM's matériovigilance base for the evaluator's gravity, from none to critical."""
SITES = 150
"""Declaring establishments (a hospital's correspondant local, a home-care provider): each writes in its own way."""


def generate(rows: int, seed: int) -> pd.DataFrame:
    """`rows` reports, sorted by date, from the seed alone."""
    rng = np.random.default_rng(seed)
    when = dates(rng, START, END, rows)
    story = _story(rng, when)
    prenoms, noms = people(rng, rows)
    declarants = people(rng, rows)
    finess = _finess(rng, SITES)
    styles = [site_style(rng, code) for code in finess]
    site = rng.choice(SITES, rows, p=_site_weights(rng, SITES))
    texts = [
        describe(rng, row, prenom, nom, styles[k]) for row, prenom, nom, k in zip(story.itertuples(), prenoms, noms, site)
    ]
    return pd.DataFrame({
        "NUMERO_SIGNALEMENT": pd.Series(_numbers(rng, when), dtype="str"),
        "DATE_SIGNALEMENT": when.astype("datetime64[ns]"),
        "DESCRIPTION_INCIDENT": pd.Series(texts, dtype="str"),
        "ETAT_PATIENT": _blank(rng, story["etat"], np.where(story["risque"], 0.45, 0.2)),
        "FABRICANT": with_missing(rng, story["fabricant"], 0.35).astype("str"),
        "DCO": pd.Series(story["dco"], dtype="str"),
        "TYPE_DYSFONCTIONNEMENT": pd.Series(story["dysfonctionnement"], dtype="str"),
        "CONSEQUENCE": pd.Series(story["consequence"], dtype="str"),
        "TYPE_EFFET": pd.Series(np.where(story["risque"], "Risque d'incident", "Incident"), dtype="str"),
        "GRAVITE": pd.Series(np.array(GRAVITES)[_gravite(rng, story).astype(int) - 1], dtype="str"),
        "FINESS_DECLARANT": pd.Series(np.asarray(finess)[site], dtype="str"),
        "NOM_PATIENT": pd.Series(np.char.add(np.char.add(prenoms, " "), noms), dtype="str"),
        "NOM_DECLARANT": pd.Series(np.char.add(np.char.add(declarants[0], " "), declarants[1]), dtype="str"),
    })


def _story(rng: np.random.Generator, when: pd.Series) -> pd.DataFrame:
    """The latent event behind each report: device, malfunction, exposure, harm, fragility."""
    n = len(when)
    t = ((when - pd.Timestamp(START)).dt.days / (pd.Timestamp(END) - pd.Timestamp(START)).days).to_numpy()
    dco = _devices(rng, when)
    family = np.array([DEVICES[d][2] for d in dco])
    malf = _malfunctions(rng, dco)
    potential = np.array([DEVICES[d][1] for d in dco]) + np.array([MALFUNCTIONS[m] for m in malf])
    risque = rng.random(n) < 0.2 + 0.25 * t  # more near-misses declared as the vigilance culture spreads
    fragile = ~risque & (rng.random(n) < 0.15)
    latent = 0.55 * potential + 0.05 + 0.5 * fragile + rng.normal(0, 0.9, n)
    harm = np.where(risque, 0, np.digitize(latent, HARM_CUTS))
    return pd.DataFrame({
        "dco": dco, "family": family, "dysfonctionnement": malf, "potential": potential, "risque": risque,
        "fragile": fragile, "detected": risque & (rng.random(n) < 0.6), "harm": harm,
        "consequence": _declared(rng, harm, CONSEQUENCES, slip=0.1),
        "etat": _declared(rng, harm, ETATS, slip=0.1),
        "fabricant": [FABRICANTS[f][i % len(FABRICANTS[f])] for f, i in zip(family, rng.integers(0, 6, n))],
        "role": _roles(rng, harm),
    })


def _devices(rng: np.random.Generator, when: pd.Series) -> np.ndarray:
    """DCO per report; continuous glucose sensors exist only from their launch on."""
    before = {d: spec[0] for d, spec in DEVICES.items()}
    after = before | {"capteur de glucose en continu": CGM_WEIGHT}
    late = (when >= CGM_LAUNCH).to_numpy()
    return np.where(late, draw(rng, after, len(when)), draw(rng, before, len(when)))


def _malfunctions(rng: np.random.Generator, dco: np.ndarray) -> np.ndarray:
    """TYPE_DYSFONCTIONNEMENT, among those plausible for each device (the first listed are the most frequent)."""
    out = np.empty(len(dco), dtype=object)
    for device, spec in DEVICES.items():
        mask = dco == device
        weights = {m: 1.0 / (1 + i * 0.4) for i, m in enumerate(spec[3])}
        out[mask] = draw(rng, weights, int(mask.sum()))
    return out.astype(str)


def _declared(
    rng: np.random.Generator, harm: np.ndarray, table: tuple[dict[str, float], ...], slip: float,
) -> np.ndarray:
    """What the declarant ticks for each harm level; a share `slip` tick the neighbouring level instead."""
    level = np.clip(harm + (rng.random(len(harm)) < slip) * rng.choice([-1, 1], len(harm)), 0, len(table) - 1)
    out = np.empty(len(harm), dtype=object)
    for k, weights in enumerate(table):
        mask = level == k
        out[mask] = draw(rng, weights, int(mask.sum()))
    return out.astype(str)


def _roles(rng: np.random.Generator, harm: np.ndarray) -> np.ndarray:
    """Who wrote the report: patients do not report the gravest events themselves."""
    role = draw(rng, ROLES, len(harm))
    return np.where((role == "patient") & (harm >= 4), "infirmier", role)


def _gravite(rng: np.random.Generator, story: pd.DataFrame) -> np.ndarray:
    """GRAVITE 1..5 as an evaluator grades it: harm first, then potential harm, with disagreement."""
    n = len(story)
    score = (
        1.0 + 0.8 * story["harm"].to_numpy() + 0.55 * (story["potential"].to_numpy() - 1.0)
        + 0.6 * story["fragile"].to_numpy() - 0.4 * story["detected"].to_numpy() + rng.normal(0, 0.35, n)
    )
    grade = np.clip(np.rint(score), 1, 5)
    disagree = rng.random(n) < 0.08  # a second evaluator would have graded one level off
    return np.clip(grade + disagree * rng.choice([-1, 1], n), 1, 5)


def _finess(rng: np.random.Generator, count: int) -> list[str]:
    """9-character FINESS numbers: the département (2 digits, 2A/2B for Corsica) then 7 digits."""
    departements = [f"{d:02d}" for d in range(1, 96) if d != 20] + ["2A", "2B"]
    return [f"{departements[rng.integers(len(departements))]}{rng.integers(0, 10**7):07d}" for _ in range(count)]


def _site_weights(rng: np.random.Generator, count: int) -> np.ndarray:
    """University hospitals file far more reports than small clinics."""
    weights = rng.pareto(1.5, count) + 0.2
    return weights / weights.sum()


def _blank(rng: np.random.Generator, values: pd.Series, rate: np.ndarray) -> pd.Series:
    """Optional form fields left empty, at a per-row rate."""
    return pd.Series(values, dtype="str").mask(rng.random(len(values)) < rate)


def _numbers(rng: np.random.Generator, when: pd.Series) -> list[str]:
    """NUMERO_SIGNALEMENT `MRV-<year>-<rank>`: the rank in the year's national sequence, hence the gaps."""
    years = when.dt.year.to_numpy()
    numbers: list[str] = []
    for year in np.unique(years):
        count = int((years == year).sum())
        gap = max(1, 2 * REPORTS_PER_YEAR // count - 1)
        ranks = np.cumsum(rng.integers(1, gap + 1, count))
        numbers += [f"MRV-{year}-{rank:06d}" for rank in ranks]
    return numbers

