"""Classification: a label per row from a fixed set (binary or multiclass).

Binary projects also get the metrics of the positive class (the larger label, as scikit-learn sorts `classes_`):
its F1, ranking metrics, and the precision among the top 10 % of scores (where controls would go first).
Every project gets `f1.<label>`, `precision.<label>` and `recall.<label>` for each of its classes, so that a class
that must never be missed (a wreck in SHOM's point clouds) can be the primary metric or a promotion floor.
The output explained for a row is the decision score of the class it was given (the positive class when binary):
`decision_function` where the model has one (log-odds), else `predict_proba` (forests, whose raw output it is).
`coverage_at_95_precision` is the share of rows a bot or a triage could settle alone: the rows taken by decreasing
confidence (top probability), as far as their answers stay at least 95 % right (ACOSS's voice bot answers those).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn import metrics as skm
from sklearn.base import BaseEstimator
from sklearn.dummy import DummyClassifier

from flows.steps import plots
from flows.steps.kinds import Kind, Scores, safe
from projects.contract import Project


def score(model: BaseEstimator, project: Project, test: pd.DataFrame) -> Scores:
    X, y = test[list(project.features)], test[project.target]
    predicted = model.predict(X)
    scores = {
        "accuracy": skm.accuracy_score(y, predicted),
        "balanced_accuracy": skm.balanced_accuracy_score(y, predicted),
        "f1_macro": skm.f1_score(y, predicted, average="macro", zero_division=0),
    }
    labels = list(model.classes_)
    if hasattr(model, "predict_proba"):
        probabilities = np.asarray(model.predict_proba(X))
        answers = np.asarray(labels)[probabilities.argmax(axis=1)]
        scores["coverage_at_95_precision"] = coverage_at_precision(probabilities.max(axis=1), answers == y.to_numpy())
    precision, recall, f1, _ = skm.precision_recall_fscore_support(y, predicted, labels=labels, zero_division=0)
    for label, p, r, f in zip(labels, precision, recall, f1, strict=True):
        scores |= {f"precision.{label}": p, f"recall.{label}": r, f"f1.{label}": f}
    if len(labels) == 2:
        positive = model.predict_proba(X)[:, 1]  # classes_ are sorted: column 1 is the larger label
        truth = (y == labels[1]).to_numpy()
        scores["f1"] = f1[1]
        scores["roc_auc"] = safe(skm.roc_auc_score, truth, positive)
        scores["average_precision"] = safe(skm.average_precision_score, truth, positive)
        top = np.argsort(-positive, kind="stable")[: max(1, int(np.ceil(0.1 * len(truth))))]
        scores["precision_at_10pct"] = float(truth[top].mean())
    return scores


def coverage_at_precision(confidence: np.ndarray, correct: np.ndarray, precision: float = 0.95) -> float:
    """The largest share of rows, taken by decreasing confidence, whose answers are right at `precision` or more."""
    if len(correct) == 0:
        return float("nan")
    order = np.argsort(-np.asarray(confidence, dtype=float), kind="stable")
    right_so_far = np.cumsum(np.asarray(correct, dtype=bool)[order]) / np.arange(1, len(order) + 1)
    reached = np.flatnonzero(right_so_far >= precision - 1e-12)
    return float((reached[-1] + 1) / len(order)) if len(reached) else 0.0


def output(model: BaseEstimator, project: Project, X: pd.DataFrame) -> np.ndarray:
    if hasattr(model, "decision_function"):
        decision = np.asarray(model.decision_function(X))
    else:
        decision = np.asarray(model.predict_proba(X))
        decision = decision[:, 1] if decision.shape[1] == 2 else decision
    if decision.ndim == 1:
        return decision
    return decision[np.arange(len(X)), np.searchsorted(model.classes_, model.predict(X))]


KIND = Kind(
    metrics=(
        "accuracy", "balanced_accuracy", "f1_macro", "f1", "roc_auc", "average_precision", "precision_at_10pct",
        "coverage_at_95_precision", "f1.*", "precision.*", "recall.*",
    ),
    baseline=lambda project: DummyClassifier(strategy="prior"),
    score=score,
    output=output,
    predictions=lambda model, project, X: model.predict(X),
    plots=plots.classification,
)
