"""What a terminology-based extractor does without learning: the patterns of `reference/motifs_rcp.csv`.

Each line is one entity type and a pattern written from the nomenclatures a thoracic oncologist uses (WHO
histologies, TNM 8th edition, targetable alterations and PD-L1, OMS/ECOG performance status, the INNs of the drugs,
surgical and radiotherapy procedures), case ignored. Overlapping matches keep the longest. A negated or
differential mention ("pas d'argument pour un CBPC") is tagged like any other: a rule cannot tell them apart.
"""

from __future__ import annotations

import csv
import json
import re
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator

REFERENCE = Path(__file__).parent / "reference" / "motifs_rcp.csv"


@cache
def patterns() -> tuple[tuple[re.Pattern, str], ...]:
    with REFERENCE.open(encoding="utf-8") as handle:
        return tuple((re.compile(row["motif"], re.IGNORECASE), row["type"]) for row in csv.DictReader(handle))


def tag(text: str) -> list[list]:
    """`[start, end, type]` of every match, the longest kept where matches overlap."""
    found = sorted(
        ((m.start(), m.end(), kind) for pattern, kind in patterns() for m in pattern.finditer(text) if m.end() > m.start()),
        key=lambda span: (span[0] - span[1], span[0]),
    )
    kept: list[tuple[int, int, str]] = []
    for start, end, kind in found:
        if all(end <= s or start >= e for s, e, _ in kept):
            kept.append((start, end, kind))
    return [list(span) for span in sorted(kept)]


class TerminologyPatterns(BaseEstimator):
    """Nothing learned: `predict` tags each text with the reference patterns (JSON spans, as the kind expects)."""

    def fit(self, X: pd.DataFrame, y: object = None) -> TerminologyPatterns:
        self.n_features_in_ = X.shape[1]
        self.patterns_ = len(patterns())
        return self

    def predict(self, X: pd.DataFrame) -> np.ndarray:
        return np.array([json.dumps(tag(text)) for text in X.iloc[:, 0].fillna("")], dtype=object)
