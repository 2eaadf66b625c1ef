"""Bias in decisions, measured on the test set for every sensitive attribute with fairlearn's MetricFrame."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from fairlearn.metrics import MetricFrame, selection_rate
from sklearn.base import BaseEstimator

from flows.steps import kinds
from projects.contract import Project


@dataclass(frozen=True)
class Fairness:
    gap: float | None
    """The largest difference of the primary metric between groups of one attribute (None: nothing to measure)."""
    by_group: pd.DataFrame
    """One row per (attribute, group): size, primary metric, selection rate."""
    gaps: dict[str, float] = field(default_factory=dict)
    """Per attribute: the gap of the primary metric (`metric.ATTRIBUTE`) and of the selection rate
    (`selection_rate.ATTRIBUTE`, demographic parity difference), logged as `fairness.<key>`."""


def measure(model: BaseEstimator, project: Project, test: pd.DataFrame, min_group: int = 1) -> Fairness:
    """Metric and selection rate per group; gaps only between groups of at least `min_group` test rows, since the
    metric of a handful of rows is noise (every group is still reported in `by_group`)."""
    if not project.sensitive:
        return Fairness(None, pd.DataFrame())
    metrics = _group_metrics(model, project, test)
    truth = test[project.target].to_numpy()
    tables, gaps = [], {}
    for attribute in project.sensitive:
        groups = test[attribute].astype("str").fillna("non renseigné").to_numpy()
        # y_pred carries row positions, so that each metric scores its group's rows as the task kind does.
        frame = MetricFrame(metrics=metrics, y_true=truth, y_pred=np.arange(len(truth)), sensitive_features=groups)
        table = frame.by_group.reset_index(names="group").assign(attribute=attribute)
        tables.append(table)
        counted = table[table["size"] >= min_group]
        for column in (project.metric, "selection_rate"):
            values = counted[column].dropna() if column in counted else pd.Series(dtype=float)
            if len(values) > 1:
                gaps[f"{'metric' if column == project.metric else column}.{attribute}"] = float(values.max() - values.min())
    columns = ["attribute", "group", "size", project.metric, "selection_rate"]
    by_group = pd.concat(tables, ignore_index=True).reindex(columns=columns)
    metric_gaps = [value for key, value in gaps.items() if key.startswith("metric.")]
    return Fairness(max(metric_gaps) if metric_gaps else None, by_group, gaps)


def _group_metrics(model: BaseEstimator, project: Project, test: pd.DataFrame) -> dict[str, Callable]:
    """The primary metric (the task kind's own, NaN where a group makes it undefined), the selection rate (where
    the kind makes hard decisions) and the size, as functions of (truth, row positions)."""
    model = kinds.Remembered(model, test[list(project.features)])  # each group's score reads the answers once made
    decided = kinds.predictions(model, project, test[list(project.features)])
    positive_label = model.classes_[-1] if hasattr(model, "classes_") else 1  # an alert is 1
    metrics = {
        project.metric: lambda truth, rows: kinds.score(model, project, test.iloc[rows])[project.metric],
        "size": lambda truth, rows: len(rows),
    }
    binary = not hasattr(model, "classes_") or len(model.classes_) == 2  # a multiclass decision selects nobody
    if decided is not None and binary:
        metrics["selection_rate"] = lambda truth, rows: float(selection_rate(truth, decided[rows], pos_label=positive_label))
    return metrics
