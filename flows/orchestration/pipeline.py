"""The Prefect layer: the `project` flow, thin tasks around the pure steps, retries on transient I/O.

This is the one module that imports Prefect. One flow run trains one project:

    identify ─► [project lock: recover ─► (skip when unchanged) ─► resolve ─► open run ─► load ─► validate ─► split
    ─► fit ─► evaluate ─► log ─► decide ─► register ─► promote]

Runs of one project take turns (flows/orchestration/locks.py), so that each decision sees the champion of the one before. Each
start first closes what a killed run of the project left behind (flows/steps/recovery.py).

A project whose fingerprint equals its champion's run is not retrained: the skip is recorded with its reason
(`force` retrains). A dry run stops after `decide`: the run records what the gate would do, and no model version
is registered.

Tasks pass DataFrames and models in memory, so they use no cache policy (hashing a DataFrame costs more than
the step). The MLflow run is closed in every case: FINISHED, or FAILED with the error, never left RUNNING.
"""

from __future__ import annotations

import signal
import time
from dataclasses import dataclass, replace
from typing import Any

import pandas as pd
from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE
from prefect.runtime import flow_run
from sklearn.base import BaseEstimator

from flows.orchestration import locks, runs
from flows import params as params_file
from flows.orchestration.runs import Outcome
from flows.settings import Settings
from flows import lifecycle
from flows.steps import card, data, drift, history, mitigation, promotion, recovery, reference_set, tracking, validation, versioning
from flows.steps.record import Metric, Tag, Verdict
from projects.contract import Project, ProjectParams

PERMANENT = (ValueError, LookupError, TypeError, FileNotFoundError)
"""Bad data, bad parameters, unknown names: retrying cannot help, so these fail at once."""


def _transient(task: Any, task_run: Any, state: Any) -> bool:
    try:
        state.result()
    except PERMANENT:
        return False
    except Exception:
        return True
    return True


_POLICY = Settings()  # SOCLE_IO_RETRIES, SOCLE_IO_RETRY_DELAYS: read once, when the tasks are declared
TRANSIENT = {
    "retries": _POLICY.io_retries, "retry_delay_seconds": _POLICY.io_retry_delays, "retry_condition_fn": _transient
}
EXAMPLE_ROWS = 5


@dataclass
class Context:
    """What one run is about: the project, its effective parameters, its data version and its MLflow run."""

    project: Project
    params: ProjectParams
    data: versioning.DataVersion
    settings: Settings
    fingerprint: str
    run_id: str = ""

    def client(self) -> Any:
        return tracking.connect(self.settings.tracking, self.settings.registry_uri)


@task(name="identify", cache_policy=NO_CACHE)
def identify(name: str, overrides: list[str], settings: Settings) -> runs.Identity:
    """Project, parameters, the data version of dvc.lock and the fingerprint; no data is read yet."""
    return runs.identify(name, overrides, settings)


@task(name="recover", cache_policy=NO_CACHE, **TRANSIENT)
def recover(name: str, settings: Settings) -> list[recovery.Repaired]:
    """Close the project's runs left RUNNING by a dead process: FAILED, their versions withdrawn, their flow runs
    Crashed. Killed processes cannot do it themselves."""
    client = tracking.connect(settings.tracking, settings.registry_uri)
    repaired = recovery.sweep(client, name, settings.champion_alias, crash_flow_run)
    for item in repaired:
        get_run_logger().warning("%s: run %s %s", name, item.run_id, item.reason)
    return repaired


def crash_flow_run(flow_run_id: str, reason: str) -> None:
    """Mark a flow run Crashed, and its task runs still running, if it is still RUNNING (it may be gone, or was
    closed by Prefect itself)."""
    from uuid import UUID

    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterId
    from prefect.exceptions import ObjectNotFound
    from prefect.states import Crashed

    with get_client(sync_client=True) as client:
        try:
            found = client.read_flow_run(UUID(flow_run_id))
        except (ObjectNotFound, ValueError):
            return
        if found.state is None or not found.state.is_running():
            return
        for task_run in client.read_task_runs(flow_run_filter=FlowRunFilter(id=FlowRunFilterId(any_=[found.id]))):
            if task_run.state is not None and task_run.state.is_running():
                client.set_task_run_state(task_run.id, Crashed(message=reason), force=True)
        client.set_flow_run_state(found.id, Crashed(message=reason), force=True)


