"""A flow run's outcome read back from MLflow, for runs made elsewhere (a deployment run by the worker).

A triggered flow run returns its `Outcome` to the worker, not to whoever triggered it; what it recorded on its MLflow
run (found by its `socle.prefect_flow_run_id` tag) says the same: decision, score, baselines, version, reasons.
"""

from __future__ import annotations

import math
from typing import Any

import projects
from flows.orchestration.runs import Outcome
from flows.steps.record import Metric, Tag, Verdict

BASELINES = ("trivial", "status_quo")


def run_of(client: Any, name: str, flow_run_id: str) -> Any | None:
    """The project's MLflow run made by that flow run (its latest, were there several); None when there is none."""
    experiment = client.get_experiment_by_name(name)
    if experiment is None:
        return None
    found = client.search_runs(
        [experiment.experiment_id], filter_string=f"tags.`{Tag.PREFECT_FLOW_RUN}` = '{flow_run_id}'",
        order_by=["attributes.start_time DESC"], max_results=1,
    )
    return found[0] if found else None


def outcome(client: Any, run: Any) -> Outcome:
    """The `socle run` summary of a recorded run. A skip reports the champion's scores: the run it stands for."""
    tags, name = run.data.tags, run.data.tags[Tag.PROJECT]
    metric, decision = tags.get(Tag.METRIC, ""), tags.get(Tag.DECISION, run.info.status.lower())
    scored = run.data.metrics
    version = _version(client, name, run.info.run_id)
    if decision == Verdict.SKIPPED and tags.get(Tag.CHAMPION_BEFORE, "none") != "none":
        version = tags[Tag.CHAMPION_BEFORE]
        scored = client.get_run(client.get_model_version(name, version).run_id).data.metrics
    seconds = ((run.info.end_time or run.info.start_time) - run.info.start_time) / 1000
    reasons = tuple(reason for reason in tags.get(Tag.DECISION_REASONS, tags.get(Tag.ERROR, "")).split(" | ") if reason)
    return Outcome(
        name, run.info.run_id, metric, scored.get(Metric.TEST + metric, math.nan), _strongest(name, metric, scored),
        scored.get(Metric.CHAMPION + metric), version, decision, reasons, seconds,
    )


def _version(client: Any, name: str, run_id: str) -> str:
    found = client.search_model_versions(f"name = '{name}' and run_id = '{run_id}'")
    return str(found[0].version) if found else "—"


def _strongest(name: str, metric: str, scored: dict[str, float]) -> float:
    """The best baseline's score, as `socle run` reports it (NaN scores never win)."""
    sign = 1 if projects.load(name).greater_is_better else -1
    known = [value for base in BASELINES if not math.isnan(value := scored.get(Metric.baseline(base) + metric, math.nan))]
    return max(known, key=lambda value: sign * value) if known else math.nan
