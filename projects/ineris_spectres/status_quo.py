"""What a library search does today, as in NIST MS Search: the best MS/MS match within the precursor window,
accepted when its match factor reaches the usual threshold.

Candidates are the molecules of `reference/bibliotheque.csv` whose [M+H]+ lies within `tolerance_ppm` of the
feature's precursor (`reference/recherche.csv`); each gets the cosine of its MS/MS fragments with the feature's
(square-rooted intensities, as NIST's dot product), scaled to a 0–999 match factor. The best is accepted at
`seuil_match_factor` and above (700, "fair" or better), otherwise the feature is `inconnu`. No retention time, no
isotope pattern, nothing learned: the analyst's first screen.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, ClassifierMixin

from .bibliotheque import search_settings
from .library import UNKNOWN
from .matcher import LibraryMatcher

READS = ("mz_precurseur", "pics_ms2")


class MatchFactorThreshold(ClassifierMixin, BaseEstimator):
    def fit(self, X: pd.DataFrame, y: object = None) -> MatchFactorThreshold:
        # The matcher's binning and library, with the MS/MS cosine alone and no rejection learned.
        only_ms2 = LibraryMatcher(weight_mass=0.0, weight_ms1=0.0, weight_ms2=1.0, weight_rt=0.0, reject=False)
        times = pd.DataFrame({"temps_retention_min": np.nan, **{c: X[c] for c in READS}, "pics_ms1": ""}, index=X.index)
        self.search_ = only_ms2.fit(times, np.full(len(X), UNKNOWN, dtype=object))
        self.classes_ = self.search_.classes_
        self.n_features_in_ = X.shape[1]
        return self

    def match_factors(self, X: pd.DataFrame) -> np.ndarray:
        """Rows × candidates: 0–999, and 0 outside the precursor window."""
        settings = search_settings()
        frame = pd.DataFrame({"temps_retention_min": np.nan, **{c: X[c] for c in READS}, "pics_ms1": ""}, index=X.index)
        cosine = self.search_.similarities(frame)["pics_ms2"]
        mz = X["mz_precurseur"].to_numpy(dtype=float)[:, None]
        within = np.abs(mz - self.search_.mz_[None, :]) / self.search_.mz_[None, :] * 1e6 <= settings["tolerance_ppm"]
        return np.where(within, 999 * cosine, 0.0)

    def predict(self, X: pd.DataFrame) -> np.ndarray:
        factors = self.match_factors(X)
        best = factors.argmax(axis=1)
        accepted = factors[np.arange(len(X)), best] >= search_settings()["seuil_match_factor"]
        return np.where(accepted, self.search_.candidates_[best], UNKNOWN).astype(object)