@task(name="skip-unchanged", cache_policy=NO_CACHE, **TRANSIENT)
def skip_unchanged(who: runs.Identity, settings: Settings, started: float) -> Outcome | None:
    """Record a skip and return it when the champion was trained on this very fingerprint; None otherwise."""
    client = tracking.connect(settings.tracking, settings.registry_uri)
    champion_run = runs.unchanged(client, who, settings)
    if champion_run is None:
        return None
    outcome = runs.record_skip(client, who, champion_run, settings, time.perf_counter() - started, str(flow_run.id or ""))
    get_run_logger().info("%s skipped: %s", who.project.name, outcome.reasons[0])
    return outcome


@task(name="resolve", cache_policy=NO_CACHE, **TRANSIENT)
def resolve(who: runs.Identity, settings: Settings) -> Context:
    """The data of dvc.lock in the workspace (restored from the cache or pulled when missing)."""
    version = versioning.resolve(settings.root, who.project.name)
    return Context(who.project, who.params, version, settings, who.fingerprint)


@task(name="open-run", cache_policy=NO_CACHE, **TRANSIENT)
def open_run(context: Context, overrides: list[str]) -> str:
    client = context.client()
    experiment = tracking.experiment(client, context.project.name, context.settings.artifact_root)
    commit, dirty = tracking.git_state(context.settings.root)
    tags = {
        Tag.PROJECT: context.project.name,
        Tag.TASK: context.project.task,
        Tag.METRIC: context.project.metric,
        Tag.DATA_VERSION: context.data.md5,
        Tag.DATA_SOURCE: context.data.source,
        Tag.DATA_ORIGIN: context.data.origin.kind,
        Tag.FINGERPRINT: context.fingerprint,
        Tag.OVERRIDES: " ".join(overrides),
        Tag.PREFECT_FLOW_RUN: str(flow_run.id or ""),
        Tag.GIT_COMMIT: commit,
        Tag.GIT_DIRTY: str(dirty).lower(),
    } | recovery.owner()  # in the run's first write: a run is never RUNNING without an owner to check
    run_id = tracking.start(client, experiment, f"{context.project.name}-{context.data.md5[:8]}", tags)
    tracking.log(client, run_id, params=params_file.flat(context.params))
    get_run_logger().info("MLflow run %s (data %s, commit %s)", run_id, context.data.md5, commit[:10])
    return run_id


@task(name="load", cache_policy=NO_CACHE)
def load(context: Context) -> pd.DataFrame:
    """The data file, pseudonymised before any other step sees it."""
    key = context.settings.pseudonym_key.get_secret_value().encode()
    return data.pseudonymise(data.read(context.data.path), context.project, key)


@task(name="validate", cache_policy=NO_CACHE)
def validate(context: Context, frame: pd.DataFrame) -> None:
    """Run the GX suite; keep its result on the run; stop here when the data breaks the contract."""
    name = context.project.name
    report = validation.validate(frame, context.settings.suite_file(name), name, real=context.data.origin.real)
    client = context.client()
    tracking.log_json(client, context.run_id, report.result, "validation/result.json")
    tracking.log(
        client,
        context.run_id,
        metrics={Metric.VALIDATION_EVALUATED: report.evaluated, Metric.VALIDATION_FAILED: len(report.failures)},
        tags={Tag.VALIDATION: "passed" if report.success else "failed"},
    )
    if not report.success:
        raise validation.ValidationFailed(report)
    get_run_logger().info("%s: %d expectations passed on %d rows", context.project.name, report.evaluated, len(frame))


@task(name="split", cache_policy=NO_CACHE)
def split(context: Context, frame: pd.DataFrame) -> lifecycle.Split:
    """Derived features, then train rows, in-distribution rows and held-out groups."""
    return lifecycle.prepare(context.project, frame, context.params)


