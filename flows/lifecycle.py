"""The science of one run, from a DataFrame to the gate's decision, in memory: no Prefect, MLflow, DVC or GX.

    frame ─► prepare ─► fit ─► evaluate ─► decide
             derive,    the model,   held-out and in-distribution scores, every baseline, bootstrap
             split in   its trivial  intervals, the champion re-scored on the same rows, bias,
             three      baseline,    explanations, figures
                        the status quo

The split keeps whole held-out groups (`Project.holdout`: the template, register entry, station or period a row
comes from) out of training: the primary metric is measured on them. Rows of the other groups are split again, so
that the in-distribution score is measured too; their difference is the generalisation gap.

The Prefect tasks (flows/orchestration/pipeline.py) wrap these functions one by one; the tests, the benchmarks and
`socle check` call `run` directly.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator

from flows.steps import evidence, fairness, kinds, leakage, mitigation, promotion, reference_set
from flows.steps.record import Metric, Tag
from projects.contract import Project, ProjectParams, PromotionParams

TRIVIAL = "trivial"
STATUS_QUO = "status_quo"
Scores = dict[str, float]


@dataclass(frozen=True)
class Split:
    train: pd.DataFrame
    seen: pd.DataFrame
    """Rows of groups also in training, kept out of it: the in-distribution score."""
    test: pd.DataFrame
    """Rows of held-out groups: the primary metric's."""
    holdout: str
    """What was held out, in words."""


def prepare(project: Project, frame: pd.DataFrame, params: ProjectParams) -> Split:
    """The project's derived features (a worker's history, peers), then train, seen and held-out rows."""
    frame = project.derive(frame) if project.derive else frame
    if project.holdout is None:
        train, test = kinds.split(frame, project, params.split)
        return Split(frame.loc[train], frame.iloc[:0], frame.loc[test], "random rows (no held-out groups declared)")
    rest, test = held_out(frame, project, params)
    seen_params = params.split.model_copy(update={"test_size": params.split.seen_size})
    train, seen = kinds.split(frame.loc[rest], project, seen_params)
    what = f"whole values of {project.holdout.column} ({project.holdout.what})"
    return Split(frame.loc[train], frame.loc[seen], frame.loc[test], what)


def held_out(frame: pd.DataFrame, project: Project, params: ProjectParams) -> tuple[pd.Index, pd.Index]:
    """(the other rows, the held-out rows): the latest values of an ordered holdout column, else whole groups drawn
    by the task kind's own split (which keeps a retrieval corpus on both sides and every class on both sides)."""
    holdout = project.holdout
    assert holdout is not None
    if holdout.ordered:
        values = frame[holdout.column]
        order = values.sort_values(kind="stable")
        cut = order.iloc[int(len(order) * (1 - params.split.test_size))]
        later = values >= cut
        return frame.index[~later], frame.index[later]
    return kinds.split(frame, replace(project, group=holdout.column), params.split)


@dataclass(frozen=True)
class Fitted:
    model: BaseEstimator
    baselines: dict[str, BaseEstimator]
    """The task kind's trivial baseline, and the project's status quo where it declares one."""


def fit(project: Project, params: ProjectParams, train: pd.DataFrame) -> Fitted:
    """The project's model (under fairlearn's reduction when `mitigation.method` asks for it) and its baselines, on
    the same rows."""
    if params.mitigation.method == "none":
        model = kinds.fit(project.make_model(params.model), project, train)
    else:
        model = mitigation.fit(project, params, train)
    baselines = {TRIVIAL: kinds.fit(kinds.baseline(project), project, train)}
    if project.status_quo is not None:
        baselines[STATUS_QUO] = kinds.fit(project.status_quo.make(), view(project, STATUS_QUO), train)
    return Fitted(model, baselines)


def view(project: Project, baseline: str) -> Project:
    """The project as a baseline reads it: the status quo may read other columns than the model's features."""
    if baseline == STATUS_QUO and project.status_quo is not None and project.status_quo.columns:
        return replace(project, features=project.status_quo.columns)
    return project


@dataclass(frozen=True)
class Interval:
    low: float
    high: float

    @property
    def width(self) -> float:
        return self.high - self.low

    def text(self) -> str:
        return f"[{self.low:.3f}, {self.high:.3f}]"


