"""Features from a worker's own past and from their peers, and the robust detector that turns them into alerts.

`derive` compares each month's dose with the worker's previous 12 months (never a later one) and with the peers of
the same sector, job and month, in robust units (median, MAD) on a log scale where 0 stays 0. The detector
(`detector.RobustDoseDetector`, imported only in `make_model`) sums the positive robust gaps: each alert says which
gap and how far.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
from pydantic import Field

from projects.contract import Strict

from .thresholds import TWELVE_MONTHS, thresholds

DOSES = {"HP10": "DOSE_HP10_MSV", "HP007": "DOSE_HP007_MSV"}
LOG_UNIT_MSV = 0.05
"""Doses enter as log1p(dose / 0.05 mSv): 0 stays 0, the recording threshold is one log unit away."""
MIN_SCALE = 0.5
"""Smallest robust scale in log units: a history of zeros must not turn a 0.06 mSv month into a huge gap."""
MIN_PEERS = 5
"""Fewer peers than this in sector × job × month: compare with the sector × month, then with the whole month."""
PEER_LEVELS = (("SECTEUR", "METIER", "MOIS"), ("SECTEUR", "MOIS"), ("MOIS",))

FEATURES = (
    "ECART_HISTORIQUE_HP10",
    "ECART_HISTORIQUE_HP007",
    "ECART_PAIRS_HP10",
    "ECART_PAIRS_HP007",
    "ECART_PAIRS_3M_HP10",
    "PART_LIMITE_12M_HP10",
    "PART_LIMITE_12M_HP007",
    "ECART_HISTORIQUE_RATIO",
    "NB_MOIS_HISTORIQUE",
)


class Params(Strict):
    clip: float = Field(8.0, gt=0, le=100, description="largest robust gap one feature may add to the score")
    alert_rate: float = Field(0.03, gt=0, lt=0.5, description="share of training worker-months that raise an alert")
    min_history_months: int = Field(
        3, ge=1, le=12, description="recorded months of the past year needed before the own-history gaps count"
    )


def make_model(params: Params):
    """The unfitted robust detector."""
    from projects.irsn_siseri.detector import RobustDoseDetector

    return RobustDoseDetector(
        clip=params.clip, alert_rate=params.alert_rate, min_history_months=params.min_history_months
    )


def derive(df: pd.DataFrame) -> pd.DataFrame:
    """The frame with the feature columns added, rows in the input order and index."""
    out = df.copy()
    worker, month = pd.factorize(df["ID_TRAVAILLEUR"])[0], _month_number(df["MOIS"])
    for name, column in DOSES.items():
        dose = _log_dose(df[column])
        out[f"ECART_HISTORIQUE_{name}"] = _history_gap(worker, month, dose, min_months=1)
        out[f"ECART_PAIRS_{name}"] = _peer_gap(df, dose)
        cumulative = _sum_12m(worker, month, df[column])
        out[f"DOSE_12M_{name}_MSV"] = cumulative  # read by the regulatory rule, never a feature
        # The 12-month limit (category A) or ceiling (category B) of reference/seuils_reglementaires.csv.
        out[f"PART_LIMITE_12M_{name}"] = cumulative / df["CATEGORIE"].map(thresholds()[name, TWELVE_MONTHS]).to_numpy(dtype=float)
    out["ECART_PAIRS_3M_HP10"] = _recent_mean(worker, month, out["ECART_PAIRS_HP10"].to_numpy(dtype=float))
    # A ratio needs both doses: months below the threshold say nothing of it (Hp(0.07) alone is ECART_*_HP007).
    ratio = (_log_dose(df[DOSES["HP007"]]) - _log_dose(df[DOSES["HP10"]])).where(df[DOSES["HP10"]] > 0)
    out["ECART_HISTORIQUE_RATIO"] = _history_gap(worker, month, ratio, min_months=3)
    recorded = _grid(worker, month, df[DOSES["HP10"]].notna().to_numpy(dtype=float))
    out["NB_MOIS_HISTORIQUE"] = np.nansum(_past_12m(recorded), axis=-1)[worker, month].astype("int64")
    return out


def _history_gap(worker: np.ndarray, month: np.ndarray, value: pd.Series, min_months: int) -> pd.Series:
    """Robust gap of each month to the worker's previous 12 months; NaN with fewer than `min_months` of them."""
    median, scale, count = _robust_past(_past_12m(_grid(worker, month, value)))
    gap = (value - median[worker, month]) / scale[worker, month]
    return gap.where(count[worker, month] >= min_months)


