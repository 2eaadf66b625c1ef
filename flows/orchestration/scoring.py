"""The `score` flow: a project's new deliveries, scored by its champion.

    [each delivery: open run ─► read, pseudonymise, validate (the input part of the suite) ─► load the champion
     ─► derive (after the champion's training data) ─► drift against that data ─► score
     ─► write data/<name>/scores/<delivery>.parquet ─► dvc add]

A delivery is a Parquet file under `data/<name>/incoming/` (every one not scored yet) or a path given to the flow.
Each is an MLflow run of its own in the project's experiment (`Tag.KIND` = score): counts per decision, the score's
distribution, the delivery's data version, the champion's version, the drift table. A delivery that breaks the
contract, or drifted beyond the project's `drift_block`, is refused with the same readable report as in training,
its run FAILED, and nothing is written. Scoring takes no project lock: it reads the champion once, records it, and
never moves an alias.
"""

from __future__ import annotations

import json
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE
from prefect.runtime import flow_run

import projects
from flows import params as params_file
from flows.orchestration.pipeline import TRANSIENT, training_data
from flows.settings import Settings
from flows.steps import data, delivery, drift, recovery, tracking, validation, versioning
from flows.steps.record import Tag, Verdict
from projects.contract import Project, ProjectParams

SCORE = "score"


@dataclass(frozen=True)
class Scored:
    """One delivery's scoring, as `socle score` reports it."""

    name: str
    delivery: str
    run_id: str
    model_version: str
    data_version: str
    rows: int
    output: str
    drift: drift.Verdict


@dataclass
class Job:
    project: Project
    params: ProjectParams
    settings: Settings
    path: Path
    md5: str
    run_id: str = ""

    def client(self) -> Any:
        return tracking.connect(self.settings.tracking, self.settings.registry_uri)


@task(name="open-scoring-run", cache_policy=NO_CACHE, **TRANSIENT)
def open_run(job: Job) -> str:
    client, name = job.client(), job.project.name
    experiment = tracking.experiment(client, name, job.settings.artifact_root)
    commit, dirty = tracking.git_state(job.settings.root)
    tags = {
        Tag.PROJECT: name, Tag.TASK: job.project.task, Tag.KIND: SCORE, Tag.DELIVERY: _shown(job),
        Tag.DATA_VERSION: job.md5, Tag.PREFECT_FLOW_RUN: str(flow_run.id or ""), Tag.GIT_COMMIT: commit,
        Tag.GIT_DIRTY: str(dirty).lower(),
    } | recovery.owner()
    return tracking.start(client, experiment, f"{SCORE}-{job.path.stem}", tags)


def _shown(job: Job) -> str:
    try:
        return str(job.path.resolve().relative_to(job.settings.root))
    except ValueError:
        return str(job.path)


@task(name="check-delivery", cache_policy=NO_CACHE)
def check(job: Job) -> pd.DataFrame:
    """The delivery read, its labels dropped, pseudonymised as training data is, and validated by the input part of
    the project's suite; ValidationFailed otherwise."""
    project, settings = job.project, job.settings
    key = settings.pseudonym_key.get_secret_value().encode()
    frame = data.pseudonymise(delivery.without_target(data.read(job.path), project), project, key)
    suite = delivery.input_suite(validation.read_suite(settings.suite_file(project.name), project.name), project)
    with tempfile.TemporaryDirectory(prefix="socle-suite-") as folder:
        path = Path(folder) / f"{project.name}.json"
        path.write_text(json.dumps(suite), encoding="utf-8")
        report = validation.validate(frame, path, project.name)
    client = job.client()
    tracking.log_json(client, job.run_id, report.result, "validation/result.json")
    tracking.log(client, job.run_id, tags={Tag.VALIDATION: "passed" if report.success else "failed"})
    if not report.success:
        raise validation.ValidationFailed(report)
    return frame


@task(name="load-champion", cache_policy=NO_CACHE, **TRANSIENT)
def champion(job: Job) -> tuple[Any, Any]:
    """The champion version and its model, through our registry loader."""
    client, name = job.client(), job.project.name
    version = tracking.champion(client, name, job.settings.champion_alias)
    if version is None:
        raise delivery.NoChampion(f"{name}: no champion to score with (train it with `socle run {name}`, or approve "
                                  f"its challenger with `socle approve {name} VERSION`)")
    tracking.log(client, job.run_id, tags={Tag.MODEL_VERSION: str(version.version)})
    return version, tracking.load(client, version)


