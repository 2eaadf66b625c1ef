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
import sys
import time
import urllib.parse
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from flows.steps import versioning
from tests.reliability import outage_kit as kit

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
    return process


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return kit.workspace(tmp_path_factory.mktemp("outages") / "workspace", {PROJECT: ROWS})


class Servers:
    """moto, the S3 endpoint in front of it, and an `mlflow server` storing its artifacts through that endpoint."""

    def __init__(self, root: Path, prefect_url: str) -> None:
        self.folder, self.root = root.parent, root
        self.moto = kit.moto(self.folder)
        self.endpoint = kit.relay(self.folder, self.moto_port)
        self.mlflow = kit.mlflow_server(self.folder, self.folder / "mlflow.db", self.endpoint_url, BUCKET)
        self.env = client_env(root, MLFLOW_TRACKING_URI=self.mlflow.url, PREFECT_API_URL=prefect_url)

    def start(self) -> None:
        self.moto.start()
        kit.s3(self.moto_url).create_bucket(Bucket=BUCKET)
        kit.relay_started(self.endpoint)
        self.mlflow.start(timeout=600)  # a loaded 2-core machine takes a minute to start it
        kit.use_s3_remote(self.root, self.endpoint_url, BUCKET)

    @property
    def moto_port(self) -> int:
        return int(self.moto.health.split(":")[2].split("/")[0])

    @property
    def moto_url(self) -> str:
        return f"http://127.0.0.1:{self.moto_port}"

    @property
    def endpoint_url(self) -> str:
        return f"http://127.0.0.1:{self.endpoint.port}"

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
    print("\nfaults and the seconds each took to surface:", {k: round(v, 1) for k, v in SURFACED.items()})


def run_here(servers: Servers, monkeypatch: pytest.MonkeyPatch) -> list:
    """A run that must succeed, in this process (no second start of Python, Prefect's client and scikit-learn)."""
    from flows import pipeline

    for variable in ("SOCLE_ROOT", "MLFLOW_TRACKING_URI", *FAST):
        monkeypatch.setenv(variable, servers.env[variable])
    return pipeline.run([PROJECT])


def printed(process: subprocess.Popen) -> str:
    """What the command has printed so far, its lines joined (the console wraps long messages)."""
    return " ".join(process.output.read_text(errors="replace").split())


def finished(process: subprocess.Popen, timeout: float = 300) -> tuple[int, str]:
    process.wait(timeout)
    return process.returncode, printed(process)


def wait_for(found: Callable[[], object], process: subprocess.Popen, timeout: float = 300) -> object:
    """Poll until `found` returns something, while the command runs."""
    deadline = time.monotonic() + timeout
    while not (value := found()):
        if process.poll() is not None:
            raise AssertionError(f"the command ended before the fault could be injected: {finished(process)}")
        assert time.monotonic() < deadline, "timed out waiting to inject the fault"
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
    s3 = kit.s3(servers.moto_url)
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
    before, since = registered(servers.mlflow.url), time.time()
    run = servers.socle("run", PROJECT, "--force")
    experiment, run_id = wait_for(lambda: running_run(servers.mlflow.url, since), run)
    servers.mlflow.kill()
    killed = time.monotonic()
    code, said = finished(run)
    SURFACED["mlflow killed mid-run"] = time.monotonic() - killed
    assert code == 1, said
    assert f"MLflow server {servers.mlflow.url} does not answer" in said, said

    servers.mlflow.start(timeout=600)  # same port, same database
    assert registered(servers.mlflow.url) == before, "a run cut off from MLflow registered a model version"
    left = kit.rest(servers.mlflow.url, f"runs/get?run_id={run_id}")["run"]["info"]["status"]
    assert left == "RUNNING"  # its process could not tell the dead server: the next start's sweep marks it FAILED

    ((_, outcome),) = run_here(servers, monkeypatch)
    assert not isinstance(outcome, BaseException), outcome
    assert len(registered(servers.mlflow.url)) == len(before) + 1
    assert missing_artifacts(servers) == []


def test_s3_down_during_model_upload_registers_no_version(servers: Servers) -> None:
    before, crowned = registered(servers.mlflow.url), champion(servers.mlflow.url)
    s3 = kit.s3(servers.moto_url)
    since = time.time()
    run = servers.socle("run", PROJECT, "--force")
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
    assert tags["socle.decision"] == "failed"
    logged = kit.rest(servers.mlflow.url, "logged-models/search", {"experiment_ids": [experiment]}).get("models", [])
    statuses = {model["info"]["status"] for model in logged if model["info"].get("source_run_id") == run_id}
    assert statuses and not any("READY" in status for status in statuses), statuses


def test_s3_down_during_data_push_fails_naming_the_remote_and_a_retry_outlasts_a_short_outage(
    servers: Servers,
) -> None:
    """The endpoint is a slow link here (20 kB/s), so that it can be cut while the data file is on its way."""
    s3 = kit.s3(servers.moto_url)
    slow = kit.relay_started(kit.relay(servers.folder, servers.moto_port, rate=20_000))
    kit.use_s3_remote(servers.root, f"http://127.0.0.1:{slow.port}", BUCKET)
    md5 = versioning.locked_md5(servers.root, PROJECT)
    key = f"dvc/files/md5/{md5[:2]}/{md5[2:]}"
    try:
        push = servers.socle("data", "push", PROJECT)
        wait_for(lambda: kit.uploaded(slow) > 8_000, push)
        slow.kill()
        killed = time.monotonic()
        code, said = finished(push)
        SURFACED["s3 down during data push"] = time.monotonic() - killed
        assert code == 1, said
        assert f"DVC remote 's3' (s3://{BUCKET}/dvc at http://127.0.0.1:{slow.port}): push of" in said, said
        assert "failed after 2 attempt(s)" in said and "retrying in 0.5 s" in said, said
        assert not kit.keys_under(s3, BUCKET, key), "a cut upload left an object under the data version's name"

        # Down when the push starts, back before its retry: the same command succeeds.
        push = servers.socle("data", "push", PROJECT, SOCLE_IO_RETRY_DELAYS="[2]")
        wait_for(lambda: "retrying in 2.0 s" in printed(push), push, timeout=120)
        kit.relay_started(slow)
        code, said = finished(push)
        assert code == 0, said
        assert f"{PROJECT}: 1 file(s) pushed" in said, said
        assert kit.md5_in_s3(s3, BUCKET, key) == md5
    finally:
        slow.kill()
        kit.use_s3_remote(servers.root, servers.endpoint_url, BUCKET)


def test_a_registry_that_does_not_answer_is_not_taken_for_no_champion(monkeypatch: pytest.MonkeyPatch) -> None:
    """Read as "no champion yet", an outage during evaluation would let the gate promote without a comparison.
    (A missing model or alias still reads as None: every first run of the suite goes through it.)"""
    from mlflow import MlflowClient
    from mlflow.exceptions import MlflowException

    from flows.steps import tracking

    monkeypatch.setenv("MLFLOW_HTTP_REQUEST_MAX_RETRIES", "0")
    with pytest.raises(MlflowException, match="Connection refused|Max retries"):
        tracking.champion(MlflowClient(f"http://127.0.0.1:{kit.free_port()}"), PROJECT, "champion")
