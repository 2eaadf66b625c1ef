"""The contract every laureate fills: what differs from one project to the next, declared as data.

A project never imports Prefect, MLflow, GX, DVC or `flows`; the base reads this declaration and does the rest.
Heavy libraries (scikit-learn, spaCy…) are imported inside `make_model`, so that listing projects stays instant.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Annotated, Any, Literal, Protocol

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


FairnessName = Literal[
    "selection_rate_difference", "selection_rate_ratio", "true_positive_rate_difference",
    "false_positive_rate_difference", "equalized_odds_difference", "metric_gap",
]
"""fairlearn's criteria between the groups of one sensitive attribute: demographic parity (the rate of positive
decisions, as a difference or a ratio), equal opportunity (true positive rates), false positive rates, equalised odds
(the larger of those two differences), and the gap of the project's primary metric."""


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
    fairness_tolerance: dict[FairnessName, Annotated[float, Field(gt=0, lt=1)]] = Field(
        {}, description="tolerance per fairness criterion (e.g. {'selection_rate_difference': 0.1}), overriding the "
        "project's declaration; the metric's own gap stays `max_fairness_gap`",
    )
    requires_approval: bool | None = Field(
        None, description="a human approves the gate's winner before it becomes champion; None: as the project declares"
    )
    drift_warn: float = Field(
        0.1, ge=0, description="PSI (or missing-rate change) from which a column of a delivery is said to have moved"
    )
    drift_block: float | None = Field(
        None, ge=0, description="PSI from which a delivery is refused for scoring, and a challenger trained on data "
        "that far from the champion's is kept until a reviewer looks (None: drift warns, never blocks)"
    )
    max_jump: float = Field(
        0.15, gt=0, description="gain over the champion (relative, for an error metric) beyond which a challenger is "
        "an implausible jump, kept until a reviewer sees why: a new delivery does not bring that much by itself"
    )
    reference_tolerance: float = Field(
        0.01, ge=0, le=0.2, description="loss allowed on the champion's reference rows: a clean retrain after a lucky "
        "champion must still pass, a delivery that rewrote what \"better\" means must not"
    )


class MitigationParams(Strict):
    """A challenger family for a failing fairness criterion: the project's own model under fairlearn's reduction
    (flows/steps/mitigation.py), fitted with the sensitive attributes, deciding without them."""

    method: Literal["none", "exponentiated_gradient"] = Field(
        "none", description="none: the project's model as it is; exponentiated_gradient: fairlearn's reduction of it"
    )
    criterion: FairnessName | None = Field(
        None, description="the criterion the reduction constrains (None: the project's first declared one it can)"
    )
    eps: float = Field(0.02, gt=0, lt=0.5, description="how far from parity the reduction lets the training rows be")


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
    scopes: bool = False
    """The model reads the column only to restrict what it may return (a search inside one patient's record), never
    to learn from its values: then, and only then, it may be a feature too."""


def lazy(target: str) -> Callable[[], Any]:
    """`make` for an estimator whose module imports scikit-learn: "package.module:Name" is imported when the
    estimator is built, never when projects are listed (`socle list` stays light)."""
    module, _, name = target.partition(":")

    def make() -> Any:
        import importlib

        return getattr(importlib.import_module(module), name)()

    make.__qualname__ = f"lazy({target!r})"
    return make


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
class FairnessCriterion:
    """One test the decisions must pass between the groups of every sensitive attribute."""

    criterion: FairnessName
    tolerance: float
    """The largest difference allowed; for `selection_rate_ratio`, the smallest ratio (0.8: the four-fifths rule)."""
    reason: str
    """Why the administration needs it, in a sentence (shown by the gate and the card)."""

    def __post_init__(self) -> None:
        if not 0 < self.tolerance < 1:  # 0 refuses every model, 1 (a difference or a ratio) refuses none
            raise ValueError(f"{self.criterion}: tolerance {self.tolerance} must lie strictly between 0 and 1")
        if not self.reason.strip():
            raise ValueError(f"{self.criterion}: say why the administration needs it (reason)")

    @property
    def is_ratio(self) -> bool:
        return self.criterion.endswith("_ratio")


PERSON_CRITERIA = (
    FairnessCriterion(
        "selection_rate_difference", 0.1,
        "a decision about people must not favour one group: the share of positive decisions differs by at most 10 points",
    ),
    FairnessCriterion(
        "equalized_odds_difference", 0.15,
        "people in the same situation get the same decision whatever their group: true and false positive rates "
        "differ by at most 15 points",
    ),
)
"""The criteria of a project whose decisions concern people (`Project.persons`) when it declares none."""


@dataclass(frozen=True)
class Bands:
    """A numeric sensitive attribute (an age) measured by bands: `edges=(25, 55)` makes `< 25`, `25–54`, `≥ 55`."""

    column: str
    edges: tuple[float, ...] = (25, 55)

    def label(self, value: float) -> str:
        if value != value:  # NaN
            return "non renseigné"
        edges = self.edges
        if value < edges[0]:
            return f"< {edges[0]:g}"
        for low, high in zip(edges, edges[1:]):
            if value < high:
                return f"{low:g}–{high - 1:g}" if float(low).is_integer() and float(high).is_integer() else f"[{low:g}, {high:g})"
        return f"≥ {edges[-1]:g}"


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
    # Fairness of the decisions (flows/steps/fairness.py): what is measured between sensitive groups, and how.
    persons: bool = False
    """A row's decision concerns a person (a founder, a worker, an applicant): the gate applies `PERSON_CRITERIA`
    unless the project declares its own `fairness`."""
    fairness: tuple[FairnessCriterion, ...] | None = None
    """The criteria that gate this project (None: `PERSON_CRITERIA` for person-level decisions, else the metric gap)."""
    bands: tuple[Bands, ...] = ()
    """Numeric sensitive attributes and the bands their groups are made of."""
    requires_approval: bool = False
    """Decisions are about persons: the gate's winner becomes `challenger` and waits for a human's `socle approve`."""

    def fairness_criteria(self) -> tuple[FairnessCriterion, ...]:
        if self.fairness is not None:
            return self.fairness
        return PERSON_CRITERIA if self.persons and self.sensitive else ()

    def params_model(self) -> type[ProjectParams]:
        """The pydantic model of this project's section of params.yaml."""
        return _section(self.model_params)


class ProjectParams(Strict):
    """A project's section of params.yaml: the shared parts, and `model` as the project declares it."""

    data: DataParams = DataParams()
    split: SplitParams = SplitParams()
    evaluation: EvaluationParams = EvaluationParams()
    promotion: PromotionParams = PromotionParams()
    mitigation: MitigationParams = MitigationParams()
    model: Strict


@cache
def _section(model_params: type[Strict]) -> type[ProjectParams]:
    return create_model(f"{model_params.__name__}Section", __base__=ProjectParams, model=(model_params, model_params()))
