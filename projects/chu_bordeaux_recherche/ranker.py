"""Search within one patient's record: a ranker of prose (BM25 here) asked only about the documents of the patient
whose record the clinician has open.

It follows the retrieval kind's ranker contract (flows/steps/kinds/retrieval.py). The patient column is read on
both sides and never enters the text: documents of other patients are ranked below every document of the record
(a search box inside a record never shows another patient's documents).
"""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, clone

PATIENT = "PATIENT_NUM"
LEXICON = Path(__file__).parent / "reference" / "lexique_medical.csv"


@cache
def lexicon() -> dict[str, str]:
    """The hospital's lexicon of abbreviations and synonyms (a form as written → what it stands for)."""
    with LEXICON.open(encoding="utf-8") as handle:
        return {row["forme"]: row["developpement"] for row in csv.DictReader(handle)}


class PatientRecordSearch(BaseEstimator):
    def __init__(self, ranker: BaseEstimator, patient: str = PATIENT) -> None:
        self.ranker = ranker
        self.patient = patient

    def fit(self, X: pd.DataFrame, y: pd.Series, corpus: pd.DataFrame | None = None) -> PatientRecordSearch:
        if corpus is None:
            raise ValueError("PatientRecordSearch.fit needs the corpus (a fit parameter)")
        self.n_features_in_ = X.shape[1]
        self.ranker_ = clone(self.ranker).fit(self._text(X), y, corpus=self._text(corpus))
        return self._records(corpus)

    def index(self, corpus: pd.DataFrame) -> PatientRecordSearch:
        self.ranker_.index(self._text(corpus))
        return self._records(corpus)

    def similarity(self, X: pd.DataFrame) -> np.ndarray:
        scores = np.asarray(self.ranker_.similarity(self._text(X)), dtype=float)
        same = X[self.patient].astype(str).to_numpy()[:, None] == self.doc_patients_[None, :]
        floor = scores.min(initial=0.0) - 1.0
        return np.where(same, scores, floor)

    def predict(self, X: pd.DataFrame) -> np.ndarray:
        return self.doc_ids_[np.argmax(self.similarity(X), axis=1)]

    def _records(self, corpus: pd.DataFrame) -> PatientRecordSearch:
        self.doc_ids_ = self.ranker_.doc_ids_
        self.doc_patients_ = corpus[self.patient].astype(str).to_numpy(dtype=object)
        return self

    def _text(self, X: pd.DataFrame) -> pd.DataFrame:
        return X.drop(columns=[self.patient])