@task(name="fit", cache_policy=NO_CACHE)
def fit(context: Context, rows: lifecycle.Split) -> lifecycle.Fitted:
    """The project's model and its baselines (trivial, status quo), on the same rows."""
    return lifecycle.fit(context.project, context.params, rows.train)


@task(name="evaluate", cache_policy=NO_CACHE)
def evaluate(context: Context, fitted: lifecycle.Fitted, rows: lifecycle.Split) -> lifecycle.Evaluation:
    """Model, baselines and the current champion on the same held-out rows; intervals; bias; explanations."""
    project, client = context.project, context.client()
    current = tracking.champion(client, project.name, context.settings.champion_alias)
    champion = None if current is None else _champion_model(client, current)
    version = None if current is None else str(current.version)
    reference = None if current is None else reference_set.load(client, current)
    evaluation = lifecycle.evaluate(project, context.params, fitted, rows, champion, version, reference=reference)
    if current is not None and champion is None:
        evaluation.champion = float("nan")
    if current is not None:
        evaluation.extra[drift.EXTRA] = _drift_since(context, client.get_run(current.run_id), rows)
    return evaluation


def _drift_since(context: Context, champion_run: Any, rows: lifecycle.Split) -> drift.Verdict:
    """This delivery against the data the champion was trained on, for the gate's drift check."""
    project, rules = context.project, context.params.promotion
    md5 = champion_run.data.tags.get(Tag.DATA_VERSION, "")
    if md5 == context.data.md5:
        return drift.Verdict(drift.NONE, (), ("the champion's own data",))
    before = training_data(context.settings, project, md5)
    if before is None:
        return drift.unmeasured("the champion's training data is not in the cache")
    before = project.derive(before) if project.derive else before
    return drift.between(project, before, pd.concat([rows.train, rows.seen, rows.test]), rules.drift_warn, rules.drift_block)


def training_data(settings: Settings, project: Project, md5: str) -> pd.DataFrame | None:
    """A past run's training data (by its md5: the workspace file or the DVC cache), pseudonymised as training
    saw it; None when neither holds it."""
    candidates = [settings.data_file(project.name), versioning.cache_path(settings.root, md5)]
    found = next((path for path in candidates if md5 and path.exists() and versioning.md5_of(path) == md5), None)
    if found is None:
        return None
    return data.pseudonymise(data.read(found), project, settings.pseudonym_key.get_secret_value().encode())


def _champion_model(client: Any, version: Any) -> Any | None:
    """The champion through our loader; None when it cannot be loaded (the gate says it cannot be scored)."""
    try:
        return tracking.load(client, version)
    except Exception as error:  # an old champion may not load any more: the gate must still decide
        get_run_logger().warning("champion v%s cannot be loaded: %s", version.version, error)
        return None


@task(name="log", cache_policy=NO_CACHE, **TRANSIENT)
def log(context: Context, evaluation: lifecycle.Evaluation) -> None:
    """Every score (model, baselines, champion, intervals) in one batch; bias and explanations as artifacts."""
    found, client = evaluation.evidence, context.client()
    tags = {Tag.CHAMPION_BEFORE: evaluation.champion_version or "none", Tag.HOLDOUT: evaluation.holdout}
    criteria, pairs = lifecycle.fairness_record(evaluation, context.params.promotion)
    if context.params.mitigation.method != "none":
        tags[Tag.MITIGATION] = mitigation.described(context.project, context.params)
    tracking.log(client, context.run_id, metrics=lifecycle.flat_metrics(evaluation) | criteria, tags=tags | pairs)
    if not found.fairness.by_group.empty:
        tracking.log_frame(client, context.run_id, found.fairness.by_group, "fairness/by_group.csv")
    if found.importance is not None:
        tracking.log_frame(client, context.run_id, found.importance, "explanations/global_importance.csv")
        tracking.log_json(client, context.run_id, found.explained, "explanations/decisions.json")
    if found.terms is not None:
        tracking.log_frame(client, context.run_id, found.terms, "explanations/weighted_terms.csv")
    if (since := evaluation.extra.get(drift.EXTRA)) is not None:
        tracking.log_drift(client, context.run_id, since)
    for path, figure in found.figures.items():
        client.log_figure(context.run_id, figure, path)


