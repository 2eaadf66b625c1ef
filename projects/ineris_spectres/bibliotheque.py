"""The spectral library the lab searches: `reference/bibliotheque.csv`, one molecule a line (name, formula, chemical
family, MS/MS fragments "m/z:intensity"), and the search settings of `reference/recherche.csv`.

It is not the chemistry the synthetic spectra are drawn from (`library.py`): its entries were recorded on another
instrument, so their intensities differ, a few fragments are missing and a few extra ones appear, as a real library's
do against the lab's own spectra. A real library exported in the same columns replaces it without a code change.
"""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

REFERENCE = Path(__file__).parent / "reference"


def peaks(text: object) -> dict[float, float]:
    """"m/z:intensity m/z:intensity" → {m/z: intensity}; empty or missing → {}."""
    if not isinstance(text, str) or not text:
        return {}
    return {float(m): float(i) for m, i in (pair.split(":") for pair in text.split())}


@cache
def entries() -> dict[str, tuple[str, dict[float, float]]]:
    """molecule → (formula, MS/MS fragments)."""
    with (REFERENCE / "bibliotheque.csv").open(encoding="utf-8") as handle:
        return {row["molecule"]: (row["formule"], peaks(row["fragments_ms2"])) for row in csv.DictReader(handle)}


@cache
def search_settings() -> dict[str, float]:
    with (REFERENCE / "recherche.csv").open(encoding="utf-8") as handle:
        return {row["parametre"]: float(row["valeur"]) for row in csv.DictReader(handle)}
