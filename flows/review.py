"""What reviewers read: the project list with champions, a dry validation, and a comparison of recent runs."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone

import projects
from flows.settings import Settings
from flows.steps import data, validation, versioning


def _client(settings: Settings):
    """None when the embedded store does not exist yet: listing must not create (and migrate) a database."""
    if settings.tracking_uri is None and not (settings.root / "mlflow" / "mlflow.db").exists():
        return None
    from flows.steps import tracking

    return tracking.connect(settings.tracking, settings.registry_uri)


def overview(names: list[str]) -> list[tuple[str, ...]]:
    """One row per project: declaration, champion and last run, read without importing MLflow."""
    from flows.steps import registry_view

    settings = Settings()
    view = registry_view.open_view(settings.tracking, settings.registry_uri)
    rows = []
    for name in names:
        project = projects.load(name)
        champion, last = ("—", "—") if view is None else _champion_and_last(view, name, project.metric, settings)
        rows.append((name, str(project.season), project.administration, project.task, project.metric, champion, last))
    return rows


def _champion_and_last(view, name: str, metric: str, settings: Settings) -> tuple[str, str]:
    found = view.champion(name, settings.champion_alias, metric)
    champion = "—" if found is None else f"v{found.version}" + ("" if found.score is None else f" {found.score:.4f}")
    last = view.last_run(name)
    if last is None:
        return champion, "—"
    return champion, f"{_when(last.start_time)} {last.status.lower()} {last.decision}".strip()


def validate(name: str) -> validation.Report:
    """The dry run of the data contract: the versioned data, pseudonymised, against the suite; no MLflow run."""
    settings = Settings()
    project = projects.load(name)
    version = versioning.resolve(settings.root, name)
    frame = data.pseudonymise(data.read(version.path), project, settings.pseudonym_key.get_secret_value().encode())
    return validation.validate(frame, settings.suite_file(name), name)


@dataclass
class Comparison:
    columns: list[str]
    rows: list[tuple[str, ...]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def comparison(name: str, limit: int) -> Comparison:
    """The champion first, then the most recent runs, with the params that differ from the champion's."""
    settings = Settings()
    project = projects.load(name)
    metric = project.metric
    view = Comparison(["run", "started", "status", "data", metric, "baseline", "decision", "params ≠ champion"])
    client = _client(settings)
    experiment = client and client.get_experiment_by_name(name)
    if not experiment:
        view.notes.append(f"{name}: no run yet — `socle run {name}`")
        return view
    from flows.steps import tracking

    champion = tracking.champion(client, name, settings.champion_alias)
    runs = client.search_runs([experiment.experiment_id], order_by=["attributes.start_time DESC"], max_results=limit)
    if champion is not None and all(run.info.run_id != champion.run_id for run in runs):
        runs = [client.get_run(champion.run_id), *runs]
    reference = next((r.data.params for r in runs if champion and r.info.run_id == champion.run_id), {})
    for run in runs:
        params, metrics, tags = run.data.params, run.data.metrics, run.data.tags
        differs = {key: value for key, value in params.items() if reference.get(key) != value} if reference else {}
        label = run.info.run_id[:8] + (" ★" if champion and run.info.run_id == champion.run_id else "")
        view.rows.append(
            (
                label, _when(run.info.start_time), run.info.status.lower(), tags.get("socle.data_version", "")[:8],
                _number(metrics.get(f"test.{metric}")), _number(metrics.get(f"baseline.{metric}")),
                tags.get("socle.decision") or tags.get("socle.error", "—").split(":")[0],
                ", ".join(f"{k}={v}" for k, v in sorted(differs.items())) or "—",
            )
        )
    view.notes.append(f"★ champion. Open `mlflow ui --backend-store-uri {settings.tracking}` to compare runs side by side.")
    return view


class NotReproducible(ValueError):
    """The workspace is not at the run's code or data version."""


@dataclass(frozen=True)
class Reproduction:
    name: str
    metric: str
    score: float
    overrides: list[str]


def reproduction(run_id: str) -> Reproduction:
    """What it takes to re-run `run_id`: its project and params, once the workspace has its commit and data."""
    from flows.steps import tracking

    settings = Settings()
    client = tracking.connect(settings.tracking, settings.registry_uri)
    try:
        recorded = client.get_run(run_id)
    except Exception as error:  # MLflow answers a missing run with its own exception type
        raise NotReproducible(f"no run {run_id} in {settings.tracking}: {error}") from None
    tags, params = recorded.data.tags, recorded.data.params
    name = projects.check_name(tags.get("socle.project", ""))
    metric = tags.get("socle.metric") or projects.load(name).metric
    commit, _ = tracking.git_state(settings.root)
    if commit != tags.get("mlflow.source.git.commit"):
        raise NotReproducible(f"run {run_id} ran at commit {tags.get('mlflow.source.git.commit')}, the workspace is at {commit}: `git checkout` it first")
    data_version = versioning.locked_md5(settings.root, name)
    if data_version != tags.get("socle.data_version"):
        raise NotReproducible(
            f"run {run_id} trained on data {tags.get('socle.data_version')}, dvc.lock has {data_version}: "
            f"`git checkout {tags.get('mlflow.source.git.commit')} -- dvc.lock && socle data pull {name}` first"
        )
    score = recorded.data.metrics[f"test.{metric}"]
    return Reproduction(name, metric, score, [f"{key}={value}" for key, value in sorted(params.items())])


def _when(millis: int | None) -> str:
    if not millis:
        return "—"
    return datetime.fromtimestamp(millis / 1000, tz=timezone.utc).strftime("%Y-%m-%d %H:%M")


def _number(value: float | None) -> str:
    return "—" if value is None else f"{value:.4f}"

