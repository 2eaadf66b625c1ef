"""Bias in decisions, measured on the test set for every sensitive attribute with fairlearn's MetricFrame.

Per group of each attribute (a numeric one, an age, cut into the project's `Bands`): the primary metric, the
selection rate (the share of positive decisions), the true and false positive rates. From them, the project's
fairness criteria (`Project.fairness_criteria()`): fairlearn's demographic parity difference and ratio, equal
opportunity, equalised odds, and the primary metric's gap, each with its tolerance and reason. The gate
(flows/steps/promotion.py `fair`) refuses a challenger naming the criterion, the groups and their figures;
`Fairness.judged` gives every criterion with the tolerance the gate applies and its worst pair of groups, for the
run's record, the card, `compare` and the portfolio.

A group counts only with `min_fairness_group` test rows, and with as many positives (negatives) for a rate or a
metric resting on them (`RESTS_ON`): per-group figures from a handful of cases are noise, not bias.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd
from fairlearn.metrics import MetricFrame, false_positive_rate, selection_rate, true_positive_rate
from sklearn.base import BaseEstimator

from flows.steps import kinds
from projects.contract import Bands, FairnessCriterion, Project, PromotionParams

RATES = ("selection_rate", "true_positive_rate", "false_positive_rate")
"""Columns of `by_group` that only binary decisions have."""
CRITERION_COLUMNS: dict[str, tuple[str, ...]] = {
    "selection_rate_difference": ("selection_rate",),
    "selection_rate_ratio": ("selection_rate",),
    "true_positive_rate_difference": ("true_positive_rate",),
    "false_positive_rate_difference": ("false_positive_rate",),
    "equalized_odds_difference": ("true_positive_rate", "false_positive_rate"),
}
"""What each criterion is computed from (the primary metric's gap reads the metric's column)."""
UNKNOWN_GROUP = "non renseigné"
METRIC_GAP = FairnessCriterion(
    "metric_gap", 0.5, "the model must tell the cases of every group about as well: the primary metric's gap "
    "between groups stays within `promotion.max_fairness_gap`",
)
"""The gap of the primary metric, which every project with sensitive attributes is gated on (its tolerance is the
project's `max_fairness_gap`; 0.5 only stands in until `Fairness.judged` sets it)."""


@dataclass(frozen=True)
class Measured:
    """One criterion on one attribute: its value, the tolerance and reason declared, and the figures behind it."""

    criterion: str
    attribute: str
    value: float | None
    """None: not measurable (see `note`)."""
    tolerance: float
    reason: str
    groups: dict[str, dict[str, float]] = field(default_factory=dict)
    """Per counted group: the rates (or the metric) the value is computed from, and its size."""
    note: str = ""
    pair: tuple[str, str, str] = ()
    """The worst pair of groups: (the rate or metric compared, the group lowest on it, the group highest)."""

    @property
    def is_ratio(self) -> bool:
        return self.criterion.endswith("_ratio")

    def holds(self, tolerance: float | None = None) -> bool:
        limit = self.tolerance if tolerance is None else tolerance
        if self.value is None:
            return not self.blocks_unmeasured
        return self.value >= limit if self.is_ratio else self.value <= limit

    @property
    def blocks_unmeasured(self) -> bool:
        """A criterion the decisions cannot have (rates of a multiclass or a ranking) is a wrong declaration and
        blocks; one the test set is too small to measure is reported, as small groups are."""
        return self.value is None and self.note.startswith("no binary")

    def worst_pair(self) -> str:
        """`<30 selection rate 0.738 vs 30-39 selection rate 0.840`: the two groups the value is made of."""
        if not self.pair:
            return "—"
        column, low, high = self.pair
        return " vs ".join(f"{group} {_short(column)} {self.groups[group][column]:.3f}" for group in (low, high))

    def figures(self) -> str:
        """`F 0.468 (210 rows), M 0.650 (290 rows)`: every counted group with the figures the value comes from."""
        parts = []
        for group, figures in self.groups.items():
            rates = ", ".join(f"{_short(name)} {value:.3f}" for name, value in figures.items() if name != "size")
            parts.append(f"{group} {rates} ({int(figures.get('size', 0))} rows)")
        return "; ".join(parts)


@dataclass(frozen=True)
class Fairness:
    gap: float | None
    """The largest difference of the primary metric between groups of one attribute (None: nothing to measure)."""
    by_group: pd.DataFrame
    """One row per (attribute, group): size, primary metric, selection rate, true and false positive rates, and the
    positives and negatives those rates are computed on."""
    gaps: dict[str, float] = field(default_factory=dict)
    """Per attribute: the gap of the primary metric (`metric.ATTRIBUTE`), of the selection rate
    (`selection_rate.ATTRIBUTE`) and each measured criterion (`CRITERION.ATTRIBUTE`), logged as `fairness.<key>`."""
    criteria: tuple[Measured, ...] = ()
    """The project's criteria on every attribute, for the gate and the card."""
    min_group: int = 1
    """Test rows (positives, negatives for the rates resting on them) a group needs to count."""
    metric: str = ""
    """The primary metric, a column of `by_group`."""

    def judged(self, rules: PromotionParams) -> tuple[Measured, ...]:
        """Every criterion the gate applies, with the tolerance it applies: the primary metric's gap on each
        attribute (`max_fairness_gap`), then the project's criteria (`fairness_tolerance` overriding a declaration)."""
        reason = next((m.reason for m in self.criteria if m.criterion == METRIC_GAP.criterion), METRIC_GAP.reason)
        gaps = tuple(
            replace(judge(METRIC_GAP, str(attribute), table, self.metric, self.min_group),
                    tolerance=rules.max_fairness_gap, reason=reason)
            for attribute, table in self._counted().groupby("attribute", sort=False)
        ) if self.metric else ()
        declared = tuple(
            replace(m, tolerance=rules.fairness_tolerance.get(m.criterion, m.tolerance))  # type: ignore[call-overload]
            for m in self.criteria if m.criterion != METRIC_GAP.criterion
        )
        return tuple(m for m in gaps if m.value is not None) + declared

    def _counted(self) -> pd.DataFrame:
        return self.by_group[self.by_group["size"] >= self.min_group] if not self.by_group.empty else self.by_group


def measure(model: BaseEstimator, project: Project, test: pd.DataFrame, min_group: int = 1) -> Fairness:
    """Metric and rates per group; gaps and criteria only between groups of at least `min_group` test rows, since
    the metric of a handful of rows is noise (every group is still reported in `by_group`)."""
    if not project.sensitive:
        return Fairness(None, pd.DataFrame())
    metrics = _group_metrics(model, project, test)
    truth = test[project.target].to_numpy()
    tables = []
    for attribute in project.sensitive:
        groups = groups_of(test[attribute], _bands(project, attribute))
        # y_pred carries row positions, so that each metric scores its group's rows as the task kind does.
        frame = MetricFrame(metrics=metrics, y_true=truth, y_pred=np.arange(len(truth)), sensitive_features=groups)
        tables.append(frame.by_group.reset_index(names="group").assign(attribute=attribute))
    columns = ["attribute", "group", "size", project.metric, *RATES, "positives", "negatives"]
    by_group = pd.concat(tables, ignore_index=True).reindex(columns=columns)
    return summarise(project, by_group, min_group)


def summarise(project: Project, by_group: pd.DataFrame, min_group: int = 1) -> Fairness:
    """The gaps and criteria of a per-group table (`measure`'s, or one written by hand for a test of the gate)."""
    counted = by_group[by_group["size"] >= min_group]
    gaps: dict[str, float] = {}
    for attribute, table in counted.groupby("attribute", sort=False):
        for column in (project.metric, "selection_rate"):
            values = table.loc[_denominator(table, column) >= min_group, column].dropna() if column in table else pd.Series(dtype=float)
            if len(values) > 1:
                gaps[f"{'metric' if column == project.metric else column}.{attribute}"] = float(values.max() - values.min())
    criteria = tuple(
        judge(criterion, attribute, counted[counted["attribute"] == attribute], project.metric, min_group)
        for criterion in project.fairness_criteria() for attribute in project.sensitive
    )
    gaps |= {f"{m.criterion}.{m.attribute}": m.value for m in criteria if m.value is not None}
    metric_gaps = [value for key, value in gaps.items() if key.startswith("metric.")]
    return Fairness(max(metric_gaps) if metric_gaps else None, by_group, gaps, criteria, min_group, project.metric)


def judge(criterion: FairnessCriterion, attribute: str, table: pd.DataFrame, metric: str, min_group: int) -> Measured:
    """One criterion between the counted groups of one attribute, as fairlearn defines it (`between_groups`):
    the largest difference, the smallest ratio, or for equalised odds the larger of the two rate differences."""
    columns = CRITERION_COLUMNS.get(criterion.criterion, (metric,))
    found = lambda note: Measured(criterion.criterion, attribute, None, criterion.tolerance, criterion.reason, note=note)  # noqa: E731
    if table.empty:
        return found(f"fewer than two groups of at least {min_group} test rows")
    binary = "selection_rate" in table and table["selection_rate"].notna().any()
    if columns != (metric,) and not binary:
        return found(f"no binary decisions to compute {', '.join(columns)} from")
    if any(column not in table for column in columns):
        return found(f"fewer than two groups of at least {min_group} test rows")
    # Each rate between the groups with at least `min_group` rows in its denominator: a true positive rate from a
    # dozen positives is noise, as the metric of a handful of rows is.
    counted = {column: table[(_denominator(table, column) >= min_group) & table[column].notna()] for column in columns}
    if any(len(rows) < 2 for rows in counted.values()):
        return found(f"fewer than two groups with at least {min_group} test rows to compute {', '.join(columns)} on")
    groups: dict[str, dict[str, float]] = {}
    for column, rows in counted.items():
        for _, row in rows.iterrows():
            groups.setdefault(str(row["group"]), {"size": float(row["size"])})[column] = float(row[column])
    spreads = {column: float(rows[column].max() - rows[column].min()) for column, rows in counted.items()}
    widest = max(spreads, key=spreads.__getitem__)  # equalised odds: the rate whose difference is the value
    rates = counted[widest].set_index(counted[widest]["group"].astype(str))[widest]
    pair = (widest, str(rates.idxmin()), str(rates.idxmax()))
    if criterion.is_ratio:
        value = float(rates.min()) / float(rates.max()) if rates.max() > 0 else 1.0
    else:
        value = spreads[widest]
    return Measured(criterion.criterion, attribute, value, criterion.tolerance, criterion.reason, groups, pair=pair)


RESTS_ON = {
    "true_positive_rate": ("positives",), "false_positive_rate": ("negatives",),
    "average_precision": ("positives",), "recall": ("positives",), "f1": ("positives",),
    "roc_auc": ("positives", "negatives"), "balanced_accuracy": ("positives", "negatives"),
}
"""The rows a rate or a metric rests on, where it is not every row. A group's average precision from 5 positives
is noise (dge_sisse: Canada's 0.11, bootstrap interval 0.05–0.27, made a gap of 0.68 on its own): a group counts
for it only with `min_fairness_group` positives, as it does for a true positive rate."""


def _denominator(table: pd.DataFrame, column: str) -> pd.Series:
    """The rows `column` is computed on: the smallest of the counts it rests on (`RESTS_ON`), every row otherwise
    (and for a table written without those counts, or decisions that are not binary)."""
    counts = [table[count] for count in RESTS_ON.get(column, ()) if count in table and table[count].notna().any()]
    return pd.concat(counts, axis=1).min(axis=1) if counts else table["size"]


def groups_of(values: pd.Series, bands: Bands | None = None) -> np.ndarray:
    """The group of each row: its band when the attribute is numeric and banded, else its value as text."""
    if bands is not None:
        numbers = pd.to_numeric(values, errors="coerce")
        return np.array([bands.label(float(value)) for value in numbers], dtype=object)
    return values.astype("str").where(values.notna(), UNKNOWN_GROUP).to_numpy()


def _bands(project: Project, attribute: str) -> Bands | None:
    return next((bands for bands in project.bands if bands.column == attribute), None)


def _group_metrics(model: BaseEstimator, project: Project, test: pd.DataFrame) -> dict[str, Callable]:
    """The primary metric (the task kind's own, NaN where a group makes it undefined), the size, and where the kind
    makes binary decisions the selection rate and the true and false positive rates, as functions of (truth, rows)."""
    model = kinds.Remembered(model, test[list(project.features)])  # each group's score reads the answers once made
    decided = kinds.predictions(model, project, test[list(project.features)])
    metrics = {
        project.metric: lambda truth, rows: kinds.score(model, project, test.iloc[rows])[project.metric],
        "size": lambda truth, rows: len(rows),
    }
    binary = not hasattr(model, "classes_") or len(model.classes_) == 2  # a multiclass decision selects nobody
    if decided is None or not binary:
        return metrics
    positive = model.classes_[-1] if hasattr(model, "classes_") else 1  # an alert is 1
    chosen = (np.asarray(decided) == positive).astype(int)
    actual = (test[project.target].to_numpy() == (positive if hasattr(model, "classes_") else True)).astype(int)
    rates = {"selection_rate": selection_rate, "true_positive_rate": true_positive_rate,
             "false_positive_rate": false_positive_rate}
    for name, rate in rates.items():
        metrics[name] = lambda truth, rows, rate=rate: _rate(rate, actual[rows], chosen[rows])
    metrics["positives"] = lambda truth, rows: int(actual[rows].sum())
    metrics["negatives"] = lambda truth, rows: int(len(rows) - actual[rows].sum())
    return metrics


def _rate(rate: Callable, truth: np.ndarray, chosen: np.ndarray) -> float:
    """fairlearn's rate, NaN where the group has no row to compute it on (no positive for a true positive rate)."""
    needed = {true_positive_rate: truth == 1, false_positive_rate: truth == 0}.get(rate, np.ones(len(truth), bool))
    return float(rate(truth, chosen, pos_label=1)) if needed.any() else math.nan


def _short(column: str) -> str:
    return {"selection_rate": "selection rate", "true_positive_rate": "TPR", "false_positive_rate": "FPR"}.get(column, column)
