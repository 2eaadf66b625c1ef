"""Crashes: `socle run` killed (SIGKILL) during fit and between register and promote, and stopped (SIGTERM) during
fit, as real subprocesses reporting to a real Prefect API and a SQLite MLflow store in a DVC workspace.

A SIGKILLed process can repair nothing, so the next start of the project's flow does (flows/steps/recovery.py). One
scenario: an in-process run crowns v1 while three `socle run --force` start; they take the project's lock one after
the other (flows/orchestration/locks.py), each is stopped at its moment and each start closes what the stop before it left; a last
in-process run must succeed.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from mlflow import MlflowClient

from flows.steps import recovery, tracking
from tests.conftest import REPO
from flows.steps.record import Tag

pytestmark = pytest.mark.integration
PROJECT = "dgs_signalements"
SLOW_FIT = ["--set", "model.C=1000", "--set", "model.max_iter=20000", "--set", "model.ngram_max=3", "--set", "model.min_df=1"]
"""An unregularised fit over word trigrams: seconds instead of a tenth, long enough to be caught in the act."""
LOOSE = ["promotion.max_champion_loss=0.2"]
"""The last run trains on the same data again: a tie with the champion, which the gate keeps unless it is allowed
to lose a little."""
PATIENCE = 600.0
"""Seconds a stage may take: a subprocess imports the whole stack, and this 2-core machine is shared."""


@dataclass
class Stop:
    """A `socle run` stopped on purpose, and what it had done when it died."""

    how: str
    pid: int
    returncode: int
    run_id: str
    flow_run_id: str
    tasks: dict[str, str]
    versions: list[str]
    status: str = ""
    flow_state: str = ""


@dataclass
class Scenario:
    client: MlflowClient
    first: Any
    stops: dict[str, Stop] = field(default_factory=dict)
    order: list[str] = field(default_factory=list)
    champion_after_stops: str = ""
    last: Any = None


def _wait(what: str, probe: Callable[[], Any], process: subprocess.Popen | None = None, pause: float = 0.05) -> Any:
    """Poll until `probe` returns something; fail with the process's fate if it ends first."""
    deadline = time.monotonic() + PATIENCE
    while time.monotonic() < deadline:
        if (found := probe()) is not None:
            return found
        if process is not None and process.poll() is not None:
            raise AssertionError(f"socle run ended ({process.returncode}) before {what}")
        time.sleep(pause)
    raise AssertionError(f"no {what} after {PATIENCE:.0f} s")


def _prefect() -> Any:
    from prefect.client.orchestration import get_client

    return get_client(sync_client=True)


def _flow_run(flow_run_id: str) -> Any:
    with _prefect() as client:
        return client.read_flow_run(flow_run_id)


def _tasks(flow_run_id: str) -> dict[str, str]:
    """Task name (without Prefect's suffix) → state type of the flow run's task runs."""
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterId

    with _prefect() as client:
        found = client.read_task_runs(flow_run_filter=FlowRunFilter(id=FlowRunFilterId(any_=[flow_run_id])))
    return {run.name.rsplit("-", 1)[0]: run.state.type.value for run in found if run.state is not None}


def _experiment(client: MlflowClient) -> str:
    return client.get_experiment_by_name(PROJECT).experiment_id


def _versions(client: MlflowClient, run_id: str) -> list[str]:
    return [str(v.version) for v in client.search_model_versions(f"name = '{PROJECT}' and run_id = '{run_id}'")]


def _champion(client: MlflowClient) -> str:
    return str(client.get_model_version_by_alias(PROJECT, "champion").version)


@dataclass(frozen=True)
class Plan:
    """A stop to inject: which `socle run` arguments, which signal, at which moment."""

    how: str
    args: list[str]
    sig: int
    moment: str  # "fit": while fit runs; "registered": once the run's version exists


PLANS = {
    plan.how: plan
    for plan in [
        Plan("kill during fit", SLOW_FIT, signal.SIGKILL, "fit"),
        Plan("kill after register", [], signal.SIGKILL, "registered"),
        Plan("term during fit", SLOW_FIT, signal.SIGTERM, "fit"),
    ]
}


def _start(env: dict[str, str], log: Path, args: list[str]) -> subprocess.Popen:
    with log.open("w") as out:
        return subprocess.Popen(
            ["socle", "run", PROJECT, "--force", *args], cwd=env["SOCLE_ROOT"], env=env, stdout=out, stderr=subprocess.STDOUT
        )


