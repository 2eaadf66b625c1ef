"""Evaluations written by hand, for tests of the gate: the scores a run would have measured, and nothing else."""

from __future__ import annotations

import pandas as pd

from flows.lifecycle import STATUS_QUO, TRIVIAL, Evaluation
from flows.steps import evidence, fairness


def measured(
    metric: str,
    score: float,
    baseline: float,
    champion: float | None = None,
    gap: float | None = None,
    *,
    greater_is_better: bool = True,
    scores: dict[str, float] | None = None,
    status_quo: float | None = None,
    lower_is_better: tuple[str, ...] = (),
    by_group: pd.DataFrame | None = None,
    importance: pd.DataFrame | None = None,
) -> Evaluation:
    lower_is_better = lower_is_better or (() if greater_is_better else (metric,))
    baselines = {TRIVIAL: {metric: baseline}}
    if status_quo is not None:
        baselines[STATUS_QUO] = {metric: status_quo}
    return Evaluation(
        metric,
        greater_is_better,
        {metric: score, **(scores or {})},
        {},
        baselines,
        {},
        champion,
        None if champion is None else "1",
        evidence.Evidence(fairness.Fairness(gap, pd.DataFrame() if by_group is None else by_group), importance),
        {"train": 100, "seen": 0, "test": 50},
        lower_is_better,
        "hand-written",
    )
