"""Synthetic thoracic-oncology tumour-board reports (fiches RCP) of the CHU de Toulouse, with their annotated entities.

Each report tells one patient's story as a pneumologist writes it: identity header, history, discovery, pathology
(histology), molecular biology (EGFR, ALK, ROS1, KRAS, PD-L1 depending on the histology), extension work-up (TNM),
performance status, and the board's proposal (treatments that follow the biomarkers and the stage, as the
guidelines say). Entities are annotated as `[type, surface, occurrence]` (see `flows/steps/kinds/entities.py`):
annotators miss 3 % of them; differential diagnoses and pending tests are mentioned but not annotated. Sections are
sometimes missing or reordered. Drift over 2018–2023: PD-L1 is reported more and more often, KRAS G12C and
sotorasib appear from 2021, and chemo-immunotherapy replaces chemotherapy alone.
"""

from __future__ import annotations

import json
import re

import numpy as np
import pandas as pd

from projects._shared.synthetic import dates, people

from .texts import (
    ADDRESS_STREETS,
    ADDRESS_TOWNS,
    BIOMARKERS,
    DIFFERENTIALS,
    DISCOVERY,
    EXTENSION,
    HEADINGS,
    HISTOLOGIES,
    HISTORY,
    MOTIVES,
    NOISE,
    PENDING,
    PERFORMANCE,
    SAMPLING,
    SHORTHAND,
    TREATMENTS,
)

START, END = "2018-01-01", "2023-12-31"
KRAS_G12C_TARGETED = pd.Timestamp("2021-06-01")  # sotorasib early access in France
MISSED_ANNOTATION = 0.03
UNACCENTED = str.maketrans("éèêëàâîïôûùç", "eeeeaaiiouuc")
FOLLOW_UPS = ("Réévaluation scanographique après 3 cycles.", "Consultation d'annonce à programmer.", "Revoir en RCP après bilan.", "")
TYPES = ("HISTOLOGIE", "STADE_TNM", "BIOMARQUEUR", "TRAITEMENT", "ETAT_GENERAL")
AUTHORS = 40
"""Doctors who write the reports (pneumologists, oncologists, residents): each has their own way of writing."""
OPENING_LINES = (
    "RCP d'oncologie thoracique du {day} - CHU de Toulouse, hôpital Larrey.\n", "RCP THORAX - {day}\n",
    "Réunion de concertation pluridisciplinaire du {day}, oncologie thoracique.\n", "Fiche RCP ({day})\n",
    "CHU Toulouse - Larrey - RCP onco-thoracique - séance du {day}\n", "",
)
PATIENT_LINES = (
    "Patient : {civ} {name}, né(e) le {birth}, {age} ans, demeurant {address}.\n",
    "Identité : {civ} {name} - DDN {birth} ({age} ans) - {address}\n",
    "{civ} {name}, {age} ans, né(e) le {birth}, domicile : {address}.\n",
    "Nom : {name} | Né(e) le : {birth} | Adresse : {address}\n",
)


class Report:
    """A report being written by one author: its text so far and the offsets of the entities it holds."""

    def __init__(self, author: dict, rng: np.random.Generator) -> None:
        self.author, self.rng = author, rng
        self.parts: list[str] = []
        self.length = 0
        self.entities: list[tuple[int, int, str]] = []

    def say(self, text: str) -> None:
        self.parts.append(text)
        self.length += len(text)

    def prose(self, text: str) -> None:
        """Words around the entities, in the author's shorthand."""
        for word, short in self.author["shorthand"]:
            text = text.replace(word, short)
        self.say(text)

    def heading(self, section: str, facts: dict) -> None:
        """The section's heading (or lead-in, for an author writing prose)."""
        forms = HEADINGS[section][1 if self.author["prose"] else 0]
        self.say(forms[self.author["headings"][section]].format(**facts))

    def section(self, section: str, facts: dict, text: str) -> None:
        """A section without entities: heading, text, end."""
        self.heading(section, facts)
        self.prose(text)
        self.end()

    def end(self) -> None:
        """Close a section with the author's separator; now and then a stray line (a footer, a separator)."""
        self.say(self.author["separator"])
        if self.rng.random() < self.author["noise"]:
            self.say(_pick(self.rng, NOISE))

    def entity(self, kind: str, surface: str, typed: bool = False) -> None:
        """Write an entity; `typed`: as its author types in a hurry."""
        if typed:
            surface = _typed(self.rng, surface, self.author)
        self.entities.append((self.length, self.length + len(surface), kind))
        self.say(surface)

    def text(self) -> str:
        return "".join(self.parts)


