"""The status quo: trust the declaration. A line is flagged only by the value profile of the targeting rules,
when its value per kilogram is far from the typical one of the heading it declares (`reference/nomenclature.csv`):
the goods then are probably not what the code says."""

from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator

from .model import DECLARED, nomenclature

COLUMNS = (DECLARED, "VALEUR_EUR", "MASSE_NETTE_KG")
PROFILE_FACTOR = 5.0
"""A value per kg more than this many times off the heading's typical one raises the profile."""


class TrustTheDeclaration(BaseEstimator):
    def fit(self, X: pd.DataFrame, y: pd.Series) -> TrustTheDeclaration:
        self.classes_ = np.array(sorted(pd.unique(pd.Series(y).astype(str))), dtype=object)
        self.n_features_in_ = X.shape[1]
        return self

    def _gap(self, X: pd.DataFrame) -> np.ndarray:
        typical = X[DECLARED].astype(str).map(nomenclature()["valeur_typique_eur_kg"]).to_numpy(dtype=float)
        per_kg = (X["VALEUR_EUR"] / X["MASSE_NETTE_KG"]).to_numpy(dtype=float)
        return np.nan_to_num(np.abs(np.log(per_kg / typical)), nan=0.0, posinf=0.0)

    def predict_proba(self, X: pd.DataFrame) -> np.ndarray:
        """A score that grows with the gap, 0.5 at the profile's factor."""
        positive = 1 / (1 + np.exp(-(self._gap(X) - np.log(PROFILE_FACTOR))))
        return np.column_stack([1 - positive, positive])

    def predict(self, X: pd.DataFrame) -> np.ndarray:
        return self.classes_[(self._gap(X) > np.log(PROFILE_FACTOR)).astype(int)]