@dataclass
class Evaluation:
    """What the gate and the reviewers read, every score on the same held-out rows."""

    metric: str
    greater_is_better: bool
    scores: Scores
    seen: Scores
    baselines: dict[str, Scores]
    intervals: dict[str, Interval]
    """`model`, each baseline's name and `gain` (model − strongest baseline, paired resamples)."""
    champion: float | None
    champion_version: str | None
    evidence: evidence.Evidence
    rows: dict[str, int]
    lower_is_better: tuple[str, ...] = ()
    holdout: str = ""
    extra: dict[str, Any] = field(default_factory=dict)
    """Room for checks that need more than scores (a reference set, drift): read by the gate's own checks."""

    @property
    def score(self) -> float:
        return self.scores[self.metric]

    def strongest_baseline(self) -> tuple[str, float]:
        """The baseline the model must beat: the best of them on the primary metric (NaN scores never win)."""
        sign = 1 if self.greater_is_better else -1
        known = {name: s[self.metric] for name, s in self.baselines.items() if not math.isnan(s.get(self.metric, math.nan))}
        if not known:
            return TRIVIAL, math.nan
        name = max(known, key=lambda item: sign * known[item])
        return name, known[name]

    @property
    def generalisation_gap(self) -> float | None:
        """How much worse the model does on unseen groups than on seen ones (positive: worse on unseen)."""
        if self.metric not in self.seen:
            return None
        sign = 1 if self.greater_is_better else -1
        return sign * (self.seen[self.metric] - self.score)


def evaluate(
    project: Project,
    params: ProjectParams,
    fitted: Fitted,
    split: Split,
    champion: BaseEstimator | None = None,
    champion_version: str | None = None,
    with_evidence: bool = True,
    reference: reference_set.ReferenceSet | None = None,
) -> Evaluation:
    """Model, baselines and the champion on the held-out rows; the model on the seen rows; intervals; evidence
    (fairness, explanations, figures: `with_evidence=False` leaves them out, for challengers nobody will read)."""
    test = split.test
    model = kinds.Remembered(fitted.model, test[list(project.features)])  # predictions made once, read by the evidence
    baselines = {name: kinds.score(estimator, view(project, name), test) for name, estimator in fitted.baselines.items()}
    kind = kinds.get(project.task)
    evaluation = Evaluation(
        project.metric,
        project.greater_is_better,
        kinds.score(model, project, test),
        kinds.score(fitted.model, project, split.seen) if len(split.seen) else {},
        baselines,
        {},
        None if champion is None else rescore(champion, project, test),
        champion_version,
        evidence.gather(fitted.model, project, test, params.promotion.min_fairness_group)
        if with_evidence else evidence.Evidence(fairness.Fairness(None, pd.DataFrame())),
        {"train": len(split.train), "seen": len(split.seen), "test": len(test)},
        kind.lower_is_better,
        split.holdout,
    )
    evaluation.intervals = intervals(project, params, fitted, test, evaluation)
    # what the gate's reviewer checks read: one feature that gives the label away; the champion's own test rows
    if (alone := leakage.strongest_feature(project, split.train, test)) is not None:
        evaluation.extra[leakage.EXTRA] = alone
    if reference is not None:
        evaluation.extra[reference_set.EXTRA] = reference_set.scored(fitted.model, champion, project, reference)
    return evaluation


def rescore(champion: BaseEstimator, project: Project, test: pd.DataFrame) -> float:
    """The champion's primary metric on the challenger's held-out rows; NaN when it cannot score them any more (an
    old champion may not read the new columns: the gate must still decide)."""
    try:
        return kinds.score(champion, project, test)[project.metric]
    except Exception:  # noqa: BLE001 — any failure of an old model is "cannot be scored", said by the gate
        return math.nan


def intervals(
    project: Project, params: ProjectParams, fitted: Fitted, test: pd.DataFrame, evaluation: Evaluation
) -> dict[str, Interval]:
    """Bootstrap intervals of the primary metric: the held-out groups resampled with replacement (a group's rows
    travel together, as the split drew them), every model scored on the same resamples, so that the gain over the
    strongest baseline gets a paired interval. A kind whose metric is a mean over units (the queries of a retrieval)
    gives its per-unit values once (`Kind.per_unit`) and each resample is a mean; others are scored on each resample,
    from predictions made once."""
    count, level = params.evaluation.bootstrap, params.evaluation.confidence
    if not count or test.empty:
        return {}
    context = kinds.context(test, project)
    units = test.loc[~context]
    draws = draw_groups(units, project, count, params.split.seed)
    scorers = {"model": (fitted.model, project)} | {name: (b, view(project, name)) for name, b in fitted.baselines.items()}
    per_unit = kinds.get(project.task).per_unit
    samples: dict[str, list[float]] = {}
    for part, (model, seen_as) in scorers.items():
        if per_unit is not None:
            values = per_unit(model, seen_as, test)[project.metric].reindex(units.index).to_numpy(dtype=float)
            samples[part] = [_mean(values[positions]) for positions in draws]
        else:
            remembered = kinds.Remembered(model, test[list(seen_as.features)])
            samples[part] = [
                _safe_score(remembered, seen_as, resampled(test, units, positions, project, context), project.metric)
                for positions in draws
            ]
    strongest, _ = evaluation.strongest_baseline()
    sign = 1 if project.greater_is_better else -1
    samples["gain"] = list(sign * (np.asarray(samples["model"]) - np.asarray(samples[strongest])))
    return {part: found for part, values in samples.items() if (found := percentile(values, level)) is not None}


def _mean(values: np.ndarray) -> float:
    known = values[~np.isnan(values)]
    return float(known.mean()) if len(known) else math.nan


