"""Synthetic paragraphs of ASN follow-up letters (lettres de suite), one row per paragraph.

A letter follows an inspection of one installation, by one regional division, on one theme; it has 2–8 paragraphs in
three sections: A. demandes d'actions correctives, B. demandes de compléments, C. observations. Each paragraph treats
one to three topics: the inspection's theme first, more often than not, then topics drawn from what matters for the
installation (maintenance and fire in a power plant, radiation protection in a radiotherapy department). Its text
is written from the topics' phrase banks (`texts.py`), with abbreviations, typos and sentences that carry no topic.
Annotators miss a secondary topic now and then (label noise). Drift over 2015–2023: organisational and human factors
grow in the letters, and the "PCR" of the radiation-protection rules gives way to the "CRP" of décret 2018-437.
"""

from __future__ import annotations

import re
import zlib
from functools import cache

import numpy as np
import pandas as pd

from projects._shared.synthetic import dates, draw, with_missing

from .texts import (
    ABBREVIATIONS,
    ASK_ACTION,
    ASK_DOCUMENT,
    CONTEXT,
    DRAFTING,
    FILLER,
    OBSERVE,
    OPENINGS,
    REMINDERS,
    TOPICS,
)

START, END = "2015-01-01", "2023-12-31"
CRP_DECREE = pd.Timestamp("2019-07-01")  # décret 2018-437: the conseiller en radioprotection replaces the PCR
SEPARATOR = "|"

DIVISIONS = {
    "Bordeaux": "BDX", "Caen": "CAE", "Châlons-en-Champagne": "CHA", "Dijon": "DIJ", "Lille": "LIL", "Lyon": "LYO",
    "Marseille": "MRS", "Nantes": "NAN", "Orléans": "OLS", "Paris": "PRS", "Strasbourg": "STR",
}
R, I, C, D, F, M, T, E, G = TOPICS  # topic names, in the order of texts.TOPICS
# installation type: (share of inspections, weight of each topic in its letters)
INSTALLATIONS: dict[str, tuple[float, dict[str, float]]] = {
    "Centrale nucléaire (CNPE)": (26, {R: 3, I: 3, C: 1.5, D: 1.2, F: 2, M: 4, T: 0.4, E: 1.5, G: 2}),
    "Usine du cycle du combustible": (7, {R: 2, I: 2, C: 4, D: 2, F: 1.5, M: 1.5, T: 1.5, E: 1, G: 1}),
    "Réacteur ou laboratoire de recherche": (6, {R: 2.5, I: 2, C: 3, D: 3, F: 1, M: 1.5, T: 0.5, E: 0.8, G: 1}),
    "Installation d'entreposage de déchets": (4, {R: 1.5, I: 1.5, C: 2, D: 5, F: 0.5, M: 1, T: 1, E: 1, G: 0.5}),
    "Radiothérapie": (12, {R: 5, F: 3, M: 1, G: 2.5}),
    "Médecine nucléaire": (10, {R: 5, D: 3, C: 1, E: 1, G: 1}),
    "Radiologie interventionnelle": (11, {R: 6, F: 1.2, M: 0.5}),
    "Scanographie": (5, {R: 5, M: 0.5}),
    "Gammagraphie industrielle": (6, {R: 5, T: 3, G: 0.6}),
    "Transport de substances radioactives": (5, {T: 6, R: 2, F: 0.5}),
    "Radiologie vétérinaire": (3, {R: 5}),
    "Irradiateur et laboratoire": (5, {R: 3, D: 2, I: 0.8}),
}
# Topics whose demands are worded alike: an inspector may ask for a maintenance action in a fire paragraph.
NEIGHBOURS = {R: F, I: M, C: E, D: T, F: G, M: G, T: D, E: C, G: F}
NEIGHBOUR_WORDING = 0.35
PARAGRAPH_KINDS = {"demande d'action corrective": 0.45, "demande de compléments": 0.35, "observation": 0.20}
SITE_SHARE = 0.5
"""Share of each phrase bank an inspected site's letters draw from: a site has its own equipment, its recurring
findings and the drafting habits of the inspectors who follow it (the letter template of the site)."""
CNPE = (
    "Blayais", "Golfech", "Civaux", "Chinon", "Flamanville", "Paluel", "Penly", "Gravelines", "Cattenom", "Belleville",
    "Dampierre", "Saint-Laurent-des-Eaux", "Bugey", "Saint-Alban", "Cruas", "Tricastin", "Nogent-sur-Seine", "Chooz",
)
VILLES = (
    "Bordeaux", "Caen", "Reims", "Dijon", "Lille", "Lyon", "Marseille", "Nantes", "Orléans", "Paris", "Strasbourg",
    "Rouen", "Rennes", "Tours", "Brest", "Nancy", "Metz", "Nice", "Toulouse", "Grenoble", "Clermont-Ferrand", "Angers",
)
SITE_KIND = {
    "Usine du cycle du combustible": ("Usine Orano de", ("La Hague", "Tricastin", "Malvési", "Romans-sur-Isère")),
    "Réacteur ou laboratoire de recherche": ("Centre CEA de", ("Saclay", "Cadarache", "Marcoule", "Fontenay-aux-Roses")),
    "Installation d'entreposage de déchets": ("Centre de stockage de", ("Soulaines", "Morvilliers", "la Manche", "Bure")),
    "Transport de substances radioactives": ("Transporteur agréé de", VILLES[:10]),
}
SECTIONS = {"demande d'action corrective": "A", "demande de compléments": "B", "observation": "C"}
NEW_PLAN = pd.Timestamp("2022-01-01")
"""From 2022 the letters follow a new plan: I. demandes à traiter prioritairement, II. autres demandes,
III. constats ou observations n'appelant pas de réponse (before: A. demandes d'actions correctives,
B. demandes de compléments d'information, C. observations)."""
PRIORITY_SHARE = 0.3


