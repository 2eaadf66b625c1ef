"""Library matching of LC-HRMS features: every candidate molecule gets a score that is a weighted sum of four
similarities, one per input column, so that each identification adds up to its reasons.

- `mz_precurseur`: Gaussian agreement of the precursor mass with the library's, in ppm (tolerance `ppm_tolerance`);
- `pics_ms1`: cosine of the binned isotope pattern with the theoretical one (carbons, chlorines, sulphurs);
- `pics_ms2`: cosine of the binned MS/MS spectrum with the library fragments (intensities square-rooted, as is usual);
- `temps_retention_min`: agreement with the retention time learned on the training identifications (the lab's
  column, not the library's), 0 when unknown.
Spectra are binned at `bin_width` Da with each peak split between its two nearest bins, so a mass error never drops
a peak in the wrong bin entirely.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.preprocessing import normalize

from projects.ineris_spectres.library import LIBRARY

FEATURES = ("mz_precurseur", "temps_retention_min", "pics_ms1", "pics_ms2")
MAX_MZ = 600.0


class LibraryMatcher(ClassifierMixin, BaseEstimator):
    def __init__(
        self, ppm_tolerance: float = 8.0, rt_tolerance_min: float = 0.25, bin_width: float = 0.01,
        weight_mass: float = 1.0, weight_ms1: float = 0.5, weight_ms2: float = 1.5, weight_rt: float = 1.0,
    ) -> None:
        self.ppm_tolerance = ppm_tolerance
        self.rt_tolerance_min = rt_tolerance_min
        self.bin_width = bin_width
        self.weight_mass = weight_mass
        self.weight_ms1 = weight_ms1
        self.weight_ms2 = weight_ms2
        self.weight_rt = weight_rt

    def fit(self, X: pd.DataFrame, y: pd.Series) -> LibraryMatcher:
        """Candidates: the library's molecules; learned: each one's retention time on this lab's column."""
        self.feature_names_in_ = np.asarray(X.columns, dtype=object)
        self.n_features_in_ = X.shape[1]
        self.classes_ = np.array(sorted(LIBRARY), dtype=object)
        self.mz_ = np.array([LIBRARY[name][0] for name in self.classes_])
        times = pd.Series(X["temps_retention_min"].to_numpy(dtype=float)).groupby(np.asarray(y)).median()
        self.retention_ = np.array([times.get(name, np.nan) for name in self.classes_])
        self.ms1_ = normalize(self._binned([_isotopes(name) for name in self.classes_]))
        self.ms2_ = normalize(self._binned([LIBRARY[name][4] for name in self.classes_]))
        return self

    def similarities(self, X: pd.DataFrame) -> dict[str, np.ndarray]:
        """Rows × candidates similarity in [0, 1] for each input column, weighted."""
        mz = X["mz_precurseur"].to_numpy(dtype=float)[:, None]
        ppm = (mz - self.mz_[None, :]) / self.mz_[None, :] * 1e6
        rt = X["temps_retention_min"].to_numpy(dtype=float)[:, None] - self.retention_[None, :]
        ms1 = normalize(self._binned([_parse(p) for p in X["pics_ms1"]]))
        ms2 = normalize(self._binned([_parse(p) for p in X["pics_ms2"]]))
        return {
            "mz_precurseur": self.weight_mass * np.exp(-0.5 * (ppm / self.ppm_tolerance) ** 2),
            "temps_retention_min": self.weight_rt * np.nan_to_num(np.exp(-0.5 * (rt / self.rt_tolerance_min) ** 2)),
            "pics_ms1": self.weight_ms1 * np.asarray((ms1 @ self.ms1_.T).todense()),
            "pics_ms2": self.weight_ms2 * np.asarray((ms2 @ self.ms2_.T).todense()),
        }

    def decision_function(self, X: pd.DataFrame) -> np.ndarray:
        return sum(self.similarities(X).values())

    def predict(self, X: pd.DataFrame) -> np.ndarray:
        return self.classes_[self.decision_function(X).argmax(axis=1)]

    def explain(self, X: pd.DataFrame) -> tuple[float, pd.DataFrame]:
        """Base 0; each column's weighted similarity to the molecule chosen: they add up to its score."""
        parts = self.similarities(X)
        chosen = sum(parts.values()).argmax(axis=1)
        rows = np.arange(len(X))
        return 0.0, pd.DataFrame({column: value[rows, chosen] for column, value in parts.items()}, index=X.index)

    def _binned(self, spectra: list[dict[float, float]]):
        """Sparse rows × bins, square-rooted intensities, each peak split linearly between its two nearest bins."""
        rows, columns, values = [], [], []
        for row, peaks in enumerate(spectra):
            for mz, intensity in peaks.items():
                position = min(mz, MAX_MZ - 1) / self.bin_width
                low = int(np.floor(position))
                share = position - low
                rows += [row, row]
                columns += [low, low + 1]
                values += [np.sqrt(intensity) * (1 - share), np.sqrt(intensity) * share]
        return sparse.csr_matrix((values, (rows, columns)), shape=(len(spectra), int(MAX_MZ / self.bin_width) + 2))


def _parse(peaks: object) -> dict[float, float]:
    if not isinstance(peaks, str) or not peaks:
        return {}
    return {float(m): float(i) for m, i in (pair.split(":") for pair in peaks.split())}


def _isotopes(name: str) -> dict[float, float]:
    mz, carbons, chlorines, sulphurs, _ = LIBRARY[name]
    pattern = {mz: 100.0, mz + 1.00336: 1.1 * carbons, mz + 1.99705: 32.0 * chlorines + 4.4 * sulphurs}
    if chlorines >= 2:
        pattern[mz + 3.9941] = 10.2 * (chlorines - 1)
    return {m: i for m, i in pattern.items() if i > 0}
