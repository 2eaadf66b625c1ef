"""A first reading as an evaluator triages today, before any model: alarm words in the text, the patient's state.

The grade is the gravest one among the words of `reference/mots_gravite.csv` found in `DESCRIPTION_INCIDENT`
(accents and case ignored, whole words or word starts: "hospitalis" finds "hospitalisée") and the grade
`reference/etat_patient.csv` gives the declared `ETAT_PATIENT`; a report with neither is graded NULLE. Both lists are
the evaluators' own and a real one replaces them without a code change. The typology fields
(`TYPE_DYSFONCTIONNEMENT`, `CONSEQUENCE`, `TYPE_EFFET`) are coded by the evaluator after reading: no rule may read them.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, ClassifierMixin

REFERENCE = Path(__file__).parent / "reference"
GRAVITES = ("NULLE", "MINEU", "MOYEN", "SEVER", "CRITI")
"""ANSM's gravity codes, from none to critical: the order the rule takes the gravest of."""
READS = ("DESCRIPTION_INCIDENT", "ETAT_PATIENT")


def plain(text: str) -> str:
    return unicodedata.normalize("NFKD", text.lower()).encode("ascii", "ignore").decode()


@cache
def alarm_words() -> tuple[tuple[re.Pattern, int], ...]:
    """(pattern, rank of the grade), gravest first."""
    with (REFERENCE / "mots_gravite.csv").open(encoding="utf-8") as handle:
        rows = [(plain(row["terme"]), GRAVITES.index(row["GRAVITE"])) for row in csv.DictReader(handle)]
    return tuple((re.compile(rf"\b{re.escape(term)}"), rank) for term, rank in sorted(rows, key=lambda r: -r[1]))


@cache
def patient_states() -> dict[str, int]:
    with (REFERENCE / "etat_patient.csv").open(encoding="utf-8") as handle:
        return {row["ETAT_PATIENT"]: GRAVITES.index(row["GRAVITE"]) for row in csv.DictReader(handle)}


def grade(text: object, state: object) -> int:
    """The rank of the gravest grade the words or the patient's state point to (0: NULLE)."""
    words = plain(text) if isinstance(text, str) else ""
    found = next((rank for pattern, rank in alarm_words() if pattern.search(words)), 0)
    return max(found, patient_states().get(state, 0) if isinstance(state, str) else 0)


class AlarmWords(ClassifierMixin, BaseEstimator):
    """Nothing learned: the gravest grade named by the reference lists."""

    def fit(self, X: pd.DataFrame, y: object = None) -> AlarmWords:
        self.n_features_in_ = X.shape[1]
        self.classes_ = np.array(sorted(GRAVITES), dtype=object)
        return self

    def predict(self, X: pd.DataFrame) -> np.ndarray:
        ranks = [grade(text, state) for text, state in zip(X[READS[0]], X[READS[1]], strict=True)]
        return np.array([GRAVITES[rank] for rank in ranks], dtype=object)
