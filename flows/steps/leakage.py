"""How well each feature alone predicts the target: a label copied into a feature is found before it is crowned.

A reviewer's first question on a near-perfect model is "which column gives it away?". Each feature gets the
simplest model of it: a lookup from its value (numbers: one of `BINS` quantile bins learned on the training rows)
to the class most often seen with it in training, unseen values answered by the majority class. Its balanced
accuracy on the held-out rows says how much that one column knows. A copied label scores 1.0; the projects'
honest features score far below (measured on their generated data: at most 0.7 or so).

Only for task kinds whose target is one class per row; pure pandas, a few milliseconds a feature.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from flows.steps.plausibility import LABELLED_KINDS
from projects.contract import Project

EXTRA = "strongest_feature"
"""The key of `Evaluation.extra` the gate reads."""
BINS = 20
"""Quantile bins of a numeric feature: enough for a threshold rule to show, too few to memorise rows."""


@dataclass(frozen=True)
class Alone:
    """The feature that best predicts the target by itself, and its balanced accuracy on the held-out rows."""

    column: str
    score: float
    metric: str = "balanced_accuracy"


def strongest_feature(project: Project, train: pd.DataFrame, test: pd.DataFrame) -> Alone | None:
    """The feature whose lookup scores best on the held-out rows; None where the kind has no class per row."""
    if project.task not in LABELLED_KINDS or train.empty or test.empty or project.target not in train:
        return None
    classes, labels = np.unique(train[project.target].astype("str").to_numpy(), return_inverse=True)
    truth = pd.Index(classes).get_indexer(test[project.target].astype("str").to_numpy())  # -1: a class unseen in training
    scores = {column: alone(train[column], labels, len(classes), test[column], truth)
              for column in project.features if column in train and column in test}
    if not scores:
        return None
    best = max(scores, key=lambda column: scores[column])
    return Alone(best, scores[best])


def alone(feature: pd.Series, labels: np.ndarray, count: int, test_feature: pd.Series, truth: np.ndarray) -> float:
    """Balanced accuracy on the test rows of the lookup from this feature's value to its majority class in training
    (`labels`: class codes of the training rows; `truth`: of the test rows)."""
    keys, test_keys = _keys(feature, test_feature)
    codes, uniques = pd.factorize(keys)
    table = np.zeros((len(uniques), count), dtype=np.int64)
    np.add.at(table, (codes, labels), 1)
    majority = int(np.bincount(labels, minlength=count).argmax())
    seen = pd.Index(uniques).get_indexer(test_keys)
    predicted = np.where(seen >= 0, table.argmax(axis=1)[seen], majority)
    return float(np.mean([np.mean(predicted[truth == label] == label) for label in np.unique(truth)]))


def _keys(train: pd.Series, test: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """What the lookup reads: a number's quantile bin, any other value as text (a list or a dict as its repr)."""
    if pd.api.types.is_numeric_dtype(train) and not pd.api.types.is_bool_dtype(train) and train.nunique() > BINS:
        edges = np.unique(np.nanquantile(train.to_numpy(dtype=float), np.linspace(0, 1, BINS + 1)[1:-1]))
        return (np.searchsorted(edges, train.to_numpy(dtype=float)), np.searchsorted(edges, test.to_numpy(dtype=float)))
    return train.map(repr).to_numpy(dtype=object), test.map(repr).to_numpy(dtype=object)
