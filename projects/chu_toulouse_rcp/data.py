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
    ADDRESS_STREETS, ADDRESS_TOWNS, BIOMARKERS, DIFFERENTIALS, DISCOVERY, EXTENSION, HISTOLOGIES, HISTORY, MOTIVES,
    PENDING, PERFORMANCE, SAMPLING, TREATMENTS,
)

START, END = "2018-01-01", "2023-12-31"
KRAS_G12C_TARGETED = pd.Timestamp("2021-06-01")  # sotorasib early access in France
MISSED_ANNOTATION = 0.03
UNACCENTED = str.maketrans("éèêëàâîïôûùç", "eeeeaaiiouuc")
FOLLOW_UPS = ("Réévaluation scanographique après 3 cycles.", "Consultation d'annonce à programmer.", "Revoir en RCP après bilan.", "")
TYPES = ("HISTOLOGIE", "STADE_TNM", "BIOMARQUEUR", "TRAITEMENT", "ETAT_GENERAL")


class Report:
    """A report being written: its text so far and the offsets of the entities it holds."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.entities: list[tuple[int, int, str]] = []

    def say(self, text: str) -> None:
        self.parts.append(text)
        self.length += len(text)

    def entity(self, kind: str, surface: str, rng: np.random.Generator | None = None) -> None:
        """Write an entity; with `rng`, as typed in a hurry (capital, accents dropped, two letters swapped)."""
        if rng is not None:
            surface = _typed(rng, surface)
        self.entities.append((self.length, self.length + len(surface), kind))
        self.say(surface)

    def text(self) -> str:
        return "".join(self.parts)


def generate(rows: int, seed: int) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    days = dates(rng, START, END, rows)
    first, last = people(rng, rows)
    records = [_record(rng, day, f, l, number) for number, (day, f, l) in enumerate(zip(days, first, last, strict=True))]
    return pd.DataFrame(records).astype({"DATE_RCP": "datetime64[ns]"})


def _record(rng: np.random.Generator, day: pd.Timestamp, first: str, last: str, number: int) -> dict:
    age = int(np.clip(rng.normal(66, 9), 38, 92))
    birth = day - pd.Timedelta(days=int(age * 365.25 + rng.integers(0, 365)))
    code, town = ADDRESS_TOWNS[rng.integers(len(ADDRESS_TOWNS))]
    address = f"{rng.integers(1, 120)} {ADDRESS_STREETS[rng.integers(len(ADDRESS_STREETS))]}, {code} {town}"
    report = _write(rng, day, f"{first} {last.upper()}", birth.strftime("%d/%m/%Y"), address, age)
    text = report.text()
    kept = [span for span in report.entities if rng.random() >= MISSED_ANNOTATION]
    return {
        "NUMERO_FICHE": f"RCP-THO-{day.year}-{number + 1:05d}",
        "DATE_RCP": day,
        "NOM_PATIENT": last,
        "PRENOM_PATIENT": first,
        "DATE_NAISSANCE": birth.strftime("%d/%m/%Y"),
        "ADRESSE": address,
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


def _write(rng: np.random.Generator, day: pd.Timestamp, name: str, birth: str, address: str, age: int) -> Report:
    """One report, section by section, entities marked as they are written."""
    report = Report()
    civility = "M." if rng.random() < 0.68 else "Mme"
    report.say(f"RCP d'oncologie thoracique du {day:%d/%m/%Y} - CHU de Toulouse, hôpital Larrey.\n")
    report.say(f"Patient : {civility} {name}, né(e) le {birth}, {age} ans, demeurant {address}.\n")
    report.say(f"Motif : {_pick(rng, MOTIVES)}\n")
    report.say(f"Antécédents : {_fill(rng, _pick(rng, HISTORY))} {_fill(rng, _pick(rng, HISTORY))}\n")
    report.say(f"Histoire de la maladie : {_fill(rng, _pick(rng, DISCOVERY))}\n")
    histology = _one(rng, {h: w for h, (w, _) in HISTOLOGIES.items()})
    _pathology(rng, report, histology)
    status = _biology(rng, report, histology, day)
    stage = _extension(rng, report)
    ps = _one(rng, {0: 30, 1: 40, 2: 18, 3: 9, 4: 3})
    if rng.random() < 0.9:  # the performance status is sometimes not written
        report.say("État général : ")
        report.entity("ETAT_GENERAL", _pick(rng, PERFORMANCE).replace("{n}", str(ps)))
        report.say(f", poids {rng.integers(45, 110)} kg.\n")
    _proposal(rng, report, histology, status, stage, ps, day)
    return report


def _pathology(rng: np.random.Generator, report: Report, histology: str) -> None:
    report.say(f"Anatomopathologie : {_pick(rng, SAMPLING)} : ")
    report.entity("HISTOLOGIE", _pick(rng, HISTOLOGIES[histology][1]), rng)
    if rng.random() < 0.25:  # a differential diagnosis is named, never annotated
        other = _pick(rng, HISTOLOGIES[_pick(rng, tuple(h for h in HISTOLOGIES if h != histology))][1])
        report.say(", " + _pick(rng, DIFFERENTIALS).replace("{h}", other))
    report.say(".\n")


def _biology(rng: np.random.Generator, report: Report, histology: str, day: pd.Timestamp) -> dict[str, str]:
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
            report.say(f"Biologie moléculaire : {_pick(rng, PENDING)}.\n")
        return status
    report.say("Biologie moléculaire : ")
    for position, (marker, value) in enumerate(list(status.items())):
        report.say("" if position == 0 else _pick(rng, (", ", ", ", " ; ", ". ")))
        surface = _pick(rng, BIOMARKERS[marker][value])
        if marker == "PD-L1":
            status["PD-L1 %"] = str(_pdl1(rng))
            surface = surface.replace("{n}", status["PD-L1 %"])
        report.entity("BIOMARQUEUR", surface, rng)
    if rng.random() < 0.15:
        report.say(f" ; {_pick(rng, PENDING)}")
    report.say(".\n")
    return status


def _pdl1(rng: np.random.Generator) -> int:
    """Tumour proportion scores cluster at 0, 1–49 and ≥ 50 %."""
    band = _one(rng, {0: 0.35, 1: 0.35, 2: 0.30})
    return int((0, rng.integers(1, 50), rng.integers(50, 101))[band] // (5 if band == 2 else 1) * (5 if band == 2 else 1))


def _extension(rng: np.random.Generator, report: Report) -> tuple[int, int, str]:
    t = _one(rng, {1: 0.2, 2: 0.3, 3: 0.25, 4: 0.25})
    n = _one(rng, {0: 0.35, 1: 0.15, 2: 0.3, 3: 0.2})
    m = _one(rng, {"0": 0.5, "1a": 0.12, "1b": 0.13, "1c": 0.25})
    sub = _pick(rng, ("a", "b", "")) if t <= 2 else ""
    prefix = _pick(rng, ("c", "c", "c", "p", ""))
    tnm = _pick(rng, (f"{prefix}T{t}{sub}N{n}M{m}", f"{prefix}T{t}{sub} N{n} M{m}", f"{prefix}T{t}{sub}N{n}M{m}"))
    report.say(f"Bilan d'extension : {_pick(rng, EXTENSION)}. Classification : ")
    report.entity("STADE_TNM", tnm)
    report.say(f"{_pick(rng, ('', ' (8e édition)', ', stade ' + _stage(t, n, m)))}.\n")
    return t, n, m


def _stage(t: int, n: int, m: str) -> str:
    if m != "0":
        return "IVA" if m in ("1a", "1b") else "IVB"
    return ("IIIA" if n == 2 or (n == 1 and t >= 3) else "IIIB" if n == 3 else "IIB" if n == 1 else "I" + "AB"[t >= 2])


def _proposal(rng: np.random.Generator, report: Report, histology: str, status: dict, stage: tuple, ps: int, day: pd.Timestamp) -> None:
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
    report.say("Proposition RCP : ")
    for position, line in enumerate(plan):
        report.say("" if position == 0 else _pick(rng, (" puis ", ", suivie de ", " et ")))
        report.entity("TRAITEMENT", _pick(rng, TREATMENTS[line]), rng)
    report.say(f". {_pick(rng, FOLLOW_UPS)}\n")


def _metastatic_line(status: dict, day: pd.Timestamp) -> str:
    for marker in ("EGFR", "ALK", "ROS1"):
        if status.get(marker) in ("muté", "réarrangé"):
            return marker
    if status.get("KRAS") == "muté" and day >= KRAS_G12C_TARGETED and "PD-L1 %" in status and int(status["PD-L1 %"]) < 50:
        return "KRAS"
    if "PD-L1 %" in status and int(status["PD-L1 %"]) >= 50:
        return "immuno"
    return "chimio_immuno" if day.year >= 2019 else "chimio"


def _typed(rng: np.random.Generator, surface: str) -> str:
    draw = rng.random(3)
    if draw[0] < 0.2:
        surface = surface[0].upper() + surface[1:]
    if draw[1] < 0.12:
        surface = surface.translate(UNACCENTED)
    if draw[2] < 0.08 and len(surface) > 6:
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
