"""Task kinds, written once for every project: how to split, fit, score and explain, and which baseline to beat.

A kind is a module of this package defining `KIND = Kind(...)`; a project names it in `Project.task`
(`task="classification"` → `flows/steps/kinds/classification.py`). Kinds are found by module name and imported
only when asked for, so a kind may import its libraries at module level without slowing other commands.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator
from sklearn.model_selection import GroupShuffleSplit, StratifiedGroupKFold, train_test_split

from projects.contract import Project, SplitParams

Scores = dict[str, float]


class NoOutput(TypeError):
    """The kind has no single number per row to explain (clustering, change points…)."""


def default_split(df: pd.DataFrame, project: Project, params: SplitParams, stratify: bool) -> tuple[pd.Index, pd.Index]:
    """Train and test rows: whole groups when the project declares a group (stratified on the target when asked, so
    that every class keeps groups on both sides), else rows, stratified when asked."""
    size = params.test_size
    labels = df[project.target] if stratify else None
    if labels is not None and labels.value_counts().min() < 2:  # a label seen once cannot sit on both sides
        labels = None
    if project.group:
        groups = df[project.group].astype("str").fillna("")
        folds = max(2, round(1 / size))
        if labels is not None and groups.nunique() >= folds:
            splitter = StratifiedGroupKFold(n_splits=folds, shuffle=True, random_state=params.seed)
            train, test = next(splitter.split(df, labels.astype("str"), groups))
        else:
            splitter = GroupShuffleSplit(n_splits=1, test_size=size, random_state=params.seed)
            train, test = next(splitter.split(df, groups=groups))
        return df.index[train], df.index[test]
    train, test = train_test_split(df.index, test_size=size, random_state=params.seed, stratify=labels)
    return pd.Index(train), pd.Index(test)


def supervised_fit(estimator: BaseEstimator, project: Project, train: pd.DataFrame) -> BaseEstimator:
    return estimator.fit(train[list(project.features)], train[project.target])


def unsupervised_fit(estimator: BaseEstimator, project: Project, train: pd.DataFrame) -> BaseEstimator:
    """Unsupervised kinds never see the labels: they serve to evaluate only."""
    return estimator.fit(train[list(project.features)])


def no_output(model: BaseEstimator, project: Project, X: pd.DataFrame) -> np.ndarray:
    raise NoOutput(f"{project.name}: a {project.task} model gives no single number per row to explain")


@dataclass(frozen=True)
class Kind:
    """What every project of one task kind shares. Hooks take the project and frames, never Prefect or MLflow."""

    metrics: tuple[str, ...]
    """Metric names this kind computes; `name.*` stands for one metric per class (`recall.epave`)."""
    baseline: Callable[[Project], BaseEstimator]
    """The trivial model a project must beat clearly: `baseline(project)` returns it unfitted."""
    score: Callable[[BaseEstimator, Project, pd.DataFrame], Scores]
    """`score(model, project, test)`: every metric of the kind on the test rows."""
    fit: Callable[[BaseEstimator, Project, pd.DataFrame], BaseEstimator] = supervised_fit
    split: Callable[[pd.DataFrame, Project, SplitParams], tuple[pd.Index, pd.Index]] = (
        lambda df, project, params: default_split(df, project, params, stratify=True)
    )
    output: Callable[[BaseEstimator, Project, pd.DataFrame], np.ndarray] = no_output
    """The number a single decision rests on (what explanations add up to); `no_output` when there is none."""
    predictions: Callable[[BaseEstimator, Project, pd.DataFrame], np.ndarray] | None = None
    """Hard decisions, for selection rates per group (fairness); None when the kind has none."""
    plots: Callable[[BaseEstimator, Project, pd.DataFrame], dict[str, Any]] | None = None
    """`plots(model, project, test)`: matplotlib figures by artifact path, e.g. {"plots/roc.png": figure}."""
    lower_is_better: tuple[str, ...] = ()
    """Metrics that are errors (rmse, a date error): a project whose primary is one declares `greater_is_better=False`."""
    per_unit: Callable[[BaseEstimator, Project, pd.DataFrame], pd.DataFrame] | None = None
    """For a kind whose metrics are means over units (queries): each unit's values, one row per unit row of the
    test frame, one column per metric. The bootstrap then resamples these instead of scoring again."""
    context: Callable[[pd.DataFrame, Project], pd.Series] | None = None
    """Rows that are context, not units to score (a retrieval corpus): on both sides of every split and in every
    bootstrap resample. None: every row is a unit."""


def computes(kind: Kind, metric: str) -> bool:
    """Whether the kind computes this metric (a per-class one included)."""
    family = metric.partition(".")[0] + ".*"
    return metric in kind.metrics or ("." in metric and family in kind.metrics)


def names() -> list[str]:
    """Every kind: the modules of this package."""
    return sorted(info.name for info in pkgutil.iter_modules([str(Path(__file__).parent)]) if not info.name.startswith("_"))


@cache
def get(name: str) -> Kind:
    if name not in names():
        raise LookupError(f"unknown task kind {name!r}; kinds: {', '.join(names())}")
    return importlib.import_module(f"{__name__}.{name}").KIND


def split(df: pd.DataFrame, project: Project, params: SplitParams) -> tuple[pd.Index, pd.Index]:
    return get(project.task).split(df, project, params)


def fit(estimator: BaseEstimator, project: Project, train: pd.DataFrame) -> BaseEstimator:
    return get(project.task).fit(estimator, project, train)


def baseline(project: Project) -> BaseEstimator:
    return get(project.task).baseline(project)


def score(model: BaseEstimator, project: Project, test: pd.DataFrame) -> Scores:
    """The kind's metrics, and the project's own objective where it declares one (`Project.objective`)."""
    scores = dict(get(project.task).score(model, project, test))
    objective = getattr(project, "objective", None)  # test doubles and older declarations may have none
    if objective is not None:
        scores |= objective.score(model, project, test)
    return {name: float(value) for name, value in scores.items()}


def scored(project: Project, metric: str) -> bool:
    """Whether a run of this project computes the metric: its kind's, or its objective's."""
    return computes(get(project.task), metric) or (project.objective is not None and metric in project.objective.metrics)


def output(model: BaseEstimator, project: Project, X: pd.DataFrame) -> np.ndarray:
    return np.asarray(get(project.task).output(model, project, X), dtype=float)


def context(df: pd.DataFrame, project: Project) -> pd.Series:
    """The kind's context rows (see `Kind.context`) as a boolean mask; none for most kinds."""
    find = get(project.task).context
    return pd.Series(False, index=df.index) if find is None else find(df, project).astype(bool)


