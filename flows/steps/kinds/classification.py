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
from sklearn.base import BaseEstimator
from sklearn.dummy import DummyClassifier

from flows.steps import plots
from flows.steps.kinds import Kind, Scores
from projects.contract import Project


def score(model: BaseEstimator, project: Project, test: pd.DataFrame) -> Scores:
    X, y = test[list(project.features)], test[project.target]
    labels = list(model.classes_)
    # Labels as integer codes (the model's classes first, then labels it never saw): scikit-learn's metrics check
    # string labels row by row, and this function runs for every bootstrap resample and every fairness group.
    known = labels + sorted(set(y.unique()) - set(labels), key=str)
    truth_codes = pd.Categorical(y, categories=known).codes.astype(np.int64)  # int8 codes would overflow in `confusion`
    predicted = pd.Categorical(model.predict(X), categories=known).codes.astype(np.int64)
    return _scores(model, X, truth_codes, predicted, labels)


def _scores(model: BaseEstimator, X: pd.DataFrame, y: np.ndarray, predicted: np.ndarray, labels: list) -> Scores:
    counts = confusion(y, predicted, len(set(range(len(labels))) | set(np.unique(y)) | set(np.unique(predicted))))
    precision, recall, f1 = per_class(counts)
    present = (counts.sum(axis=1) > 0) | (counts.sum(axis=0) > 0)  # scikit-learn's labels: in the truth or predicted
    scores = {
        "accuracy": np.trace(counts) / max(1, counts.sum()),
        "balanced_accuracy": recall[counts.sum(axis=1) > 0].mean() if counts.sum() else np.nan,
        "f1_macro": f1[present].mean() if present.any() else 0.0,
    }
    if hasattr(model, "predict_proba"):
        probabilities = np.asarray(model.predict_proba(X))
        answers = probabilities.argmax(axis=1)
        scores["coverage_at_95_precision"] = coverage_at_precision(probabilities.max(axis=1), answers == y)
    for code, label in enumerate(labels):
        scores |= {f"precision.{label}": precision[code], f"recall.{label}": recall[code], f"f1.{label}": f1[code]}
    if len(labels) == 2:
        positive = np.asarray(model.predict_proba(X))[:, 1]  # classes_ are sorted: column 1 is the larger label
        truth = y == 1
        scores["f1"] = f1[1]
        scores["roc_auc"] = roc_auc(truth, positive)
        scores["average_precision"] = average_precision(truth, positive)
        top = np.argsort(-positive, kind="stable")[: max(1, int(np.ceil(0.1 * len(truth))))]
        scores["precision_at_10pct"] = float(truth[top].mean())
    return {name: float(value) for name, value in scores.items()}


# The metrics in numpy: the same figures as scikit-learn's (tests/test_kind_classification.py compares them), without
# its input checks, which cost milliseconds per call when a run scores hundreds of resamples and groups.


def confusion(truth: np.ndarray, predicted: np.ndarray, size: int) -> np.ndarray:
    """counts[t, p]: rows of true class t predicted p."""
    return np.bincount(truth * size + predicted, minlength=size * size).reshape(size, size)


def per_class(counts: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Precision, recall and F1 per class (0 where undefined, as scikit-learn's zero_division=0)."""
    hits = np.diag(counts).astype(float)
    said, actual = counts.sum(axis=0), counts.sum(axis=1)
    precision = np.divide(hits, said, out=np.zeros_like(hits), where=said > 0)
    recall = np.divide(hits, actual, out=np.zeros_like(hits), where=actual > 0)
    total = precision + recall
    f1 = np.divide(2 * precision * recall, total, out=np.zeros_like(hits), where=total > 0)
    return precision, recall, f1


def roc_auc(truth: np.ndarray, score: np.ndarray) -> float:
    """The probability that a positive outranks a negative (ties count half); NaN with one class only."""
    from scipy.stats import rankdata

    positives = int(truth.sum())
    negatives = len(truth) - positives
    if not positives or not negatives:
        return float("nan")
    ranks = rankdata(score)
    return float((ranks[truth].sum() - positives * (positives + 1) / 2) / (positives * negatives))


def average_precision(truth: np.ndarray, score: np.ndarray) -> float:
    """Σ (Rₙ − Rₙ₋₁) Pₙ over the distinct thresholds, as scikit-learn computes it; NaN without positives."""
    positives = int(truth.sum())
    if not positives:
        return float("nan")
    order = np.argsort(-score, kind="mergesort")
    ranked, hits = score[order], truth[order]
    last = np.r_[np.flatnonzero(np.diff(ranked)), len(ranked) - 1]  # the last row of each distinct score
    true_positives = np.cumsum(hits)[last]
    precision = true_positives / (last + 1)
    recall = true_positives / positives
    return float(np.sum(np.diff(np.r_[0.0, recall]) * precision))


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
