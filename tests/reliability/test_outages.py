"""Outages of the servers a run needs, for real: MLflow down at start and killed mid-run, the S3 endpoint killed
during a model upload and during a data push.

Each outage must end in a failure that names the server, within a bounded time (our retry settings, tuned down
through the environment), and leave no model version behind; once the server is back, the next run or push
succeeds. One workspace, one moto, one S3 endpoint and one `mlflow server` (SQLite, artifacts in S3) for the module.
Every `socle` here is the real command in its own process; the faults are real kills of real servers.
"""

from __future__ import annotations

import os
import subprocess
import logging
import sys
import threading
import time
import urllib.parse
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from flows.steps import tracking, versioning
from tests.reliability import outage_kit as kit
from flows.steps.record import Tag

PROJECT = "dgs_signalements"
ROWS = 600
BUCKET = "outages"
FAST = {
    # MLflow: 1 + 2 attempts, waits of 0 then 2 s (backoff factor 1, no jitter): 2 s before a request gives up.
    "MLFLOW_HTTP_REQUEST_MAX_RETRIES": "2",
    "MLFLOW_HTTP_REQUEST_BACKOFF_FACTOR": "1",
    "MLFLOW_HTTP_REQUEST_BACKOFF_JITTER": "0",
    "MLFLOW_HTTP_REQUEST_TIMEOUT": "10",
    # Prefect's I/O tasks, DVC push and pull: one retry after half a second.
    "SOCLE_IO_RETRIES": "1",
    "SOCLE_IO_RETRY_DELAYS": "[0.5]",
    # boto, under DVC: one attempt per request (s3fs still retries five times over about two seconds).
    "AWS_MAX_ATTEMPTS": "1",
    "COLUMNS": "250",  # the CLI's console: one error per line
}
SURFACED: dict[str, float] = {}
STARTED: list[subprocess.Popen] = []
"""Seconds from each fault to the failure that reports it (printed at the end of the module)."""


def client_env(root: Path, **more: str) -> dict[str, str]:
    """What a `socle` process gets: the workspace, the fast retry settings, this checkout's code first."""
    return {
        **os.environ, **kit.QUIET, **kit.KEYS, **FAST, **more,
        "SOCLE_ROOT": str(root),
        "PATH": f"{kit.BIN}{os.pathsep}{os.environ['PATH']}",
        "PYTHONPATH": os.pathsep.join(filter(None, [str(Path(__file__).resolve().parents[2]), os.environ.get("PYTHONPATH")])),
    }


def socle(root: Path, env: dict[str, str], *args: str) -> subprocess.Popen:
    """The real command in its own process; what it prints goes to a file that tests can read as it runs."""
    output = root.parent / f"socle-{time.monotonic_ns()}.log"
    process = subprocess.Popen(
        [sys.executable, "-m", "flows.cli", *args], cwd=root, env=env, stdout=output.open("w"), stderr=subprocess.STDOUT
    )
    process.output = output
    STARTED.append(process)
    return process


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return kit.workspace(tmp_path_factory.mktemp("outages") / "workspace", {PROJECT: ROWS})


class Servers:
    """moto, the S3 endpoint in front of it, and an `mlflow server` storing its artifacts through that endpoint."""

    def __init__(self, root: Path, prefect_url: str) -> None:
        self.folder, self.root = root.parent, root
        self.moto = kit.moto(self.folder)
        self.endpoint = kit.relay(self.folder, self.moto.port)
        self.mlflow = kit.mlflow_server(self.folder, self.folder / "mlflow.db", self.endpoint.url, BUCKET)
        self.env = client_env(root, MLFLOW_TRACKING_URI=self.mlflow.url, PREFECT_API_URL=prefect_url)

    def start(self) -> None:
        self.moto.start()
        kit.s3(self.moto.url).create_bucket(Bucket=BUCKET)
        kit.relay_started(self.endpoint)
        self.mlflow.start(timeout=600)  # a loaded 2-core machine takes a minute to start it
        kit.use_s3_remote(self.root, self.endpoint.url, BUCKET)

    def socle(self, *args: str, **env: str) -> subprocess.Popen:
        return socle(self.root, {**self.env, **env}, *args)

    def stop(self) -> None:
        for server in (self.mlflow, self.endpoint, self.moto):
            server.kill()


