"""Synthetic import declarations (DAU / H1 data), shaped like the goods items the DGDDI mines.

Each goods item is drawn from a heading of `tariff.HEADINGS` (more electronics and toys from China, garments from
Bangladesh, shoes from Vietnam, coffee from Brazil…), described as the declarant copies it from the invoice: in
French or in the exporter's English, in capitals, abbreviated, with references, quantities and typos, and now and
then in words that say nothing ("PARTS", "échantillons"). The declared heading is the true one, or a neighbouring
one by honest mistake (5 %), or a cheaper one in another chapter (evasion, 4 % in 2019 rising to 8 % in 2024, twice
as often in express parcels, and far more often with some declarants than others). `REDRESSEMENT` says whether
control found the declared heading wrong ("oui") or right ("non"): the target. `DECLARANT` is the customs
representative or importer who lodged the declaration (its EORI number): each writes descriptions in its own way
(language, capitals, abbreviations, references), and the evaluation holds whole declarants out.
Drift: express parcels grow with e-commerce, fabric masks surge in 2020, e-bikes grow.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from projects._shared.synthetic import dates, draw, with_missing

from .tariff import EVASIONS, FAMILY, GENERIC, HEADINGS, SAME_CHAPTER_EVASIONS, VAGUE

START, END = "2019-01-01", "2024-12-31"
# Country of origin: share of declarations, share of English invoices, chapters it exports more of.
ORIGINS: dict[str, tuple[float, float, dict[str, float]]] = {
    "CN": (30, 0.6, {"85": 2, "84": 2, "95": 2.5, "94": 1.5, "39": 1.5, "69": 2, "42": 1.5}),
    "TR": (7, 0.3, {"61": 2, "62": 2, "63": 2, "87": 1.5, "08": 1.5}),
    "VN": (6, 0.6, {"64": 4, "61": 2, "62": 2, "94": 1.5}),
    "IN": (5, 0.6, {"62": 2, "63": 2, "71": 2, "30": 2, "03": 1.5}),
    "BD": (4, 0.7, {"61": 5, "62": 5, "63": 2}),
    "US": (8, 0.8, {"84": 2, "90": 2, "30": 2, "87": 1.5, "33": 1.5}),
    "MA": (6, 0.1, {"08": 3, "03": 3, "62": 2, "61": 2}),
    "TN": (3, 0.1, {"62": 3, "08": 1.5, "03": 1.5}),
    "GB": (6, 0.8, {"87": 2, "33": 2, "30": 2, "84": 1.5}),
    "BR": (3, 0.4, {"09": 5, "08": 2, "40": 1.5}),
    "JP": (3, 0.6, {"87": 3, "84": 2, "85": 2, "90": 2}),
    "KR": (3, 0.6, {"85": 3, "87": 2, "40": 2, "33": 2}),
    "CH": (4, 0.2, {"71": 3, "90": 2, "30": 3}),
    "EC": (2, 0.5, {"03": 5, "08": 4, "09": 1}),
}
MODES = ("maritime", "aérien", "routier", "express/postal")
ROAD_ORIGINS = frozenset({"TR", "GB", "CH", "MA", "TN"})
BUREAUX = {  # fictional office codes, named after the real ports, airports and platforms they stand for
    "maritime": ("FR000690", "FR001310", "FR000590"), "aérien": ("FR002300",), "routier": ("FR006900", "FR006700", "FR005900"),
    "express/postal": ("FR002310", "FR002320"),
}
QUALIFIERS = (
    "", "", "", "noir", "bleu", "assortis", "coloris divers", "modèle 2023", "neuf", "100% coton", "taille M", "lot de 12",
    "lot de 50",
)
ENGLISH_QUALIFIERS = ("", "", "", "black", "assorted colors", "new", "model 2023", "set of 12", "OEM", "size L")
ABBREVIATIONS = (
    ("pour hommes", "HOM"), ("pour femmes", "FEM"), ("chaussures", "CHAUSS."), ("T-shirts", "TSHIRT"), ("électriques", "ELEC"),
    ("téléphones portables", "TEL PORTABLES"), ("ordinateurs", "ORDI"), ("en plastique", "PLAST."), ("congelés", "CONG."),
)
HONEST_ERRORS = 0.05
DECLARATIONS_PER_DECLARANT = 25
VAGUE_SHARE = 0.04
GENERIC_SHARE = 0.12


def generate(rows: int, seed: int) -> pd.DataFrame:
    """`rows` goods items, sorted by declaration date, from the seed alone."""
    rng = np.random.default_rng(seed)
    when = dates(rng, START, END, rows)
    t = ((when - pd.Timestamp(START)).dt.days / (pd.Timestamp(END) - pd.Timestamp(START)).days).to_numpy()
    origins = draw(rng, {code: spec[0] for code, spec in ORIGINS.items()}, rows)
    express = rng.random(rows) < 0.15 + 0.25 * t  # e-commerce parcels
    headings = _headings(rng, origins, when.dt.year.to_numpy())
    modes = _modes(rng, origins, express)
    masses = _masses(rng, express)
    values = masses * np.array([HEADINGS[h].euro_per_kg for h in headings]) * rng.lognormal(0, 0.5, rows)
    declarants, style = _declarants(rng, rows)
    english = rng.random(rows) < np.clip(np.array([ORIGINS[o][1] for o in origins]) + style["english"], 0, 1)
    bureaux = [BUREAUX[m][rng.integers(len(BUREAUX[m]))] for m in modes]
    declared = _declared(rng, headings, express, t, style["evasion"])
    return pd.DataFrame({
        "NUMERO_DECLARATION": pd.Series(_numbers(rng, when, bureaux), dtype="str"),
        "DATE_DECLARATION": when.astype("datetime64[ns]"),
        "BUREAU_DOUANE": pd.Series(bureaux, dtype="str"),
        "MODE_TRANSPORT": pd.Series(modes, dtype="str"),
        "DECLARANT": pd.Series(declarants, dtype="str"),
        "LIBELLE_MARCHANDISE": pd.Series(
            [_libelle(rng, h, e, u, a) for h, e, u, a in zip(headings, english, style["upper"], style["abbreviate"])], dtype="str"
        ),
        "POSITION_TARIFAIRE_DECLAREE": pd.Series(declared, dtype="str"),
        "PAYS_ORIGINE": pd.Series(origins, dtype="str"),
        "VALEUR_EUR": np.round(np.maximum(values, 1.0), 2),
        "MASSE_NETTE_KG": with_missing(rng, np.round(masses, 3), 0.03).astype("float64"),
        "REDRESSEMENT": pd.Series(np.where(np.asarray(declared) != headings, "oui", "non"), dtype="str"),
    })


def _declarants(rng: np.random.Generator, rows: int) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """Each row's declarant (a few large representatives lodge most declarations) and its habits, row by row: a
    shift of the share of English descriptions, capitals, abbreviations, and how much more than others it evades."""
    count = max(8, rows // DECLARATIONS_PER_DECLARANT)
    numbers = rng.choice(900_000_000, count, replace=False) + 100_000_000
    eori = np.array([f"FR{n:09d}{rng.integers(0, 100_000):05d}" for n in numbers])
    pick = rng.choice(count, rows, p=(weights := 1 / np.arange(1, count + 1) ** 0.8) / weights.sum())
    habits = {
        "english": rng.normal(0, 0.2, count), "upper": rng.uniform(0.1, 0.9, count),
        "abbreviate": rng.uniform(0.1, 0.8, count), "evasion": rng.lognormal(-0.3, 0.8, count),
    }
    return eori[pick], {name: values[pick] for name, values in habits.items()}


def _headings(rng: np.random.Generator, origins: np.ndarray, years: np.ndarray) -> np.ndarray:
    """The true heading of each item: the country's export mix, masks in 2020, more e-bikes every year."""
    codes = list(HEADINGS)
    out = np.empty(len(origins), dtype=object)
    for origin in np.unique(origins):
        for year in np.unique(years):
            mask = (origins == origin) & (years == year)
            weights = np.array([_weight(code, origin, int(year)) for code in codes])
            out[mask] = rng.choice(codes, size=int(mask.sum()), p=weights / weights.sum())
    return out.astype(str)


