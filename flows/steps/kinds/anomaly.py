"""Anomaly detection: unsupervised, labels used only to evaluate.

Anomaly scores follow scikit-learn: `score_samples` is lower for more abnormal rows, so the score the base ranks
and explains is `-score_samples(X)` (higher = more abnormal); `predict` gives -1 for an alert.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn import metrics as skm
from sklearn.base import BaseEstimator

from flows.steps import plots
from flows.steps.kinds import Kind, Scores, default_split, safe, unsupervised_fit
from projects.contract import Project


class ConstantScore(BaseEstimator):
    """The trivial anomaly detector: every row equally abnormal (its average precision is the anomaly rate)."""

    def fit(self, X: pd.DataFrame, y: object = None) -> ConstantScore:
        self.n_features_in_ = X.shape[1]
        return self

    def score_samples(self, X: pd.DataFrame) -> np.ndarray:
        return np.zeros(len(X))

    def predict(self, X: pd.DataFrame) -> np.ndarray:
        return np.ones(len(X), dtype=int)


def score(model: BaseEstimator, project: Project, test: pd.DataFrame) -> Scores:
    X = test[list(project.features)]
    truth = test[project.target].to_numpy().astype(bool)
    anomaly = -np.asarray(model.score_samples(X))
    alerts = np.asarray(model.predict(X)) == -1
    k = max(int(truth.sum()), 1)
    top = np.argsort(-anomaly, kind="stable")[:k]
    return {
        "average_precision": safe(skm.average_precision_score, truth, anomaly),
        "roc_auc": safe(skm.roc_auc_score, truth, anomaly),
        "precision_at_k": float(truth[top].mean()),
        "alert_rate": float(alerts.mean()),
        "alert_recall": float(alerts[truth].mean()) if truth.any() else float("nan"),
    }


KIND = Kind(
    metrics=("average_precision", "roc_auc", "precision_at_k", "alert_rate", "alert_recall"),
    baseline=lambda project: ConstantScore(),
    score=score,
    fit=unsupervised_fit,
    split=lambda df, project, params: default_split(df, project, params, stratify=False),
    output=lambda model, project, X: -np.asarray(model.score_samples(X)),
    predictions=lambda model, project, X: (np.asarray(model.predict(X)) == -1).astype(int),
    plots=plots.anomaly,
)