@pytest.fixture(scope="module")
def servers(workspace: Path, prefect_api: None) -> Iterator[Servers]:
    from prefect.settings import PREFECT_API_URL

    running = Servers(workspace, PREFECT_API_URL.value())
    try:
        running.start()
        yield running
    finally:
        running.stop()


@pytest.fixture(scope="module", autouse=True)
def report() -> Iterator[None]:
    yield
    for process in STARTED:  # a failed test must not leave a run going on beside the next one
        if process.poll() is None:
            process.kill()
    print("\nfaults and the seconds each took to surface:", {k: round(v, 1) for k, v in SURFACED.items()})


def here(servers: Servers, monkeypatch: pytest.MonkeyPatch) -> None:
    """This process as a client of the servers, with the fast retry settings (read at each call)."""
    for variable in ("SOCLE_ROOT", "MLFLOW_TRACKING_URI", *FAST, *kit.KEYS):
        monkeypatch.setenv(variable, servers.env[variable])


def printed(process: subprocess.Popen) -> str:
    """What the command has printed so far, its lines joined (the console wraps long messages)."""
    return " ".join(process.output.read_text(errors="replace").split())


def finished(process: subprocess.Popen, timeout: float = 300) -> tuple[int, str]:
    process.wait(timeout)
    return process.returncode, printed(process)


class Background(threading.Thread):
    """A call in a thread of this process, watched like a command: cheaper than starting Python again when the
    settings it needs are read at call time."""

    def __init__(self, call: Callable[[], object]) -> None:
        super().__init__(daemon=True)
        self.call, self.result, self.done = call, None, False
        self.start()

    def run(self) -> None:
        try:
            self.result = self.call()
        except BaseException as error:  # the failure is what the test looks at
            self.result = error
        finally:
            self.done = True

    def poll(self) -> int | None:
        return 0 if self.done else None

    def finish(self, timeout: float = 300) -> object:
        self.join(timeout)
        assert self.done, "the call did not end"
        return self.result


def wait_for(found: Callable[[], object], work: subprocess.Popen | Background, timeout: float = 600) -> object:
    """Poll until `found` returns something, while the work goes on (a command is killed if the point never comes)."""
    deadline = time.monotonic() + timeout
    while not (value := found()):
        if work.poll() is not None:
            said = printed(work) if isinstance(work, subprocess.Popen) else repr(work.result)
            raise AssertionError(f"the work ended before the fault could be injected: {said[-3000:]}")
        if time.monotonic() > deadline:
            if isinstance(work, subprocess.Popen):
                work.kill()
            raise AssertionError("timed out waiting for the point where the fault goes in")
        time.sleep(0.2)
    return value


def running_run(url: str, since: float) -> tuple[str, str] | None:
    """(experiment id, run id) of a RUNNING run of the project started after `since` (a killed run stays RUNNING)."""
    query = f"attributes.status = 'RUNNING' and attributes.start_time > {int(since * 1000)}"
    try:
        experiment = kit.rest(url, f"experiments/get-by-name?experiment_name={PROJECT}")["experiment"]["experiment_id"]
        runs = kit.rest(url, "runs/search", {"experiment_ids": [experiment], "filter": query})
    except OSError:
        return None
    found = runs.get("runs") or []
    return (experiment, found[0]["info"]["run_id"]) if found else None


def registered(url: str) -> list[dict]:
    found = kit.rest(url, f"model-versions/search?filter={urllib.parse.quote(f'name={PROJECT!r}')}")
    return sorted(found.get("model_versions", []), key=lambda version: int(version["version"]))


