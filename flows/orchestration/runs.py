"""What a run is before any orchestration: its identity, whether it can be skipped, and what it reports.

A project whose fingerprint (data version, parameters, code of the project and of the base) equals the one of its
champion's run would train the same model again: it is skipped, and the skip is recorded as an MLflow run of its own
with the reason. This module imports neither Prefect nor scikit-learn, so that a night where nothing changed costs
a few file hashes and a few registry reads.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import projects
from flows import params as params_file
from flows.settings import Settings
from flows.steps import identity, versioning
from flows.steps.record import Metric, Tag, Verdict
from projects.contract import Project, ProjectParams

SKIPPED = Verdict.SKIPPED


@dataclass(frozen=True)
class Identity:
    """A project as a run would train it: its declaration, effective parameters, data version and fingerprint."""

    project: Project
    params: ProjectParams
    data_md5: str
    fingerprint: str


@dataclass(frozen=True)
class Outcome:
    """What `socle run` and the nightly flow report for one project."""

    name: str
    run_id: str
    metric: str
    score: float
    baseline: float
    champion: float | None
    version: str
    decision: str
    reasons: tuple[str, ...]
    seconds: float


def identify(name: str, overrides: list[str], settings: Settings) -> Identity:
    """The run's identity from params.yaml (+ overrides), dvc.lock and the code; reads no data file."""
    project = projects.load(name)
    effective = params_file.resolve(project, params_file.read(settings.root), overrides)
    md5 = versioning.locked_md5(settings.root, name)
    code = identity.code_digest(name, settings.suite_file(name), project.task)
    return Identity(project, effective, md5, identity.fingerprint(md5, params_file.digest(effective), code))


def unchanged(client: Any, who: Identity, settings: Settings) -> Any | None:
    """The run whose decision still holds: the champion's run when it was trained on exactly this fingerprint, or
    the last run on this fingerprint that the gate kept out against the same champion (a status quo that wins, a
    fairness tolerance, a floor: the same data, params and code would be refused again). None otherwise."""
    from flows.steps import tracking

    champion = tracking.champion(client, who.project.name, settings.champion_alias)
    if champion is not None:
        run = client.get_run(champion.run_id)
        if run.data.tags.get(Tag.FINGERPRINT) == who.fingerprint:
            # a champion whose files are gone decides nothing: the run trains, and the gate finds it unscorable
            return None if tracking.unloadable(client, champion) else run
    experiment = client.get_experiment_by_name(who.project.name)
    if experiment is None:
        return None
    found = client.search_runs(
        [experiment.experiment_id],
        filter_string=f"tags.`{Tag.FINGERPRINT}` = '{who.fingerprint}' and tags.`{Tag.DECISION}` = '{Verdict.KEPT}' "
        f"and tags.`{Tag.DRY_RUN}` = 'false' and attributes.status = 'FINISHED'",
        order_by=["attributes.start_time DESC"], max_results=1,
    )
    against = "none" if champion is None else str(champion.version)
    return found[0] if found and found[0].data.tags.get(Tag.CHAMPION_BEFORE) == against else None


def record_skip(
    client: Any, who: Identity, decided_run: Any, settings: Settings, seconds: float, flow_run_id: str = ""
) -> Outcome:
    """An MLflow run that says the project was not retrained, and why; the champion stays. Made inside a flow run,
    it carries that run's id, as training runs do (`socle trigger` finds the outcome by it)."""
    from flows.steps import recovery, tracking

    name, metric = who.project.name, who.project.metric
    version = tracking.champion(client, name, settings.champion_alias)
    same = f"same fingerprint {who.fingerprint} (data {who.data_md5}, params, code); `socle run {name} --force` retrains"
    if version is not None and version.run_id == decided_run.info.run_id:
        reason = f"unchanged since champion v{version.version} (run {decided_run.info.run_id}): {same}"
    else:
        kept = decided_run.data.tags.get(Tag.DECISION_REASONS, "")
        blocking = "; ".join(part for part in kept.split(" | ") if part.startswith("blocks:")) or kept
        reason = f"unchanged since run {decided_run.info.run_id}, which the gate kept out ({blocking}): {same}"
    commit, dirty = tracking.git_state(settings.root)
    tags = {
        Tag.PROJECT: name,
        Tag.TASK: who.project.task,
        Tag.METRIC: metric,
        Tag.DATA_VERSION: who.data_md5,
        Tag.DATA_ORIGIN: decided_run.data.tags.get(Tag.DATA_ORIGIN, versioning.SYNTHETIC),  # same data as that run
        Tag.FINGERPRINT: who.fingerprint,
        Tag.CACHE: "hit",
        Tag.DECISION: SKIPPED,
        Tag.DECISION_REASONS: reason,
        Tag.CHAMPION_BEFORE: "none" if version is None else str(version.version),
        Tag.GIT_COMMIT: commit,
        Tag.GIT_DIRTY: str(dirty).lower(),
    } | recovery.owner() | ({Tag.PREFECT_FLOW_RUN: flow_run_id} if flow_run_id else {})
    if Tag.BEATS_STATUS_QUO in decided_run.data.tags:
        tags[Tag.BEATS_STATUS_QUO] = decided_run.data.tags[Tag.BEATS_STATUS_QUO]
    experiment = tracking.experiment(client, name, settings.artifact_root)
    run_id = tracking.start(client, experiment, f"{name}-{SKIPPED}", tags)
    tracking.finish(client, run_id, "FINISHED")
    recorded = decided_run.data.metrics
    score = recorded.get(Metric.TEST + metric, float("nan"))
    champion_score = None if version is None else client.get_run(version.run_id).data.metrics.get(Metric.TEST + metric)
    return Outcome(
        name, run_id, metric, score, recorded.get(Metric.baseline("trivial") + metric, float("nan")), champion_score,
        "—" if version is None else str(version.version), SKIPPED, (reason,), seconds,
    )


