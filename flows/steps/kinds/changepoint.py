"""Change-point detection: several time series (one per `project.group`, e.g. a station), each with true break dates.

Rows are the series' time steps. The target is 1 on the step where a break happens, 0 elsewhere; the model's
`predict(X)` returns the same flags for the rows it is given (it sees the group and the time columns among its
features, and must segment each series on its own). The time axis is the first datetime feature column.

A detected break counts when it lies within `TOLERANCE_DAYS` of a true break of the same series, each true break
matched at most once and each detection at most once (a maximum matching, ties broken by the smallest total date
error). Precision, recall and F1 are pooled over the series; the mean date error is over the matched pairs. The
split keeps whole series apart (the project must declare `group`); the baseline detects no break (F1 0).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy.optimize import linear_sum_assignment
from sklearn.base import BaseEstimator

from flows.steps.kinds import Kind, Scores, default_split, unsupervised_fit
from projects.contract import Project

TOLERANCE_DAYS = 5.0
"""A break found within this many days of a true one counts as found (GNSS: a few days of daily positions)."""


class NoBreak(BaseEstimator):
    """The trivial detector: every series is one segment."""

    def fit(self, X: pd.DataFrame, y: object = None) -> NoBreak:
        self.n_features_in_ = X.shape[1]
        return self

    def predict(self, X: pd.DataFrame) -> np.ndarray:
        return np.zeros(len(X), dtype=int)


def match_breaks(true: np.ndarray, found: np.ndarray, tolerance: float) -> np.ndarray:
    """Date errors of the matched (true, found) pairs: as many pairs as possible within the tolerance, each break
    used once, then the smallest total error."""
    true, found = np.asarray(true, dtype=float), np.asarray(found, dtype=float)
    if true.size == 0 or found.size == 0:
        return np.empty(0)
    distance = np.abs(true[:, None] - found[None, :])
    forbidden = tolerance * (min(true.size, found.size) + 1) + 1.0  # one more match always beats any error sum
    cost = np.where(distance <= tolerance, distance, forbidden)
    rows, columns = linear_sum_assignment(cost)
    errors = distance[rows, columns]
    return errors[errors <= tolerance]


def break_scores(true_count: int, found_count: int, errors: np.ndarray) -> Scores:
    """Pooled precision, recall, F1 and mean date error from the counts and the matched pairs' errors."""
    matched = len(errors)
    precision = matched / found_count if found_count else 0.0
    recall = matched / true_count if true_count else float("nan")
    f1 = 2 * precision * recall / (precision + recall) if precision + recall > 0 else 0.0
    return {
        "f1_tolerance": f1 if true_count else float("nan"),
        "precision": precision,
        "recall": recall,
        "mean_date_error_days": float(np.mean(errors)) if matched else float("nan"),
        "breaks_true": float(true_count),
        "breaks_found": float(found_count),
    }


def time_column(project: Project, frame: pd.DataFrame) -> str:
    for column in project.features:
        if pd.api.types.is_datetime64_any_dtype(frame[column]):
            return column
    raise TypeError(f"{project.name}: a change-point project needs a datetime column among its features")


def score(model: BaseEstimator, project: Project, test: pd.DataFrame) -> Scores:
    if not project.group:
        raise TypeError(f"{project.name}: a change-point project declares `group`, the column naming each series")
    X = test[list(project.features)]
    found = np.asarray(model.predict(X)).astype(bool)
    truth = test[project.target].fillna(0).to_numpy().astype(bool)
    days = (test[time_column(project, test)] - pd.Timestamp("1970-01-01")).dt.total_seconds().to_numpy() / 86400.0
    series = test[project.group].to_numpy()
    errors, true_count, found_count = [], 0, 0
    for name in pd.unique(series):
        rows = series == name
        true_days, found_days = days[rows & truth], days[rows & found]
        errors.append(match_breaks(true_days, found_days, TOLERANCE_DAYS))
        true_count, found_count = true_count + true_days.size, found_count + found_days.size
    return break_scores(true_count, found_count, np.concatenate(errors) if errors else np.empty(0))


KIND = Kind(
    metrics=("f1_tolerance", "precision", "recall", "mean_date_error_days", "breaks_true", "breaks_found"),
    baseline=lambda project: NoBreak(),
    score=score,
    fit=unsupervised_fit,
    split=lambda df, project, params: default_split(df, project, params, stratify=False),
    predictions=lambda model, project, X: np.asarray(model.predict(X)).astype(int),
    lower_is_better=("mean_date_error_days",),
)
