"""Concurrency: two `socle run` of one project started together (real subprocesses, a real Prefect API, a SQLite
MLflow store), the project lock held by a process that is then killed, and 20 runs and 20 registrations at once
against a real MLflow tracking server on PostgreSQL, all through our tracking adapter."""

from __future__ import annotations

import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from mlflow import MlflowClient

from flows.orchestration import locks
from flows.steps import tracking
from tests.conftest import REPO
from flows.steps.record import Tag

pytestmark = pytest.mark.integration
PROJECT = "dgs_signalements"
POSTGRES = "postgresql://postgres@127.0.0.1:5432"
AT_ONCE = 20
PATIENCE = 600.0


def _env(workspace: Path, store: str) -> dict[str, str]:
    from prefect.settings import PREFECT_API_URL

    return {
        **os.environ,
        "SOCLE_ROOT": str(workspace),
        "MLFLOW_TRACKING_URI": store,
        "PREFECT_API_URL": str(PREFECT_API_URL.value()),
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])),
    }


def test_two_runs_of_one_project_make_one_decision(workspace: Path, prefect_api: None, tmp_path: Path) -> None:
    """Started together on a registry without a champion: one trains and is promoted; the other waits for the lock,
    then sees that champion, trained on its very fingerprint, and skips."""
    store = f"sqlite:///{tmp_path / 'mlflow.db'}"
    client = tracking.connect(store)
    client.search_experiments()  # the store's tables, created once: two processes migrating a new SQLite file race
    env = _env(workspace, store)
    logs = [tmp_path / f"run-{i}.log" for i in range(2)]
    processes = [
        subprocess.Popen(["socle", "run", PROJECT], cwd=workspace, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT)
        for log in logs
    ]
    codes = [process.wait(PATIENCE) for process in processes]
    outputs = [log.read_text() for log in logs]
    assert codes == [0, 0], outputs
    runs = client.search_runs([client.get_experiment_by_name(PROJECT).experiment_id])
    decisions = sorted(run.data.tags[Tag.DECISION] for run in runs)
    assert decisions == ["promoted", "skipped"], "one decision on the champion, one skip"
    skipped = next(run for run in runs if run.data.tags[Tag.DECISION] == "skipped")
    assert skipped.data.tags[Tag.DECISION_REASONS].startswith("unchanged since champion v1 ")
    assert [str(v.version) for v in client.search_model_versions(f"name = '{PROJECT}'")] == ["1"]
    assert sum("waiting for the run holding" in output for output in outputs) == 1, outputs


def test_a_busy_project_is_refused_with_its_holder_named_and_freed_when_the_holder_is_killed(tmp_path: Path) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c", f"from flows.orchestration import locks; import pathlib, time\n"
         f"with locks.hold(pathlib.Path({str(tmp_path)!r}), {PROJECT!r}, 1):\n print('held', flush=True); time.sleep(600)"],
        env={**os.environ, "PYTHONPATH": str(REPO)}, stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        told: list[str] = []
        with pytest.raises(locks.ProjectBusy) as refused, locks.hold(tmp_path, PROJECT, 0.5, told.append):
            pass
        assert f"another run holds {tmp_path / locks.FOLDER / PROJECT}.lock (pid {holder.pid} on " in str(refused.value)
        assert "gave up after 0.5 s" in str(refused.value) and told and f"pid {holder.pid}" in told[0]
        holder.send_signal(signal.SIGKILL)
        holder.wait()
        started = time.monotonic()
        with locks.hold(tmp_path, PROJECT, 5, told.append):
            assert time.monotonic() - started < 1, "the kernel freed the lock of the killed holder"
    finally:
        holder.kill()
        holder.wait()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _postgres(sql: str) -> None:
    import psycopg2

    connection = psycopg2.connect(f"{POSTGRES}/postgres")
    connection.autocommit = True
    try:
        connection.cursor().execute(sql)
    finally:
        connection.close()


@dataclass(frozen=True)
class Server:
    url: str
    log: Path

    def errors(self) -> list[str]:
        """Requests the server answered with a 5xx (a lock timeout, a deadlock, a lost race), and tracebacks."""
        lines = self.log.read_text(encoding="utf-8", errors="replace").splitlines()
        return [line for line in lines if re.search(r'" 5\d\d |Traceback|deadlock|could not obtain lock', line)]


