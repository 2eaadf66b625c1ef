"""What a reviewer reads beside the scores: bias per group, explanations and figures. Pure, no tracking.

The flow logs it; the benchmarks' bare script computes it too, so that its time counts as science, not plumbing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd
from sklearn.base import BaseEstimator

from flows.steps import explain, fairness, kinds, plots
from projects.contract import Project

EXPLAINED_ROWS = 20


@dataclass
class Evidence:
    fairness: fairness.Fairness
    importance: pd.DataFrame | None = None
    explained: list[dict] = field(default_factory=list)
    figures: dict[str, Any] = field(default_factory=dict)
    terms: pd.DataFrame | None = None


def gather(model: BaseEstimator, project: Project, test: pd.DataFrame, min_fairness_group: int) -> Evidence:
    """Bias per group, global importance, the most notable decisions explained, and the run's figures."""
    try:
        importance = explain.global_importance(model, project, test[list(project.features)])
        explained = explain.decisions(model, project, most_notable(model, project, test))
    except (explain.NotExplainable, kinds.NoOutput):
        importance, explained = None, []
    bias = fairness.measure(model, project, test, min_fairness_group)
    figures = plots.figures(model, project, test, bias.by_group, importance)
    return Evidence(bias, importance, explained, figures, explain.weighted_terms(model))


def most_notable(model: BaseEstimator, project: Project, test: pd.DataFrame) -> pd.DataFrame:
    """The rows whose decisions are most worth reading: the highest outputs (strongest alerts or decisions)."""
    output = kinds.output(model, project, test[list(project.features)])
    order = pd.Series(output, index=test.index).sort_values(ascending=False).index
    return test.loc[order[:EXPLAINED_ROWS]]