def generate(rows: int, seed: int) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    letters = _letters(rng, rows)
    order = rng.permutation(len(letters))
    enough = int(np.searchsorted(np.cumsum([letters[i]["paragraphes"] for i in order]), rows)) + 1
    chosen = [letters[i] for i in sorted(order[:enough])]  # a random subset of the letters: every year, in date order
    slots = [(letter, rank) for letter in chosen for rank in range(letter["paragraphes"])][:rows]
    paragraphs = [_paragraph(rng, letter, rank) for letter, rank in slots]
    frame = pd.DataFrame(paragraphs)
    frame["THEME_INSPECTION"] = with_missing(rng, frame["THEME_INSPECTION"], 0.15)
    return frame.astype({"DATE_INSPECTION": "datetime64[ns]"})


def _letters(rng: np.random.Generator, rows: int) -> list[dict]:
    """Enough letters for `rows` paragraphs, in date order, each with its installation, division and theme."""
    count = rows // 3 + 10  # more letters than needed: `generate` keeps those of a random subset of them
    when = dates(rng, START, END, count)
    kinds = draw(rng, {name: share for name, (share, _) in INSTALLATIONS.items()}, count)
    divisions = rng.choice(list(DIVISIONS), count)
    letters = []
    for number, (day, kind, division) in enumerate(zip(when, kinds, divisions, strict=True)):
        weights = _topic_weights(kind, day)
        letters.append({
            "NUMERO_LETTRE": f"CODEP-{DIVISIONS[division]}-{day.year}-{10_000 + 37 * number + rng.integers(37):06d}",
            "DIVISION": division, "TYPE_INSTALLATION": kind, "SITE": _site(rng, kind), "DATE_INSPECTION": day,
            "THEME_INSPECTION": _one(rng, weights), "weights": weights,
            "paragraphes": int(rng.integers(2, 9)),
        })
    return letters


def _site(rng: np.random.Generator, kind: str) -> str:
    """The inspected site: a power plant by name, a fuel-cycle or research centre, else a hospital, a clinic or a
    firm in a city (each inspected again and again over the years)."""
    if kind == "Centrale nucléaire (CNPE)":
        return f"CNPE de {CNPE[rng.integers(len(CNPE))]}"
    if kind in SITE_KIND:
        prefix, places = SITE_KIND[kind]
        return f"{prefix} {places[rng.integers(len(places))]}"
    return f"{kind} - {('CHU', 'Centre hospitalier', 'Clinique', 'Cabinet', 'Société')[rng.integers(5)]} de {VILLES[rng.integers(len(VILLES))]}"


def _topic_weights(installation: str, day: pd.Timestamp) -> dict[str, float]:
    """The installation's topic weights; organisational and human factors gain weight over the years."""
    weights = dict(INSTALLATIONS[installation][1])
    if F in weights:
        weights[F] *= 0.6 + 1.4 * (day.year - 2015) / 8
    return weights


def _paragraph(rng: np.random.Generator, letter: dict, rank: int) -> dict:
    kind = _one(rng, PARAGRAPH_KINDS)
    topics = _topics(rng, letter)
    text = _text(rng, kind, topics, letter["DATE_INSPECTION"], letter["SITE"])
    # Annotators miss a secondary topic now and then, and sometimes tag the inspection's theme from context alone.
    labelled = {topics[0], *(t for t in topics[1:] if rng.random() > 0.2)}
    if isinstance(letter["THEME_INSPECTION"], str) and rng.random() < 0.1:
        labelled.add(letter["THEME_INSPECTION"])
    section = _section(rng, kind, letter["DATE_INSPECTION"])
    heading = "Observation" if kind == "observation" else "Demande"
    return {
        "ID_PARAGRAPHE": f"{letter['NUMERO_LETTRE']}-{section}{rank + 1}",
        **{key: letter[key] for key in ("NUMERO_LETTRE", "DIVISION", "TYPE_INSTALLATION", "SITE", "DATE_INSPECTION", "THEME_INSPECTION")},
        "TYPE_PARAGRAPHE": kind,
        "SECTION": section,
        "TEXTE_PARAGRAPHE": f"{heading} {section}.{rank + 1} : {text}" if rng.random() < 0.7 else text,
        "THEMES": SEPARATOR.join(sorted(labelled)),
    }


