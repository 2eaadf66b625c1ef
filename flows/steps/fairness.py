"""Bias in decisions, measured on the test set for every sensitive attribute with fairlearn's MetricFrame."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd
from fairlearn.metrics import MetricFrame, selection_rate
from sklearn import metrics as skm
from sklearn.base import BaseEstimator

from flows.steps import kinds
from projects.contract import Project


@dataclass(frozen=True)
class Fairness:
    gap: float | None
    """The largest difference of the primary metric between groups of one attribute (None: nothing to measure)."""
    by_group: pd.DataFrame
    """One row per (attribute, group): size, primary metric, selection rate."""


def measure(model: BaseEstimator, project: Project, test: pd.DataFrame) -> Fairness:
    if not project.sensitive:
        return Fairness(None, pd.DataFrame())
    X, truth = test[list(project.features)], test[project.target].to_numpy()
    metrics = _group_metrics(model, project, X)
    tables, gaps = [], []
    for attribute in project.sensitive:
        groups = test[attribute].astype("str").fillna("non renseigné").to_numpy()
        # y_pred carries row positions, so that each metric picks the decisions or the scores it needs.
        frame = MetricFrame(metrics=metrics, y_true=truth, y_pred=np.arange(len(truth)), sensitive_features=groups)
        table = frame.by_group.reset_index(names="group").assign(attribute=attribute)
        tables.append(table)
        values = table[project.metric].dropna()
        if len(values) > 1:
            gaps.append(float(values.max() - values.min()))
    by_group = pd.concat(tables, ignore_index=True)[["attribute", "group", "size", project.metric, "selection_rate"]]
    return Fairness(max(gaps) if gaps else None, by_group)


def _group_metrics(model: BaseEstimator, project: Project, X: pd.DataFrame) -> dict[str, Callable]:
    """The primary metric, the selection rate and the size, as functions of (truth, row positions)."""
    decided = kinds.predictions(model, project, X)
    score = _scores(model, project, X)
    positive_label = True if project.task == "anomaly" else model.classes_[-1]

    def primary(truth: np.ndarray, rows: np.ndarray) -> float:
        try:
            if project.metric in RANKING:
                return float(RANKING[project.metric](truth.astype(type(positive_label)) == positive_label, score[rows]))
            return float(LABELS[project.metric](truth, decided[rows]))
        except ValueError:  # one class only in the group: undefined, not zero
            return float("nan")

    return {
        project.metric: primary,
        "selection_rate": lambda truth, rows: float(selection_rate(truth, decided[rows], pos_label=positive_label)),
        "size": lambda truth, rows: len(rows),
    }


def _scores(model: BaseEstimator, project: Project, X: pd.DataFrame) -> np.ndarray:
    if project.task == "anomaly":
        return -np.asarray(model.score_samples(X))
    probabilities = model.predict_proba(X)
    return probabilities[:, 1] if probabilities.shape[1] == 2 else probabilities.max(axis=1)


RANKING = {"roc_auc": skm.roc_auc_score, "average_precision": skm.average_precision_score}
LABELS = {
    "accuracy": skm.accuracy_score,
    "balanced_accuracy": skm.balanced_accuracy_score,
    "f1_macro": lambda truth, decided: skm.f1_score(truth, decided, average="macro", zero_division=0),
}
