"""Regression: a number per row. Errors (rmse, mae) are lower-is-better, so a project whose primary metric is one of
them declares `greater_is_better=False`; the promotion gate and the contract tests then compare the other way round.
The output explained for a row is the prediction itself; the baseline predicts the training mean.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn import metrics as skm
from sklearn.base import BaseEstimator
from sklearn.dummy import DummyRegressor

from flows.steps.kinds import Kind, Scores, default_split, safe
from projects.contract import Project


def score(model: BaseEstimator, project: Project, test: pd.DataFrame) -> Scores:
    truth = test[project.target].to_numpy(dtype=float)
    predicted = np.asarray(model.predict(test[list(project.features)]), dtype=float)
    return {
        "rmse": float(np.sqrt(skm.mean_squared_error(truth, predicted))),
        "mae": skm.mean_absolute_error(truth, predicted),
        "r2": safe(skm.r2_score, truth, predicted) if len(truth) > 1 else float("nan"),
    }


KIND = Kind(
    metrics=("rmse", "mae", "r2"),
    baseline=lambda project: DummyRegressor(strategy="mean"),
    score=score,
    split=lambda df, project, params: default_split(df, project, params, stratify=False),
    output=lambda model, project, X: np.asarray(model.predict(X), dtype=float),
    lower_is_better=("rmse", "mae"),
)