def champion(url: str) -> str | None:
    try:
        return kit.rest(url, f"registered-models/alias?name={PROJECT}&alias=champion")["model_version"]["version"]
    except OSError:
        return None


def missing_artifacts(servers: Servers) -> list[str]:
    """Registered versions whose model (its MLmodel file) is not in S3."""
    s3 = kit.s3(servers.moto.url)
    missing = []
    for version in registered(servers.mlflow.url):
        model_id = version["source"].removeprefix("models:/")
        location = kit.rest(servers.mlflow.url, f"logged-models/{model_id}")["model"]["info"]["artifact_uri"]
        key = f"mlflow/{location.removeprefix('mlflow-artifacts:/').strip('/')}/MLmodel"
        if not kit.keys_under(s3, BUCKET, key):
            missing.append(f"v{version['version']}: {key}")
    return missing


def test_mlflow_down_at_start_fails_in_seconds_naming_the_server(workspace: Path) -> None:
    dead = f"http://127.0.0.1:{kit.free_port()}"
    started = time.monotonic()
    code, said = finished(socle(workspace, client_env(workspace, MLFLOW_TRACKING_URI=dead), "run", PROJECT))
    SURFACED["mlflow down at start"] = took = time.monotonic() - started
    assert code == 1, said
    assert f"MLflow server {dead} does not answer: connection refused after 1 + 2 attempts" in said, said
    assert "Traceback" not in said
    assert 2 <= took < 60, f"MLflow's backoff waits 2 s here, and the run must not hang: {took:.1f} s"


def test_mlflow_killed_mid_run_fails_and_the_next_run_succeeds(servers: Servers, monkeypatch: pytest.MonkeyPatch) -> None:
    """The run goes on in this process (its first MLflow call after the kill is in a step without task retries)."""
    from flows.orchestration import pipeline

    here(servers, monkeypatch)
    before, since = registered(servers.mlflow.url), time.time()
    run = Background(lambda: pipeline.run([PROJECT], force=True))
    experiment, run_id = wait_for(lambda: running_run(servers.mlflow.url, since), run)
    servers.mlflow.kill()
    killed = time.monotonic()
    ((_, error),) = run.finish()
    SURFACED["mlflow killed mid-run"] = time.monotonic() - killed
    assert isinstance(error, tracking.TrackingUnavailable), error
    assert f"MLflow server {servers.mlflow.url} does not answer: connection refused after 1 + 2 attempts" in str(error)

    servers.mlflow.start(timeout=600)  # same port, same database
    assert registered(servers.mlflow.url) == before, "a run cut off from MLflow registered a model version"
    left = kit.rest(servers.mlflow.url, f"runs/get?run_id={run_id}")["run"]["info"]["status"]
    assert left == "RUNNING"  # its process could not tell the dead server: the next start's sweep marks it FAILED

    ((_, outcome),) = pipeline.run([PROJECT])
    assert not isinstance(outcome, BaseException), outcome
    assert len(registered(servers.mlflow.url)) == len(before) + 1
    assert missing_artifacts(servers) == []