def _next_holder(client: MlflowClient, pending: dict[str, subprocess.Popen]) -> tuple[str, Any]:
    """The pending process that took the project's lock (one at a time) and opened its run."""

    def probe() -> tuple[str, Any] | None:
        if all(process.poll() is not None for process in pending.values()):
            raise AssertionError(f"every pending socle run ended: {[p.returncode for p in pending.values()]}")
        pids = {str(process.pid): how for how, process in pending.items()}
        runs = client.search_runs([_experiment(client)], "attributes.status = 'RUNNING'")
        return next(((pids[pid], run) for run in runs if (pid := run.data.tags.get(recovery.PID)) in pids), None)

    return _wait("a run holding the lock", probe, pause=0.1)


def _at_moment(client: MlflowClient, plan: Plan, process: subprocess.Popen, run: Any) -> None:
    if plan.moment == "fit":
        flow_run_id = run.data.tags[recovery.FLOW_RUN]
        _wait("fit running", lambda: True if _tasks(flow_run_id).get("fit") == "RUNNING" else None, process)
    else:  # the window between register and promote is a few tenths of a second: poll the registry tightly
        _wait("a registered version", lambda: _versions(client, run.info.run_id) or None, process, pause=0.01)


def _stop(client: MlflowClient, plan: Plan, process: subprocess.Popen, run: Any) -> Stop:
    process.send_signal(plan.sig)
    returncode = process.wait(PATIENCE)
    run_id, flow_run_id = run.info.run_id, run.data.tags[recovery.FLOW_RUN]
    stop = Stop(plan.how, process.pid, returncode, run_id, flow_run_id, _tasks(flow_run_id), _versions(client, run_id))
    stop.status, stop.flow_state = client.get_run(run_id).info.status, _flow_run(flow_run_id).state.type.value
    return stop


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The module's SQLite MLflow store (its folder, its URI), its tables created once: that costs seconds."""
    folder = tmp_path_factory.mktemp("crash")
    uri = f"sqlite:///{folder / 'mlflow.db'}"
    tracking.connect(uri).search_experiments(max_results=1)
    return folder, uri


@pytest.fixture(scope="module")
def scenario(workspace: Path, prefect_api: None, store: tuple[Path, str]) -> Iterator[Scenario]:
    """The three `socle run` start together with the first, in-process run: they import the stack while it trains
    and crowns v1, then take the project's lock one after the other, in whatever order, each stopped at its moment;
    each start closes what the stop before it left. A last in-process run follows."""
    from prefect.settings import PREFECT_API_URL

    from flows.orchestration import pipeline

    folder, store = store
    env = {
        **os.environ,
        "SOCLE_ROOT": str(workspace),
        "MLFLOW_TRACKING_URI": store,
        "PREFECT_API_URL": str(PREFECT_API_URL.value()),
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])),
    }
    pending = {how: _start(env, folder / f"{how.replace(' ', '-')}.log", plan.args) for how, plan in PLANS.items()}
    started = list(pending.values())
    try:
        with pytest.MonkeyPatch.context() as patch:
            patch.setenv("SOCLE_ROOT", str(workspace))
            patch.setenv("MLFLOW_TRACKING_URI", store)
            client = tracking.connect(store)
            ((_, first),) = pipeline.run([PROJECT])  # takes the lock first: the subprocesses are still importing
            assert not isinstance(first, BaseException), first
            done = Scenario(client, first)
            while pending:
                how, run = _next_holder(client, pending)
                process = pending.pop(how)
                _at_moment(client, PLANS[how], process, run)
                done.stops[how] = _stop(client, PLANS[how], process, run)
                done.order.append(how)
            done.champion_after_stops = _champion(client)
            ((_, done.last),) = pipeline.run([PROJECT], LOOSE, force=True)
            yield done
    finally:
        for process in started:
            if process.poll() is None:
                process.kill()
                process.wait()


KILLS = ["kill during fit", "kill after register"]


def test_the_stops_landed_where_intended(scenario: Scenario) -> None:
    during_fit, after_register, term = (scenario.stops[how] for how in [*KILLS, "term during fit"])
    assert during_fit.tasks.get("fit") in ("RUNNING", "CRASHED") and "evaluate" not in during_fit.tasks
    assert after_register.versions, "a version was registered before the kill"
    assert "promote" not in after_register.tasks or after_register.tasks["promote"] != "COMPLETED"
    assert term.tasks.get("fit") == "CRASHED" and "evaluate" not in term.tasks


