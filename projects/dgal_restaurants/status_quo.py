"""What inspectors do today: go back first where the last inspection was bad. The score of an establishment is the
share of bad inspections that followed the same previous level in training (a never-inspected one gets the share of
first inspections): a lookup of the last result, nothing of the reviews."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

COLUMNS = ("CODE_SYNTHESE_PRECEDENTE",)


class LastResult:
    def fit(self, X: pd.DataFrame, y: Any) -> LastResult:
        truth = pd.Series(np.asarray(y), index=X.index)
        self.classes_ = np.unique(truth)
        positive = truth == self.classes_[-1]
        self.prior_ = float(positive.mean())
        # a level seen a few times only is pulled towards the prior (5 pseudo-inspections), not trusted alone
        counts = positive.groupby(X[COLUMNS[0]]).agg(["sum", "count"])
        self.rate_ = ((counts["sum"] + 5 * self.prior_) / (counts["count"] + 5)).to_dict()
        return self

    def predict_proba(self, X: pd.DataFrame) -> np.ndarray:
        bad = X[COLUMNS[0]].map(self.rate_).fillna(self.prior_).to_numpy(dtype=float)
        return np.column_stack([1 - bad, bad])

    def predict(self, X: pd.DataFrame) -> np.ndarray:
        return np.where(self.predict_proba(X)[:, 1] >= 0.5, self.classes_[-1], self.classes_[0])