def _weight(code: str, origin: str, year: int) -> float:
    heading = HEADINGS[code]
    weight = heading.weight * ORIGINS[origin][2].get(heading.chapter, 0.6)
    if code == "6307" and year == 2020:
        weight *= 6
    if code == "8711":
        weight *= 1 + 0.5 * (year - 2019)
    return weight


def _modes(rng: np.random.Generator, origins: np.ndarray, express: np.ndarray) -> np.ndarray:
    road = np.isin(origins, list(ROAD_ORIGINS)) & (rng.random(len(origins)) < 0.6)
    freight = np.where(road, "routier", np.where(rng.random(len(origins)) < 0.75, "maritime", "aérien"))
    return np.where(express, "express/postal", freight)


def _masses(rng: np.random.Generator, express: np.ndarray) -> np.ndarray:
    """Net mass in kg: parcels of a few kilos, freight of hundreds to tens of thousands."""
    parcels = rng.lognormal(np.log(2), 1.0, len(express))
    freight = rng.lognormal(np.log(1500), 1.4, len(express))
    return np.where(express, parcels, freight)


def _libelle(rng: np.random.Generator, code: str, english: bool, upper: float, abbreviate: float) -> str:
    """The goods description as copied from the invoice."""
    heading = HEADINGS[code]
    draw_kind = rng.random()
    if draw_kind < VAGUE_SHARE:
        text = VAGUE[rng.integers(len(VAGUE))]
    elif draw_kind < VAGUE_SHARE + GENERIC_SHARE:
        bank = GENERIC[FAMILY[heading.chapter]]
        text = bank[rng.integers(len(bank))]
    else:
        bank, qualifiers = (heading.english, ENGLISH_QUALIFIERS) if english else (heading.french, QUALIFIERS)
        text = " ".join(p for p in (bank[rng.integers(len(bank))], qualifiers[rng.integers(len(qualifiers))]) if p)
    if rng.random() < 0.3:
        text += f" REF {rng.integers(100, 99999)}{'ABCX'[rng.integers(4)]}"
    if rng.random() < 0.25:
        text += f" - {rng.integers(1, 400)} {'cartons' if not english else 'CTNS'}"
    return _noisy(rng, text, upper, abbreviate)


