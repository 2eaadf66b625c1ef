"""DVC under faults, for real: a push killed half-way and resumed, then pulled into a fresh clone; a damaged object
in the DVC cache, which DVC itself checks out and pushes as if it were sound.

One workspace for the module (four projects, its default remote a local folder); the push goes to a real moto
server through a slow S3 endpoint, so that the kill lands between files.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from flows.steps import versioning
from tests.reliability import outage_kit as kit

ROWS = {"dgs_signalements": 1500, "crmana_implantation": 400, "ofb_controles": 400, "irsn_siseri": 400}
"""dgs_signalements at 1,500 rows: below, its held-out reports are too few for the model to beat the status quo
(the grade looked up from CONSEQUENCE), and the run this module repairs would rightly crown nothing."""
PROJECT = "dgs_signalements"
BUCKET = "dvc-faults"


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from dvc.repo import Repo

    root = kit.workspace(tmp_path_factory.mktemp("dvc-faults") / "workspace", ROWS)
    with Repo(str(root)) as repo:
        with repo.config.edit() as config:
            config["core"]["remote"] = "local"
            config["remote"]["local"] = {"url": str(root.parent / "remote")}
    for name in ROWS:
        versioning.push(root, name)
    return root


@pytest.fixture(scope="module")
def s3(workspace: Path) -> Iterator[kit.Server]:
    moto = kit.moto(workspace.parent).start()
    try:
        yield moto
    finally:
        moto.kill()


def socle(root: Path, *args: str) -> subprocess.Popen:
    """The real command in its own process (and process group, to be killed as a whole)."""
    env = {
        **os.environ, **kit.QUIET, **kit.KEYS, "AWS_MAX_ATTEMPTS": "1", "SOCLE_ROOT": str(root),
        "PYTHONPATH": os.pathsep.join(filter(None, [str(Path(__file__).resolve().parents[2]), os.environ.get("PYTHONPATH")])),
    }
    return subprocess.Popen(
        [sys.executable, "-m", "flows.cli", *args], cwd=root, env=env, stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT, text=True, start_new_session=True,
    )


def test_a_push_killed_half_way_resumes_and_a_fresh_clone_pulls_the_recorded_bytes(workspace: Path, s3: kit.Server) -> None:
    moto = kit.s3(s3.url)
    moto.create_bucket(Bucket=BUCKET)
    slow = kit.relay_started(kit.relay(workspace.parent, s3.port, rate=20_000))
    relays = [slow]
    kit.use_s3_remote(workspace, slow.url, BUCKET)
    stored = lambda: kit.keys_under(moto, BUCKET, "dvc/files/md5/")  # noqa: E731
    try:
        push = socle(workspace, "data", "push", "--all")
        deadline = time.monotonic() + 600
        while not stored():  # the first project's file has landed; the next one is on its way
            assert push.poll() is None, push.stdout.read()
            assert time.monotonic() < deadline
            time.sleep(0.1)
        os.killpg(push.pid, signal.SIGKILL)
        push.wait(30)
        assert 1 <= len(stored()) < len(ROWS), f"not half-way: {stored()}"
        sent_before = len(stored())

        slow.kill()
        relays.append(kit.relay_started(kit.relay(workspace.parent, s3.port, port=slow.port)))  # at full speed now
        said = in_process(workspace, "data", "push", "--all")
        assert said.count(": 0 file(s) pushed") == sent_before, said  # what landed before the kill is not sent again
        assert said.count(": 1 file(s) pushed") == len(ROWS) - sent_before, said
        assert len(stored()) == len(ROWS)

        clone = workspace.parent / "clone"
        subprocess.run(["git", "clone", "-q", str(workspace), str(clone)], check=True, capture_output=True)
        kit.use_s3_remote(clone, slow.url, BUCKET)
        in_process(clone, "data", "pull", "--all")
        for name in ROWS:
            recorded = versioning.locked_md5(clone, name)
            assert versioning.md5_of(clone / versioning.relative_data_path(name)) == recorded, name
            assert recorded == versioning.locked_md5(workspace, name)
    finally:
        (workspace / ".dvc" / "config.local").unlink(missing_ok=True)
        for relay in relays:
            relay.kill()


def in_process(root: Path, *args: str) -> str:
    """The real `socle` command, run in this process (DVC is already imported here: seconds saved per call)."""
    from typer.testing import CliRunner

    from flows import cli

    settings = {**kit.KEYS, "AWS_MAX_ATTEMPTS": "1", "SOCLE_ROOT": str(root), "COLUMNS": "250"}
    result = CliRunner().invoke(cli.app, list(args), env=settings)
    assert result.exit_code == 0, f"{result.output}\n{result.exception!r}"
    return " ".join(result.output.split())


def test_a_damaged_cache_object_stops_the_run_before_training_and_is_never_pulled_or_pushed(
    workspace: Path, prefect_api: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mlflow import MlflowClient

    from flows.orchestration import pipeline

    store = f"sqlite:///{workspace / 'mlflow' / 'mlflow.db'}"
    monkeypatch.setenv("SOCLE_ROOT", str(workspace))
    monkeypatch.setenv("MLFLOW_TRACKING_URI", store)
    (workspace / "mlflow").mkdir(exist_ok=True)
    ((_, first),) = pipeline.run([PROJECT])
    assert first.decision == "promoted", first
    client = MlflowClient(store)
    experiment = client.get_experiment_by_name(PROJECT).experiment_id
    runs_before = len(client.search_runs([experiment]))

    md5 = versioning.locked_md5(workspace, PROJECT)
    cached, data = versioning.cache_path(workspace, md5), workspace / versioning.relative_data_path(PROJECT)
    # Bit rot: bytes change, the read-only mode DVC gave the object stays (DVC then trusts it without hashing).
    cached.chmod(0o644)
    with cached.open("r+b") as handle:
        handle.seek(cached.stat().st_size // 2)
        handle.write(b"\x00damaged\x00")
    cached.chmod(0o444)
    damaged = versioning.md5_of(cached)
    data.unlink()  # the run must restore the data from the cache

    ((_, error),) = pipeline.run([PROJECT], force=True)
    assert isinstance(error, versioning.CacheCorrupted), error
    for part in (str(cached), versioning.relative_data_path(PROJECT), f"md5 {damaged}", f"expected {md5}"):
        assert part in str(error), str(error)
    assert not data.exists() and not data.with_suffix(".partial").exists(), "damaged bytes reached the workspace"
    assert len(client.search_runs([experiment])) == runs_before, "a run started on damaged data"
    assert [str(v.version) for v in client.search_model_versions(f"name='{PROJECT}'")] == ["1"]
    assert str(client.get_model_version_by_alias(PROJECT, "champion").version) == "1"

    # DVC itself checks the damaged object out: our pull removes it and names it.
    with pytest.raises(versioning.CacheCorrupted, match=f"md5 {damaged}"):
        versioning.pull(workspace, PROJECT)
    assert not data.exists()
    # ... and would push it under the recorded md5 to a remote that lacks it: our push refuses.
    remote_copy = workspace.parent / "remote" / "files" / "md5" / md5[:2] / md5[2:]
    aside = remote_copy.rename(remote_copy.with_name("aside"))
    with pytest.raises(versioning.CacheCorrupted, match=f"expected {md5}"):
        versioning.push(workspace, PROJECT)
    assert not remote_copy.exists(), "damaged bytes were pushed under the recorded md5"
    aside.rename(remote_copy)

    # What the message says to do: delete the object, pull the recorded version again.
    cached.unlink()
    versioning.pull(workspace, PROJECT)
    assert versioning.md5_of(data) == md5


def test_resolve_refuses_a_damaged_cache_object_without_leaving_a_partial_file(tmp_path: Path) -> None:
    """The logic alone, on a hand-made dvc.lock and cache: no DVC, no server."""
    md5 = versioning.md5_of(_write(tmp_path / "sound", b"recorded bytes"))
    (tmp_path / "dvc.lock").write_text(
        f"schema: '2.0'\nstages:\n  ingest@demo:\n    outs:\n    - path: data/demo/dataset.parquet\n      md5: {md5}\n"
    )
    cached = _write(versioning.cache_path(tmp_path, md5), b"recorded bytez")
    data = tmp_path / versioning.relative_data_path("demo")
    with pytest.raises(versioning.CacheCorrupted) as caught:
        versioning.resolve(tmp_path, "demo")
    assert f"{cached}: the DVC cache object of data/demo/dataset.parquet is corrupted" in str(caught.value)
    assert f"md5 {versioning.md5_of(cached)}, expected {md5}" in str(caught.value)
    assert list(data.parent.iterdir()) == []
    with pytest.raises(versioning.CacheCorrupted):
        versioning.check_cache(tmp_path, "demo")
    cached.write_bytes(b"recorded bytes")
    assert versioning.resolve(tmp_path, "demo").source == "cache"
    assert data.read_bytes() == b"recorded bytes"


def _write(path: Path, content: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    return path