@task(name="log-model", cache_policy=NO_CACHE, **TRANSIENT)
def log_model(context: Context, model: BaseEstimator, rows: lifecycle.Split) -> str:
    example = rows.test[list(context.project.features)].head(EXAMPLE_ROWS)
    return tracking.log_model(context.client(), context.run_id, model, example)


@task(name="register", cache_policy=NO_CACHE)
def register(context: Context, model_uri: str, evaluation: lifecycle.Evaluation) -> str:
    client = context.client()
    tags = {
        Tag.DATA_VERSION: context.data.md5,
        Tag.DATA_ORIGIN: context.data.origin.kind,
        Tag.FINGERPRINT: context.fingerprint,
        Metric.TEST + evaluation.metric: f"{evaluation.score:.6f}",
    }
    version = str(tracking.register(client, context.project.name, model_uri, context.run_id, tags).version)
    _card(context, client, version, evaluation)
    return version


def _card(context: Context, client: Any, version: str, evaluation: lifecycle.Evaluation) -> None:
    """The version's model card: Markdown and HTML on the run, Markdown as the version's description. It is written
    before `promote`, under the project's lock: the history it shows is the one this run's decision follows."""
    project, settings = context.project, context.settings
    facts = card.Facts(
        project, version, context.run_id, context.data.md5, context.data.origin,
        params_file.flat(context.params), evaluation, context.params.promotion.max_fairness_gap, context.params.promotion,
        mitigation.described(project, context.params) if context.params.mitigation.method != "none" else "",
        tuple(history.read(history.state_folder(settings.root), project.name)),
    )
    text = card.markdown(facts, card.read_readme(settings.root / "projects" / project.name))
    client.log_text(context.run_id, text, "card/model_card.md")
    client.log_text(context.run_id, card.html(text, f"{project.name} v{version}"), "card/model_card.html")
    client.update_model_version(project.name, version, description=card.description(text, "card/model_card.md"))


@task(name="decide", cache_policy=NO_CACHE)
def decide(context: Context, evaluation: lifecycle.Evaluation, dry_run: bool) -> promotion.Decision:
    """The gate's decision and its reasons, recorded on the run (as what it would do, in a dry run)."""
    decision = lifecycle.decide(context.project, context.params, evaluation)
    verdict = f"dry run: would be {decision.verdict}" if dry_run else decision.verdict
    tags = {
        Tag.DECISION: verdict,
        Tag.DECISION_REASONS: " | ".join(decision.reasons),
        Tag.DRY_RUN: str(dry_run).lower(),
        Tag.BEATS_STATUS_QUO: str(decision.beats_status_quo).lower(),
    }
    client = context.client()
    tracking.log(client, context.run_id, tags=tags)
    record = {"decision": verdict, "reasons": list(decision.reasons), "blocked_by": list(decision.blocked_by)}
    tracking.log_json(client, context.run_id, record, "decision.json")
    get_run_logger().info("%s %s", context.project.name, decision.text())
    return decision


@task(name="promote", cache_policy=NO_CACHE)
def promote(context: Context, version: str, decision: promotion.Decision, rows: lifecycle.Split) -> str:
    """Mark the version with the decision; move the champion alias to it when the gate said so, or the challenger
    alias when a human must approve it first. Every move and every refusal goes into the project's history
    (flows/steps/history.py). A winner's held-out rows are kept first, as the reference set its own challengers will
    be scored on (flows/steps/reference_set.py). Returns the verdict."""
    from prefect.runtime import deployment

    project, client = context.project, context.client()
    approval = context.params.promotion.requires_approval
    waits = decision.promote and (project.requires_approval if approval is None else approval)
    verdict = Verdict.AWAITING if waits else decision.verdict
    client.set_model_version_tag(project.name, version, Tag.DECISION, verdict)
    tracking.log(client, context.run_id, tags={Tag.DECISION: verdict})
    state = history.state_folder(context.settings.root)
    entry = history.Entry(project.name, verdict, context.settings.champion_alias, version, "",
                          history.actor(deployment.name), " | ".join(decision.reasons), context.run_id)
    if decision.promote:
        reference_set.save(client, context.run_id, rows.test, f"{verdict} v{version}: {decision.text()}")
    if waits:
        history.move(client, state, replace(entry, alias=history.CHALLENGER))
    elif decision.promote:  # last: nothing may fail once the alias has moved
        history.move(client, state, entry)
    else:
        history.note(client, state, entry)
    return verdict