def skip_unchanged(names: list[str], overrides: list[str], settings: Settings) -> tuple[dict[str, Outcome], list[str]]:
    """Record a skip for every unchanged project; the others are left to train. Costs no Prefect and no model.

    A project that cannot be identified (bad parameters, no data version), or that a killed run left behind (its
    flow repairs it, Prefect included), is left to the flow."""
    import time

    from flows.steps import recovery, tracking

    client = tracking.connect(settings.tracking, settings.registry_uri)
    orphaned = recovery.orphaned(client)
    skipped: dict[str, Outcome] = {}
    for name in names:
        started = time.perf_counter()
        try:
            who = identify(name, overrides, settings)
        except (ValueError, LookupError, OSError):
            continue
        champion_run = unchanged(client, who, settings)
        if champion_run is not None and name not in orphaned:
            skipped[name] = record_skip(client, who, champion_run, settings, time.perf_counter() - started)
    return skipped, [name for name in names if name not in skipped]


def longest_first(names: list[str], settings: Settings) -> list[str]:
    """Projects by the duration of their champion's training run, longest first; those never trained lead."""
    from flows.steps import tracking

    client = tracking.connect(settings.tracking, settings.registry_uri)

    def seconds(name: str) -> float:
        champion = tracking.champion(client, name, settings.champion_alias)
        if champion is None:
            return float("inf")
        run = client.get_run(champion.run_id).info
        return ((run.end_time or run.start_time) - run.start_time) / 1000

    return sorted(names, key=seconds, reverse=True)


@dataclass(frozen=True)
class Nightly:
    """The nightly run's summary (Markdown) and the projects that failed."""

    text: str
    failed: tuple[str, ...]
    skipped: tuple[str, ...]


def champion_change(outcome: Outcome | BaseException) -> str:
    """What a run did to the champion, in the words of a nightly summary."""
    if isinstance(outcome, BaseException):
        return "kept (run failed)"
    if outcome.decision == "promoted":
        return f"replaced by v{outcome.version}"
    return "kept"


def nightly_report(results: list[tuple[str, Outcome | BaseException]], title: str) -> Nightly:
    failed = tuple(name for name, outcome in results if isinstance(outcome, BaseException))
    skipped = tuple(name for name, o in results if isinstance(o, Outcome) and o.decision == SKIPPED)
    return Nightly(summary(results, title), failed, skipped)


def summary(results: list[tuple[str, Outcome | BaseException]], title: str) -> str:
    """The nightly summary as Markdown: per project its outcome, score and what happened to the champion."""
    lines = [
        f"# {title}",
        "",
        "| project | outcome | metric | score | baseline | champion | seconds |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, outcome in results:
        if isinstance(outcome, BaseException):
            error = " ".join(f"{type(outcome).__name__}: {outcome}".split())[:200].replace("|", "\\|")
            lines.append(f"| {name} | failed: {error} | | | | {champion_change(outcome)} | |")
            continue
        lines.append(
            f"| {name} | {outcome.decision} | {outcome.metric} | {outcome.score:.4f} | {outcome.baseline:.4f} "
            f"| {champion_change(outcome)} | {outcome.seconds:.1f} |"
        )
    counts: dict[str, int] = {}
    for _, outcome in results:
        key = "failed" if isinstance(outcome, BaseException) else outcome.decision
        counts[key] = counts.get(key, 0) + 1
    lines += ["", ", ".join(f"{count} {key}" for key, count in sorted(counts.items())) or "no project"]
    return "\n".join(lines) + "\n"