def generate(rows: int, seed: int) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    days = dates(rng, START, END, rows)
    first, last = people(rng, rows)
    authors = [_author(rng) for _ in range(AUTHORS)]
    writers = rng.choice(AUTHORS, rows, p=_activity(rng, AUTHORS))
    records = [
        _record(rng, day, f, l, number, authors[k])
        for number, (day, f, l, k) in enumerate(zip(days, first, last, writers, strict=True))
    ]
    return pd.DataFrame(records).astype({"DATE_RCP": "datetime64[ns]"})


def _author(rng: np.random.Generator) -> dict:
    """One doctor's writing habits: headings or prose, the order of the middle sections, separators, shorthand,
    noise, typing slips. Held-out authors write in combinations the model never read."""
    middle = ["anapath", "biomol", "extension"]
    if rng.random() < 0.5:
        middle = list(rng.permutation(middle))
    prose = bool(rng.random() < 0.35)
    return {
        "rpps": f"10{rng.integers(0, 10**9):09d}",
        "prose": prose,
        "headings": {key: int(rng.integers(len(forms[1 if prose else 0]))) for key, forms in HEADINGS.items()},
        "middle": middle, "early_status": bool(rng.random() < 0.3), "motive": bool(rng.random() < 0.7),
        "separator": " " if prose and rng.random() < 0.6 else ("\n\n" if rng.random() < 0.3 else "\n"),
        "opening": int(rng.integers(len(OPENING_LINES))), "patient": int(rng.integers(len(PATIENT_LINES))),
        "shorthand": tuple(pair for pair in SHORTHAND if rng.random() < 0.5), "noise": float(rng.uniform(0, 0.25)),
        "capitals": float(rng.uniform(0.05, 0.4)), "accents": float(rng.uniform(0.0, 0.35)), "swaps": float(rng.uniform(0.0, 0.15)),
    }


def _activity(rng: np.random.Generator, count: int) -> np.ndarray:
    """A few doctors write most reports (the coordinator, the seniors), residents a few each."""
    weights = rng.pareto(1.2, count) + 0.3
    return weights / weights.sum()


def _record(rng: np.random.Generator, day: pd.Timestamp, first: str, last: str, number: int, author: dict) -> dict:
    age = int(np.clip(rng.normal(66, 9), 38, 92))
    birth = day - pd.Timedelta(days=int(age * 365.25 + rng.integers(0, 365)))
    code, town = ADDRESS_TOWNS[rng.integers(len(ADDRESS_TOWNS))]
    address = f"{rng.integers(1, 120)} {ADDRESS_STREETS[rng.integers(len(ADDRESS_STREETS))]}, {code} {town}"
    report = _write(rng, day, f"{first} {last.upper()}", birth.strftime("%d/%m/%Y"), address, age, author)
    text = report.text()
    kept = [span for span in report.entities if rng.random() >= MISSED_ANNOTATION]
    return {
        "NUMERO_FICHE": f"RCP-THO-{day.year}-{number + 1:05d}",
        "DATE_RCP": day,
        "NOM_PATIENT": last,
        "PRENOM_PATIENT": first,
        "DATE_NAISSANCE": birth.strftime("%d/%m/%Y"),
        "ADRESSE": address,
        "RPPS_REDACTEUR": author["rpps"],
        "COMPTE_RENDU": text,
        "ENTITES": json.dumps([_anchor(text, span) for span in kept], ensure_ascii=False),
    }


def _anchor(text: str, span: tuple[int, int, str]) -> list:
    """`[type, surface, occurrence]`: which whole-word occurrence of its surface the entity is, as the kind counts."""
    start, end, kind = span
    surface = text[start:end]
    before = r"(?<!\w)" if surface[:1].isalnum() else ""
    after = r"(?!\w)" if surface[-1:].isalnum() else ""
    starts = [match.start() for match in re.finditer(before + re.escape(surface) + after, text)]
    return [kind, surface, starts.index(start)]


