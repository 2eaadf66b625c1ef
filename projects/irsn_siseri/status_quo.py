"""What radiation-protection officers apply today: the regulatory limits and the employer's investigation levels.

Every worker-month is compared with the thresholds of `reference/seuils_reglementaires.csv`: the 12-month limits of
the Code du travail (R.4451-6: 20 mSv whole body, 500 mSv extremities and skin) and the category-B ceilings
(R.4451-57: 6 and 150 mSv), on the 12-month cumulative dose; the employer's monthly investigation levels on the
month's own dose. The rule's score is the largest share of a threshold reached; an alert is a threshold reached. A
real file of thresholds (a site's own investigation levels) replaces the reference without a code change.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, OutlierMixin

from .thresholds import COLUMNS, thresholds


class RegulatoryThresholds(OutlierMixin, BaseEstimator):
    """Nothing learned: `score_samples` is minus the largest share of a threshold reached (lower is more abnormal)."""

    def fit(self, X: pd.DataFrame, y: object = None) -> RegulatoryThresholds:
        self.n_features_in_ = X.shape[1]
        self.thresholds_ = thresholds()
        return self

    def shares(self, X: pd.DataFrame) -> pd.DataFrame:
        """Rows × thresholds: the dose over the category's threshold (0 where the dose is unknown)."""
        out = {}
        for (grandeur, period), by_category in self.thresholds_.items():
            dose = X[COLUMNS[grandeur, period]].astype(float).fillna(0.0)
            out[f"{grandeur} {period}"] = dose / X["CATEGORIE"].map(by_category).astype(float)
        return pd.DataFrame(out, index=X.index).fillna(0.0)

    def score_samples(self, X: pd.DataFrame) -> np.ndarray:
        return -self.shares(X).max(axis=1).to_numpy()

    def predict(self, X: pd.DataFrame) -> np.ndarray:
        """-1 where a threshold is reached."""
        return np.where(-self.score_samples(X) >= 1.0, -1, 1)
