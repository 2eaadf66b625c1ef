"""The contract every laureate fills: what differs from one project to the next, declared as data.

A project never imports Prefect, MLflow, GX, DVC or `flows`; the base reads this declaration and does the rest.
Heavy libraries (scikit-learn, spaCy…) are imported inside `make_model`, so that listing projects stays instant.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any, Literal, Protocol

from pydantic import BaseModel, ConfigDict, Field, create_model, field_validator

if TYPE_CHECKING:  # annotations only: `socle --help` must not pay for pandas
    import pandas as pd

TaskKind = str
"""How the base splits, fits, scores and explains a project: a module of flows/steps/kinds/ (added to the base once)."""


class Estimator(Protocol):
    """The scikit-learn contract: `fit(X, y=None)` and `predict`; `predict_proba` or `score_samples` as the task needs."""

    def fit(self, X: pd.DataFrame, y: Any = None) -> Estimator: ...

    def predict(self, X: pd.DataFrame) -> Any: ...


PATH_LIKE = re.compile(r"[/\\\x00-\x1f]|\.\.|%(?:2e|2f|5c|00)|^~", re.IGNORECASE)
"""What a path or a path trick looks like: a separator, `..`, a control character (NUL), `~`, or their URL encoding."""


def carries_path(text: str) -> bool:
    return bool(PATH_LIKE.search(text))


class Strict(BaseModel):
    """Parameters refuse unknown keys: a typo in params.yaml or `--set` is an error, never a silent default.

    No parameter is a path: a text value (or a key of a mapping) that looks like one is refused, wherever it would
    end up (a file name, a URI, a model's option)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    @field_validator("*", mode="before")
    @classmethod
    def _no_path(cls, value: Any) -> Any:
        for text in _texts(value):
            if carries_path(text):
                raise ValueError(f"{text[:80]!r} looks like a path: parameters are numbers, booleans and words")
        return value


def _texts(value: Any) -> list[str]:
    """The text of a parameter value: itself, the items of a list, the keys of a mapping (a section is checked by
    its own model)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, (list, tuple, set, dict)):
        return [item for item in value if isinstance(item, str)]
    return []


class DataParams(Strict):
    rows: int = Field(2000, ge=50, le=5_000_000, description="rows the synthetic generator writes")
    seed: int = Field(0, ge=0, description="seed of the synthetic generator")


class SplitParams(Strict):
    test_size: float = Field(0.25, gt=0.05, lt=0.6, description="share of rows in held-out groups: the primary metric's")
    seen_size: float = Field(
        0.15, gt=0.05, lt=0.5, description="share of the other rows kept out of training to measure the in-distribution score"
    )
    seed: int = Field(0, ge=0)


class EvaluationParams(Strict):
    bootstrap: int = Field(
        100, ge=0, le=5000, description="resamples of the held-out groups for each interval (0: no intervals)"
    )
    confidence: float = Field(0.9, gt=0.5, lt=1, description="coverage of the bootstrap intervals")


class PromotionParams(Strict):
    min_gain_over_baseline: float = Field(0.02, ge=0, description="the model must beat the baseline by this much")
    max_fairness_gap: float = Field(
        0.1, ge=0, lt=1, description="largest gap of the metric between sensitive groups (1 would let anything through)"
    )
    min_fairness_group: int = Field(
        30, ge=1, description="test rows a sensitive group needs to count in the gap: a smaller one is only reported"
    )
    min_scores: dict[str, float] = Field(
        {}, description="metrics that must reach a floor whatever the primary metric says, e.g. {'recall.epave': 0.99}"
    )
    max_champion_loss: float = Field(
        0.0, ge=0, le=0.2,
        description="how much a challenger may lose against the champion and still replace it (0: it must be strictly better)",
    )


@dataclass(frozen=True)
class Holdout:
    """What a row's wording or entity comes from: whole values of `column` are kept out of training, so that the
    primary metric is measured on templates, phrasings, register entries, stations, sites or periods the model never
    saw. The column is never a feature."""

    column: str
    what: str
    """The groups in words, for the run, `compare` and the card ("the phrasing bank each request was drawn from")."""
    ordered: bool = False
    """The column is a time (a date, a month): the latest values are held out, as the next delivery would come."""


@dataclass(frozen=True)
class StatusQuo:
    """What the administration does today, or the simplest strong rule (the declared heading, a keyword or code
    lookup, a regex key, a dictionary, the regulatory threshold): the baseline a model must beat to be worth it.
    `make()` returns an unfitted estimator with the model's contract; it reads `columns` (default: the features)."""

    name: str
    """Short, for tables: "declared heading"."""
    what: str
    """The rule in a sentence, for the card."""
    make: Callable[[], Estimator]
    columns: tuple[str, ...] = ()


@dataclass(frozen=True)
class Reference:
    """A score the real prototype published, shown beside ours (never a gate: the data differ)."""

    metric: str
    value: float
    source: str


@dataclass(frozen=True)
class Objective:
    """The laureate's own goal, where no metric of the task kind says it (a wreck found, counted per wreck; a NAF
    code right): scored on the same rows as the kind's metrics, for the model and every baseline, so that a floor of
    `promotion.min_scores` may name it. `score(model, project, rows)` returns a value for each of `metrics`
    (greater is better); it reads the model's answers on `rows[project.features]` and any column of `rows`."""

    metrics: tuple[str, ...]
    what: str
    """The goal in words, for the card."""
    score: Callable[[Any, Project, pd.DataFrame], dict[str, float]]


@dataclass(frozen=True, kw_only=True)
class Project:
    """One laureate. Nouns only: the base owns every verb."""

    name: str
    title: str
    administration: str
    season: Literal[1, 2]
    task: TaskKind
    target: str
    """Labels. For anomaly detection they are used to evaluate only, never to fit."""
    metric: str
    """Primary metric, one of the task kind's metrics (flows/steps/kinds.py)."""
    features: tuple[str, ...]
    """Columns the model sees, after `derive`. Never a sensitive or personal column."""
    generate: Callable[[int, int], pd.DataFrame]
    """Seeded synthetic data: `generate(rows, seed)` returns the columns of the real source."""
    make_model: Callable[[Any], Estimator]
    """`make_model(model_params)` returns an unfitted estimator."""
    model_params: type[Strict]
    greater_is_better: bool = True
    derive: Callable[[pd.DataFrame], pd.DataFrame] | None = None
    """Adds feature columns that need several rows (a worker's history, peers); pure and without look-ahead."""
    sensitive: tuple[str, ...] = ()
    """Attributes on which bias is measured. Never features."""
    personal: tuple[str, ...] = ()
    """Identifying columns, pseudonymised as soon as the data is read."""
    free_text: tuple[str, ...] = ()
    """Text columns from which the row's personal values (and phone, e-mail, NIR patterns) are scrubbed."""
    key: str | None = None
    """Unique identifier of a row, if the source has one."""
    group: str | None = None
    """Rows sharing this column stay on the same side of the train/test split."""
    explain_top: int = 3
    """How many contributions an explained decision lists."""
    # What the evaluation holds out and what the model must beat (the gate's evidence).
    holdout: Holdout | None = None
    status_quo: StatusQuo | None = None
    reference: Reference | None = None
    objective: Objective | None = None

    def params_model(self) -> type[ProjectParams]:
        """The pydantic model of this project's section of params.yaml."""
        return _section(self.model_params)


class ProjectParams(Strict):
    """A project's section of params.yaml: the shared parts, and `model` as the project declares it."""

    data: DataParams = DataParams()
    split: SplitParams = SplitParams()
    evaluation: EvaluationParams = EvaluationParams()
    promotion: PromotionParams = PromotionParams()
    model: Strict


@cache
def _section(model_params: type[Strict]) -> type[ProjectParams]:
    return create_model(f"{model_params.__name__}Section", __base__=ProjectParams, model=(model_params, model_params()))
