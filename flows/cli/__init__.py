"""The `socle` command. Imports stay lazy: `socle --help` loads neither Prefect, MLflow, GX nor scikit-learn."""

from __future__ import annotations

from typing import Annotated

import os
import sys
from pathlib import Path

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

import projects

app = typer.Typer(
    help="Socle IA: the Lab IA prototypes on one pipeline base.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_show_locals=False,  # locals may hold personal data
)
data_app = typer.Typer(help="Versioned data (DVC): ingest, import, push, pull, status.", no_args_is_help=True)
app.add_typer(data_app, name="data")
ENVIRONMENT_DEFAULTS = {
    "DO_NOT_TRACK": "1",
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "MLFLOW_DISABLE_TELEMETRY": "true",
    "GX_ANALYTICS_ENABLED": "false",
    # MLflow's loader unpickles by default, and trusts the types a model's own MLmodel lists; ours reads skops
    # with reviewed types only (flows/steps/tracking.py `load`), so nothing needs it.
    "MLFLOW_ALLOW_PICKLE_DESERIALIZATION": "false",
    # Prefect's temporary API migrates its database on first start: 20 s is too short on a busy 2-core machine.
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "120",
}
console = Console()
err = Console(stderr=True)

Names = Annotated[list[str] | None, typer.Argument(help="Project names (folders under projects/).", show_default=False)]
All = Annotated[bool, typer.Option("--all", help="Every project listed in params.yaml.")]
Verbose = Annotated[
    bool, typer.Option("--verbose", help="Prefect's and MLflow's log lines on the terminal (Prefect keeps them all anyway).")
]


def environment_defaults() -> None:
    """Administrations' runs phone nobody (Prefect, MLflow and GX telemetry off), MLflow unpickles nothing, and
    Prefect's temporary API gets time to start on a busy machine; each variable set in the environment wins."""
    for variable, value in ENVIRONMENT_DEFAULTS.items():
        os.environ.setdefault(variable, value)


def _root() -> Path:
    """The workspace (SOCLE_ROOT, or the folder holding dvc.yaml above the current one)."""
    from flows.settings import Settings

    return Settings().root


def _names(names: list[str] | None, every: bool) -> list[str]:
    """Checked project names: identifiers only, known folders only, with the closest match suggested."""
    if every:
        from flows import params as params_file

        return params_file.listed_projects(params_file.read(_root()))
    if not names:
        raise typer.BadParameter("name at least one project, or use --all")
    try:
        return [projects.check_name(name) for name in names]
    except projects.UnknownProject as error:  # escaped: a name is the user's text, never markup
        err.print(f"[red]error:[/red] {escape(str(error))}", highlight=False)
        raise typer.Exit(2) from None


def _overrides(overrides: list[str]) -> list[str]:
    """`--set` overrides checked for their form before anything runs: dotted keys, YAML values, no paths."""
    from flows import params as params_file

    try:
        for override in overrides:
            params_file.parse_override(override)
    except params_file.ParamsError as error:
        err.print(f"[red]error:[/red] {escape(str(error))}", highlight=False)
        raise typer.Exit(2) from None
    return overrides


@app.callback()
def main(context: typer.Context) -> None:
    environment_defaults()
    if context.invoked_subcommand != "profile":  # `socle profile` reads the file itself, and removes a broken one
        use_profile()


@app.command("list")
def list_projects() -> None:
    """Projects with their administration, task, data origin (synthetic or real), champion score and last run."""
    from flows import review

    narrow = console.width < 120  # an 80-column terminal: the administration and the season make way
    headers = ["project", "season", "administration", "task", "metric", "data", "champion", "last run"]
    keep = [i for i, header in enumerate(headers) if not (narrow and header in ("season", "administration"))]
    table = Table(expand=False)
    for i in keep:
        table.add_column(headers[i], no_wrap=i == 0, overflow="fold")  # names are what users type: never cut
    for row in review.overview(projects.names()):
        table.add_row(*(row[i] for i in keep))
    console.print(table)


