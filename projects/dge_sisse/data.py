"""Synthetic foreign-investment requests (contrôle des investissements étrangers en France, DGE – SISSE).

One row per request filed between 2019 and 2024: the direct investor and its chain of control up to the ultimate
owner (written as the analysts note it, "acquirer > holding > ultimate owner"), the investor's country, the French
target (sector, sensitive technologies, defence supplier, staff), the operation (share of capital, amount), and
whether the analysts concluded that the operation presents a risk. Investor groups file again and again,
with the same chain (`GROUPE_INVESTISSEUR`); ordinary names share words with listed ones, as real names do. The watch list (reference/liste_surveillance.csv, 1,500
fictitious entities) stands for the external lists (sanctions, entities of concern) against which names are checked: names on the requests are written with typos,
other legal forms, missing accents and reordered words, so exact matching misses them.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from projects._shared.synthetic import dates, draw, with_missing

from .watchlist import LEGAL_FORMS as FORMES
from .watchlist import names as watch_list

PAYS = {
    "États-Unis": 2.5, "Royaume-Uni": 1.3, "Allemagne": 1.1, "Suisse": 0.9, "Luxembourg": 0.8, "Canada": 0.6,
    "Japon": 0.5, "Chine": 0.8, "Émirats arabes unis": 0.5, "Russie": 0.35,
}
# secteur: (weight, log-odds of a risky operation before the other facts)
SECTEURS = {
    "défense": (0.8, 0.6), "aéronautique et spatial": (1.0, 0.4), "énergie": (1.3, 0.2), "eau": (0.5, 0.1),
    "santé et biotechnologies": (1.4, 0.1), "semi-conducteurs": (0.6, 0.6), "cybersécurité": (0.7, 0.5),
    "télécommunications": (0.8, 0.3), "transports": (0.9, -0.1), "agroalimentaire": (1.2, -0.6),
    "presse et médias": (0.5, -0.2), "stockage de données": (0.6, 0.3), "sécurité privée": (0.4, 0.0),
}
TECHNOLOGIES = (
    "intelligence artificielle", "quantique", "cybersécurité", "robotique", "semi-conducteurs", "spatial",
    "biotechnologies", "énergie décarbonée", "stockage d'énergie", "fabrication additive",
)
RACINES = (
    "Atlas", "Boreal", "Cedar", "Delta", "Everest", "Fjord", "Granite", "Harbor", "Iris", "Juniper", "Keystone",
    "Lumen", "Mistral", "Nordic", "Oakwood", "Pioneer", "Quartz", "Riviera", "Sequoia", "Tamaris", "Vega",
    "Westbrook", "Alpine", "Corsaire", "Meridian", "Orion", "Sunrise", "Golden", "Eastern", "Baltic",
)
METIERS = (
    "Capital", "Partners", "Industries", "Technologies", "Investments", "Equity", "Ventures", "Materials",
    "Energy", "Advisors", "Infrastructure", "Solutions", "Systems", "Holdings", "Growth Fund",
)
OPAQUES = ("Îles Vierges britanniques", "Îles Caïmans", "Bermudes", "Panama", "Seychelles")


def generate(rows: int, seed: int) -> pd.DataFrame:
    """`rows` requests with RISQUE (1: the operation was found to present a risk), reproducible from `seed`."""
    rng = np.random.default_rng(seed)
    day = dates(rng, "2019-01-01", "2024-12-31", rows)
    year = day.dt.year.to_numpy()
    groups = _groups(rng, max(20, rows // 4))
    group = _filers(rng, len(groups["pays"]), rows)  # a few groups file often, most once or twice
    pays, watched = groups["pays"][group], groups["watched"][group]
    secteur = draw(rng, {s: spec[0] for s, spec in SECTEURS.items()}, rows)
    chains = [_written(rng, groups["chain"][g], groups["listed_at"][g]) for g in group]
    target = _target(rng, secteur, year)
    frame = pd.DataFrame({
        "NUMERO_DOSSIER": [f"IEF-{y}-{i:05d}" for y, i in zip(year, rng.choice(99_999, rows, replace=False) + 1)],
        "DATE_DEPOT": day.astype("datetime64[ns]"),
        "GROUPE_INVESTISSEUR": np.array([f"GRP-{g:05d}" for g in group]),
        "INVESTISSEUR": [chain[0] for chain in chains],
        "PAYS_INVESTISSEUR": pays,
        "CHAINE_DETENTION": [" > ".join(chain) for chain in chains],
        "NB_NIVEAUX_CHAINE": np.array([len(chain) for chain in chains], dtype=np.int64),
        "JURIDICTION_OPAQUE_DANS_CHAINE": groups["opaque"][group],
        "ACTIONNAIRE_ETATIQUE": groups["state"][group],
        "SECTEUR_CIBLE": secteur,
        **target,
    })
    frame["RISQUE"] = _risk(rng, frame, watched)
    return _declared(rng, frame)


def _groups(rng: np.random.Generator, n: int) -> dict[str, Any]:
    """Investor groups, each with its country, its chain of control (the same from one filing to the next) and,
    for some, a listed entity in it: 0 none, 1 the direct investor, 2 further up."""
    pays = draw(rng, PAYS, n)
    exposed = np.isin(pays, ["Chine", "Russie", "Émirats arabes unis"])
    listed = rng.random(n) < np.where(exposed, 0.14, 0.03)  # shell companies register anywhere
    watched = np.where(listed, np.where(rng.random(n) < 0.5, 1, 2), 0)
    chains, listed_at = [], np.full(n, -1)
    for g in range(n):
        levels = int(rng.choice([1, 2, 3, 4, 5], p=[0.3, 0.3, 0.22, 0.12, 0.06]))
        chain = [_company(rng) for _ in range(levels)]
        if watched[g]:
            listed_at[g] = 0 if watched[g] == 1 else int(rng.integers(1, levels + 1))
            chain.insert(listed_at[g], watch_list()[rng.integers(len(watch_list()))])
        chains.append(chain)
    state = rng.random(n) < np.isin(pays, ["Chine", "Émirats arabes unis", "Russie"]) * 0.35 + 0.03
    opaque = rng.random(n) < np.where(watched > 0, 0.45, 0.08)
    return {"pays": pays, "watched": watched, "chain": chains, "listed_at": listed_at,
            "state": state, "opaque": opaque}


def _filers(rng: np.random.Generator, groups: int, rows: int) -> np.ndarray:
    """Which group files each request: every group at least once, then heavy filers more often (Zipf-like)."""
    weights = 1 / np.arange(1, groups + 1) ** 0.8
    extra = rng.choice(groups, rows - min(rows, groups), p=weights / weights.sum())
    return rng.permutation(np.concatenate([np.arange(min(rows, groups)), extra]))


def _written(rng: np.random.Generator, chain: list[str], listed_at: int) -> list[str]:
    """The chain as this filing writes it: the listed name disguised anew each time (form, typo, words)."""
    return [_disguise(rng, name) if place == listed_at else name for place, name in enumerate(chain)]


def _company(rng: np.random.Generator) -> str:
    """An ordinary company name; some share words with listed ones (Orion, Capital…), as real names do."""
    words = [RACINES[rng.integers(len(RACINES))], METIERS[rng.integers(len(METIERS))]]
    if rng.random() < 0.3:
        words.insert(1, RACINES[rng.integers(len(RACINES))])
    return " ".join(words) + " " + FORMES[rng.integers(len(FORMES))]


def _disguise(rng: np.random.Generator, name: str) -> str:
    """The listed name as a request writes it: other legal form, a typo, words reordered or dropped, case changed."""
    words = name.split()
    if rng.random() < 0.4 and len(words) > 2:
        words.pop(int(rng.integers(1, len(words))))
    if rng.random() < 0.3:
        words = words[1:] + words[:1]
    text = " ".join(words)
    if rng.random() < 0.6:
        i = int(rng.integers(1, len(text) - 1))
        text = text[:i] + text[i + 1] + text[i] + text[i + 2:]  # two letters swapped
    if rng.random() < 0.3:
        text = text.upper()
    return text + " " + FORMES[rng.integers(len(FORMES))]


def _target(rng: np.random.Generator, secteur: np.ndarray, year: np.ndarray) -> dict[str, np.ndarray]:
    """The French target and the operation. Sensitive technologies grow more common over the years (drift)."""
    n = len(secteur)
    tech_rate = 0.25 + 0.06 * (year - 2019) + np.isin(secteur, ["semi-conducteurs", "cybersécurité", "défense", "aéronautique et spatial"]) * 0.4
    count = rng.binomial(3, np.minimum(tech_rate, 0.95) / 3 * 1.2)
    technologies = [";".join(rng.choice(TECHNOLOGIES, k, replace=False)) if k else "aucune" for k in count]
    part = np.round(np.clip(rng.beta(1.3, 1.0, n) * 100, 5, 100), 1)
    return {
        "TECHNOLOGIES_SENSIBLES": np.array(technologies),
        "CIBLE_FOURNISSEUR_DEFENSE": rng.random(n) < np.where(secteur == "défense", 0.85, 0.10),
        "EFFECTIF_CIBLE": np.round(rng.lognormal(4.2, 1.4, n)) + 1,
        "PART_CAPITAL_VISEE_PCT": part,
        "MONTANT_OPERATION_MEUR": np.round(rng.lognormal(3.0, 1.6, n), 1),
    }


def _risk(rng: np.random.Generator, frame: pd.DataFrame, watched: np.ndarray) -> np.ndarray:
    """The analysts' conclusion: 1 if the operation presents a risk. Country never enters it, only the facts."""
    logit = -3.3 + frame["SECTEUR_CIBLE"].map({s: spec[1] for s, spec in SECTEURS.items()}).to_numpy()
    logit += np.where(watched == 1, 3.6, np.where(watched == 2, 2.8, 0.0))
    logit += 1.1 * frame["JURIDICTION_OPAQUE_DANS_CHAINE"].to_numpy()
    logit += 1.0 * frame["ACTIONNAIRE_ETATIQUE"].to_numpy() * np.isin(frame["SECTEUR_CIBLE"], ["défense", "énergie", "télécommunications", "semi-conducteurs", "aéronautique et spatial"])
    logit += 0.45 * frame["TECHNOLOGIES_SENSIBLES"].str.count(";").add(1).where(frame["TECHNOLOGIES_SENSIBLES"] != "aucune", 0).to_numpy()
    logit += 0.8 * frame["CIBLE_FOURNISSEUR_DEFENSE"].to_numpy()
    logit += 0.7 * (frame["PART_CAPITAL_VISEE_PCT"].to_numpy() >= 25)  # crossing the control threshold
    logit += 0.15 * (frame["NB_NIVEAUX_CHAINE"].to_numpy() - 2)
    return (rng.random(len(frame)) < 1 / (1 + np.exp(-logit))).astype(np.int64)


def _declared(rng: np.random.Generator, frame: pd.DataFrame) -> pd.DataFrame:
    """Amounts undisclosed at filing, staff unknown for some holdings."""
    frame["MONTANT_OPERATION_MEUR"] = with_missing(rng, frame["MONTANT_OPERATION_MEUR"], 0.18)
    frame["EFFECTIF_CIBLE"] = with_missing(rng, frame["EFFECTIF_CIBLE"], 0.07)
    return frame
