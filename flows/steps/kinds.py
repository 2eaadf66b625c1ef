"""Task kinds, written once for every project: how to split, which baseline, which metrics, which output to explain.

Anomaly scores follow scikit-learn: `score_samples` is lower for more abnormal rows, so the score the base ranks
and explains is `-score_samples(X)` (higher = more abnormal).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd
from sklearn import metrics as skm
from sklearn.base import BaseEstimator
from sklearn.dummy import DummyClassifier
from sklearn.model_selection import GroupShuffleSplit, train_test_split

from projects.contract import Project, SplitParams

Scores = dict[str, float]


class ConstantScore(BaseEstimator):
    """The trivial anomaly detector: every row equally abnormal (its average precision is the anomaly rate)."""

    def fit(self, X: pd.DataFrame, y: object = None) -> ConstantScore:
        self.n_features_in_ = X.shape[1]
        return self

    def score_samples(self, X: pd.DataFrame) -> np.ndarray:
        return np.zeros(len(X))

    def predict(self, X: pd.DataFrame) -> np.ndarray:
        return np.ones(len(X), dtype=int)


@dataclass(frozen=True)
class Kind:
    supervised: bool
    metrics: tuple[str, ...]
    baseline: Callable[[], BaseEstimator]
    score: Callable[[BaseEstimator, pd.DataFrame, pd.Series], Scores]


def classification_scores(model: BaseEstimator, X: pd.DataFrame, y: pd.Series) -> Scores:
    predicted = model.predict(X)
    scores = {
        "accuracy": skm.accuracy_score(y, predicted),
        "balanced_accuracy": skm.balanced_accuracy_score(y, predicted),
        "f1_macro": skm.f1_score(y, predicted, average="macro", zero_division=0),
    }
    if len(model.classes_) == 2:
        positive = model.predict_proba(X)[:, 1]  # classes_ are sorted: column 1 is the larger label
        truth = y == model.classes_[1]
        scores["roc_auc"] = _safe(skm.roc_auc_score, truth, positive)
        scores["average_precision"] = _safe(skm.average_precision_score, truth, positive)
    return {name: float(value) for name, value in scores.items()}


def anomaly_scores(model: BaseEstimator, X: pd.DataFrame, y: pd.Series) -> Scores:
    truth = np.asarray(y).astype(bool)
    score = -np.asarray(model.score_samples(X))
    alerts = np.asarray(model.predict(X)) == -1
    k = max(int(truth.sum()), 1)
    top = np.argsort(-score, kind="stable")[:k]
    return {
        "average_precision": float(_safe(skm.average_precision_score, truth, score)),
        "roc_auc": float(_safe(skm.roc_auc_score, truth, score)),
        "precision_at_k": float(truth[top].mean()),
        "alert_rate": float(alerts.mean()),
        "alert_recall": float(alerts[truth].mean()) if truth.any() else float("nan"),
    }


def _safe(metric: Callable[..., float], truth: object, score: object) -> float:
    """NaN where the metric is undefined (one class only), instead of an exception deep in a run."""
    try:
        return metric(truth, score)
    except ValueError:
        return float("nan")


KINDS: dict[str, Kind] = {
    "classification": Kind(
        supervised=True,
        metrics=("accuracy", "balanced_accuracy", "f1_macro", "roc_auc", "average_precision"),
        baseline=lambda: DummyClassifier(strategy="prior"),
        score=classification_scores,
    ),
    "anomaly": Kind(
        supervised=False,
        metrics=("average_precision", "roc_auc", "precision_at_k", "alert_rate", "alert_recall"),
        baseline=ConstantScore,
        score=anomaly_scores,
    ),
}


def split(df: pd.DataFrame, project: Project, params: SplitParams) -> tuple[pd.Index, pd.Index]:
    """Train and test rows: stratified for classification, whole groups when the project declares a group."""
    if project.group:
        splitter = GroupShuffleSplit(n_splits=1, test_size=params.test_size, random_state=params.seed)
        train, test = next(splitter.split(df, groups=df[project.group]))
        return df.index[train], df.index[test]
    stratify = df[project.target] if KINDS[project.task].supervised else None
    train, test = train_test_split(df.index, test_size=params.test_size, random_state=params.seed, stratify=stratify)
    return pd.Index(train), pd.Index(test)


def fit(estimator: BaseEstimator, project: Project, train: pd.DataFrame) -> BaseEstimator:
    """Fit on the declared features; unsupervised kinds never see the labels."""
    X = train[list(project.features)]
    if KINDS[project.task].supervised:
        return estimator.fit(X, train[project.target])
    return estimator.fit(X)


def score(model: BaseEstimator, project: Project, test: pd.DataFrame) -> Scores:
    return KINDS[project.task].score(model, test[list(project.features)], test[project.target])


def output(model: BaseEstimator, project: Project, X: pd.DataFrame) -> np.ndarray:
    """The number a decision rests on: the predicted class's decision score, or the anomaly score."""
    if project.task == "anomaly":
        return -np.asarray(model.score_samples(X))
    decision = np.asarray(model.decision_function(X))
    if decision.ndim == 1:
        return decision
    return decision[np.arange(len(X)), np.searchsorted(model.classes_, model.predict(X))]


def predictions(model: BaseEstimator, project: Project, X: pd.DataFrame) -> np.ndarray:
    """Hard decisions, for selection rates and explanations: classes, or 1 for an alert and 0 otherwise."""
    predicted = np.asarray(model.predict(X))
    return (predicted == -1).astype(int) if project.task == "anomaly" else predicted
