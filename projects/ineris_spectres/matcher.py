"""Library matching of LC-HRMS features, with rejection: every candidate molecule gets a score that is a weighted
sum of four similarities, one per input column, so that each identification adds up to its reasons; the best
candidate is accepted only if its score reaches a threshold fitted on the training identifications, otherwise the
feature is `inconnu` (its molecule is not in the library), as the analysts' accept/reject step does.

- `mz_precurseur`: Gaussian agreement of the precursor mass with the library's, in ppm (tolerance `ppm_tolerance`);
- `pics_ms1`: cosine of the binned isotope pattern with the theoretical one (from the formula);
- `pics_ms2`: cosine of the binned MS/MS spectrum with the library fragments (intensities square-rooted, as is usual);
  0 when no MS/MS was recorded;
- `temps_retention_min`: agreement with the retention time learned on the training identifications (the lab's
  column, not the library's); half the weight when either time is unknown (no evidence either way).
Spectra are binned at `bin_width` Da with each peak split between its two nearest bins, so a mass error never drops
a peak in the wrong bin entirely.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.preprocessing import normalize

from projects.ineris_spectres.bibliotheque import entries, peaks
from projects.ineris_spectres.library import UNKNOWN, isotope_pattern, precursor_mz

MAX_MZ = 600.0
NO_EVIDENCE = 0.5
"""Retention similarity when the feature's or the candidate's time is unknown."""


class LibraryMatcher(ClassifierMixin, BaseEstimator):
    def __init__(
        self, ppm_tolerance: float = 5.0, rt_tolerance_min: float = 0.2, bin_width: float = 0.01,
        weight_mass: float = 1.0, weight_ms1: float = 0.5, weight_ms2: float = 1.5, weight_rt: float = 1.0,
        reject: bool = True,
    ) -> None:
        self.ppm_tolerance = ppm_tolerance
        self.rt_tolerance_min = rt_tolerance_min
        self.bin_width = bin_width
        self.weight_mass = weight_mass
        self.weight_ms1 = weight_ms1
        self.weight_ms2 = weight_ms2
        self.weight_rt = weight_rt
        self.reject = reject

    def fit(self, X: pd.DataFrame, y: pd.Series) -> LibraryMatcher:
        """Candidates: the library's molecules; learned: each one's retention time on this lab's column, and the
        score under which a match is rejected (the one that makes the training identifications most often right)."""
        self.feature_names_in_ = np.asarray(X.columns, dtype=object)
        self.n_features_in_ = X.shape[1]
        library = entries()  # reference/bibliotheque.csv: the lab's library, not the spectra's chemistry
        self.candidates_ = np.array(sorted(library), dtype=object)
        self.classes_ = np.array(sorted([*library, UNKNOWN]), dtype=object)
        self.unknown_index_ = int(np.searchsorted(self.classes_, UNKNOWN))
        self.formulas_ = np.array([library[name][0] for name in self.candidates_], dtype=object)
        self.fragments_ = np.array([" ".join(f"{m}:{i}" for m, i in library[name][1].items()) for name in self.candidates_], dtype=object)
        self.mz_ = np.array([precursor_mz(formula) for formula in self.formulas_])
        labels = np.asarray(y, dtype=object)
        times = pd.Series(X["temps_retention_min"].to_numpy(dtype=float)).groupby(labels).median()
        self.retention_ = np.array([times.get(name, np.nan) for name in self.candidates_])
        self.threshold_ = self._fitted_threshold(X, labels) if self.reject else -np.inf
        return self

    def similarities(self, X: pd.DataFrame) -> dict[str, np.ndarray]:
        """Rows × library candidates similarity for each input column, weighted."""
        mz = X["mz_precurseur"].to_numpy(dtype=float)[:, None]
        ppm = (mz - self.mz_[None, :]) / self.mz_[None, :] * 1e6
        rt = X["temps_retention_min"].to_numpy(dtype=float)[:, None] - self.retention_[None, :]
        ms1 = normalize(self._binned([peaks(p) for p in X["pics_ms1"]]))
        ms2 = normalize(self._binned([peaks(p) for p in X["pics_ms2"]]))
        # The library's spectra are binned again at each call (50 rows, cheap) rather than kept as sparse state.
        library_ms1 = normalize(self._binned([isotope_pattern(formula) for formula in self.formulas_]))
        library_ms2 = normalize(self._binned([peaks(fragments) for fragments in self.fragments_]))
        return {
            "mz_precurseur": self.weight_mass * np.exp(-0.5 * (ppm / self.ppm_tolerance) ** 2),
            "temps_retention_min": self.weight_rt
            * np.where(np.isnan(rt), NO_EVIDENCE, np.exp(-0.5 * (np.nan_to_num(rt) / self.rt_tolerance_min) ** 2)),
            "pics_ms1": self.weight_ms1 * (ms1 @ library_ms1.T).toarray(),
            "pics_ms2": self.weight_ms2 * (ms2 @ library_ms2.T).toarray(),
        }

    def decision_function(self, X: pd.DataFrame) -> np.ndarray:
        """Rows × classes_: each molecule's score, and for `inconnu` the rejection threshold."""
        scores = sum(self.similarities(X).values())
        return np.insert(scores, self.unknown_index_, self.threshold_, axis=1)

    def predict(self, X: pd.DataFrame) -> np.ndarray:
        return self.classes_[self.decision_function(X).argmax(axis=1)]

    def explain(self, X: pd.DataFrame) -> tuple[np.ndarray, pd.DataFrame]:
        """Each column's weighted similarity to the best library candidate. An accepted match has base 0 and its
        score adds up from them; a rejected one has base threshold − best score (how far it fell short), so that
        base + contributions = the threshold, its output."""
        parts = self.similarities(X)
        scores = sum(parts.values())
        best = scores.argmax(axis=1)
        rows = np.arange(len(X))
        accepted = scores[rows, best] >= self.threshold_
        base = np.where(accepted, 0.0, self.threshold_ - scores[rows, best])
        return base, pd.DataFrame({column: value[rows, best] for column, value in parts.items()}, index=X.index)

    def _fitted_threshold(self, X: pd.DataFrame, labels: np.ndarray) -> float:
        """The score that maximises training accuracy when matches under it are rejected (midpoint between the
        two best scores it separates)."""
        scores = sum(self.similarities(X).values())
        best = scores.max(axis=1)
        right_if_accepted = self.candidates_[scores.argmax(axis=1)] == labels
        right_if_rejected = labels == UNKNOWN
        order = np.argsort(best, kind="stable")
        # Threshold just above order[k-1]: rows order[:k] rejected, the rest accepted.
        rejected_right = np.concatenate([[0], np.cumsum(right_if_rejected[order])])
        accepted_right = np.concatenate([np.cumsum(right_if_accepted[order][::-1])[::-1], [0]])
        k = int(np.argmax(rejected_right + accepted_right))
        sorted_best = best[order]
        if k == 0:
            return float(sorted_best[0] - 1e-9) if len(sorted_best) else -np.inf
        if k == len(sorted_best):
            return float(sorted_best[-1] + 1e-9)
        return float((sorted_best[k - 1] + sorted_best[k]) / 2)

    def _binned(self, spectra: list[dict[float, float]]):
        """Sparse rows × bins, square-rooted intensities, each peak split linearly between its two nearest bins."""
        rows, columns, values = [], [], []
        for row, spectrum in enumerate(spectra):
            for mz, intensity in spectrum.items():
                position = min(mz, MAX_MZ - 1) / self.bin_width
                low = int(np.floor(position))
                share = position - low
                rows += [row, row]
                columns += [low, low + 1]
                values += [np.sqrt(intensity) * (1 - share), np.sqrt(intensity) * share]
        return sparse.csr_matrix((values, (rows, columns)), shape=(len(spectra), int(MAX_MZ / self.bin_width) + 2))