@app.command()
def run(
    names: Names = None,
    every: All = False,
    overrides: Annotated[
        list[str] | None, typer.Option("--set", help="Override a parameter for this run: section.key=value.")
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Evaluate and record what the gate would decide; register nothing.")
    ] = False,
    force: Annotated[
        bool, typer.Option("--force", help="Retrain even when data, params and code equal the champion's run.")
    ] = False,
    verbose: Verbose = False,
) -> None:
    """Train, evaluate and maybe promote projects on their versioned data (one Prefect flow run each).

    A project whose data, params and code are those of its champion's run is skipped, and the skip recorded."""
    chosen = _names(names, every)
    _report(_run(chosen, _overrides(overrides or []), dry_run, force, verbose))


@app.command()
def new(
    name: Annotated[str, typer.Argument(help="The new project's folder name: snake_case, never renamed.")],
    title: Annotated[str, typer.Option(help="Title, in the administration's language.")] = "Nouveau projet",
    administration: Annotated[str, typer.Option(help="The administration that owns the problem.")] = "À renseigner",
    season: Annotated[int, typer.Option(min=1, max=2, help="Lab IA season.")] = 2,
) -> None:
    """Scaffold a project: its folder (declaration, generator, model, card), its GX suite, its params.yaml section."""
    from flows import scaffold

    for path in scaffold.new(_root(), name, title, administration, season):
        console.print(f"wrote {path}")
    console.print(
        f"next: socle data ingest {name} && socle run {name}; then rewrite data.py, model.py, the suite, the card; "
        f"real data: socle data import {name} FILE"
    )