def close_run(context: Context, status: str, error: BaseException | None = None) -> None:
    """End the MLflow run; after a failure, withdraw every version it registered, so none is left half-decided: also
    one whose registration failed halfway (its model card), never the champion (an interruption may land after the
    alias has moved).

    A plain call, not a task: it must work while the flow is being interrupted."""
    client = context.client()
    if error is not None:
        recovery.withdraw(client, context.project.name, context.run_id, context.settings.champion_alias)
        tags = {Tag.ERROR: _describe(error), Tag.DECISION: Verdict.FAILED}
        tracking.log(client, context.run_id, tags=tags)
    tracking.finish(client, context.run_id, status)


def _describe(error: BaseException) -> str:
    """The error in one line; a stop by a signal (Prefect's TerminationSignal carries only its number) by name."""
    number = getattr(error, "signal", None)
    if isinstance(number, int):
        return f"{type(error).__name__}: stopped by {signal.Signals(number).name}"
    return f"{type(error).__name__}: {error}"


@flow(name="project", flow_run_name="{name}", validate_parameters=False)
def project(name: str, overrides: list[str] | None = None, dry_run: bool = False, force: bool = False) -> Outcome:
    """Train, evaluate and maybe promote one project on its versioned data, unless nothing changed since its
    champion (`force` retrains). A dry run registers nothing."""
    started, settings = time.perf_counter(), Settings()
    overrides = list(overrides or [])
    who = identify(name, overrides, settings)
    with locks.hold(settings.root, name, settings.lock_timeout, get_run_logger().warning):  # shown without --verbose: the user waits
        recover(name, settings)
        if not (dry_run or force) and (skipped := skip_unchanged(who, settings, started)) is not None:
            return skipped
        return train_and_decide(who, settings, overrides, dry_run, started)


def train_and_decide(
    who: runs.Identity, settings: Settings, overrides: list[str], dry_run: bool, started: float
) -> Outcome:
    """The steps from the data to the decision, inside the project's flow run; the MLflow run is closed in every
    case, and a version registered by a run that then fails is withdrawn."""
    name = who.project.name
    context = resolve(who, settings)
    context.run_id = open_run(context, overrides)
    version = None
    try:
        frame = load(context)
        validate(context, frame)
        rows = split(context, frame)
        fitted = fit(context, rows)
        evaluation = evaluate(context, fitted, rows)
        log(context, evaluation)
        decision = decide(context, evaluation, dry_run)
        if not dry_run:
            version = register(context, log_model(context, fitted.model, rows), evaluation)
            verdict = promote(context, version, decision, rows)
    except BaseException as error:
        close_run(context, "FAILED", error)
        raise
    close_run(context, "FINISHED")
    _, strongest = evaluation.strongest_baseline()
    return Outcome(
        name, context.run_id, evaluation.metric, evaluation.score, strongest, evaluation.champion,
        version or "—", f"dry run: {decision.verdict}" if dry_run else verdict, decision.reasons,
        time.perf_counter() - started,
    )


def run(
    names: list[str], overrides: list[str] | None = None, dry_run: bool = False, force: bool = False
) -> list[tuple[str, Outcome | BaseException]]:
    """Run projects one after the other in this process (imports and the Prefect API paid once); a failure is
    returned, not raised, so that the next project still runs."""
    from prefect.settings import PREFECT_FLOWS_HEARTBEAT_FREQUENCY, temporary_settings

    results: list[tuple[str, Outcome | BaseException]] = []
    # Heartbeats add a one-second join to every sync flow run; in-process runs are watched by their own process.
    with temporary_settings(updates={PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None}):
        for name in names:
            state = project(name, overrides, dry_run, force, return_state=True)
            results.append((name, state.result(raise_on_failure=False)))
    return results


