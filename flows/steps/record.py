"""The run record: every `socle.*` key a run, a skip, a model version or a recovery writes, named once here.

MLflow stores tags as strings under free names; a name spelled in two modules is a record without an owner. Every
module (and every test) refers to these constants, never to the literal. `tests/test_conventions.py` checks that no
`"socle.` literal appears anywhere else.
"""

from __future__ import annotations

from typing import Final


class Tag:
    """Tags of an MLflow run (and, where noted, of a model version)."""

    PROJECT: Final = "socle.project"
    TASK: Final = "socle.task"
    METRIC: Final = "socle.metric"
    DATA_VERSION: Final = "socle.data_version"  # also on model versions
    DATA_SOURCE: Final = "socle.data_source"
    DATA_ORIGIN: Final = "socle.data_origin"  # synthetic or real
    FINGERPRINT: Final = "socle.fingerprint"  # also on model versions
    OVERRIDES: Final = "socle.overrides"
    PREFECT_FLOW_RUN: Final = "socle.prefect_flow_run_id"
    GIT_COMMIT: Final = "mlflow.source.git.commit"  # MLflow's own key, shown in its UI
    EXPERIMENT_KIND: Final = "mlflow.experimentKind"  # on experiments, MLflow's own: its UI opens them on their runs
    GIT_DIRTY: Final = "socle.git_dirty"
    USER: Final = "mlflow.user"  # MLflow's own key: "Created by"
    VALIDATION: Final = "socle.validation"
    DECISION: Final = "socle.decision"  # also on model versions
    DECISION_REASONS: Final = "socle.decision_reasons"
    DRY_RUN: Final = "socle.dry_run"
    CHAMPION_BEFORE: Final = "socle.champion_before"
    CACHE: Final = "socle.cache"
    ERROR: Final = "socle.error"
    LOCK: Final = "socle.lock"
    OWNER_HOST: Final = "socle.owner.host"
    OWNER_PID: Final = "socle.owner.pid"
    OWNER_STARTED: Final = "socle.owner.started"
    HOLDOUT: Final = "socle.holdout"  # what the held-out test groups are made of
    BEATS_STATUS_QUO: Final = "socle.beats_status_quo"
    KIND: Final = "socle.run_kind"  # train, skip, score
    MODEL_VERSION: Final = "socle.model_version"  # the registered version a scoring run used
    DELIVERY: Final = "socle.delivery"  # the delivery file a scoring run read
    DRIFT: Final = "socle.drift"  # none, warn or block, with the columns that moved
    HISTORY_HEAD: Final = "socle.history.head"  # on the registered model: hash of the history's last entry
    HISTORY_EVENT: Final = "socle.history.event"  # on a model version: its last move, in words
    APPROVAL: Final = "socle.approval"  # on a model version: who approved or rejected it, when, why
    FAIRNESS: Final = "socle.fairness."  # per criterion: socle.fairness.selection_rate_difference.SEXE, its worst pair
    MITIGATION: Final = "socle.mitigation"  # the reduction a mitigated challenger was fitted under, in words

    @staticmethod
    def criterion(criterion: str, attribute: str) -> str:
        """`socle.fairness.equalized_odds_difference.SEXE_DIRIGEANT`: the worst pair of groups, in words."""
        return f"{Tag.FAIRNESS}{criterion}.{attribute}"


class Verdict:
    """Values of `Tag.DECISION`."""

    PROMOTED: Final = "promoted"
    KEPT: Final = "kept"
    SKIPPED: Final = "skipped"
    FAILED: Final = "failed"
    AWAITING: Final = "awaiting approval"
    APPROVED: Final = "approved"
    REJECTED: Final = "rejected"
    ROLLED_BACK: Final = "rolled back"


class Metric:
    """Names (and prefixes) of the metrics a training run logs."""

    TEST: Final = "test."  # the model on the held-out groups: the primary metric's rows
    SEEN: Final = "seen."  # the model on rows of groups it was trained on
    CHAMPION: Final = "champion."  # the champion re-scored on the same held-out rows
    FAIRNESS: Final = "fairness."
    FAIRNESS_GAP: Final = "fairness.gap"
    ROWS: Final = "rows."
    GENERALISATION_GAP: Final = "generalisation_gap"
    VALIDATION_EVALUATED: Final = "validation.evaluated"
    VALIDATION_FAILED: Final = "validation.failed"
    SCORED_ROWS: Final = "scoring.rows"
    SCORED_DECISION: Final = "scoring.decision."  # rows per decision: scoring.decision.3
    SCORED_SCORE: Final = "scoring.score."  # the score's distribution: scoring.score.mean, .p10, .p50, .p90
    DRIFT: Final = "drift."  # per column: drift.psi.AGE, drift.js.SECTEUR, drift.missing.AGE; drift.moved

    @staticmethod
    def baseline(name: str) -> str:
        """`baseline.` for the task kind's trivial baseline (the name runs have always used), `status_quo.` else."""
        return "baseline." if name == "trivial" else f"{name}."

    @staticmethod
    def criterion(criterion: str, attribute: str, part: str = "") -> str:
        """`fairness.selection_rate_difference.SEXE_DIRIGEANT` (its value), `….tolerance`, `….holds` (1 or 0)."""
        return f"{Metric.FAIRNESS}{criterion}.{attribute}" + (f".{part}" if part else "")

    @staticmethod
    def interval(part: str, end: str) -> str:
        """`interval.model.low`, `interval.status_quo.high`, `interval.gain.low`…"""
        return f"interval.{part}.{end}"
