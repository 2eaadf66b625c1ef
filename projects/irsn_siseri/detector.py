"""A robust-statistics detector whose every alert adds up to named gaps, in robust units.

Each feature is centred on its training median and scaled robustly (1.4826 MAD, or the upper-tail spread when most
values are equal, as the monthly doses of most workers are: 0). Only gaps ABOVE the centre count (a dose lower than
usual is no alert), each clipped at `clip` so that one extreme gap cannot hide all the others.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, OutlierMixin

HISTORY_COUNT = "NB_MOIS_HISTORIQUE"
"""Context column: recorded months of the past year. It gates the own-history gaps and never scores itself."""
HISTORY_MARK = "_HISTORIQUE_"
"""Features whose name holds this compare a worker with their own past: they need `min_history_months`."""


class RobustDoseDetector(OutlierMixin, BaseEstimator):
    """Sum of positive robust z-scores; `score_samples` follows scikit-learn: lower is more abnormal."""

    def __init__(self, clip: float = 8.0, alert_rate: float = 0.03, min_history_months: int = 3) -> None:
        self.clip = clip
        self.alert_rate = alert_rate
        self.min_history_months = min_history_months

    def fit(self, X: pd.DataFrame, y: object = None) -> RobustDoseDetector:
        """Learn each feature's median and robust scale, then the alert threshold; `y` is ignored."""
        values = _values(X)
        self.feature_names_in_ = np.asarray(X.columns, dtype=object)
        self.n_features_in_ = values.shape[1]
        self.center_ = np.nanmedian(values, axis=0)
        self.scale_ = np.array([_robust_scale(column, centre) for column, centre in zip(values.T, self.center_)])
        self.offset_ = float(np.quantile(self.score_samples(X), self.alert_rate))
        return self

    def contributions(self, X: pd.DataFrame) -> np.ndarray:
        """Rows × features: how far above its centre each feature is, in robust units, 0 when below or unknown."""
        values = _values(X[list(self.feature_names_in_)])
        z = np.clip(np.nan_to_num((values - self.center_) / self.scale_, nan=0.0), 0.0, self.clip)
        names = list(self.feature_names_in_)
        if HISTORY_COUNT in names:
            young = values[:, names.index(HISTORY_COUNT)] < self.min_history_months
            history = [HISTORY_MARK in name for name in names]
            z[np.ix_(young, history)] = 0.0
            z[:, names.index(HISTORY_COUNT)] = 0.0
        return z

    def score_samples(self, X: pd.DataFrame) -> np.ndarray:
        return -self.contributions(X).sum(axis=1)

    def decision_function(self, X: pd.DataFrame) -> np.ndarray:
        """Negative for the worker-months that raise an alert."""
        return self.score_samples(X) - self.offset_

    def predict(self, X: pd.DataFrame) -> np.ndarray:
        """-1 for an alert, 1 for a normal worker-month."""
        return np.where(self.decision_function(X) < 0, -1, 1)

    def explain(self, X: pd.DataFrame) -> tuple[float, pd.DataFrame]:
        """Base value 0 (every feature at its centre) and one contribution per feature; they add up to the anomaly
        score `-score_samples(X)`."""
        return 0.0, pd.DataFrame(self.contributions(X), index=X.index, columns=list(self.feature_names_in_))


def _values(X: pd.DataFrame) -> np.ndarray:
    return np.asarray(X, dtype=float)


def _robust_scale(column: np.ndarray, centre: float) -> float:
    """The larger of 1.4826 MAD and the upper-tail scale (q90 - median) / 1.2816, both the standard deviation of a
    normal law; the tail scale keeps a mostly-zero feature from being blown up by a MAD of 0. 1 if it never varies."""
    known = column[~np.isnan(column)]
    if known.size == 0:
        return 1.0
    scale = max(1.4826 * np.median(np.abs(known - centre)), (np.quantile(known, 0.9) - centre) / 1.2816)
    return float(scale) if scale > 0 else 1.0