def _section(rng: np.random.Generator, kind: str, day: pd.Timestamp) -> str:
    """The section of the letter a paragraph sits in, in the plan of its date."""
    if day < NEW_PLAN:
        return SECTIONS[kind]
    if kind == "observation":
        return "III"
    return "I" if kind == "demande d'action corrective" and rng.random() < PRIORITY_SHARE else "II"


def _topics(rng: np.random.Generator, letter: dict) -> list[str]:
    """The paragraph's topics, main one first: the inspection's theme 55 % of the time, then 0–2 others."""
    weights = letter["weights"]
    topics = [letter["THEME_INSPECTION"] if rng.random() < 0.55 else _one(rng, weights)]
    extra = min(_one(rng, {0: 0.6, 1: 0.32, 2: 0.08}), len(weights) - 1)
    while len(topics) < 1 + extra:
        topics.append(_one(rng, {t: w for t, w in weights.items() if t not in topics}))
    return topics


def _text(rng: np.random.Generator, kind: str, topics: list[str], day: pd.Timestamp, site: str) -> str:
    sentences = []
    for position, topic in enumerate(topics):
        findings, actions, documents, observations = TOPICS[topic]
        if rng.random() < NEIGHBOUR_WORDING:
            _, actions, documents, _ = TOPICS[NEIGHBOURS[topic]]
        if kind == "observation":
            sentences.append(f"{_pick(rng, site, OBSERVE)} {_pick(rng, site, observations)}.")
            continue
        sentences.append(f"{_pick(rng, site, OPENINGS)} {_pick(rng, site, findings)}. {_pick(rng, site, CONTEXT)}")
        if kind == "demande d'action corrective" and (position == 0 or rng.random() < 0.5):
            reminder, ask = _pick(rng, site, REMINDERS), _pick(rng, site, ASK_ACTION)
            sentences.append(_elide(f"{reminder} {ask[0].lower() + ask[1:] if reminder else ask} {_pick(rng, site, actions)}."))
        elif kind == "demande de compléments" and (position == 0 or rng.random() < 0.5):
            sentences.append(f"{_pick(rng, site, ASK_DOCUMENT)} {_pick(rng, site, documents)}.")
    sentences.append(_pick(rng, site, FILLER))
    text = _drafted(" ".join(" ".join(s.split()) for s in sentences if s.strip()), site)
    return _noisy(rng, text[0].upper() + text[1:], day)


def _drafted(text: str, site: str) -> str:
    """The text in the words of the site's inspectors (`DRAFTING`: one rendering per entry and per site)."""
    for plain, renderings in DRAFTING.items():
        choice = _of_site(site, (plain, *renderings))
        text = re.sub(rf"\b{re.escape(plain)}\b", choice[zlib.crc32(site.encode()) % len(choice)], text)
    return text


def _elide(sentence: str) -> str:
    """French elision: "de assurer" is "d'assurer"."""
    return re.sub(r"\bde ([aeiouéèh])", r"d'\1", sentence)


def _noisy(rng: np.random.Generator, text: str, day: pd.Timestamp) -> str:
    """The text as typed: the PCR/CRP drift, abbreviations, a few typos, sometimes all in capitals."""
    crp = day >= CRP_DECREE and rng.random() < min(0.95, 0.4 + 0.15 * (day.year - 2019))
    text = text.replace("{rp}", "CRP" if crp else "PCR").strip()
    for long, short in ABBREVIATIONS.items():
        if rng.random() < 0.3:
            text = text.replace(long, short)
    words = text.split(" ")
    for i in np.flatnonzero(rng.random(len(words)) < 0.02):
        word = words[i]
        if len(word) > 4:
            j = int(rng.integers(1, len(word) - 2))
            words[i] = word[:j] + word[j + 1] + word[j] + word[j + 2:]
    return " ".join(words)


def _one(rng: np.random.Generator, weights: dict) -> object:
    """One key drawn with the given relative weights (a plain loop: far quicker than `rng.choice` for one draw)."""
    threshold, total = rng.random() * sum(weights.values()), 0.0
    for key, weight in weights.items():
        total += weight
        if threshold < total:
            return key
    return key


def _pick(rng: np.random.Generator, site: str, options: tuple[str, ...]) -> str:
    """One of the options the site's letters use."""
    mine = _of_site(site, options)
    return mine[rng.integers(len(mine))]


@cache
def _of_site(site: str, options: tuple[str, ...]) -> tuple[str, ...]:
    """The part of a phrase bank a site draws from, the same in every run (seeded by the site and the bank)."""
    rng = np.random.default_rng(zlib.crc32(f"{site}|{options[0]}".encode()))
    keep = rng.random(len(options)) < SITE_SHARE
    keep[rng.integers(len(options))] = True
    return tuple(option for option, kept in zip(options, keep, strict=True) if kept)
