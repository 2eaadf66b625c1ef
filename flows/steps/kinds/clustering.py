"""Clustering: group rows whose true grouping is known for evaluation only (the labels never reach `fit`).

The model's `predict(X)` gives a cluster id per row of X; ids are arbitrary, so the metrics compare partitions,
not labels: V-measure (harmonic mean of homogeneity — each cluster holds one true group — and completeness — each
true group lands in one cluster) and the adjusted Rand index. A model may learn clusters on the training rows and
attach new rows to them (a new filing joins its series) or open new ones; only the test partition is scored.

The baseline is the status quo without a tool: every row handled alone (homogeneity 1, completeness low). Putting
everything in one cluster (`OneCluster`) scores a V-measure of 0 and would be too easy to beat.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn import metrics as skm
from sklearn.base import BaseEstimator, ClusterMixin

from flows.steps.kinds import Kind, Scores, default_split, unsupervised_fit
from projects.contract import Project


class EachRowAlone(ClusterMixin, BaseEstimator):
    """Every row its own cluster."""

    def fit(self, X: pd.DataFrame, y: object = None) -> EachRowAlone:
        self.n_features_in_ = X.shape[1]
        return self

    def predict(self, X: pd.DataFrame) -> np.ndarray:
        return np.arange(len(X))


class OneCluster(ClusterMixin, BaseEstimator):
    """Every row in the same cluster."""

    def fit(self, X: pd.DataFrame, y: object = None) -> OneCluster:
        self.n_features_in_ = X.shape[1]
        return self

    def predict(self, X: pd.DataFrame) -> np.ndarray:
        return np.zeros(len(X), dtype=int)


def partition_scores(truth: np.ndarray, clusters: np.ndarray) -> Scores:
    """Every metric of the kind for a true grouping and a found one (same rows, same order)."""
    homogeneity, completeness, v_measure = skm.homogeneity_completeness_v_measure(truth, clusters)
    return {
        "v_measure": v_measure,
        "homogeneity": homogeneity,
        "completeness": completeness,
        "adjusted_rand": skm.adjusted_rand_score(truth, clusters),
        "n_clusters": float(len(np.unique(clusters))),
        "n_clusters_true": float(len(np.unique(truth))),
    }


def score(model: BaseEstimator, project: Project, test: pd.DataFrame) -> Scores:
    truth = test[project.target].astype(str).to_numpy()
    clusters = np.asarray(model.predict(test[list(project.features)]))
    if len(clusters) != len(truth):
        raise ValueError(f"{project.name}: the model gave {len(clusters)} cluster ids for {len(truth)} rows")
    return partition_scores(truth, clusters)


KIND = Kind(
    metrics=("v_measure", "homogeneity", "completeness", "adjusted_rand", "n_clusters", "n_clusters_true"),
    baseline=lambda project: EachRowAlone(),
    score=score,
    fit=unsupervised_fit,
    split=lambda df, project, params: default_split(df, project, params, stratify=False),
)
