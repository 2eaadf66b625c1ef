"""The workspace's local Prefect server (flows/server/local_prefect.py): started once, found again by later commands,
one server for two commands starting it at once, the flows' history kept in it, stopped by command or when idle."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import psutil
import pytest

from flows.server import local_prefect
from tests.conftest import REPO


def _socle(root: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "SOCLE_ROOT": str(root), "SOCLE_PREFECT_SERVER": "local", "PYTHONPATH": str(REPO)}
    env.pop("PREFECT_API_URL", None)
    return subprocess.run([sys.executable, "-m", "flows.cli", "prefect", *args], cwd=root, env=env,
                          capture_output=True, text=True, timeout=600)


def _alive(pid: int) -> bool:
    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


@pytest.fixture()
def root(tmp_path: Path) -> Path:
    (tmp_path / "dvc.yaml").write_text("stages: {}\n")
    yield tmp_path
    local_prefect.stop(tmp_path / ".socle")


def test_later_commands_find_the_server_the_first_started(root: Path) -> None:
    first = _socle(root, "start")
    assert first.returncode == 0 and first.stdout.startswith("started"), first.stdout + first.stderr
    server = local_prefect.running(local_prefect.folder_of(root / ".socle"))
    assert server is not None and psutil.pid_exists(server.pid)
    again = _socle(root, "start")
    assert again.stdout.startswith("running") and f"PID {server.pid}" in again.stdout
    assert _socle(root, "status").returncode == 0
    assert _socle(root, "stop").stdout.strip() == "stopped" and not _alive(server.pid)
    assert _socle(root, "status").returncode == 1


def test_two_commands_starting_it_at_once_start_one(root: Path) -> None:
    with ThreadPoolExecutor(2) as pool:
        found = list(pool.map(lambda _: local_prefect.ensure(root / ".socle"), range(2)))
    assert found[0][0] == found[1][0] and sorted(started for _, started in found) == [False, True]


PROBE = """
import os
from prefect import flow
from flows.cli.prefect_api import prefect_api

@flow(name="probe-local-server")
def probe() -> int:
    return 42

with prefect_api():
    assert probe() == 42
    print(os.environ["PREFECT_API_URL"])
"""
"""A command's flow run, in a process of its own: this one must not keep Prefect's log and event workers bound to a
server the fixture stops (they would hold the session's exit)."""


def test_flow_runs_stay_in_its_history_after_the_command(root: Path) -> None:
    env = {**os.environ, "SOCLE_ROOT": str(root), "SOCLE_PREFECT_SERVER": "local", "PYTHONPATH": str(REPO)}
    env.pop("PREFECT_API_URL", None)
    done = subprocess.run([sys.executable, "-c", PROBE], cwd=root, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    url = done.stdout.strip().splitlines()[-1]
    assert url.startswith("http://127.0.0.1:") and url == local_prefect.running(local_prefect.folder_of(root / ".socle")).url
    runs = httpx.post(f"{url}/flow_runs/filter", json={"flows": {"name": {"any_": ["probe-local-server"]}}}).json()
    assert [run["state_type"] for run in runs] == ["COMPLETED"]


def test_it_stops_itself_when_unused(root: Path) -> None:
    server, started = local_prefect.ensure(root / ".socle", idle=2.0)
    assert started
    deadline = time.monotonic() + 60
    while _alive(server.pid):
        assert time.monotonic() < deadline, "still running a minute after its idle time"
        time.sleep(0.5)
    assert local_prefect.running(local_prefect.folder_of(root / ".socle")) is None
    assert not (local_prefect.folder_of(root / ".socle") / "server.json").exists()
