"""Breaks in daily GNSS positions: remove each station's velocity and seasonal signal, then segment with `ruptures`.

Per station (its rows sorted by date): the three coordinates are fitted by least squares with a velocity, annual and
semi-annual terms and one step per break found so far; the residuals plus the steps (what a break looks like) are
scaled by each coordinate's day-to-day noise, outlier days are clipped, and PELT (or binary segmentation) with a
mean-shift cost finds the breaks at a penalty of `penalty` × log(days). Two passes: the second one fits the
seasonal signal with the first pass's steps, so that a large step does not bend the velocity.

The site log's equipment changes (`changement_sitelog`) are prior knowledge, not truth: a break found within
`snap_days` of a logged change is moved to the logged day, and a logged change with no break found is kept only when
the step it would make reduces the cost by more than `sitelog_penalty` (cheaper than an unlogged break, whose penalty
grows with the series' length): a receiver change that moved nothing is no break.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator

COORDINATES = ("est_mm", "nord_mm", "haut_mm")
SITELOG = "changement_sitelog"
WINDOW_DAYS = 90
"""Observed days on each side of a logged change over which its step is measured."""
YEAR_DAYS = 365.25


class GnssBreakDetector(BaseEstimator):
    """`predict(X)` flags (1) the first day of each new segment of each station, for the rows of X."""

    def __init__(
        self,
        penalty: float = 1.5,
        min_size_days: int = 10,
        clip_sigma: float = 4.0,
        method: str = "pelt",
        passes: int = 2,
        sitelog_penalty: float = 8.0,
        snap_days: int = 5,
        station: str = "station",
        date: str = "date",
    ) -> None:
        self.penalty = penalty
        self.min_size_days = min_size_days
        self.clip_sigma = clip_sigma
        self.method = method
        self.passes = passes
        self.sitelog_penalty = sitelog_penalty
        self.snap_days = snap_days
        self.station = station
        self.date = date

    def fit(self, X: pd.DataFrame, y: object = None) -> GnssBreakDetector:
        """Nothing to learn from the positions: the penalty is a parameter (chosen on other stations)."""
        missing = {self.station, self.date, *COORDINATES} - set(X.columns)
        if missing:
            raise ValueError(f"GnssBreakDetector: columns {sorted(missing)} are missing")
        self.feature_names_in_ = np.asarray(X.columns, dtype=object)
        self.n_features_in_ = X.shape[1]
        return self

    def predict(self, X: pd.DataFrame) -> np.ndarray:
        from sklearn.utils.validation import check_is_fitted

        check_is_fitted(self, "n_features_in_")
        flags = np.zeros(len(X), dtype=int)
        positions = np.arange(len(X))
        for _, rows in X.groupby(self.station, sort=False).indices.items():
            order = rows[np.argsort(X[self.date].to_numpy()[rows], kind="stable")]
            found = self.station_breaks(X.iloc[order])
            flags[positions[order][found]] = 1
        return flags

    def station_breaks(self, series: pd.DataFrame) -> np.ndarray:
        """Positions (in the station's date order) of the first day of each new segment."""
        known = series[list(COORDINATES)].notna().all(axis=1).to_numpy()
        values = series.loc[known, list(COORDINATES)].to_numpy(dtype=float)
        if len(values) < 2 * self.min_size_days:
            return np.empty(0, dtype=int)
        days = (series[self.date] - series[self.date].iloc[0]).dt.days.to_numpy()[known]
        breaks = np.empty(0, dtype=int)
        for _ in range(self.passes):
            signal = _standardised(_without_seasons(values, days / YEAR_DAYS, breaks), self.clip_sigma)
            breaks = self._segment(signal)
        if SITELOG in series:
            logged = np.flatnonzero(series[SITELOG].notna().to_numpy()[known])
            breaks = self._with_sitelog(signal, days, breaks, logged)
        return np.flatnonzero(known)[breaks]

    def _with_sitelog(self, signal: np.ndarray, days: np.ndarray, breaks: np.ndarray, logged: np.ndarray) -> np.ndarray:
        """Breaks near a logged change moved onto it; logged changes whose step pays its (lower) penalty added."""
        kept = list(breaks)
        for change in logged:
            near = [b for b in kept if abs(days[b] - days[change]) <= self.snap_days]
            if near:
                kept = [b for b in kept if b not in near] + [change]
            elif change >= self.min_size_days and step_gain(signal, change, kept) > self.sitelog_penalty * signal.shape[1]:
                kept.append(change)
        return np.unique(np.asarray(kept, dtype=int))

    def _segment(self, signal: np.ndarray) -> np.ndarray:
        import ruptures

        # A linear kernel is the mean-shift (l2) cost, and KernelCPD runs PELT in compiled code: pure-Python Pelt
        # takes minutes on a few stations.
        if self.method == "pelt":
            algorithm = ruptures.KernelCPD(kernel="linear", min_size=self.min_size_days, jump=1).fit(signal)
        else:
            algorithm = ruptures.Binseg(model="l2", min_size=self.min_size_days, jump=1).fit(signal)
        ends = algorithm.predict(pen=self.penalty * np.log(len(signal)) * signal.shape[1])
        return np.asarray(ends[:-1], dtype=int)  # the last end is the series' length, not a break


def step_gain(signal: np.ndarray, at: int, breaks: list[int]) -> float:
    """How much a step at `at` lowers the l2 cost of the signal, between the neighbouring breaks and within
    WINDOW_DAYS observed days on each side: n₁n₂/(n₁+n₂) × |mean after − mean before|², over the coordinates."""
    start = max([b for b in breaks if b < at] + [at - WINDOW_DAYS, 0])
    end = min([b for b in breaks if b > at] + [at + WINDOW_DAYS, len(signal)])
    before, after = signal[start:at], signal[at:end]
    if len(before) < 2 or len(after) < 2:
        return 0.0
    weight = len(before) * len(after) / (len(before) + len(after))
    return float(weight * np.sum((after.mean(axis=0) - before.mean(axis=0)) ** 2))


def _without_seasons(values: np.ndarray, t: np.ndarray, breaks: np.ndarray) -> np.ndarray:
    """The series as a break detector should see it: velocity removed (robustly, see `_midas_velocity`), then the
    residuals of a least-squares fit of offset, annual and semi-annual terms and steps at `breaks`, with the fitted
    steps added back."""
    values = values - np.outer(t, _midas_velocity(values, t))
    w, span = 2 * np.pi * t, t.max() - t.min()
    # A period longer than the series would bend into a step: annual and semi-annual terms only when covered.
    terms = [np.ones_like(t)] + [f(k * w) for k, period in ((1, 1.0), (2, 0.5)) if span >= period for f in (np.sin, np.cos)]
    seasonal = np.column_stack(terms)
    steps = (np.arange(len(t))[:, None] >= breaks[None, :]).astype(float)
    coefficients, *_ = np.linalg.lstsq(np.hstack([seasonal, steps]), values, rcond=None)
    return values - seasonal @ coefficients[: seasonal.shape[1]]


def _midas_velocity(values: np.ndarray, t: np.ndarray) -> np.ndarray:
    """Median of the slopes between days one year apart (MIDAS, Blewitt et al. 2016): a step only spoils the pairs
    that straddle it, and the seasonal signal cancels. Shorter series use a third of their span."""
    span = t.max() - t.min()
    lag = 1.0 if span >= 1.5 else span / 3
    later = np.searchsorted(t, t + lag - 1e-9)
    ok = later < len(t)
    first, second = np.flatnonzero(ok), later[ok]
    if first.size == 0:
        return np.zeros(values.shape[1])
    slopes = (values[second] - values[first]) / (t[second] - t[first])[:, None]
    return np.median(slopes, axis=0)


def _standardised(residuals: np.ndarray, clip_sigma: float) -> np.ndarray:
    """Each coordinate in units of its day-to-day noise (robust: MAD of the differences), outlier days clipped."""
    centred = residuals - np.median(residuals, axis=0)
    noise = 1.4826 * np.median(np.abs(np.diff(residuals, axis=0)), axis=0) / np.sqrt(2)
    scaled = centred / np.where(noise > 0, noise, 1.0)
    return _clip_outliers(scaled, clip_sigma)


def _clip_outliers(scaled: np.ndarray, clip_sigma: float) -> np.ndarray:
    """Pull each day back within `clip_sigma` of its running median (11 days): a bad day is no break, a step is."""
    frame = pd.DataFrame(scaled)
    local = frame.rolling(11, center=True, min_periods=1).median().to_numpy()
    return local + np.clip(scaled - local, -clip_sigma, clip_sigma)
