"""The status quo: the height filter a processing chain applies before the hydrographer cleans by hand.

Thresholds are the chain's settings (`reference/filtre_hauteurs.json`): points above the water surface or deep below
the local seabed are noise, points near zero depth are the surface, points near the local seabed are seabed; above
it, an isolated echo is noise and a dense one is an object when it stands within a few metres of the seabed, fish
higher up.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator

SETTINGS = Path(__file__).parent / "reference" / "filtre_hauteurs.json"
COLUMNS = ("PROFONDEUR_M", "ECART_FOND_8M", "VOISINS_MEME_HAUTEUR")


class HeightFilter(BaseEstimator):
    def fit(self, X: pd.DataFrame, y: pd.Series) -> HeightFilter:
        self.settings_ = json.loads(SETTINGS.read_text(encoding="utf-8"))
        self.classes_ = np.array(sorted(pd.unique(y.astype(str))), dtype=object)
        self.n_features_in_ = X.shape[1]
        return self

    def predict(self, X: pd.DataFrame) -> np.ndarray:
        s = self.settings_
        depth, below, neighbours = (X[c].to_numpy(dtype=float) for c in COLUMNS)
        above_seabed = -below
        return np.select(
            [depth < -s["surface_half_band_m"], np.abs(depth) <= s["surface_half_band_m"],
             below > s["below_seabed_noise_m"], above_seabed <= s["seabed_band_m"],
             neighbours < s["object_min_neighbours"], above_seabed <= s["object_max_height_m"]],
            ["bruit", "surface", "bruit", "fond", "bruit", "objet"],
            "poisson",
        ).astype(object)

    def predict_proba(self, X: pd.DataFrame) -> np.ndarray:
        """Certain answers: the rule has no doubt."""
        return (self.predict(X)[:, None] == self.classes_[None, :]).astype(float)