def _write(
    rng: np.random.Generator, day: pd.Timestamp, name: str, birth: str, address: str, age: int, author: dict
) -> Report:
    """One report in its author's way, entities marked as they are written."""
    report = Report(author, rng)
    civility = "M." if rng.random() < 0.68 else "Mme"
    report.say(OPENING_LINES[author["opening"]].format(day=f"{day:%d/%m/%Y}"))
    report.say(PATIENT_LINES[author["patient"]].format(civ=civility, name=name, birth=birth, age=age, address=address))
    facts = {"age": age, "civ": civility}
    histology = _one(rng, {h: w for h, (w, _) in HISTOLOGIES.items()})
    ps = _one(rng, {0: 30, 1: 40, 2: 18, 3: 9, 4: 3})
    written = rng.random() < 0.9  # the performance status is sometimes not written
    if author["motive"]:
        report.section("motif", facts, _pick(rng, MOTIVES))
    report.section("atcd", facts, f"{_fill(rng, _pick(rng, HISTORY))} {_fill(rng, _pick(rng, HISTORY))}")
    if written and author["early_status"]:
        _status(rng, report, facts, ps)
    report.section("histoire", facts, _fill(rng, _pick(rng, DISCOVERY)))
    status: dict[str, str] = {}
    stage = (1, 0, "0")
    for part in author["middle"]:
        if part == "anapath":
            _pathology(rng, report, facts, histology)
        elif part == "biomol":
            status = _biology(rng, report, facts, histology, day)
        else:
            stage = _extension(rng, report, facts)
    if written and not author["early_status"]:
        _status(rng, report, facts, ps)
    _proposal(rng, report, facts, histology, status, stage, ps, day)
    return report


def _status(rng: np.random.Generator, report: Report, facts: dict, ps: int) -> None:
    report.heading("etat", facts)
    report.entity("ETAT_GENERAL", _pick(rng, PERFORMANCE).replace("{n}", str(ps)))
    report.say(f", poids {rng.integers(45, 110)} kg.")
    report.end()


def _pathology(rng: np.random.Generator, report: Report, facts: dict, histology: str) -> None:
    report.heading("anapath", facts)
    report.say(f"{_pick(rng, SAMPLING)} : ")
    report.entity("HISTOLOGIE", _pick(rng, HISTOLOGIES[histology][1]), typed=True)
    if rng.random() < 0.25:  # a differential diagnosis is named, never annotated
        other = _pick(rng, HISTOLOGIES[_pick(rng, tuple(h for h in HISTOLOGIES if h != histology))][1])
        report.say(", " + _pick(rng, DIFFERENTIALS).replace("{h}", other))
    report.say(".")
    report.end()


def _biology(rng: np.random.Generator, report: Report, facts: dict, histology: str, day: pd.Timestamp) -> dict[str, str]:
    """Molecular results written in the report; returns the status of each biomarker tested."""
    year = (day.year - 2018) / 5
    adeno = histology in ("adénocarcinome", "autre")
    status: dict[str, str] = {}
    if adeno:
        driver = _one(rng, {"EGFR": 12, "ALK": 4, "ROS1": 1.5, "KRAS": 28, "aucun": 54.5})
        for marker in ("EGFR", "ALK", "ROS1", "KRAS"):
            if marker == "KRAS" and rng.random() < 0.5 - 0.3 * year:
                continue  # KRAS was not always reported before targeted drugs existed
            status[marker] = next(iter(BIOMARKERS[marker])) if marker == driver else list(BIOMARKERS[marker])[-1]
    if rng.random() < 0.55 + 0.4 * year:
        status["PD-L1"] = "mesuré"
    if not status:
        if rng.random() < 0.4:
            report.section("biomol", facts, f"{_pick(rng, PENDING)}.")
        return status
    report.heading("biomol", facts)
    for position, (marker, value) in enumerate(list(status.items())):
        report.say("" if position == 0 else _pick(rng, (", ", ", ", " ; ", ". ")))
        surface = _pick(rng, BIOMARKERS[marker][value])
        if marker == "PD-L1":
            status["PD-L1 %"] = str(_pdl1(rng))
            surface = surface.replace("{n}", status["PD-L1 %"])
        report.entity("BIOMARQUEUR", surface, typed=True)
    if rng.random() < 0.15:
        report.say(f" ; {_pick(rng, PENDING)}")
    report.say(".")
    report.end()
    return status