@pytest.fixture(scope="module", autouse=True)
def launched(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[subprocess.Popen, Server]]:
    """A real MLflow tracking server on a fresh PostgreSQL database, dropped afterwards; launched before the
    module's first test, so that it migrates its database while the two `socle run` work.

    One uvicorn worker: its thread pool serves the requests concurrently, and a second worker process only slows the
    start (a loaded machine even sees uvicorn's supervisor kill workers too slow to answer its pings)."""
    folder = tmp_path_factory.mktemp("mlflow-server")
    database = f"socle_concurrency_{secrets.token_hex(4)}"
    _postgres(f"CREATE DATABASE {database}")
    port = _free_port()
    command = [
        "mlflow", "server", "--backend-store-uri", f"{POSTGRES}/{database}", "--artifacts-destination", str(folder / "artifacts"),
        "--host", "127.0.0.1", "--port", str(port), "--workers", "1",
    ]
    # No job runner (huey consumers): nothing here uses MLflow's jobs, and they cost a few processes to start.
    env = {**os.environ, "MLFLOW_SERVER_ENABLE_JOB_EXECUTION": "false", "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    log = (folder / "server.log").open("w")
    process = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        yield process, Server(f"http://127.0.0.1:{port}", folder / "server.log")
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        log.close()
        _postgres(f"DROP DATABASE IF EXISTS {database} WITH (FORCE)")


@pytest.fixture(scope="module")
def server(launched: tuple[subprocess.Popen, Server]) -> Server:
    """The launched server, once it answers."""
    process, found = launched
    _wait_healthy(found.url, process, found.log)
    return found


def _wait_healthy(url: str, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + PATIENCE
    while time.monotonic() < deadline:
        assert process.poll() is None, f"mlflow server ended:\n{log.read_text()[-3000:]}"
        try:
            with urllib.request.urlopen(f"{url}/health", timeout=2):
                return
        except OSError:
            time.sleep(0.3)
    raise AssertionError(f"mlflow server not healthy after {PATIENCE:.0f} s")


def _together(work: Any) -> list[Any]:
    """`work(i)` in AT_ONCE threads released at the same instant; every error is raised."""
    start = threading.Barrier(AT_ONCE)

    def one(i: int) -> Any:
        start.wait()
        return work(i)

    with ThreadPoolExecutor(AT_ONCE) as pool:
        return list(pool.map(one, range(AT_ONCE)))


def test_twenty_concurrent_runs_are_all_recorded_with_their_metrics(server: Server) -> None:
    def run(i: int) -> str:
        client = tracking.connect(server.url)
        experiment = tracking.experiment(client, "concurrent-runs", None)  # created by whichever thread comes first
        run_id = tracking.start(client, experiment, f"run-{i}", {Tag.PROJECT: "concurrent-runs"})
        tracking.log(client, run_id, params={"i": i}, metrics={"score": i / AT_ONCE, "rows": 100 + i}, tags={"i": str(i)})
        tracking.finish(client, run_id, "FINISHED")
        return run_id

    ids = _together(run)
    client = MlflowClient(server.url)
    (experiment,) = [e for e in client.search_experiments() if e.name == "concurrent-runs"]
    recorded = {run.info.run_id: run for run in client.search_runs([experiment.experiment_id], max_results=100)}
    assert sorted(recorded) == sorted(ids) and len(set(ids)) == AT_ONCE
    for run in recorded.values():
        i = int(run.data.tags["i"])
        assert run.info.status == "FINISHED"
        assert run.data.metrics == {"score": i / AT_ONCE, "rows": 100 + i} and run.data.params == {"i": str(i)}
    assert server.errors() == []


def test_twenty_concurrent_registrations_get_distinct_versions(server: Server) -> None:
    import numpy as np
    import pandas as pd
    from sklearn.linear_model import LogisticRegression

    client = tracking.connect(server.url)
    experiment = tracking.experiment(client, "concurrent-registrations", None)
    run_id = tracking.start(client, experiment, "source", {})
    rows = pd.DataFrame({"a": np.arange(40.0), "b": np.arange(40.0) % 3})
    model_uri = tracking.log_model(client, run_id, LogisticRegression().fit(rows, rows["a"] > 19), rows.head(3))
    tracking.finish(client, run_id, "FINISHED")

    def register(i: int) -> str:
        return str(tracking.register(tracking.connect(server.url), "concurrent", model_uri, run_id, {"i": str(i)}).version)

    versions = _together(register)
    assert sorted(map(int, versions)) == list(range(1, AT_ONCE + 1))
    registered = client.search_model_versions("name = 'concurrent'")
    assert sorted(int(v.version) for v in registered) == list(range(1, AT_ONCE + 1))
    assert {v.tags["i"] for v in registered} == {str(i) for i in range(AT_ONCE)}
    assert server.errors() == []
