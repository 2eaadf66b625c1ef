"""The regulatory dose thresholds (reference/seuils_reglementaires.csv), read by the status-quo rule and by the
model's features; no scikit-learn here, so that listing projects stays light."""


from __future__ import annotations

import csv
from functools import cache
from pathlib import Path


REFERENCE = Path(__file__).parent / "reference" / "seuils_reglementaires.csv"
TWELVE_MONTHS = "12 mois glissants"
MONTH = "mois"
# The dose column each threshold is read against: the month's dose or the 12-month sum `derive` adds.
COLUMNS = {
    ("HP10", MONTH): "DOSE_HP10_MSV", ("HP007", MONTH): "DOSE_HP007_MSV",
    ("HP10", TWELVE_MONTHS): "DOSE_12M_HP10_MSV", ("HP007", TWELVE_MONTHS): "DOSE_12M_HP007_MSV",
}
READS = ("CATEGORIE", *COLUMNS.values())


@cache
def thresholds() -> dict[tuple[str, str], dict[str, float]]:
    """(grandeur, période) → {catégorie: seuil in mSv}."""
    out: dict[tuple[str, str], dict[str, float]] = {}
    with REFERENCE.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            out.setdefault((row["grandeur"], row["periode"]), {})[row["categorie"]] = float(row["seuil_msv"])
    return out