def _pdl1(rng: np.random.Generator) -> int:
    """Tumour proportion scores cluster at 0, 1–49 and ≥ 50 %."""
    band = _one(rng, {0: 0.35, 1: 0.35, 2: 0.30})
    return int((0, rng.integers(1, 50), rng.integers(50, 101))[band] // (5 if band == 2 else 1) * (5 if band == 2 else 1))


def _extension(rng: np.random.Generator, report: Report, facts: dict) -> tuple[int, int, str]:
    t = _one(rng, {1: 0.2, 2: 0.3, 3: 0.25, 4: 0.25})
    n = _one(rng, {0: 0.35, 1: 0.15, 2: 0.3, 3: 0.2})
    m = _one(rng, {"0": 0.5, "1a": 0.12, "1b": 0.13, "1c": 0.25})
    sub = _pick(rng, ("a", "b", "")) if t <= 2 else ""
    prefix = _pick(rng, ("c", "c", "c", "p", ""))
    tnm = _pick(rng, (f"{prefix}T{t}{sub}N{n}M{m}", f"{prefix}T{t}{sub} N{n} M{m}", f"{prefix}T{t}{sub}N{n}M{m}"))
    report.heading("extension", facts)
    report.prose(f"{_pick(rng, EXTENSION)}. {_pick(rng, ('Classification : ', 'Stade ', '', 'TNM : '))}")
    report.entity("STADE_TNM", tnm)
    report.say(f"{_pick(rng, ('', ' (8e édition)', ', stade ' + _stage(t, n, m)))}.")
    report.end()
    return t, n, m


def _stage(t: int, n: int, m: str) -> str:
    if m != "0":
        return "IVA" if m in ("1a", "1b") else "IVB"
    return ("IIIA" if n == 2 or (n == 1 and t >= 3) else "IIIB" if n == 3 else "IIB" if n == 1 else "I" + "AB"[t >= 2])


def _proposal(
    rng: np.random.Generator, report: Report, facts: dict, histology: str, status: dict, stage: tuple, ps: int,
    day: pd.Timestamp,
) -> None:
    """The board's proposal: what the guidelines say for this histology, stage, biomarkers and performance status."""
    t, n, m = stage
    if ps >= 3:
        plan = ["support"]
    elif histology == "petites cellules":
        plan = ["cbpc"] if m != "0" else ["cbpc", "radio"]
    elif m == "0" and n <= 1 and t <= 3:
        plan = ["chirurgie"] if ps <= 1 else ["radio"]
    elif m == "0":
        plan = ["radio", "consolidation"]
    else:
        plan = [_metastatic_line(status, day)]
    report.heading("proposition", facts)
    for position, line in enumerate(plan):
        report.say("" if position == 0 else _pick(rng, (" puis ", ", suivie de ", " et ")))
        report.entity("TRAITEMENT", _pick(rng, TREATMENTS[line]), typed=True)
    report.say(". ")
    report.prose(_pick(rng, FOLLOW_UPS))
    report.end()


def _metastatic_line(status: dict, day: pd.Timestamp) -> str:
    for marker in ("EGFR", "ALK", "ROS1"):
        if status.get(marker) in ("muté", "réarrangé"):
            return marker
    if status.get("KRAS") == "muté" and day >= KRAS_G12C_TARGETED and "PD-L1 %" in status and int(status["PD-L1 %"]) < 50:
        return "KRAS"
    if "PD-L1 %" in status and int(status["PD-L1 %"]) >= 50:
        return "immuno"
    return "chimio_immuno" if day.year >= 2019 else "chimio"


def _typed(rng: np.random.Generator, surface: str, author: dict) -> str:
    """An entity as its author types it in a hurry: a capital, accents dropped, two letters swapped."""
    draw = rng.random(3)
    if draw[0] < author["capitals"]:
        surface = surface[0].upper() + surface[1:]
    if draw[1] < author["accents"]:
        surface = surface.translate(UNACCENTED)
    if draw[2] < author["swaps"] and len(surface) > 6:
        i = int(rng.integers(1, len(surface) - 3))
        if surface[i].isalpha() and surface[i + 1].isalpha():
            surface = surface[:i] + surface[i + 1] + surface[i] + surface[i + 2:]
    return surface


def _one(rng: np.random.Generator, weights: dict) -> object:
    """One key drawn with the given relative weights (a plain loop: far quicker than `rng.choice` for one draw)."""
    threshold, total = rng.random() * sum(weights.values()), 0.0
    for key, weight in weights.items():
        total += weight
        if threshold < total:
            return key
    return key


def _fill(rng: np.random.Generator, text: str) -> str:
    return text.replace("{n}", str(rng.integers(5, 60)))


def _pick(rng: np.random.Generator, options: tuple[str, ...]) -> str:
    return options[rng.integers(len(options))]
