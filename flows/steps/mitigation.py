"""Mitigation a project can try when a fairness criterion fails: fairlearn's reductions as a challenger family.

`socle run NAME --set mitigation.method=exponentiated_gradient` fits `Reduced`: the project's own model inside
fairlearn's `ExponentiatedGradient`, under the constraint of a criterion (`mitigation.criterion`, by default the
project's first declared one: demographic parity for selection rates, equalised odds, true or false positive rate
parity) between the groups of all its sensitive attributes crossed. The attributes are read when fitting only: the
contract keeps them out of the features and so out of every decision. fairlearn's `ThresholdOptimizer` is not
offered for that reason: it needs the attribute of each person at decision time, a different threshold per sex or
age band, which a French administration cannot apply.

The mitigated run is a challenger like any other (the same gate, the same held-out rows); `socle compare` puts it
beside the plain run on the same data: the cost in the primary metric, the gain on each criterion (`TradeOff`).
`challenge` does the same in memory, for the tests and a project's author.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, ClassifierMixin, clone
from sklearn.pipeline import Pipeline

from flows.steps import evidence, fairness
from projects.contract import Project, ProjectParams, PromotionParams

CONSTRAINTS = {
    "selection_rate_difference": "DemographicParity",
    "selection_rate_ratio": "DemographicParity",
    "true_positive_rate_difference": "TruePositiveRateParity",
    "false_positive_rate_difference": "FalsePositiveRateParity",
    "equalized_odds_difference": "EqualizedOdds",
}
"""The fairlearn moment that constrains each criterion."""


class Weighted(BaseEstimator, ClassifierMixin):
    """The project's estimator taking `sample_weight` as the reductions pass it, a pipeline's last step included."""

    def __init__(self, estimator: BaseEstimator) -> None:
        self.estimator = estimator

    def fit(self, X: pd.DataFrame, y: object, sample_weight: np.ndarray | None = None) -> Weighted:
        self.estimator_ = clone(self.estimator)
        name = f"{self.estimator_.steps[-1][0]}__sample_weight" if isinstance(self.estimator_, Pipeline) else "sample_weight"
        self.estimator_.fit(X, y, **({} if sample_weight is None else {name: np.asarray(sample_weight)}))
        self.classes_ = self.estimator_.classes_
        return self

    def predict(self, X: pd.DataFrame) -> np.ndarray:
        return self.estimator_.predict(X)


class Reduced(BaseEstimator, ClassifierMixin):
    """ExponentiatedGradient around `estimator`: a weighted mixture of refits whose decisions meet `criterion` on the
    training rows within `eps`. Decisions are made deterministically (mixture probability ≥ 0.5): a public decision
    cannot be drawn at random, so the guarantee of fairlearn's randomised classifier holds approximately.

    Only the mixture is kept (`predictors_`, `weights_`), not fairlearn's fitting state (its moments hold the
    training rows' groups in pandas frames): the model is saved with skops and holds no sensitive attribute."""

    def __init__(self, estimator: BaseEstimator, criterion: str = "selection_rate_difference", eps: float = 0.02,
                 max_iter: int = 50) -> None:
        self.estimator, self.criterion, self.eps, self.max_iter = estimator, criterion, eps, max_iter

    def fit(self, X: pd.DataFrame, y: object, sensitive_features: object) -> Reduced:
        from fairlearn import reductions

        labels = np.asarray(y)
        self.classes_ = np.unique(labels)
        if len(self.classes_) != 2:
            raise ValueError(f"fairlearn's reductions decide between two classes; got {len(self.classes_)}")
        moment = getattr(reductions, CONSTRAINTS[self.criterion])()
        reduction = reductions.ExponentiatedGradient(Weighted(self.estimator), moment, eps=self.eps, max_iter=self.max_iter)
        reduction.fit(X, (labels == self.classes_[1]).astype(int), sensitive_features=sensitive_features)
        kept = np.flatnonzero(reduction.weights_.to_numpy() > 0)  # fairlearn's mixture: refits with a weight
        self.predictors_ = [reduction.predictors_.iloc[i] for i in kept]
        self.weights_ = reduction.weights_.to_numpy(dtype=float)[kept]
        self.n_features_in_ = X.shape[1]
        return self

    def predict_proba(self, X: pd.DataFrame) -> np.ndarray:
        """fairlearn's `_pmf_predict`: the weight of the refits that decide positive."""
        positive = sum(weight * predictor.predict(X) for weight, predictor in zip(self.weights_, self.predictors_))
        positive = np.clip(np.asarray(positive, dtype=float), 0.0, 1.0)  # a sum of weights may pass 1 by a rounding error
        return np.column_stack([1 - positive, positive])

    def predict(self, X: pd.DataFrame) -> np.ndarray:
        return self.classes_[(self.predict_proba(X)[:, 1] >= 0.5).astype(int)]


def constrained(project: Project, criterion: str | None) -> str:
    """The criterion a reduction constrains: the one asked, else the project's first declared one it can."""
    if criterion is not None:
        if criterion not in CONSTRAINTS:
            raise ValueError(f"{project.name}: fairlearn's reductions cannot constrain {criterion}; "
                             f"choose one of {', '.join(CONSTRAINTS)}")
        return criterion
    declared = [c.criterion for c in project.fairness_criteria() if c.criterion in CONSTRAINTS]
    return declared[0] if declared else "selection_rate_difference"