def _noisy(rng: np.random.Generator, text: str, upper: float, abbreviate: float) -> str:
    for long, short in ABBREVIATIONS:
        if long in text and rng.random() < abbreviate:
            text = text.replace(long, short)
    if rng.random() < upper:  # many declarants' systems write in capitals
        text = text.upper()
    if rng.random() < 0.15 and len(text) > 6:
        i = int(rng.integers(1, len(text) - 2))
        text = text[:i] + text[i + 1] + text[i] + text[i + 2:]
    return text


def _declared(
    rng: np.random.Generator, headings: np.ndarray, express: np.ndarray, t: np.ndarray, propensity: np.ndarray
) -> list[str]:
    """The heading the declarant writes: mostly the true one; honest slips; cheaper headings to pay less duty."""
    evade = rng.random(len(headings)) < (0.04 + 0.04 * t) * np.where(express, 2.0, 1.0) * propensity
    slip = rng.random(len(headings)) < HONEST_ERRORS
    declared = []
    for code, evading, slipping in zip(headings, evade, slip):
        cheaper = EVASIONS.get(code, ()) + SAME_CHAPTER_EVASIONS.get(code, ())
        if evading and cheaper:
            declared.append(cheaper[rng.integers(len(cheaper))])
        elif slipping:
            declared.append(_neighbour(rng, code))
        else:
            declared.append(code)
    return declared


def _neighbour(rng: np.random.Generator, code: str) -> str:
    """An honest mistake: another heading of the chapter, or knitted for woven garments (61 for 62)."""
    chapter = HEADINGS[code].chapter
    swap = {"61": "62", "62": "61"}.get(chapter, chapter)
    options = [c for c in HEADINGS if HEADINGS[c].chapter in (chapter, swap) and c != code]
    return options[rng.integers(len(options))] if options else code


def _numbers(rng: np.random.Generator, when: pd.Series, bureaux: list[str]) -> list[str]:
    """Movement reference numbers (MRN): year, FR, office, a running number, a check digit; 18 characters."""
    ranks = np.cumsum(rng.integers(1, 40, len(when)))
    return [f"{day:%y}FR{bureau[2:]}{rank:07d}{rank % 7}" for day, bureau, rank in zip(when, bureaux, ranks)]
