"""The production-like stack for the whole test session: `socle up` on loopback, started once for every test that
asks for it (server mode in tests/server/, security and privacy in tests/reliability/), stopped at the end.

Starting it costs minutes on a loaded machine, so one stack serves them all. Its settings live in `Stack.env`, never
in this process's environment: the other tests of the session must not see them. The test that stops it asks for
`stack_to_stop`, and runs after every other test (tests/conftest.py orders it last).
"""

from __future__ import annotations

import os
import secrets
import socket
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import psutil
import pytest

PROJECT = "dgs_signalements"
"""The project the stack's tests run (triggered through the worker, pushed and pulled through S3): the only one
whose data is generated. The others are listed, and deployed, without data."""
CLEARED = ("PREFECT_API_URL", "PREFECT_API_KEY", "MLFLOW_TRACKING_URI", "AWS_PROFILE", "AWS_ENDPOINT_URL")
LAST = "stack_to_stop"
"""The fixture of the test that stops the stack: tests/conftest.py runs it after every other test."""


def free_port() -> int:
    while True:
        port = secrets.randbelow(40000) + 20000
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) != 0:
                return port


def postgres_answers() -> bool:
    try:
        import psycopg2

        psycopg2.connect("postgresql://postgres@127.0.0.1:5432/postgres", connect_timeout=3).close()
        return True
    except Exception:
        return False


@dataclass
class Stack:
    folder: Path
    workspace: Path
    env: dict[str, str]
    on_postgres: bool
    stopped: bool = False

    def socle(self, *args: str, check: bool = True, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
        done = subprocess.run(
            [sys.executable, "-m", "flows.cli", *args], cwd=self.workspace, env=env or self.env,
            capture_output=True, text=True,
        )
        if check:
            assert done.returncode == 0, f"socle {' '.join(args)} exited {done.returncode}:\n{done.stdout}\n{done.stderr}"
        return done

    @contextmanager
    def environment(self) -> Iterator[None]:
        """This process's environment as the stack's clients see it, for the duration of a block."""
        with pytest.MonkeyPatch.context() as patch:
            for variable in CLEARED:
                patch.delenv(variable, raising=False)
            for variable, value in self.env.items():
                if os.environ.get(variable) != value:
                    patch.setenv(variable, value)
            yield

    def settings(self):
        from flows.settings import StackSettings

        with self.environment():
            return StackSettings()


def left_behind(folder: Path) -> list[psutil.Process]:
    """Processes working in the stack's folder (servers, worker, flow runs), this test process excepted."""
    found = []
    for process in psutil.process_iter(["pid", "cwd"]):
        cwd = process.info.get("cwd") or ""
        if process.pid != os.getpid() and cwd.startswith(str(folder)):
            found.append(process)
    return found


def _environment(folder: Path, workspace: Path, on_postgres: bool) -> dict[str, str]:
    token = secrets.token_urlsafe(18)
    settings = {
        "SOCLE_ROOT": str(workspace),
        "SOCLE_STATE_DIR": str(folder / "state"),
        "SOCLE_PREFECT_PORT": str(free_port()),
        "SOCLE_MLFLOW_PORT": str(free_port()),
        "SOCLE_S3_PORT": str(free_port()),
        "SOCLE_S3_BUCKET": "socle-test",
        "SOCLE_PREFECT_UI": "false",
        "SOCLE_STARTUP_TIMEOUT": "900",  # a loaded 2-core machine takes minutes where an idle one takes seconds
        "SOCLE_DATABASE_PREFIX": f"socle_test_{secrets.token_hex(4)}",
        "MLFLOW_TRACKING_PASSWORD": f"mlflow-{token}",
        "PREFECT_API_AUTH_STRING": f"admin:prefect-{token}",
        "TMPDIR": str(folder),
    }
    if on_postgres:
        settings["SOCLE_DATABASE_URL"] = "postgresql://postgres@127.0.0.1:5432"
    env = {key: value for key, value in os.environ.items() if key not in CLEARED}
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"
    repo = str(Path(__file__).resolve().parents[2])
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [repo, os.environ.get("PYTHONPATH")]))
    return env | settings


@pytest.fixture(scope="session")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    """The stack, up for the session; down at its end even when a test failed or stopped it already."""
    from tests.conftest import make_workspace  # here: tests/conftest.py imports this module

    folder = tmp_path_factory.mktemp("stack")
    workspace = make_workspace(folder / "workspace", {PROJECT: 1500}, ingest=[PROJECT])
    on_postgres = postgres_answers()
    running = Stack(folder, workspace, _environment(folder, workspace, on_postgres), on_postgres)
    try:
        running.socle("up")
        running.socle("data", "push", PROJECT)  # README, "Production": up, push, deploy
        yield running
    finally:
        if not running.stopped:
            drain_prefect()
        running.socle("down", check=False)
        for process in left_behind(folder):  # a failed `down` must still leave nothing running
            process.kill()
        if on_postgres:
            from flows.server import stack as stack_module

            stack_module.drop_databases(running.settings())


def drain_prefect() -> None:
    """Send what this process's Prefect log and event workers still hold, while the stack's server answers: held for
    a stopped server, they would keep the test harness's own drain, at the session's end, waiting for ever."""
    from prefect.events.worker import EventsWorker
    from prefect.logging.handlers import APILogWorker

    for worker in (EventsWorker, APILogWorker):
        worker.drain_all(timeout=60)


@pytest.fixture()
def stack_to_stop(stack: Stack) -> Iterator[Stack]:
    """The stack, for the one test that stops it (run last); later users would find it stopped."""
    assert not stack.stopped, "the stack was stopped by an earlier test"
    drain_prefect()
    yield stack
    stack.stopped = True