def joint_groups(project: Project, rows: pd.DataFrame, attributes: tuple[str, ...] | None = None) -> np.ndarray:
    """Each row's group across the sensitive attributes (`F × 30-39`): parity between these crossed groups
    implies it on each attribute alone, whose groups' rates are averages of theirs."""
    attributes = attributes or project.sensitive
    bands = {b.column: b for b in project.bands}
    labels = [fairness.groups_of(rows[attribute], bands.get(attribute)) for attribute in attributes]
    return np.array([" × ".join(parts) for parts in zip(*labels)], dtype=object)


def fit(project: Project, params: ProjectParams, train: pd.DataFrame, attributes: tuple[str, ...] | None = None) -> Reduced:
    """The project's model under the reduction `params.mitigation` asks for, on the training rows and their groups."""
    if not project.sensitive:
        raise ValueError(f"{project.name}: no sensitive attribute declared, nothing to mitigate")
    asked = params.mitigation
    model = Reduced(project.make_model(params.model), constrained(project, asked.criterion), eps=asked.eps)
    return model.fit(train[list(project.features)], train[project.target],
                     sensitive_features=joint_groups(project, train, attributes))


def described(project: Project, params: ProjectParams) -> str:
    """The reduction in words, for the run's tag and the card."""
    asked = params.mitigation
    criterion = constrained(project, asked.criterion)
    return (f"fairlearn ExponentiatedGradient under {CONSTRAINTS[criterion]} ({criterion}) between the groups of "
            f"{' × '.join(project.sensitive)}, eps {asked.eps:g}")


@dataclass(frozen=True)
class Criterion:
    """One criterion on one attribute as a run recorded it."""

    value: float | None
    tolerance: float
    holds: bool


@dataclass(frozen=True)
class Shift:
    """One criterion on one attribute, for the plain model and the mitigated one."""

    name: str
    """`criterion.attribute`."""
    plain: Criterion
    mitigated: Criterion

    @property
    def gain(self) -> float:
        """How much closer the criterion gets to parity (positive: fairer)."""
        before, after = self.plain.value, self.mitigated.value
        if before is None or after is None:
            return math.nan
        return (after - before) if self.name.split(".")[0].endswith("_ratio") else (before - after)

    def line(self) -> str:
        said = lambda c: f"{_n(c.value)} ({'holds' if c.holds else 'fails'})"  # noqa: E731
        return (f"{self.name} {said(self.plain)} → {said(self.mitigated)}, tolerance {self.mitigated.tolerance:g}: "
                f"gain {self.gain:+.4f}")


@dataclass(frozen=True)
class TradeOff:
    """A model and its mitigated challenger on the same held-out rows: the cost in the primary metric beside the
    gain on each criterion."""

    metric: str
    score: float
    mitigated_score: float
    shifts: tuple[Shift, ...]
    greater_is_better: bool = True

    @property
    def cost(self) -> float:
        """What the primary metric loses (positive: the mitigated model is worse)."""
        sign = 1 if self.greater_is_better else -1
        return sign * (self.score - self.mitigated_score)

    def shift(self, name: str) -> Shift:
        return next(shift for shift in self.shifts if shift.name == name)

    def lines(self) -> list[str]:
        return [f"  {self.metric} {self.score:.4f} → {self.mitigated_score:.4f}: cost {self.cost:+.4f}",
                *(f"  {shift.line()}" for shift in self.shifts)]


def trade_off(metric: str, greater_is_better: bool, plain: tuple[float, dict[str, Criterion]],
              mitigated: tuple[float, dict[str, Criterion]]) -> TradeOff:
    """(score, criteria by `criterion.attribute`) of each model: the criteria both were judged on, side by side."""
    shifts = tuple(Shift(name, plain[1][name], mitigated[1][name]) for name in plain[1] if name in mitigated[1])
    return TradeOff(metric, plain[0], mitigated[0], shifts, greater_is_better)


def criteria(evaluation: object, rules: PromotionParams) -> dict[str, Criterion]:
    """An evaluation's criteria as the gate judges them."""
    return {f"{m.criterion}.{m.attribute}": Criterion(m.value, m.tolerance, m.holds())
            for m in evaluation.evidence.fairness.judged(rules)}


def challenge(project: Project, params: ProjectParams, result: object) -> tuple[TradeOff, object]:
    """The project's model under the reduction `params.mitigation` asks for, fitted on the run's training rows and
    evaluated as a challenger on its held-out rows: the trade-off against the run's model, and its evaluation."""
    from flows import lifecycle

    split, fitted = result.split, result.fitted
    asked = params if params.mitigation.method != "none" else params.model_copy(
        update={"mitigation": params.mitigation.model_copy(update={"method": "exponentiated_gradient"})}
    )
    model = fit(project, asked, split.train)
    quick = params.model_copy(update={"evaluation": params.evaluation.model_copy(update={"bootstrap": 0})})
    evaluation = lifecycle.evaluate(project, quick, replace(fitted, model=model), split, with_evidence=False)
    evaluation.evidence = evidence.Evidence(
        fairness.measure(model, project, split.test, params.promotion.min_fairness_group)
    )  # the bias only: the mixture has no exact explanation and its figures are the model's
    rules = params.promotion
    trade = trade_off(project.metric, project.greater_is_better,
                      (result.evaluation.score, criteria(result.evaluation, rules)), (evaluation.score, criteria(evaluation, rules)))
    return trade, evaluation


def _n(value: float | None) -> str:
    return "—" if value is None else f"{value:.4f}"
