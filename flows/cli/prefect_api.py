"""Which Prefect API a command's flows report to, and `socle prefect start|stop|status` for the local one.

The configured API wins (PREFECT_API_URL: the stack's, a worker's, a test's). Without one, the workspace's local
server (flows/server/local_prefect.py): started by the first command that needs it, reused by the next ones, stopped
after `SOCLE_PREFECT_IDLE_SECONDS` unused or by `socle prefect stop`. `SOCLE_PREFECT_SERVER=temporary` keeps
Prefect's temporary API, started and lost with each command.

Registered on the main app by flows/cli/__init__.py; imports stay lazy like the rest of the command.
"""

from __future__ import annotations

import logging
import os
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import typer

from flows.cli import app, console

prefect_app = typer.Typer(help="The workspace's local Prefect server: start, stop, status.", no_args_is_help=True)
app.add_typer(prefect_app, name="prefect")


@contextmanager
def prefect_api() -> Iterator[None]:
    """The flows imported while the API they report to gets ready (seconds saved on two cores), then that API set
    for the block and for the processes it starts (Dask workers)."""
    from prefect.settings import PREFECT_API_URL, get_current_settings, temporary_settings

    from flows.server import local_prefect

    (state, settings), current = _state(), get_current_settings()  # read here: a thread does not see a test's settings
    configured = bool(current.api.url)
    local = not configured and settings.prefect_server == "local"
    found: dict = {}

    def boot() -> None:
        try:
            if local:
                found["server"], found["started"] = local_prefect.ensure(state, settings.prefect_idle_seconds)
            elif not configured and current.server.ephemeral.enabled:
                from prefect.server.api.server import SubprocessASGIServer

                SubprocessASGIServer().start()  # the instance Prefect's client asks for at the first flow run
        except BaseException as error:  # noqa: BLE001 — raised in the command's thread below
            found["error"] = error

    booting = threading.Thread(target=boot, name="prefect-api-boot", daemon=True)
    booting.start()
    import flows.orchestration.scoring  # noqa: F401 — the flows and their libraries, while the API starts

    booting.join()
    if "error" in found:
        raise found["error"]
    if "server" not in found:
        yield
        return
    server = found["server"]
    if found["started"]:
        console.print(f"started the local Prefect server: {server.url} (UI {server.url.removesuffix('/api')}; "
                      f"`socle prefect stop` stops it, {settings.prefect_idle_seconds:.0f} s unused too)")
    previous = os.environ.get("PREFECT_API_URL")
    os.environ["PREFECT_API_URL"] = server.url
    try:
        with temporary_settings(updates={PREFECT_API_URL: server.url}):
            yield
    finally:
        if previous is None:
            os.environ.pop("PREFECT_API_URL", None)
        else:
            os.environ["PREFECT_API_URL"] = previous


QUIET = {"PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL": "WARNING", "MLFLOW_LOGGING_LEVEL": "WARNING"}
"""Without --verbose the terminal gets warnings and errors only; Prefect's API handler, and so its UI, keeps every
line of every run."""


def quiet(verbose: bool) -> None:
    """Before Prefect and MLflow set their logging up: their INFO lines off the terminal, unless --verbose."""
    if not verbose:
        for variable, value in QUIET.items():
            os.environ.setdefault(variable, value)


class Steps(logging.Handler):
    """The status line follows the flows: which project, which step (from the run loggers' own fields)."""

    def __init__(self, status: Any) -> None:
        super().__init__()
        self.status = status

    def emit(self, record: logging.LogRecord) -> None:
        flow = getattr(record, "flow_run_name", None)
        task = getattr(record, "task_run_name", None)
        if flow and task:
            step = re.sub(r"-[0-9a-f]{3}$", "", str(task))  # Prefect's suffix of the run's name
            done = "done" if record.getMessage().startswith("Finished in state") else "…"
            self.status.update(f"{flow}: {step} {done}")


@contextmanager
def steps_shown(status: Any) -> Iterator[None]:
    shown = Steps(status)
    loggers = [logging.getLogger(name) for name in ("prefect.task_runs", "prefect.flow_runs")]
    for logger in loggers:
        logger.addHandler(shown)
    try:
        yield
    finally:
        for logger in loggers:
            logger.removeHandler(shown)


def _state():
    from flows.settings import Settings, StackSettings

    settings = Settings()
    return StackSettings().state_dir(settings.root), settings


@prefect_app.command("start")
def start() -> None:
    """Start the local Prefect server (or find it running) and print its address: the UI is there too."""
    from flows.server import local_prefect

    state, settings = _state()
    with console.status("starting the local Prefect server…"):
        server, started = local_prefect.ensure(state, settings.prefect_idle_seconds)
    said = "started" if started else "running"
    console.print(f"{said}: {server.url.removesuffix('/api')} (PID {server.pid}; log {local_prefect.log_file(local_prefect.folder_of(state))})")


@prefect_app.command("stop")
def stop() -> None:
    """Stop the local Prefect server; its history stays in the state folder for the next start."""
    from flows.server import local_prefect

    stopped = local_prefect.stop(_state()[0])
    console.print("stopped" if stopped else "not running")


@prefect_app.command("status")
def status() -> None:
    """Whether the local Prefect server runs, and where."""
    from flows.server import local_prefect

    server = local_prefect.running(local_prefect.folder_of(_state()[0]))
    if server is None:
        console.print("not running (the next `socle run` starts it)")
        raise typer.Exit(1)
    console.print(f"running: {server.url.removesuffix('/api')} (PID {server.pid})")