@task(name="retrain", cache_policy=NO_CACHE)
def retrain(name: str, force: bool) -> Outcome:
    """One project's flow, nested in the nightly run, in whichever thread or Dask worker the runner chose."""
    from prefect.settings import PREFECT_FLOWS_HEARTBEAT_FREQUENCY, temporary_settings

    with temporary_settings(updates={PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None}):
        return project(name, force=force)


@flow(name="nightly", flow_run_name="nightly", validate_parameters=False)
def nightly(names: list[str] | None = None, force: bool = False, parallel: bool = False) -> runs.Nightly:
    """Retrain every project whose data, params or code changed; the others skip. One failure never stops the
    others. `parallel` submits all projects to the flow's task runner (Dask); otherwise they run one by one.
    Ends with a summary: a Prefect markdown artifact and a file under `reports/nightly/`."""
    from prefect.artifacts import create_markdown_artifact

    settings = Settings()
    names = names or params_file.listed_projects(params_file.read(settings.root))
    # The unchanged projects are recorded here, in the parent: a nested flow each would cost seconds to say "skip".
    done, todo = ({}, names) if force else runs.skip_unchanged(names, [], settings)
    todo = runs.longest_first(todo, settings)  # with workers, the long fits start first and the short fill the gaps
    if parallel:
        futures = {name: retrain.submit(name, force) for name in todo}
        done |= {name: future.result(raise_on_failure=False) for name, future in futures.items()}
    else:
        done |= {name: retrain(name, force, return_state=True).result(raise_on_failure=False) for name in todo}
    results = [(name, done[name]) for name in names]
    stamp = time.strftime("%Y-%m-%d %H:%M:%S")
    report = runs.nightly_report(results, f"Nightly retrain, {stamp}")
    text = report.text
    create_markdown_artifact(key="nightly-summary", markdown=text, description="Socle IA nightly retrain")
    folder = settings.root / "reports" / "nightly"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{stamp.replace(' ', 'T').replace(':', '')}.md").write_text(text, encoding="utf-8")
    (folder / "latest.md").write_text(text, encoding="utf-8")
    get_run_logger().info("\n%s", text)
    return report


def run_nightly(
    names: list[str] | None = None, force: bool = False, workers: int = 0, address: str | None = None
) -> runs.Nightly:
    """The nightly flow, sequential (`workers=0`), on a local Dask cluster of `workers` processes, or on the Dask
    scheduler at `address`. Dask workers report to the same Prefect API and MLflow store as this process."""
    from prefect.settings import PREFECT_FLOWS_HEARTBEAT_FREQUENCY, temporary_settings

    settings = Settings()
    # Create (and migrate) the tracking store once, here: workers doing it at the same time on a new SQLite store
    # race in MLflow's migrations ("no such index", "table already exists").
    tracking.connect(settings.tracking, settings.registry_uri).search_experiments(max_results=1)
    with temporary_settings(updates={PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None}):
        if not (workers or address):
            return nightly(names, force)
        from prefect_dask import DaskTaskRunner

        if address:
            runner = DaskTaskRunner(address=address)
        else:
            cluster = {"n_workers": workers, "threads_per_worker": 1, "processes": True, "dashboard_address": None,
                       "preload": ["flows.orchestration.pipeline"]}  # workers import the stack while they start, not at their first project
            runner = DaskTaskRunner(cluster_class="distributed.LocalCluster", cluster_kwargs=cluster | {"env": _worker_env()})
        return nightly.with_options(task_runner=runner)(names, force, parallel=True)


def _worker_env() -> dict[str, str]:
    """What a Dask worker needs to report where this process reports: without a Prefect API URL, each worker would
    start a temporary API of its own."""
    from prefect.server.api.server import SubprocessASGIServer
    from prefect.settings import get_current_settings

    settings = Settings()
    api = get_current_settings().api.url
    if not api:
        server = SubprocessASGIServer()
        server.start()
        api = server.api_url
    # One thread of BLAS/OpenMP per worker: two boosting fits with two threads each on two cores crawl (67 s vs 2 s).
    threads = {variable: "1" for variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")}
    return threads | {"PREFECT_API_URL": str(api), "SOCLE_ROOT": str(settings.root), "MLFLOW_TRACKING_URI": settings.tracking}