@app.command()
def nightly(
    names: Names = None,
    workers: Annotated[
        int, typer.Option(help="Dask worker processes of a local cluster; 0 runs the projects one by one.")
    ] = 0,
    address: Annotated[
        str | None,
        typer.Option(envvar="SOCLE_DASK_ADDRESS", help="An existing Dask scheduler (tcp://host:8786) instead."),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Retrain every project, changed or not.")] = False,
    verbose: Verbose = False,
) -> None:
    """The nightly retrain: every changed project (all of params.yaml's list by default), failures isolated, a
    summary as a Prefect artifact and in reports/nightly/latest.md."""
    chosen = _names(names, every=not names)
    quiet(verbose)
    with console.status(f"nightly retrain of {len(chosen)} project(s)…") as status:
        with prefect_api(), steps_shown(status):
            from flows.orchestration import pipeline

            report = pipeline.run_nightly(chosen, force, workers, address)
    console.print(report.text)
    if report.failed:
        raise typer.Exit(1)


@app.command()
def reproduce(run_id: Annotated[str, typer.Argument(help="The MLflow run id to reproduce.")]) -> None:
    """Re-run a recorded run (same commit, data version and params) as a dry run, and compare its metric."""
    from flows import review

    target = review.reproduction(run_id)
    ((_, result),) = _run([target.name], target.overrides, dry_run=True)
    _report([(target.name, result)])  # exits when the run failed
    same = abs(result.score - target.score) <= 1e-9
    verdict = "[green]reproduced[/green]" if same else "[red]differs[/red]"
    console.print(f"{verdict}: {target.metric} {result.score:.6f} now, {target.score:.6f} in run {run_id}")
    if not same:
        raise typer.Exit(1)


def _run(names: list[str], overrides: list[str], dry_run: bool, force: bool = False, verbose: bool = False) -> list:
    """Skip the unchanged projects without starting Prefect; run the others in one process, one flow each."""
    from flows.orchestration import runs
    from flows.settings import Settings

    done: dict = {}
    todo = names
    if not (dry_run or force):
        with console.status("checking what changed…"):
            done, todo = runs.skip_unchanged(names, overrides, Settings())
    if todo:
        quiet(verbose)
        with console.status(f"starting Prefect and running {len(todo)} project(s)…") as status:
            with prefect_api(), steps_shown(status):
                from flows.orchestration import pipeline

                done |= dict(pipeline.run(todo, overrides, dry_run, force))
    return [(name, done[name]) for name in names]


WIDE = 110
"""Terminal columns from which the summary table shows every column."""


def _report(results: list) -> None:
    """One summary row per project, failures included; then each decision with the reasons that made it (what
    blocked, or what the promoted model beat); exit 1 when any project failed."""
    # An 80-column terminal gets the narrow layout: the metric's name is in the line below each table, the
    # champion's score and the seconds are left to `socle compare`. Names are what users type: never cut.
    wide = console.width >= WIDE
    headers = ("project", "score", "best baseline", "champion before", "version", "decision", "s") if wide else \
        ("project", "score", "baseline", "v", "decision")
    table = Table(*headers, expand=False)
    table.columns[0].no_wrap = True
    failed, said = 0, []
    for name, result in results:
        if isinstance(result, BaseException):
            failed += 1
            table.add_row(name, *["—"] * (len(headers) - 2), "[red]failed[/red]", *(["—"] if wide else []))
            said.append(f"[red]{name} failed:[/red] {escape(str(result))}")
            continue
        champion = "—" if result.champion is None else f"{result.champion:.4f}"
        score = f"{result.metric} {result.score:.4f}" if wide else f"{result.score:.4f}"
        table.add_row(
            name, score, f"{result.baseline:.4f}", *([champion] if wide else []), str(result.version),
            result.decision, *([f"{result.seconds:.1f}"] if wide else []),
        )
        shown = [reason for reason in result.reasons if reason.startswith("blocks:")] or list(result.reasons[:1])
        said.append(f"{name}: {result.decision} — " + "; ".join(escape(reason) for reason in shown))
    console.print(table)
    for line in said:
        (err if "failed:" in line else console).print(line, soft_wrap=True)
    if failed:
        raise typer.Exit(1)


@app.command()
def validate(name: Annotated[str, typer.Argument(help="Project name.")]) -> None:
    """Check the project's versioned data against its Great Expectations suite, without training."""
    from flows import review

    (name,) = _names([name], False)
    report = review.validate(name)
    if report.success:
        console.print(f"[green]{name}: {report.evaluated} expectations passed[/green]")
        return
    err.print(f"[red]{report.project}: {len(report.failures)} of {report.evaluated} expectations failed[/red]")
    for failure in report.failures:
        err.print(f"  - {failure}")
    raise typer.Exit(1)


@app.command()
def check(
    name: Annotated[str, typer.Argument(help="Project name.")],
    rows: Annotated[int, typer.Option(help="Rows to generate (default: the project's data.rows).")] = 0,
) -> None:
    """The conformance kit on freshly generated data: scikit-learn habits, thresholds that can refuse, degraded
    challengers the gate must refuse, and the held-out evaluation against every baseline. No run is recorded."""
    import projects
    from flows import conformance, params as params_file
    from flows.steps import data

    (name,) = _names([name], False)
    project = projects.load(name)
    params = params_file.resolve(project, params_file.read(_root()))
    frame = data.pseudonymise(project.generate(rows or params.data.rows, params.data.seed), project, b"socle-check")
    report = conformance.check(project, frame, params)
    evaluation = report.result.evaluation
    table = Table(title=f"{name}: {evaluation.metric} on held-out groups ({evaluation.holdout})", expand=False)
    for column in ("scored", "held-out", "seen groups", "interval"):
        table.add_column(column, overflow="fold")
    seen = evaluation.seen.get(evaluation.metric)
    table.add_row("model", f"{evaluation.score:.4f}", "—" if seen is None else f"{seen:.4f}", _interval_text(evaluation, "model"))
    for baseline, scores in evaluation.baselines.items():
        table.add_row(baseline.replace("_", " "), f"{scores[evaluation.metric]:.4f}", "", _interval_text(evaluation, baseline))
    console.print(table)
    console.print(report.result.decision.text())
    for finding in report.findings:
        mark = "[green]ok[/green]  " if finding.ok else "[red]FAIL[/red]"
        console.print(f"{mark} {finding.family}: {finding.name} — {finding.detail}", soft_wrap=True)
    if not report.ok:
        raise typer.Exit(1)


def _interval_text(evaluation, part: str) -> str:
    found = evaluation.intervals.get(part)
    return found.text() if found else ""


@app.command()
def compare(
    name: Annotated[str, typer.Argument(help="Project name.")],
    runs: Annotated[int, typer.Option(help="How many recent runs.")] = 10,
) -> None:
    """The champion and the recent runs: scores, data versions, decisions and the params that differ."""
    from flows import review

    (name,) = _names([name], False)
    view = review.comparison(name, runs)
    for block, title in ((view, None), (view.fairness, "fairness criteria: value, tolerance, worst pair of groups")):
        if block is not None:
            table = Table(*block.columns, title=title)
            for row in block.rows:
                table.add_row(*row)
            console.print(table)
    for line in view.notes:
        console.print(line)


@app.command()
def explain(
    name: Annotated[str, typer.Argument(help="Project name.")],
    rows: Annotated[Path, typer.Option("--input", help="CSV or JSON file (a list of rows) with the model's columns.")],
    version: Annotated[str | None, typer.Option(help="Registered version to use; default: the champion.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the explanations as JSON.")] = False,
    person: Annotated[str | None, typer.Option(
        "--for", help="The key of one row: its decision explained in French for the person it concerns.",
    )] = None,
    html: Annotated[Path | None, typer.Option(help="With --for: also write the page to hand over to the person.")] = None,
) -> None:
    """Each row's decision, the model and data versions behind it, and how much each column weighed (CRPA L311-3-1);
    with --for KEY, the letter for the person concerned (R311-3-1-2): text, --json, --html FILE."""
    import json

    from flows import review

    (name,) = _names([name], False)
    if person is not None:
        from flows.review import letter as letters
        from flows.steps import citizen

        found = letters.for_person(name, rows, person, version)
        print(json.dumps(found.to_json(), ensure_ascii=False, indent=2, default=str) if as_json else found.text())
        if html is not None:
            err.print(f"page: {citizen.written(found.html(), html)}", highlight=False)
        return
    result = review.explanation(name, rows, version)
    if as_json:
        print(json.dumps({"project": name, "version": result.version, "data_version": result.data_version,
                          "run_id": result.run_id, "decisions": result.decisions}, ensure_ascii=False, indent=2, default=str))
        return
    for decision in result.decisions:
        console.print(
            f"[bold]row {decision['row']}[/bold]: decision [bold]{decision['decision']}[/bold] — model {name} "
            f"v{result.version} (run {result.run_id[:8]}), trained on data {result.data_version}"
        )
        table = Table("column", "value", "contribution")
        for item in decision["contributions"]:
            table.add_row(item["feature"], str(item["value"]), f"{item['contribution']:+.4f}")
        table.add_row("[dim]base value[/dim]", "", f"{decision['base_value']:+.4f}")
        table.add_row("[bold]model output[/bold]", "", f"[bold]{decision['output']:+.4f}[/bold]")
        console.print(table)


@app.command()
def report(
    output: Annotated[Path | None, typer.Option(help="HTML file to write; default: reports/portfolio.html.")] = None,
    recent: Annotated[int, typer.Option(help="How many recent runs draw each trend.")] = 10,
) -> None:
    """A static HTML portfolio of every project (champion against baseline, trend, validation, fairness, decision)."""
    from flows.review import page as page
    from flows import review
    from flows.profile import public_url
    from flows.settings import Settings

    settings = Settings()
    path = output or settings.root / "reports" / "portfolio.html"
    rows = review.portfolio(projects.names(), recent)
    page.write(page.render(rows, public_url(settings.tracking)), path)
    console.print(f"{len(rows)} projects: {path}")


@data_app.command("ingest")
def data_ingest(names: Names = None, every: All = False) -> None:
    """Write data/<name>/dataset.parquet through `dvc repro ingest@<name>` and record it in dvc.lock; a project whose
    data is real keeps its file (pulled when missing), and says so."""
    from flows import ingest
    from flows.steps import versioning

    root, chosen = _root(), _names(names, every)
    real = {name: found for name in chosen if (found := versioning.origin(root, name)).real}
    missing = [name for name in real if not (root / versioning.relative_data_path(name)).exists()]
    if missing:
        _use_stack_credentials()
    for name in missing:  # real data is fetched, never generated
        versioning.pull(root, name)
    with console.status("dvc repro…"):
        versioning.reproduce(root, chosen)
    for name in chosen:
        console.print(ingest.kept(name, real[name]) if name in real else f"{name}: data version {versioning.locked_md5(root, name)}")


@data_app.command("import")
def data_import(
    name: Annotated[str, typer.Argument(help="Project name.")],
    source: Annotated[Path, typer.Argument(help="The real data: a CSV or Parquet file with the project's columns.")],
    by: Annotated[str | None, typer.Option(help="Who delivered or imports it (default: your user name).")] = None,
) -> None:
    """Record a real file as the project's data: checked against its suite first (a refused file writes nothing),
    then a new DVC data version with its origin in data/<name>/origin.json, pushed to the DVC remote. The ingest
    stage never regenerates over it."""
    import getpass

    from flows import ingest
    from flows.steps import versioning

    (name,) = _names([name], False)
    root = _root()
    try:
        found = ingest.import_file(name, root, source, by or getpass.getuser())
    except ValueError as error:  # unreadable, or refused by the suite: said in words, nothing written
        err.print(f"[red]{name}: {escape(source.name)} refused, nothing written:[/red] {escape(str(error))}", highlight=False)
        raise typer.Exit(1) from None
    console.print(f"{name}: {found.text()} is data version {found.md5}", highlight=False)
    _use_stack_credentials()
    console.print(f"{name}: {versioning.push(root, name)} file(s) pushed")
    origin = versioning.origin_path(root, name).relative_to(root)
    console.print(f"next: git add dvc.lock {origin} && git commit; socle run {name}", highlight=False)


@data_app.command("push")
def data_push(names: Names = None, every: All = False) -> None:
    """Send the data versions of dvc.lock to the DVC remote."""
    from flows.steps import versioning

    root = _root()
    _use_stack_credentials()
    for name in _names(names, every):
        console.print(f"{name}: {versioning.push(root, name)} file(s) pushed")


@data_app.command("pull")
def data_pull(names: Names = None, every: All = False) -> None:
    """Fetch the data versions of dvc.lock from the DVC remote into the workspace."""
    from flows.steps import versioning

    root = _root()
    _use_stack_credentials()
    for name in _names(names, every):
        versioning.pull(root, name)
        console.print(f"{name}: {versioning.resolve(root, name).md5} in the workspace")


@data_app.command("status")
def data_status(names: Names = None, every: All = False) -> None:
    """Whether the workspace matches dvc.lock, and the cache the remote."""
    from flows.steps import versioning

    root = _root()
    _use_stack_credentials()
    table = Table("project", "data version", "workspace", "remote")
    for name in _names(names, every):
        state = versioning.status(root, name)
        table.add_row(name, versioning.locked_md5(root, name), state["workspace"], state["remote"])
    console.print(table)


def _stack():
    """The stack's settings and the workspace it serves."""
    from flows.settings import StackSettings

    return StackSettings(), _root()


def _use_stack_credentials() -> None:
    """DVC reaches the S3 remote with the keys of the stack's configuration, unless the environment has its own."""
    from flows.server import stack

    settings, root = _stack()
    try:
        keys = stack.s3_env(settings, settings.state_dir(root))
    except ValueError:  # an external endpoint without keys: DVC will say which remote refused
        return
    for variable, value in keys.items():
        os.environ.setdefault(variable, value)


@app.command("up")
def stack_up(
    parts: Annotated[
        list[str] | None, typer.Argument(help="Restart only these parts (s3, mlflow, prefect, worker); the others keep running.")
    ] = None,
) -> None:
    """Start the stack on this machine: S3 (kept on disk, or your endpoint), MLflow with auth, Prefect server and
    worker. What runs is left running; what died is started again."""
    import time

    from flows.server import stack

    settings, root = _stack()
    began = time.monotonic()
    with console.status("starting the stack…"):
        took = stack.up(settings, root, only=parts or (), progress=console.print)
    for name, seconds in took.items():
        console.print(f"{name}: answering after {seconds:.1f} s")
    console.print(f"[green]stack up[/green] in {time.monotonic() - began:.1f} s (state {settings.state_dir(root)})")
    written = write_stack_profile(settings, root)
    console.print(f"profile {written}: every socle command of this workspace now uses the stack as "
                  f"{settings.mlflow_username}; `eval \"$(socle env)\"` does the same for mlflow and prefect", highlight=False)
    _print_status(stack.status(settings, root))
    _print_gaps(settings, root)


@app.command("down")
def stack_down() -> None:
    """Stop what `socle up` started (and only that), worker first."""
    from flows.server import stack

    settings, root = _stack()
    stopped = stack.down(settings, root)
    console.print(f"stopped: {', '.join(stopped)}" if stopped else "nothing was running")
    if applied_profile() is not None:  # its registry is the workspace's record: reading the embedded one would mislead
        console.print("the profile stays: commands keep using the stack (`socle up` again), "
                      "`socle profile remove` returns to the embedded stores")


@app.command("status")
def stack_status() -> None:
    """Each part of the stack: its URL, its process and whether it answers; exit 1 when one does not."""
    from flows.server import stack

    settings, root = _stack()
    reports = stack.status(settings, root)
    _print_status(reports)
    if not all(report.healthy for report in reports):
        raise typer.Exit(1)
    if _print_gaps(settings, root):
        raise typer.Exit(1)


def _print_gaps(settings, root: Path) -> int:
    """What the registry or dvc.lock promise and the stores do not hold; how many such gaps."""
    from flows.server import integrity

    found = integrity.gaps(settings, root)
    for gap in found:
        err.print(f"[red]missing[/red] {escape(gap.line())}", highlight=False)
    if not found:
        console.print("every champion's model files and every project's data are in the stores")
    return len(found)


def _use_stack_as_client() -> tuple:
    """Point this process's Prefect and MLflow clients at the stack (before Prefect is imported): the profile's,
    already applied, else the one the `SOCLE_*` variables describe."""
    from flows.server import stack

    settings, root = _stack()
    if applied_profile() is None:
        os.environ.update(stack.client_env(settings))
    return settings, root


@app.command()
def deploy() -> None:
    """Create or update one nightly deployment per project on the stack's Prefect server (and write prefect.yaml)."""
    from flows.server import deployments
    from flows import params as params_file

    settings, root = _use_stack_as_client()
    names = params_file.listed_projects(params_file.read(root))
    plan = deployments.schedule(names, kept=deployments.current(root / "prefect.yaml"))
    (root / "prefect.yaml").write_text(deployments.render(plan, settings.work_pool), encoding="utf-8")
    with console.status(f"deploying {len(plan)} project(s)…"):
        deployments.apply(root, plan, settings.work_pool)
    table = Table("deployment", "cron", "timezone", "work pool")
    for item in plan:
        table.add_row(deployments.full_name(item.name), item.cron, deployments.TIMEZONE, settings.work_pool)
    console.print(table)
    _push_what_the_worker_needs(settings, root, names)


def _push_what_the_worker_needs(settings, root: Path, names: list[str]) -> None:
    """A scheduled run pulls its data from the remote: push each project's locked version that is not there yet,
    and name those that cannot run (never ingested here, or not in the local cache)."""
    from flows.server import integrity, stack
    from flows.steps import versioning

    for variable, value in stack.s3_env(settings, settings.state_dir(root)).items():
        os.environ.setdefault(variable, value)
    missing = {gap.project for gap in integrity.data_gaps(settings, root, names)}
    for name in names:
        if name in missing:
            try:
                console.print(f"{name}: data pushed to the remote ({versioning.push(root, name)} file(s))")
            except (OSError, ValueError, LookupError) as error:
                err.print(f"[red]{name}: cannot run on the stack[/red]: {escape(str(error))}", highlight=False)
        elif not _locked(root, name):
            err.print(f"[yellow]{name}: no data version yet[/yellow]: `socle data ingest {name}`, then `socle deploy`",
                      highlight=False)


def _locked(root: Path, name: str) -> bool:
    from flows.steps import versioning

    try:
        versioning.locked_md5(root, name)
        return True
    except (LookupError, ValueError):
        return False


@app.command()
def trigger(
    name: Annotated[str, typer.Argument(help="Project name.")],
    timeout: Annotated[float, typer.Option(help="Seconds to follow the run before giving up.")] = 3600,
) -> None:
    """Run a project's deployment through the worker and follow it to its end; exit 1 unless it completed."""
    (name,) = _names([name], False)
    _use_stack_as_client()
    from flows.server import deployments

    with console.status(f"{deployments.full_name(name)}: waiting for the worker…"):
        run = deployments.trigger(name, timeout=timeout)
    state = run.state
    completed = state is not None and state.is_completed()
    line = f"{deployments.full_name(name)}: flow run {run.name} ({run.id}) {state.name if state else 'unknown'}"
    if completed:
        console.print(f"[green]{line}[/green]")
    else:
        err.print(f"[red]{line}[/red]: {escape(state.message or '') if state else ''}")
    recorded = _recorded_run(name, str(run.id))
    if recorded is not None and completed:
        _report([(name, recorded[0])])
    for link in links(recorded[1].info.run_id if recorded else None, recorded[1].info.experiment_id if recorded else None,
                      str(run.id)):
        console.print(link, highlight=False, soft_wrap=True)
    if not completed:
        raise typer.Exit(1)


def _recorded_run(name: str, flow_run_id: str) -> tuple | None:
    """The outcome a flow run recorded in MLflow and its run; None (said) when it recorded none or MLflow refuses."""
    from flows.orchestration import recorded
    from flows.settings import Settings
    from flows.steps import tracking

    settings = Settings()
    try:
        client = tracking.connect(settings.tracking, settings.registry_uri)
        run = recorded.run_of(client, name, flow_run_id)
        if run is not None:
            return recorded.outcome(client, run), run
    except Exception as error:  # noqa: BLE001 — the flow run's state is said already; this is a supplement
        err.print(f"{name}: outcome not read from MLflow: {escape(refusal_text(error) or str(error))}", highlight=False)
        return None
    err.print(f"{name}: no MLflow run carries flow run {flow_run_id}", highlight=False)
    return None


def _print_status(reports: list) -> None:
    table = Table("part", "url", "pid", "state")
    for report in reports:
        colour = "green" if report.healthy else "red"
        table.add_row(report.name, report.url, str(report.pid or "—"), f"[{colour}]{report.state}[/{colour}]")
    console.print(table)
    from flows.server.stack import ROTATION

    for report in reports:
        if report.refused:
            console.print(f"{report.name} {report.refused}: {escape(ROTATION[report.name])}", highlight=False)


from flows.cli import champion as _champion  # noqa: E402, F401  (registers score, history, approve, reject, rollback)
from flows.cli.prefect_api import prefect_api, quiet, steps_shown  # noqa: E402  (registers `socle prefect`)
from flows.cli.profile import applied_profile, links, refusal_text, use_profile, write_stack_profile  # noqa: E402  (registers `socle env`, `socle profile`)


def entry() -> None:
    """The console script: errors of data, parameters, names and servers end in one readable line, not a traceback."""
    try:
        app()
    except Exception as error:
        if (refused := refusal_text(error)) is not None:
            err.print(f"[red]error:[/red] {escape(refused)}", highlight=False)
            raise SystemExit(1) from None
        stack = sys.modules.get("flows.server.stack")  # a StackError can only come from a command that imported it
        if not isinstance(error, (ValueError, LookupError, OSError, *((stack.StackError,) if stack else ()))):
            raise
        err.print(f"[red]error ({type(error).__name__}):[/red] {escape(str(error))}", highlight=False)
        raise SystemExit(1) from None

