"""Mitigation a project can try when a fairness criterion fails: fairlearn's reductions as a challenger family.

`Reduced` wraps the project's own model in fairlearn's `ExponentiatedGradient` under the constraint of the failing
criterion (demographic parity for selection rates, equalised odds, true or false positive rate parity). The
sensitive attribute is read when fitting only: the contract keeps it out of the features and so out of every
decision. fairlearn's `ThresholdOptimizer` is not offered for that reason: it needs the attribute of each person at
decision time, a different threshold per sex or age band, which a French administration cannot apply.

`challenge` fits it on the run's training rows and evaluates it on the same held-out rows as the model, so that the
cost in the primary metric is read beside the gain in fairness (`TradeOff.lines`, for `compare` and the card).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, ClassifierMixin, clone
from sklearn.pipeline import Pipeline

from flows.steps import evidence, fairness
from projects.contract import Project, ProjectParams

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
    cannot be drawn at random, so the guarantee of fairlearn's randomised classifier holds approximately."""

    def __init__(self, estimator: BaseEstimator, criterion: str = "selection_rate_difference", eps: float = 0.02,
                 max_iter: int = 50) -> None:
        self.estimator, self.criterion, self.eps, self.max_iter = estimator, criterion, eps, max_iter

    def fit(self, X: pd.DataFrame, y: object, sensitive_features: object) -> Reduced:
        from fairlearn import reductions

        moment = getattr(reductions, CONSTRAINTS[self.criterion])()
        self.reduction_ = reductions.ExponentiatedGradient(
            Weighted(self.estimator), moment, eps=self.eps, max_iter=self.max_iter
        )
        labels = np.asarray(y)
        self.classes_ = np.unique(labels)
        if len(self.classes_) != 2:
            raise ValueError(f"fairlearn's reductions decide between two classes; got {len(self.classes_)}")
        self.reduction_.fit(X, (labels == self.classes_[1]).astype(int), sensitive_features=sensitive_features)
        self.n_features_in_ = X.shape[1]
        return self

    def predict_proba(self, X: pd.DataFrame) -> np.ndarray:
        mixture = np.asarray(self.reduction_._pmf_predict(X), dtype=float)  # fairlearn's only probability
        return np.clip(mixture, 0.0, 1.0)  # a sum of weights may pass 1 by a rounding error

    def predict(self, X: pd.DataFrame) -> np.ndarray:
        return self.classes_[(self.predict_proba(X)[:, 1] >= 0.5).astype(int)]


@dataclass(frozen=True)
class TradeOff:
    """The model and its mitigated challenger on the same held-out rows."""

    metric: str
    attribute: str
    criterion: str
    score: float
    mitigated_score: float
    value: float | None
    mitigated_value: float | None
    greater_is_better: bool = True

    @property
    def cost(self) -> float:
        """What the primary metric loses (positive: the mitigated model is worse)."""
        sign = 1 if self.greater_is_better else -1
        return sign * (self.score - self.mitigated_score)

    @property
    def gain(self) -> float:
        """How much closer the criterion gets to parity (positive: fairer)."""
        if self.value is None or self.mitigated_value is None:
            return math.nan
        return (self.mitigated_value - self.value) if self.criterion.endswith("_ratio") else (self.value - self.mitigated_value)

    def lines(self) -> list[str]:
        return [
            f"mitigated ({CONSTRAINTS[self.criterion]} on {self.attribute}, fairlearn ExponentiatedGradient):",
            f"  {self.metric} {self.score:.4f} → {self.mitigated_score:.4f} (cost {self.cost:+.4f})",
            f"  {self.criterion} {_n(self.value)} → {_n(self.mitigated_value)} (gain {self.gain:+.4f})",
        ]


def challenge(project: Project, params: ProjectParams, result: object, criterion: str, attribute: str,
              eps: float = 0.02) -> tuple[TradeOff, object]:
    """The project's model under the reduction of `criterion` on `attribute`, fitted on the run's training rows and
    evaluated as a challenger on its held-out rows; the trade-off and the challenger's evaluation."""
    from flows import lifecycle

    split, fitted = result.split, result.fitted
    bands = next((b for b in project.bands if b.column == attribute), None)
    model = Reduced(project.make_model(params.model), criterion, eps=eps).fit(
        split.train[list(project.features)], split.train[project.target],
        sensitive_features=fairness.groups_of(split.train[attribute], bands),
    )
    quick = params.model_copy(update={"evaluation": params.evaluation.model_copy(update={"bootstrap": 0})})
    evaluation = lifecycle.evaluate(project, quick, replace(fitted, model=model), split, with_evidence=False)
    evaluation.evidence = evidence.Evidence(
        fairness.measure(model, project, split.test, params.promotion.min_fairness_group)
    )  # the bias only: the mixture has no exact explanation and its figures are the model's
    before = _value(result.evaluation, criterion, attribute)
    trade = TradeOff(project.metric, attribute, criterion, result.evaluation.score, evaluation.score, before,
                     _value(evaluation, criterion, attribute), project.greater_is_better)
    return trade, evaluation


def _value(evaluation: object, criterion: str, attribute: str) -> float | None:
    return evaluation.evidence.fairness.gaps.get(f"{criterion}.{attribute}")


def _n(value: float | None) -> str:
    return "—" if value is None else f"{value:.4f}"