def _sum_12m(worker: np.ndarray, month: np.ndarray, dose: pd.Series) -> np.ndarray:
    """Sum of the month and the 11 before it, missing months counted 0."""
    recorded = _grid(worker, month, dose.to_numpy(dtype=float))
    return np.nansum(_windows(recorded, 12), axis=-1)[worker, month]


def _log_dose(dose: pd.Series) -> pd.Series:
    return np.log1p(dose.astype(float) / LOG_UNIT_MSV)


def _month_number(mois: pd.Series) -> np.ndarray:
    """Months counted from the first month of the frame (0, 1, …), so that gaps in the calendar stay gaps."""
    number = mois.dt.year.to_numpy() * 12 + mois.dt.month.to_numpy()
    return number - number.min()


def _grid(worker: np.ndarray, month: np.ndarray, values: np.ndarray | pd.Series) -> np.ndarray:
    """Workers × months matrix, NaN where a month has no row (several rows of one month are summed)."""
    grid = np.full((worker.max() + 1, month.max() + 1), np.nan)
    summed = pd.Series(np.asarray(values, dtype=float)).groupby([worker, month]).sum(min_count=1)
    grid[summed.index.get_level_values(0), summed.index.get_level_values(1)] = summed.to_numpy()
    return grid


def _windows(grid: np.ndarray, width: int) -> np.ndarray:
    """For each month, the `width` months up to and including it (padded with NaN): shape workers × months × width."""
    padded = np.concatenate([np.full((grid.shape[0], width - 1), np.nan), grid], axis=1)
    return np.lib.stride_tricks.sliding_window_view(padded, width, axis=1)


def _past_12m(grid: np.ndarray) -> np.ndarray:
    """The 12 months before each month, the month itself excluded: no look-ahead, no self-comparison."""
    shifted = np.concatenate([np.full((grid.shape[0], 1), np.nan), grid[:, :-1]], axis=1)
    return _windows(shifted, 12)


def _robust_past(past: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Median, robust scale (1.4826 MAD, floored) and number of recorded months of each past window."""
    count = np.sum(~np.isnan(past), axis=-1)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # all-NaN windows: a worker's first month
        median = np.nanmedian(past, axis=-1)
        mad = np.nanmedian(np.abs(past - median[..., None]), axis=-1)
    return median, np.maximum(1.4826 * mad, MIN_SCALE), count


def _peer_gap(df: pd.DataFrame, dose: pd.Series) -> pd.Series:
    """Robust gap to the peers of the same month, at the narrowest level that has enough peers."""
    gap = pd.Series(np.nan, index=df.index)
    for level in PEER_LEVELS:
        groups = dose.groupby([df[column] for column in level])
        median = groups.transform("median")
        mad = (dose - median).abs().groupby([df[column] for column in level]).transform("median")
        enough = groups.transform("count") >= MIN_PEERS
        gap = gap.fillna(((dose - median) / np.maximum(1.4826 * mad, MIN_SCALE)).where(enough))
    return gap


def _recent_mean(worker: np.ndarray, month: np.ndarray, gap: np.ndarray) -> np.ndarray:
    """Mean peer gap of the month and the 2 before it: a lasting excess, not one bad month."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        return np.nanmean(_windows(_grid(worker, month, gap), 3), axis=-1)[worker, month]
