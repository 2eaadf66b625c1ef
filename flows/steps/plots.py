"""The figures a reviewer looks at before a model serves, as matplotlib `Figure`s keyed by MLflow artifact path.

Figures are built on `matplotlib.figure.Figure` directly, never through pyplot's global state: nothing to close,
no backend to choose, safe in any thread. Task kinds expose theirs through `Kind.plots`; fairness and global
importance are drawn here for every kind. matplotlib is imported inside the functions (it costs a second).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator

from projects.contract import Project

if TYPE_CHECKING:
    from matplotlib.figure import Figure

TOP_FEATURES = 15
SIZE = (5.0, 4.0)


def figure(size: tuple[float, float] = SIZE) -> Figure:
    from matplotlib.figure import Figure

    return Figure(figsize=size, layout="constrained")


def classification(model: BaseEstimator, project: Project, test: pd.DataFrame) -> dict[str, Figure]:
    """Confusion matrix; for a binary model also ROC, precision–recall and calibration of the positive class."""
    from sklearn.calibration import CalibrationDisplay
    from sklearn.metrics import ConfusionMatrixDisplay, PrecisionRecallDisplay, RocCurveDisplay

    X, truth = test[list(project.features)], test[project.target].to_numpy()
    figures = {"plots/confusion_matrix.png": figure()}
    axes = figures["plots/confusion_matrix.png"].subplots()
    ConfusionMatrixDisplay.from_predictions(truth, model.predict(X), labels=model.classes_, ax=axes, colorbar=False)
    axes.set_title(f"{project.name}: confusion matrix (test)")
    if len(model.classes_) != 2 or not hasattr(model, "predict_proba"):
        return figures
    positive = model.predict_proba(X)[:, 1]
    label = model.classes_[1]
    for path, display in (
        ("plots/roc.png", RocCurveDisplay),
        ("plots/precision_recall.png", PrecisionRecallDisplay),
        ("plots/calibration.png", CalibrationDisplay),
    ):
        figures[path] = figure()
        axes = figures[path].subplots()
        options = {"n_bins": 10, "strategy": "quantile"} if display is CalibrationDisplay else {}
        display.from_predictions(truth, positive, pos_label=label, ax=axes, name=project.name, **options)
        axes.set_title(f"{path.split('/')[1].removesuffix('.png').replace('_', ' ')} of class {label} (test)")
    return figures


def anomaly(model: BaseEstimator, project: Project, test: pd.DataFrame) -> dict[str, Figure]:
    """Anomaly scores of labelled normal rows against labelled anomalies, and the precision–recall curve."""
    from sklearn.metrics import PrecisionRecallDisplay

    score = -np.asarray(model.score_samples(test[list(project.features)]))
    truth = test[project.target].to_numpy().astype(bool)
    distribution = figure()
    axes = distribution.subplots()
    bins = np.histogram_bin_edges(score, bins=40)
    axes.hist(score[~truth], bins=bins, alpha=0.6, density=True, label=f"normal ({(~truth).sum()})")
    axes.hist(score[truth], bins=bins, alpha=0.6, density=True, label=f"anomaly ({truth.sum()})")
    axes.set(xlabel="anomaly score (higher = more abnormal)", ylabel="density", title=f"{project.name}: scores (test)")
    axes.legend()
    curve = figure()
    PrecisionRecallDisplay.from_predictions(truth, score, ax=curve.subplots(), name=project.name)
    return {"plots/score_distribution.png": distribution, "plots/precision_recall.png": curve}


def fairness_bars(by_group: pd.DataFrame, metric: str) -> Figure:
    """The primary metric and the selection rate of each group, one panel per sensitive attribute."""
    attributes = list(dict.fromkeys(by_group["attribute"]))
    shown = [column for column in (metric, "selection_rate") if by_group[column].notna().any()]
    result = figure((4.0 * len(attributes), 3.2))
    for axes, attribute in zip(np.atleast_1d(result.subplots(1, len(attributes))), attributes, strict=True):
        table = by_group[by_group["attribute"] == attribute].set_index("group")[shown]
        positions = np.arange(len(table))
        width = 0.8 / len(shown)
        for offset, column in enumerate(shown):
            axes.bar(positions + offset * width, table[column].to_numpy(dtype=float), width, label=column)
        axes.set_xticks(positions + width * (len(shown) - 1) / 2, [str(g) for g in table.index], rotation=30)
        axes.set(title=attribute, ylim=(0, 1.05) if by_group[shown].max().max() <= 1 else None)
        axes.legend(fontsize="small")
    return result


def importance_bars(importance: pd.DataFrame, project: Project) -> Figure:
    """Mean absolute contribution of the most weighty columns."""
    top = importance.head(TOP_FEATURES).iloc[::-1]
    result = figure((5.5, 0.3 * len(top) + 1.2))
    axes = result.subplots()
    axes.barh(top["feature"], top["mean_abs_contribution"])
    axes.set(xlabel="mean |contribution| (model output units)", title=f"{project.name}: global importance (test)")
    return result


def figures(
    model: BaseEstimator, project: Project, test: pd.DataFrame, by_group: pd.DataFrame, importance: pd.DataFrame | None
) -> dict[str, Figure]:
    """Every figure of a run: the task kind's own, fairness per group, global importance."""
    from flows.steps import kinds

    drawn = {}
    own = kinds.get(project.task).plots
    if own is not None:
        drawn |= own(model, project, test)
    if not by_group.empty:
        drawn["fairness/by_group.png"] = fairness_bars(by_group, project.metric)
    if importance is not None and not importance.empty:
        drawn["explanations/global_importance.png"] = importance_bars(importance, project)
    return drawn