@task(name="prepare-delivery", cache_policy=NO_CACHE)
def prepare(job: Job, frame: pd.DataFrame, version: Any) -> tuple[pd.DataFrame | None, pd.DataFrame]:
    """The champion's training data and the delivery, with the project's derived features (the delivery's computed
    after the training data: a worker's history reaches back into it)."""
    md5 = job.client().get_run(version.run_id).data.tags.get(Tag.DATA_VERSION, "")
    return delivery.with_history(job.project, training_data(job.settings, job.project, md5), frame)


@task(name="drift", cache_policy=NO_CACHE)
def measure_drift(job: Job, reference: pd.DataFrame | None, frame: pd.DataFrame) -> drift.Verdict:
    """The delivery against the data the champion was trained on; DriftBlocked beyond the project's threshold."""
    project, rules = job.project, job.params.promotion
    if reference is None:
        verdict = drift.unmeasured("the champion's training data is not in the cache")
    else:
        verdict = drift.between(project, reference, frame, rules.drift_warn, rules.drift_block)
    tracking.log_drift(job.client(), job.run_id, verdict)
    for reason in verdict.reasons:
        get_run_logger().warning("%s drift: %s", project.name, reason)
    if verdict.level == drift.BLOCK:
        raise delivery.DriftBlocked(f"{project.name}: {_shown(job)} drifted too far to be scored: " + "; ".join(verdict.reasons))
    return verdict


@task(name="write-scores", cache_policy=NO_CACHE)
def write(job: Job, frame: pd.DataFrame, version: Any, model: Any) -> Path:
    """The scores file, written whole (a partial file never takes its place), then tracked by DVC."""
    project, root = job.project, job.settings.root
    scores = delivery.score(model, project, frame, str(version.version), job.md5, explain=project.requires_approval)
    target = delivery.scores_path(root, project.name, job.path)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".partial")
    scores.to_parquet(partial, index=False)
    partial.replace(target)
    with versioning.repo(root) as dvc_repo:
        dvc_repo.scm_context.quiet = True  # its "git add" hint, logged from a flow's thread, is not ours to print
        dvc_repo.add([str(target.relative_to(root))])
    client = job.client()
    tracking.log(client, job.run_id, metrics=delivery.summary(scores))
    tracking.log_json(client, job.run_id, delivery.summary(scores), "scores/summary.json")
    return target


def close(job: Job, error: BaseException | None = None) -> None:
    client = job.client()
    if error is not None:
        tracking.log(client, job.run_id, tags={Tag.ERROR: f"{type(error).__name__}: {error}", Tag.DECISION: Verdict.FAILED})
    tracking.finish(client, job.run_id, "FAILED" if error is not None else "FINISHED")


@flow(name="score", flow_run_name="score-{name}", validate_parameters=False)
def score(name: str, deliveries: list[str] | None = None) -> list[Scored]:
    """Score the given delivery files, or every delivery of `data/<name>/incoming/` not scored yet."""
    settings = Settings()
    project = projects.load(projects.check_name(name))
    effective = params_file.resolve(project, params_file.read(settings.root))
    paths = [Path(path) for path in deliveries] if deliveries else delivery.waiting(settings.root, name)
    if not paths:
        get_run_logger().info("%s: no delivery waiting in %s", name, delivery.incoming(settings.root, name))
    return [score_one(Job(project, effective, settings, path, _version(path))) for path in paths]


def _version(path: Path) -> str:
    if not path.is_file():
        raise FileNotFoundError(f"{path}: no such delivery")
    return versioning.md5_of(path)


def score_one(job: Job) -> Scored:
    job.run_id = open_run(job)
    try:
        checked = check(job)
        version, model = champion(job)
        reference, frame = prepare(job, checked, version)
        verdict = measure_drift(job, reference, frame)
        output = write(job, frame, version, model)
    except BaseException as error:
        close(job, error)
        raise
    close(job)
    get_run_logger().info("%s: %d rows of %s scored by v%s into %s", job.project.name, len(frame), job.path.name,
                          version.version, output)
    return Scored(job.project.name, _shown(job), job.run_id, str(version.version), job.md5, len(frame), str(output), verdict)


def run(name: str, deliveries: list[str] | None = None) -> list[Scored]:
    """The flow in this process, raising its error (the CLI's entry turns it into one readable line)."""
    from prefect.settings import PREFECT_FLOWS_HEARTBEAT_FREQUENCY, temporary_settings

    with temporary_settings(updates={PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None}):
        return score(name, deliveries)