def draw_groups(units: pd.DataFrame, project: Project, count: int, seed: int) -> list[np.ndarray]:
    """`count` draws of the held-out groups with replacement, each as positions of `units` rows (a group's rows
    together, in group order)."""
    column = project.holdout.column if project.holdout else project.group
    labels = units[column].astype("str").to_numpy() if column else np.arange(len(units)).astype(str)
    codes, uniques = pd.factorize(labels)
    members = [np.flatnonzero(codes == code) for code in range(len(uniques))]
    rng = np.random.default_rng(seed)
    return [np.concatenate([members[pick] for pick in rng.integers(0, len(members), len(members))]) for _ in range(count)]


def resampled(
    test: pd.DataFrame, units: pd.DataFrame, positions: np.ndarray, project: Project, context: pd.Series
) -> pd.DataFrame:
    """The rows of one draw, the kind's context rows (a retrieval corpus) added. A series drawn twice gets its copy
    renamed in the project's group column, so that per-series metrics (change points) see two series, not one with
    doubled points."""
    sample = units.iloc[positions]
    if project.group:
        index = pd.Series(sample.index)
        copy = index.groupby(index).cumcount().to_numpy()  # a row's k-th appearance is in its group's k-th copy
        renamed = sample[project.group].astype("str") + np.where(copy > 0, "~" + copy.astype(str), "")
        sample = sample.assign(**{project.group: renamed.to_numpy()})
    return pd.concat([sample, test.loc[context]]) if context.any() else sample


def _safe_score(model: Any, project: Project, rows: pd.DataFrame, metric: str) -> float:
    try:
        return kinds.score(model, project, rows)[metric]
    except Exception:  # noqa: BLE001 — a resample may lack a class a metric needs: that resample says nothing
        return math.nan


def percentile(values: list[float], level: float) -> Interval | None:
    known = np.asarray([value for value in values if not math.isnan(value)])
    if len(known) < max(10, len(values) // 2):  # most resamples undefined: no interval rather than a false one
        return None
    tail = (1 - level) / 2 * 100
    return Interval(float(np.percentile(known, tail)), float(np.percentile(known, 100 - tail)))


def decide(project: Project, params: ProjectParams, evaluation: Evaluation) -> promotion.Decision:
    return promotion.decide(evaluation, params.promotion)


@dataclass(frozen=True)
class Result:
    split: Split
    fitted: Fitted
    evaluation: Evaluation
    decision: promotion.Decision


def run(
    project: Project,
    frame: pd.DataFrame,
    params: ProjectParams,
    champion: BaseEstimator | None = None,
    champion_version: str | None = None,
) -> Result:
    """The whole lifecycle in memory, on a frame already pseudonymised and validated."""
    split = prepare(project, frame, params)
    fitted = fit(project, params, split.train)
    evaluation = evaluate(project, params, fitted, split, champion, champion_version)
    return Result(split, fitted, evaluation, decide(project, params, evaluation))


def flat_metrics(evaluation: Evaluation) -> dict[str, float]:
    """Every number of the evaluation under its MLflow metric name (flows/steps/record.py names the prefixes)."""
    metrics = {Metric.TEST + name: value for name, value in evaluation.scores.items()}
    metrics |= {Metric.SEEN + name: value for name, value in evaluation.seen.items()}
    for baseline, scores in evaluation.baselines.items():
        metrics |= {Metric.baseline(baseline) + name: value for name, value in scores.items()}
    for part, interval in evaluation.intervals.items():
        metrics |= {Metric.interval(part, "low"): interval.low, Metric.interval(part, "high"): interval.high}
    if evaluation.generalisation_gap is not None:
        metrics[Metric.GENERALISATION_GAP] = evaluation.generalisation_gap
    if evaluation.champion is not None:
        metrics[Metric.CHAMPION + evaluation.metric] = evaluation.champion
    bias = evaluation.evidence.fairness
    if bias.gap is not None:
        metrics[Metric.FAIRNESS_GAP] = bias.gap
    metrics |= {Metric.FAIRNESS + key: value for key, value in bias.gaps.items()}
    metrics |= {Metric.ROWS + part: float(count) for part, count in evaluation.rows.items()}
    return metrics


def fairness_record(evaluation: Evaluation, rules: PromotionParams) -> tuple[dict[str, float], dict[str, str]]:
    """Each criterion the gate applies on each attribute, as the run keeps it: its value, tolerance and whether it
    holds (metrics), and the worst pair of groups (a tag)."""
    metrics, tags = {}, {}
    for measured in evaluation.evidence.fairness.judged(rules):
        name = (measured.criterion, measured.attribute)
        if measured.value is not None:
            metrics[Metric.criterion(*name)] = measured.value
        metrics[Metric.criterion(*name, "tolerance")] = measured.tolerance
        metrics[Metric.criterion(*name, "holds")] = float(measured.holds())
        tags[Tag.criterion(*name)] = measured.worst_pair() if measured.value is not None else measured.note
    return metrics, tags
