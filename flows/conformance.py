"""The conformance kit: what a project must satisfy before its flow may crown anything, in scikit-learn's manner
(`check_estimator`): checks generated for the project's task kind, run by `tests/test_contract.py` for all projects
and by `socle check NAME` for a project's author.

Two families:
- **the estimator**: `fit` returns the estimator, an unfitted model is refused, two fits with one seed agree, and
  the fitted model survives a skops round-trip through our reviewed types (what the registry will store);
- **the gate can say no**: degraded challengers, each of which the gate must refuse with its reason:
  - `shuffled`: the project's model trained on shuffled labels (an unsupervised kind, which reads no labels, answers
    instead about other rows than the one asked);
  - `status quo`: the project's status-quo rule itself (the trivial baseline where none is declared): it cannot
    beat itself by the required gain;
  - `without <column>`: the model with its most useful feature held constant, against the honest model as champion.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
import pandas as pd
from sklearn.base import clone
from sklearn.exceptions import NotFittedError

from flows import lifecycle
from flows.steps import kinds, promotion
from projects.contract import Project, ProjectParams


@dataclass(frozen=True)
class Finding:
    family: str
    """`estimator`, `thresholds` or `refusals`."""
    name: str
    ok: bool
    detail: str


@dataclass
class Report:
    project: str
    result: lifecycle.Result
    findings: list[Finding] = field(default_factory=list)
    refusals: dict[str, promotion.Decision] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return all(finding.ok for finding in self.findings)


# ---- degraded challengers ----


class Scrambled:
    """A fitted model asked about other rows than the ones given: its input rows are shuffled, its answers come back
    in the order asked. What an unsupervised model trained on "shuffled labels" would be."""

    def __init__(self, model: Any, seed: int = 0) -> None:
        self.model, self.seed = model, seed

    def __getattr__(self, name: str) -> Any:
        method = getattr(self.model, name)
        if not callable(method):
            return method

        def answer(X: Any, *args: Any, **kwargs: Any) -> Any:
            if isinstance(X, pd.DataFrame) and len(X) > 1:
                order = np.random.default_rng(self.seed).permutation(len(X))
                X = X.iloc[order].set_axis(X.index)
            return method(X, *args, **kwargs)

        return answer


class Without:
    """A fitted model that reads one column as a constant: what a model ignoring that feature can do."""

    def __init__(self, model: Any, column: str, value: Any) -> None:
        self.model, self.column, self.value = model, column, value

    def __getattr__(self, name: str) -> Any:
        method = getattr(self.model, name)
        if not callable(method):
            return method

        def answer(X: Any, *args: Any, **kwargs: Any) -> Any:
            if isinstance(X, pd.DataFrame) and self.column in X:
                X = X.assign(**{self.column: _constant(X[self.column], self.value)})
            return method(X, *args, **kwargs)

        return answer


def _constant(column: pd.Series, value: Any) -> pd.Series:
    return pd.Series([value] * len(column), index=column.index, dtype=column.dtype)


ANSWERS_SHUFFLED = ("entities",)
"""Kinds whose labels cannot move to another row: an entity is a span of its own text."""


def learns_from_labels(project: Project) -> bool:
    return project.task not in ANSWERS_SHUFFLED and kinds.get(project.task).fit is not kinds.unsupervised_fit


def shuffled(project: Project, params: ProjectParams, train: pd.DataFrame) -> Any:
    """The project's model trained on labels shuffled across rows (a retrieval corpus keeps its rows); a model that
    reads no labels (an unsupervised kind) or whose labels belong to their row (entities) answers about other rows
    instead."""
    estimator = project.make_model(params.model)
    if not learns_from_labels(project):
        return Scrambled(kinds.fit(estimator, project, train), params.split.seed)
    units = ~kinds.context(train, project)
    labels = train.loc[units, project.target].to_numpy(copy=True)
    np.random.default_rng(params.split.seed).shuffle(labels)
    noisy = train.copy()
    noisy.loc[units, project.target] = pd.Series(list(labels), index=noisy.index[units])
    return kinds.fit(estimator, project, noisy)


def most_useful(model: Any, project: Project, test: pd.DataFrame, seed: int = 0) -> str:
    """The feature whose shuffling on the held-out rows costs the primary metric most (permutation importance)."""
    if len(project.features) == 1:
        return project.features[0]
    sign = 1 if project.greater_is_better else -1
    honest = kinds.score(model, project, test)[project.metric]
    units = ~kinds.context(test, project)
    rng = np.random.default_rng(seed)
    losses = {}
    for column in project.features:
        values = test.loc[units, column].to_numpy(copy=True)
        rng.shuffle(values)
        permuted = test.copy()
        permuted.loc[units, column] = pd.Series(list(values), index=test.index[units], dtype=test[column].dtype)
        try:
            losses[column] = sign * (honest - kinds.score(model, project, permuted)[project.metric])
        except ValueError:  # the labels point into this column (spans of a text): it is the one that matters
            return column
    return max(losses, key=lambda column: -math.inf if math.isnan(losses[column]) else losses[column])


def without(project: Project, params: ProjectParams, train: pd.DataFrame, column: str, fitted: Any) -> Without:
    """The project's model refitted with `column` held at one value (its first training value) in and out; where the
    labels point into that column (entity spans of a text), the fitted model reading the constant."""
    value = train[column].iloc[0]
    constant = train.assign(**{column: _constant(train[column], value)})
    try:
        return Without(kinds.fit(project.make_model(params.model), project, constant), column, value)
    except ValueError:
        return Without(fitted, column, value)


def refusals(project: Project, params: ProjectParams, result: lifecycle.Result) -> dict[str, promotion.Decision]:
    """Each degraded challenger, evaluated as a challenger on the same held-out rows, and what the gate decided."""
    split, fitted = result.split, result.fitted
    quick = params  # intervals kept: a lucky challenger's gain must be told apart from nothing, as the flow's is
    baseline = lifecycle.STATUS_QUO if lifecycle.STATUS_QUO in fitted.baselines else lifecycle.TRIVIAL
    best = most_useful(fitted.model, project, split.test, params.split.seed)
    challengers: dict[str, tuple[Any, Project, Any]] = {
        "shuffled": (shuffled(project, params, split.train), project, None),
        baseline.replace("_", " "): (fitted.baselines[baseline], lifecycle.view(project, baseline), None),
        f"without {best}": (without(project, params, split.train, best, fitted.model), project, fitted.model),
    }
    decided = {}
    for name, (model, seen_as, champion) in challengers.items():
        evaluation = lifecycle.evaluate(
            seen_as, quick, replace(fitted, model=model), split, champion, "(the honest model)" if champion is not None else None,
            with_evidence=False,
        )
        decided[name] = lifecycle.decide(project, params, evaluation)
    return decided


# ---- the estimator ----


def estimator_checks(project: Project, params: ProjectParams, train: pd.DataFrame) -> list[Finding]:
    """scikit-learn's habits, checked on the project's model as its task kind fits it."""
    from flows.steps import tracking

    findings = []
    estimator = project.make_model(params.model)
    context = kinds.context(train, project)  # a retrieval corpus goes with the rows it is searched for
    test = pd.concat([train.loc[~context].head(50), train.loc[context]])
    refused = _raises(lambda: kinds.score(project.make_model(params.model), project, test))
    findings.append(Finding("estimator", "unfitted model refused", refused, "scoring an unfitted model must raise"))
    fitted = kinds.fit(estimator, project, train)
    wrapped = getattr(fitted, "estimator", None) is estimator  # a kind may wrap the model (label sets)
    findings.append(Finding(
        "estimator", "fit returns self", fitted is estimator or wrapped, f"fit returned {type(fitted).__name__}"
    ))
    again = kinds.fit(clone(estimator), project, train)
    same = _same(kinds.score(fitted, project, test), kinds.score(again, project, test))
    findings.append(Finding("estimator", "deterministic fit", same, "two fits with the same seed must score alike"))
    try:
        loaded = tracking.round_trip(fitted)
        same = _same(kinds.score(fitted, project, test), kinds.score(loaded, project, test))
        findings.append(Finding("estimator", "skops round-trip", same, "the stored model must answer as the fitted one"))
    except Exception as error:  # noqa: BLE001 — reported as the finding, with its message
        findings.append(Finding("estimator", "skops round-trip", False, f"{type(error).__name__}: {error}"))
    return findings


def _raises(call: Callable[[], Any]) -> bool:
    try:
        call()
    except (NotFittedError, AttributeError, ValueError, TypeError):
        return True
    return False


def _same(left: dict[str, float], right: dict[str, float]) -> bool:
    return all(
        (math.isnan(value) and math.isnan(right.get(key, math.nan))) or math.isclose(value, right.get(key, math.nan), abs_tol=1e-9)
        for key, value in left.items()
    )


# ---- the whole check ----


def check(project: Project, frame: pd.DataFrame, params: ProjectParams) -> Report:
    """Every check of the kit on one frame (pseudonymised, as the flow would see it)."""
    result = lifecycle.run(project, frame, params)
    report = Report(project.name, result)
    report.findings += estimator_checks(project, params, result.split.train)
    report.findings += thresholds(project, params, result)
    report.refusals = refusals(project, params, result)
    for name, decision in report.refusals.items():
        # A rule cannot beat itself by the required gain; the other degraded challengers may fall to any check.
        ok = not decision.promote and (not name.startswith(("status quo", "trivial")) or "baselines" in decision.blocked_by)
        detail = "refused: " + "; ".join(c.reason for c in decision.checks if not c.ok) if not decision.promote else (
            "PROMOTED: " + decision.text()
        )
        report.findings.append(Finding("refusals", f"refuses {name}", ok, detail))
    return report


def thresholds(project: Project, params: ProjectParams, result: lifecycle.Result) -> list[Finding]:
    """No check of the gate may be void: a required gain, a fairness tolerance that can refuse, floors above what
    the trivial baseline already reaches."""
    rules, evaluation = params.promotion, result.evaluation
    findings = [Finding("thresholds", "a gain is required", rules.min_gain_over_baseline > 0, f"min_gain_over_baseline {rules.min_gain_over_baseline}")]
    if project.sensitive:
        findings.append(Finding(
            "thresholds", "fairness tolerance can refuse", rules.max_fairness_gap <= 0.2,
            f"max_fairness_gap {rules.max_fairness_gap} (above 0.2 a gap the administration must explain passes)",
        ))
    trivial = evaluation.baselines[lifecycle.TRIVIAL]
    for metric, floor in rules.min_scores.items():
        reached = trivial.get(metric, math.nan)
        lower = metric in evaluation.lower_is_better
        void = not math.isnan(reached) and (reached <= floor if lower else reached >= floor)
        findings.append(Finding(
            "thresholds", f"floor {metric} not void", not void, f"floor {floor}; the trivial baseline reaches {reached:.4f}",
        ))
    return findings