@pytest.mark.parametrize("how", KILLS)
def test_a_killed_run_is_closed_failed_and_crashed_by_the_next_start(scenario: Scenario, how: str) -> None:
    """The kill leaves the run RUNNING (nothing in a SIGKILLed process reacts); the next `socle run` of the project
    closes it: the reason it writes names the dead process and the one that closed it."""
    stop = scenario.stops[how]
    assert stop.returncode == -signal.SIGKILL
    run = scenario.client.get_run(stop.run_id)
    reason = run.data.tags[Tag.ERROR]
    assert run.info.status == "FAILED" and run.data.tags[Tag.DECISION] == "failed"
    assert reason.startswith(f"crashed: its process (pid {stop.pid} ")
    following = scenario.order.index(how) + 1
    closer = scenario.stops[scenario.order[following]].pid if following < len(scenario.order) else os.getpid()
    assert f"closed by pid {closer} " in reason
    flow_run = _flow_run(stop.flow_run_id)
    assert (flow_run.state.type.value, flow_run.state.message) == ("CRASHED", reason)
    assert "RUNNING" not in _tasks(stop.flow_run_id).values()


@pytest.mark.parametrize("how", [*KILLS, "term during fit"])
def test_a_stopped_run_leaves_no_version(scenario: Scenario, how: str) -> None:
    assert _versions(scenario.client, scenario.stops[how].run_id) == []


def test_the_champion_survives_every_stop(scenario: Scenario) -> None:
    assert scenario.champion_after_stops == str(scenario.first.version)


def test_sigterm_closes_its_own_run_failed_and_prefect_marks_it_crashed(scenario: Scenario) -> None:
    stop = scenario.stops["term during fit"]
    assert stop.returncode == -signal.SIGTERM, "Prefect re-raises the signal once the run is closed"
    assert (stop.status, stop.flow_state) == ("FAILED", "CRASHED"), "closed by the stopped process itself"
    assert scenario.client.get_run(stop.run_id).data.tags[Tag.ERROR] == "TerminationSignal: stopped by SIGTERM"


def test_the_next_run_succeeds_and_no_run_is_left_running(scenario: Scenario) -> None:
    last, client = scenario.last, scenario.client
    assert not isinstance(last, BaseException), last
    assert last.decision == "promoted" and client.get_run(last.run_id).info.status == "FINISHED"
    assert not client.search_runs([_experiment(client)], "attributes.status = 'RUNNING'")
    kept = sorted(str(v.version) for v in client.search_model_versions(f"name = '{PROJECT}'"))
    assert kept == sorted({str(scenario.first.version), last.version}), "only the versions of completed runs"


def test_a_live_run_is_never_swept_a_dead_one_always(store: tuple[Path, str]) -> None:
    """Owners checked for real: this process (alive), a process that ended, a PID reused by another process, another
    host, no owner. Only the dead and the reused are closed."""
    client = tracking.connect(store[1])
    experiment = tracking.experiment(client, "probe", None)
    ended = subprocess.Popen([sys.executable, "-c", "pass"])
    ended.wait()
    me = recovery.owner()
    owners = {
        "alive": me,
        "ended": me | {recovery.PID: str(ended.pid)},
        "reused": me | {recovery.STARTED: f"{float(me[recovery.STARTED]) - 100:.3f}"},
        "elsewhere": me | {recovery.HOST: "another-host", recovery.PID: str(ended.pid)},
        "unowned": {},
    }
    ids = {who: tracking.start(client, experiment, who, tags) for who, tags in owners.items()}
    repaired = recovery.sweep(client, "probe", "champion")
    assert sorted(item.run_id for item in repaired) == sorted([ids["ended"], ids["reused"]])
    status = {who: client.get_run(run_id).info.status for who, run_id in ids.items()}
    assert status == {"alive": "RUNNING", "ended": "FAILED", "reused": "FAILED", "elsewhere": "RUNNING", "unowned": "RUNNING"}


def test_an_unchanged_project_with_an_orphan_is_left_to_its_flow(
    scenario: Scenario, workspace: Path, store: tuple[Path, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`socle run` skips an unchanged project before starting Prefect, unless a killed run of it waits for repair:
    only the project's flow can mark the Prefect flow run Crashed."""
    from flows.orchestration import runs
    from flows.settings import Settings

    monkeypatch.setenv("SOCLE_ROOT", str(workspace))
    monkeypatch.setenv("MLFLOW_TRACKING_URI", store[1])
    client = scenario.client
    skipped, todo = runs.skip_unchanged([PROJECT], LOOSE, Settings())
    assert list(skipped) == [PROJECT] and todo == [], "unchanged since the last run's champion"
    ended = subprocess.Popen([sys.executable, "-c", "pass"])
    ended.wait()
    tags = recovery.owner() | {recovery.PID: str(ended.pid)}
    orphan = tracking.start(client, _experiment(client), "orphan", tags)
    try:
        skipped, todo = runs.skip_unchanged([PROJECT], LOOSE, Settings())
        assert (skipped, todo) == ({}, [PROJECT])
    finally:
        assert [item.run_id for item in recovery.sweep(client, PROJECT, "champion")] == [orphan]
