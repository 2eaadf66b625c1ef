"""What an adviser tells a founder today: the three-year survival rate of the trade (the sector tables of the
CMA's observatory), whatever the place. Learnt from training as the rate per activity, pulled towards the overall
rate when an activity has few businesses."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

COLUMNS = ("ACTIVITE",)


class TradeSurvivalRate:
    def fit(self, X: pd.DataFrame, y: Any) -> TradeSurvivalRate:
        truth = pd.Series(np.asarray(y), index=X.index)
        self.classes_ = np.unique(truth)
        survived = truth == self.classes_[-1]
        self.overall_ = float(survived.mean())
        counts = survived.groupby(X[COLUMNS[0]]).agg(["sum", "count"])
        self.rate_ = ((counts["sum"] + 10 * self.overall_) / (counts["count"] + 10)).to_dict()  # 10 pseudo-businesses
        return self

    def predict_proba(self, X: pd.DataFrame) -> np.ndarray:
        rate = X[COLUMNS[0]].map(self.rate_).fillna(self.overall_).to_numpy(dtype=float)
        return np.column_stack([1 - rate, rate])

    def predict(self, X: pd.DataFrame) -> np.ndarray:
        return np.where(self.predict_proba(X)[:, 1] >= 0.5, self.classes_[-1], self.classes_[0])
