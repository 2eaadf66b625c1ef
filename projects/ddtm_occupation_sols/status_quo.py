"""The status quo: image differencing and the photo-interpretation colour key, as the agents screen tiles today.

A pair whose changed area (pixels beyond the sensor noise, `derive`) is below the key's minimum shows nothing;
otherwise the object is the one whose typical colour (`reference/couleurs_objets.json`) is nearest to the mean
colour of the changed pixels."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator

KEY = Path(__file__).parent / "reference" / "couleurs_objets.json"
COLUMNS = ("AIRE_CHANGEMENT", "ROUGE_CHANGE", "VERT_CHANGE", "BLEU_CHANGE")
NOTHING = "aucun"


class ColourKey(BaseEstimator):
    def fit(self, X: pd.DataFrame, y: pd.Series) -> ColourKey:
        key = json.loads(KEY.read_text(encoding="utf-8"))
        self.min_area_ = float(key["min_changed_pixels"])
        self.objects_ = np.array(list(key["colours"]), dtype=object)
        self.colours_ = np.array(list(key["colours"].values()), dtype=float)
        self.classes_ = np.array(sorted(pd.unique(pd.Series(y).astype(str))), dtype=object)
        self.n_features_in_ = X.shape[1]
        return self

    def predict(self, X: pd.DataFrame) -> np.ndarray:
        colour = X[list(COLUMNS[1:])].to_numpy(dtype=float)
        distance = np.linalg.norm(np.nan_to_num(colour)[:, None, :] - self.colours_[None, :, :], axis=2)
        nearest = self.objects_[distance.argmin(axis=1)]
        return np.where(X[COLUMNS[0]].to_numpy(dtype=float) < self.min_area_, NOTHING, nearest).astype(object)

    def predict_proba(self, X: pd.DataFrame) -> np.ndarray:
        return (self.predict(X)[:, None] == self.classes_[None, :]).astype(float)
