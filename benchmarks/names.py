"""How many person names planted in free text survive pseudonymisation, and what the recogniser costs.

`python -m benchmarks.names [ROWS] [NAME ...]` generates each project's data (every project with free text by
default), plants a person named in no personal column into a share of its free-text values, with the phrasings a
complaint, a report or a call would use, and pseudonymises it as a run does. It prints JSON per project:
- `survived`: planted names still found afterwards, anywhere in the free text (the privacy figure: must be 0);
- `recall` and `precision` of the recogniser alone on the planted texts (a found span is right when it covers the
  planted name or a person of the file's personal columns, wrong otherwise);
- `seconds_per_1000_rows` of the recogniser (model load excluded, paid once per process: `load_seconds`).
"""

from __future__ import annotations

import json
import re
import sys
import time
from typing import Any

import numpy as np
import pandas as pd

import projects
from flows.steps import data, names

FIRST = ("Hélène", "Karim", "Maëlle", "Thierry", "Aïcha", "Grégoire", "Nadia", "Jean-Baptiste", "Soizic", "Mamadou",
         "Bérénice", "Yannick", "Fatou", "Ludovic", "Ophélie", "Rachid", "Capucine", "Tanguy", "Leïla", "Gaspard")
LAST = ("Rousselot", "Benhamou", "Le Gall", "Vasseur", "Nguyen", "Delacroix", "Traoré", "Kowalski", "Poirier",
        "Da Costa", "Chevalier", "Haddad", "Lemaire", "Quéré", "Fontaine", "Ouattara", "Marchetti", "Giraud")
PHRASINGS = (
    "{text} Mon voisin {name} a tout vu.",
    "Selon {name}, {text}",
    "{text} Le docteur {name} a été prévenu.",
    "{text} J'ai appelé {name} le lendemain.",
    "En présence de Mme {name} : {text}",
    "{text} Contact : {name}, collègue du service.",
)
PLANTED_SHARE = 0.3
KEY = b"benchmark-names"


def plant(frame: pd.DataFrame, column: str, rng: np.random.Generator) -> dict[Any, str]:
    """A name planted in a share of the column's texts, in place; {row label: name}."""
    texts = frame[column].dropna()
    rows = texts.index[rng.random(len(texts)) < PLANTED_SHARE]
    planted = {}
    for row in rows:
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        frame.at[row, column] = rng.choice(PHRASINGS).format(text=frame.at[row, column], name=name)
        planted[row] = name
    return planted


def measure(name: str, rows: int, seed: int = 7) -> dict[str, Any]:
    project = projects.load(name)
    frame = project.generate(rows, seed)
    rng = np.random.default_rng(seed)
    planted = {column: plant(frame, column, rng) for column in project.free_text if column in frame}
    started = time.perf_counter()
    names.recogniser()
    load = time.perf_counter() - started
    known = {word for column in project.personal if column in frame
             for value in frame[column].dropna().astype(str) for word in re.findall(r"[^\W\d_]{3,}", value)}
    # the file's own persons: a span on one of them is a right find, not a planted one
    hits = wrong = total = 0
    seconds = 0.0
    for column, where in planted.items():
        texts = [frame.at[row, column] for row in where]
        started = time.perf_counter()
        spans = names.persons(texts)
        seconds += time.perf_counter() - started
        for text, person, found in zip(texts, where.values(), spans):
            start = text.index(person)
            planted_found = [span for span in found if span[0] < start + len(person) and span[1] > start]
            others = [span for span in found if span not in planted_found]
            wrong += sum(1 for span in others if not known & set(re.findall(r"[^\W\d_]{3,}", text[span[0]:span[1]])))
            hits, total = hits + bool(planted_found), total + 1
    started = time.perf_counter()
    clean = data.pseudonymise(frame, project, KEY)
    pseudonymise = time.perf_counter() - started
    survived = sum(
        any(re.search(rf"\b{re.escape(part)}\b", str(clean.at[row, column])) for part in person.split() if len(part) > 2)
        for column, where in planted.items() for row, person in where.items()
    )
    all_rows = sum(frame[column].notna().sum() for column in planted)
    return {
        "project": name, "planted": total, "survived": survived,
        "recall": round(hits / total, 4) if total else None,
        "precision": round(hits / (hits + wrong), 4) if hits + wrong else None,
        "seconds_per_1000_rows": round(1000 * seconds / max(total, 1), 2),
        "pseudonymise_seconds": round(pseudonymise, 2), "free_text_values": int(all_rows),
        "load_seconds": round(load, 2),
    }


def main(arguments: list[str]) -> None:
    rows = int(arguments[0]) if arguments and arguments[0].isdigit() else 400
    chosen = [argument for argument in arguments if not argument.isdigit()]
    listed = chosen or [name for name in projects.names() if projects.load(name).free_text]
    for name in listed:
        print(json.dumps(measure(name, rows)), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