def predictions(model: BaseEstimator, project: Project, X: pd.DataFrame) -> np.ndarray | None:
    decide = get(project.task).predictions
    return None if decide is None else np.asarray(decide(model, project, X))


class Remembered:
    """A fitted model whose row-wise answers on a set of rows are computed once, then read by index: scoring the
    groups of a fairness report (subsets of those very rows) predicts nothing again. Anything else, and rows
    outside the set, go to the model itself."""

    ROW_WISE = ("predict", "predict_proba", "decision_function", "score_samples", "similarity")

    def __init__(self, model: BaseEstimator, X: pd.DataFrame) -> None:
        self.model, self.rows, self.answers = model, X, {}

    def __getattr__(self, name: str) -> Any:
        method = getattr(self.model, name)
        if name not in self.ROW_WISE or not self.rows.index.is_unique:
            return method

        def answer(X: pd.DataFrame) -> Any:
            positions = self.rows.index.get_indexer(X.index)
            if (positions < 0).any():
                return method(X)
            if name not in self.answers:
                self.answers[name] = method(self.rows)
            known = self.answers[name]
            # Only arrays are read by position; lists (tags of documents, label sets) are asked again.
            return known[positions] if isinstance(known, np.ndarray) and len(known) == len(self.rows) else method(X)

        return answer


def safe(metric: Callable[..., float], *args: object, **kwargs: object) -> float:
    """NaN where the metric is undefined (one class only), instead of an exception deep in a run."""
    try:
        return float(metric(*args, **kwargs))
    except ValueError:
        return float("nan")
