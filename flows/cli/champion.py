"""`socle score`, `history`, `approve`, `reject`, `rollback`: the champion at work, and every move of it recorded.

Registered on the main app by flows/cli/__init__.py; imports stay lazy like the rest of the command."""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any
from collections.abc import Iterator

import typer
from rich.markup import escape
from rich.table import Table

from flows.cli import Verbose, _names, app, console
from flows.cli.prefect_api import prefect_api, quiet, steps_shown

Name = Annotated[str, typer.Argument(help="Project name.")]
Version = Annotated[str, typer.Argument(help="The registered version (the challenger awaiting approval).")]
By = Annotated[str, typer.Option("--by", help="Who decides: a name the history keeps.")]
Reason = Annotated[str, typer.Option("--reason", help="Why, in words the history keeps.")]


@app.command()
def score(
    name: Name,
    inputs: Annotated[
        list[Path] | None,
        typer.Option("--input", help="A delivery (Parquet, the source's columns); default: data/NAME/incoming/*."),
    ] = None,
    on_stack: Annotated[
        bool, typer.Option("--on-stack", help="Run the project's scoring deployment through the stack's worker.")
    ] = False,
    verbose: Verbose = False,
) -> None:
    """Score new deliveries with the champion: validated, pseudonymised, drift measured, written to
    data/NAME/scores/ (DVC-tracked), one MLflow run each. A bad delivery writes nothing."""
    (name,) = _names([name], False)
    if on_stack:
        return _score_on_stack(name, [str(path.resolve()) for path in inputs or []])
    quiet(verbose)
    with console.status(f"{name}: starting Prefect and scoring…") as status:
        with prefect_api(), steps_shown(status):
            from flows.orchestration import scoring

            done = scoring.run(name, [str(path) for path in inputs or []])
    if not done:
        console.print(f"{name}: no delivery waiting")
    table = Table("delivery", "rows", "model", "data version", "drift", "scores", "run")
    for item in done:
        moved = f"{item.drift.level}: {', '.join(item.drift.moved)}" if item.drift.moved else item.drift.level
        table.add_row(item.delivery, str(item.rows), f"v{item.model_version}", item.data_version[:12], moved,
                      item.output, item.run_id[:12])
    if done:
        console.print(table)


def _score_on_stack(name: str, deliveries: list[str]) -> None:
    from flows.cli import _use_stack_as_client, err

    _use_stack_as_client()
    from flows.server import deployments

    with console.status(f"{deployments.SCORING_FLOW}/{name}: waiting for the worker…"):
        run = deployments.trigger(name, 3600, {"name": name, "deliveries": deliveries or None}, deployments.SCORING_FLOW)
    state = run.state
    line = f"{deployments.SCORING_FLOW}/{name}: flow run {run.name} ({run.id}) {state.name if state else 'unknown'}"
    if state is not None and state.is_completed():
        console.print(f"[green]{line}[/green]")
        return
    err.print(f"[red]{line}[/red]: {escape(state.message or '') if state else ''}")
    raise typer.Exit(1)


@app.command()
def history(
    name: Name,
    as_json: Annotated[bool, typer.Option("--json", help="Print the entries as JSON lines.")] = False,
) -> None:
    """Every move of the champion and challenger aliases, and every refusal: when, which version, replacing which,
    by whom, why, from which run. The chain of hashes is checked first."""
    import json
    from dataclasses import asdict

    from flows.steps import history as trail

    (name,) = _names([name], False)
    settings, client = _registry()
    entries = trail.read(trail.state_folder(settings.root), name)
    trail.check_head(client, name, entries)
    if as_json:
        for entry in entries:
            print(json.dumps(asdict(entry), ensure_ascii=False))
        return
    table = Table("when (UTC)", "event", "alias", "version", "replaced", "by", "why", "run", "state")
    for entry in entries:
        table.add_row(entry.at, entry.action, entry.alias, f"v{entry.version}", f"v{entry.replaced}" if entry.replaced else "—",
                      escape(entry.by), escape(entry.why), entry.run_id[:12], entry.state)
    console.print(table if entries else f"{name}: no history yet")


@app.command()
def approve(name: Name, version: Version, by: By, reason: Reason) -> None:
    """Make the challenger awaiting approval the champion; recorded in the history."""
    from flows.steps import history as trail

    with _held(name) as (settings, client, state):
        done = trail.approve(client, state, name, version, by, reason, settings.champion_alias)
    console.print(f"[green]{name}: v{done.version} approved by {escape(done.by)}: champion[/green] "
                  f"(replacing {'v' + done.replaced if done.replaced else 'none'})")


@app.command()
def reject(name: Name, version: Version, by: By, reason: Reason) -> None:
    """Refuse the challenger awaiting approval: it loses the alias, stays registered; recorded in the history."""
    from flows.steps import history as trail

    with _held(name) as (_, client, state):
        done = trail.reject(client, state, name, version, by, reason)
    console.print(f"{name}: v{done.version} rejected by {escape(done.by)}")


@app.command()
def rollback(
    name: Name,
    reason: Reason,
    to: Annotated[str | None, typer.Option("--to", help="The version to go back to; default: the previous champion.")] = None,
    by: Annotated[str | None, typer.Option("--by", help="Who decides; default: the logged-in user.")] = None,
) -> None:
    """Move the champion back to an earlier version that passed its gate and still loads; the version left is
    kept. Recorded in the history."""
    from flows.steps import history as trail

    with _held(name) as (settings, client, state):
        done = trail.rollback(client, state, name, to, by or trail.actor(), reason, settings.champion_alias)
    console.print(f"[green]{name}: champion rolled back to v{done.version}[/green] (v{done.replaced} kept)")


def _registry() -> tuple[Any, Any]:
    from flows.settings import Settings
    from flows.steps import tracking

    settings = Settings()
    return settings, tracking.connect(settings.tracking, settings.registry_uri)


@contextmanager
def _held(name: str) -> Iterator[tuple[Any, Any, Path]]:
    """The project's lock (a training run may be deciding), with the history's pending moves repaired first."""
    from flows.orchestration import locks
    from flows.steps import history as trail

    (name,) = _names([name], False)
    settings, client = _registry()
    state = trail.state_folder(settings.root)
    with locks.hold(settings.root, name, settings.lock_timeout, console.print):
        for entry in trail.repair(client, state, name):
            console.print(f"[yellow]{name}: history repaired: {escape(entry.text())}[/yellow]")
        yield settings, client, state