def test_s3_down_during_model_upload_registers_no_version(servers: Servers) -> None:
    before, crowned = registered(servers.mlflow.url), champion(servers.mlflow.url)
    s3 = kit.s3(servers.moto.url)
    since = time.time()
    run = servers.socle("run", PROJECT, "--force", MLFLOW_HTTP_REQUEST_MAX_RETRIES="1")  # each upload tried twice
    experiment, run_id = wait_for(lambda: running_run(servers.mlflow.url, since), run)
    # decision.json is the run's last artifact before the model: once it is stored, the model upload comes next.
    wait_for(lambda: kit.keys_under(s3, BUCKET, f"mlflow/{experiment}/{run_id}/artifacts/decision.json"), run)
    servers.endpoint.kill()
    killed = time.monotonic()
    code, said = finished(run)
    SURFACED["s3 down during model upload"] = time.monotonic() - killed
    kit.relay_started(servers.endpoint)
    assert code == 1, said
    assert f"the model of run {run_id} was not stored at mlflow-artifacts:/" in said, said

    assert registered(servers.mlflow.url) == before, "a version was registered for a model that never reached S3"
    assert champion(servers.mlflow.url) == crowned
    assert missing_artifacts(servers) == []
    info = kit.rest(servers.mlflow.url, f"runs/get?run_id={run_id}")["run"]
    assert info["info"]["status"] == "FAILED"
    tags = {tag["key"]: tag["value"] for tag in info["data"]["tags"]}
    assert tags[Tag.DECISION] == "failed"
    logged = kit.rest(servers.mlflow.url, "logged-models/search", {"experiment_ids": [experiment]}).get("models", [])
    statuses = {model["info"]["status"] for model in logged if model["info"].get("source_run_id") == run_id}
    assert statuses and not any("READY" in status for status in statuses), statuses


def test_s3_down_during_data_push_fails_naming_the_remote_and_a_retry_outlasts_a_short_outage(
    servers: Servers, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`socle data push`'s function, in this process; the endpoint is a slow link here (20 kB/s), so that it can be
    cut while the data file is on its way."""
    here(servers, monkeypatch)
    said: list[str] = []
    handler = logging.Handler()
    handler.emit = lambda record: said.append(record.getMessage())
    logging.getLogger(versioning.__name__).addHandler(handler)
    s3 = kit.s3(servers.moto.url)
    slow = kit.relay_started(kit.relay(servers.folder, servers.moto.port, rate=20_000))
    kit.use_s3_remote(servers.root, slow.url, BUCKET)
    md5 = versioning.locked_md5(servers.root, PROJECT)
    key = f"dvc/files/md5/{md5[:2]}/{md5[2:]}"
    try:
        push = Background(lambda: versioning.push(servers.root, PROJECT))
        wait_for(lambda: kit.uploaded(slow) > 8_000, push)
        slow.kill()
        killed = time.monotonic()
        error = push.finish()
        SURFACED["s3 down during data push"] = time.monotonic() - killed
        assert isinstance(error, versioning.RemoteUnavailable), error
        assert f"DVC remote 's3' (s3://{BUCKET}/dvc at {slow.url}): push of" in str(error), error
        assert "failed after 2 attempt(s)" in str(error) and "retrying in 0.5 s" in said[-1], (error, said)
        assert not kit.keys_under(s3, BUCKET, key), "a cut upload left an object under the data version's name"

        # Down when the push starts, back before its retry: the same push succeeds.
        monkeypatch.setenv("SOCLE_IO_RETRY_DELAYS", "[2]")
        said.clear()
        push = Background(lambda: versioning.push(servers.root, PROJECT))
        wait_for(lambda: said and "retrying in 2.0 s" in said[-1], push, timeout=120)
        kit.relay_started(slow)
        assert push.finish() == 1, push.result
        assert kit.md5_in_s3(s3, BUCKET, key) == md5
    finally:
        logging.getLogger(versioning.__name__).removeHandler(handler)
        slow.kill()
        kit.use_s3_remote(servers.root, servers.endpoint.url, BUCKET)


def test_a_registry_that_does_not_answer_is_not_taken_for_no_champion(monkeypatch: pytest.MonkeyPatch) -> None:
    """Read as "no champion yet", an outage during evaluation would let the gate promote without a comparison.
    (A missing model or alias still reads as None: every first run of the suite goes through it.)"""
    from mlflow import MlflowClient
    from mlflow.exceptions import MlflowException

    from flows.steps import tracking

    monkeypatch.setenv("MLFLOW_HTTP_REQUEST_MAX_RETRIES", "0")
    with pytest.raises(MlflowException, match="Connection refused|Max retries"):
        tracking.champion(MlflowClient(f"http://127.0.0.1:{kit.free_port()}"), PROJECT, "champion")
