"""The production-like stack, for real: `socle up` on loopback (PostgreSQL where 127.0.0.1:5432 answers), deploy,
one project triggered through the worker, its run in MLflow with its artifacts in S3, DVC data through S3, 401s
without credentials, and `socle down` leaving no process behind.

One stack for the session (tests/server/stack_fixture.py), shared with the security and privacy tests; every server
is a real process started by the real `socle` command.
"""

from __future__ import annotations

import base64
import json
import os
import re
import shlex
import socket
import stat
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import psutil
import pytest
import yaml

from tests.server.stack_fixture import CLEARED, PROJECT, Stack, left_behind
from flows.steps.record import Tag

pytestmark = [pytest.mark.server, pytest.mark.timeout(1800)]


def _get(url: str, user: str | None = None, password: str | None = None, data: bytes | None = None) -> int:
    request = urllib.request.Request(url, data=data, headers={"Content-Type": "application/json"})
    if user is not None:
        token = base64.b64encode(f"{user}:{password}".encode()).decode()
        request.add_header("Authorization", f"Basic {token}")
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_status_reports_every_part_healthy(stack: Stack) -> None:
    done = stack.socle("status")
    for part in ("s3", "mlflow", "prefect", "worker"):
        line = next(line for line in done.stdout.splitlines() if f" {part} " in line)
        assert "healthy" in line, done.stdout
    if stack.on_postgres:
        import psycopg2

        settings = stack.settings()
        with psycopg2.connect(f"postgresql://postgres@127.0.0.1:5432/{settings.database_prefix}_prefect") as db:
            with db.cursor() as cursor:
                cursor.execute("SELECT count(*) FROM work_pool WHERE name = %s", (settings.work_pool,))
                assert cursor.fetchone()[0] == 1, "the Prefect server does not store in PostgreSQL"


def test_servers_refuse_requests_without_credentials(stack: Stack) -> None:
    settings = stack.settings()
    search = f"{settings.mlflow_url}/api/2.0/mlflow/experiments/search?max_results=1"
    assert _get(search) == 401
    assert _get(search, "admin", "password1234") == 401
    assert _get(search, settings.mlflow_username, settings.mlflow_password.get_secret_value()) == 200
    flows = f"{settings.prefect_url}/flows/filter"
    assert _get(flows, data=b"{}") == 401
    user, _, password = settings.prefect_auth_string.get_secret_value().partition(":")
    assert _get(flows, user, password, data=b"{}") == 200


REVIEWER = "relecteur"


@pytest.fixture(scope="module")
def triggered(stack: Stack) -> str:
    stack.socle("deploy")
    done = stack.socle("trigger", PROJECT, "--timeout", "1200")
    assert "Completed" in done.stdout, done.stdout
    assert re.search(rf"^{PROJECT}: \S.* — ", done.stdout, re.M), f"no outcome line of `socle run`:\n{done.stdout}"
    assert re.search(r"MLflow: http://127\.0\.0\.1:\d+/#/experiments/\d+/runs/[0-9a-f]{32}$", done.stdout, re.M), done.stdout
    assert re.search(r"Prefect: http://127\.0\.0\.1:\d+/runs/flow-run/[0-9a-f-]{36}$", done.stdout, re.M), done.stdout
    for secret in (stack.env["MLFLOW_TRACKING_PASSWORD"], stack.env["PREFECT_API_AUTH_STRING"]):
        assert secret not in done.stdout + done.stderr, "a link or a line carries a password"
    return done.stdout


def test_up_writes_the_profile_that_socle_and_the_prefect_cli_use(stack: Stack, triggered: str) -> None:
    written = Path(stack.env["SOCLE_STATE_DIR"]) / "profile.json"
    assert stat.S_IMODE(written.stat().st_mode) == 0o600, "the profile holds passwords"
    assert "MLFLOW_TRACKING_URI" not in stack.env, "only the profile can point `socle list` at the stack"
    listed = stack.socle("list", env=stack.env | {"COLUMNS": "200"})
    assert re.search(rf"{PROJECT}.*\bv1 \d\.\d{{4}}", listed.stdout), listed.stdout
    exported = dict(shlex.split(line)[1].split("=", 1) for line in stack.socle("env").stdout.splitlines())
    shell = {key: value for key, value in os.environ.items() if key not in CLEARED} | exported | {
        "PREFECT_HOME": str(stack.folder / "prefect-cli"), "COLUMNS": "250",
    }
    done = subprocess.run([str(Path(sys.executable).parent / "prefect"), "deployment", "ls"], cwd=stack.folder, env=shell, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0 and f"project/{PROJECT}" in done.stdout, done.stdout + done.stderr


def test_a_reviewer_reads_with_their_own_account_and_without_one_is_told_what_to_set(
    stack: Stack, triggered: str, tmp_path: Path
) -> None:
    settings = stack.settings()
    password = f"reviewer-{os.urandom(6).hex()}"
    body = json.dumps({"username": REVIEWER, "password": password}).encode()
    admin = (settings.mlflow_username, settings.mlflow_password.get_secret_value())
    assert _get(f"{settings.mlflow_url}/api/2.0/mlflow/users/create", *admin, data=body) == 200
    reviewer = stack.env | {"MLFLOW_TRACKING_USERNAME": REVIEWER, "MLFLOW_TRACKING_PASSWORD": password}
    compared = stack.socle("compare", PROJECT, env=reviewer)
    assert "★" in compared.stdout, compared.stdout
    bare = {key: value for key, value in stack.env.items()
            if key not in ("MLFLOW_TRACKING_USERNAME", "MLFLOW_TRACKING_PASSWORD", "PREFECT_API_AUTH_STRING")}
    bare["SOCLE_STATE_DIR"] = str(tmp_path / "reviewer")  # a reviewer's own workspace state, with a profile by hand
    stack.socle("profile", "set", "--mlflow", settings.mlflow_url, "--prefect", settings.prefect_url, env=bare)
    rows = tmp_path / "rows.csv"
    rows.write_text("unused\n1\n")  # the registry refuses before any row is read
    refused = stack.socle("explain", PROJECT, "--input", str(rows), check=False, env=bare)
    assert refused.returncode == 1, refused.stdout
    assert "MLFLOW_TRACKING_USERNAME" in refused.stderr and "Traceback" not in refused.stderr, refused.stderr


def test_deploy_writes_one_staggered_deployment_per_project(stack: Stack, triggered: str) -> None:
    from flows import params as params_file
    from flows.server import stack as stack_module

    listed = params_file.listed_projects(params_file.read(stack.workspace))
    from flows.server import deployments

    every = yaml.safe_load((stack.workspace / "prefect.yaml").read_text())["deployments"]
    written = [entry for entry in every if entry["entrypoint"] == deployments.ENTRYPOINT]
    assert sorted(entry["name"] for entry in written) == sorted(listed)
    scoring = [entry["name"] for entry in every if entry["entrypoint"] == deployments.SCORING_ENTRYPOINT]
    assert sorted(scoring) == sorted(listed), "one scoring deployment per project"
    assert len({entry["schedules"][0]["cron"] for entry in written}) == len(listed), "runs must not start together"
    with stack_module._prefect_client(stack.settings()) as client:
        deployed = {d.name: d for d in client.read_deployments()}
    assert set(deployed) == set(listed)
    limits = {name: d.global_concurrency_limit.limit if d.global_concurrency_limit else None for name, d in deployed.items()}
    assert set(limits.values()) == {1}, limits
    assert {d.concurrency_options.collision_strategy.value for d in deployed.values()} == {"ENQUEUE"}
    assert all(d.schedules and d.schedules[0].schedule.timezone == "Europe/Paris" for d in deployed.values())


def test_a_triggered_run_is_in_mlflow_with_its_artifacts_in_s3(
    stack: Stack, triggered: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mlflow import MlflowClient

    from flows.server import stack as stack_module

    settings = stack.settings()
    for variable, value in stack_module.client_env(settings).items():  # username and password: no S3 keys
        monkeypatch.setenv(variable, value)
    client = MlflowClient(settings.mlflow_url)
    experiment = client.get_experiment_by_name(PROJECT)
    (run,) = client.search_runs([experiment.experiment_id])
    assert run.info.status == "FINISHED"
    assert run.data.tags[Tag.PREFECT_FLOW_RUN], "the run was not made by a Prefect flow run"
    assert run.data.tags[Tag.USER] == settings.mlflow_username, "MLflow's \"Created by\" is the pipeline's account"
    listed = stack_module.s3_client(settings, settings.state_dir(stack.workspace)).list_objects_v2(Bucket=settings.s3_bucket, Prefix="mlflow/")
    keys = [item["Key"] for item in listed.get("Contents", [])]
    assert f"mlflow/{experiment.experiment_id}/{run.info.run_id}/artifacts/decision.json" in keys, keys
    assert any(key.endswith("/MLmodel") for key in keys), keys


def test_dvc_data_goes_to_s3_and_comes_back(stack: Stack) -> None:
    from flows.server import stack as stack_module
    from flows.steps import versioning

    settings = stack.settings()
    md5 = versioning.locked_md5(stack.workspace, PROJECT)
    stack.socle("data", "push", PROJECT)
    s3 = stack_module.s3_client(settings, settings.state_dir(stack.workspace))
    stored = s3.list_objects_v2(Bucket=settings.s3_bucket, Prefix=f"dvc/files/md5/{md5[:2]}/{md5[2:]}")
    assert stored.get("KeyCount") == 1, stored
    data_file = stack.workspace / versioning.relative_data_path(PROJECT)
    data_file.unlink()
    versioning.cache_path(stack.workspace, md5).unlink()
    stack.socle("data", "pull", PROJECT)
    assert versioning.md5_of(data_file) == md5


def _as_client(stack: Stack) -> dict[str, str]:
    from flows.server import stack as stack_module

    return stack.env | stack_module.client_env(stack.settings())


def _champion(stack: Stack):
    from flows.steps import tracking

    with stack.environment(), pytest.MonkeyPatch.context() as patch:
        for variable, value in _as_client(stack).items():
            patch.setenv(variable, value)
        client = tracking.connect(stack.settings().mlflow_url)
        return client, tracking.champion(client, PROJECT, "champion")


def test_the_champion_survives_down_and_up_and_a_lost_model_is_named_and_retrained(
    stack: Stack, triggered: str, tmp_path: Path
) -> None:
    import pandas as pd
    from mlflow import MlflowClient

    from flows.server import integrity
    from flows.server import stack as stack_module

    _, before = _champion(stack)
    assert before is not None, f"the triggered run crowned no champion:\n{triggered}"
    every = pd.read_parquet(stack.workspace / "data" / PROJECT / "dataset.parquet").drop(columns=["GRAVITE"])
    (tmp_path / "rows.json").write_text(every.head(3).to_json(orient="records", force_ascii=False))
    delivery = tmp_path / "tonight.parquet"
    every.sample(300, random_state=0).to_parquet(delivery)  # a night's delivery: its rates pass the suite's `mostly`

    stack.socle("down")
    stack.socle("up")
    _, after = _champion(stack)
    assert after.version == before.version
    explained = stack.socle("explain", PROJECT, "--input", str(tmp_path / "rows.json"), "--json", env=_as_client(stack))
    assert json.loads(explained.stdout)["version"] == str(before.version)
    stack.socle("score", PROJECT, "--input", str(delivery), env=_as_client(stack))
    assert "every champion's model files" in stack.socle("status").stdout

    settings = stack.settings()
    s3 = stack_module.s3_client(settings, settings.state_dir(stack.workspace))
    listed = s3.list_objects_v2(Bucket=settings.s3_bucket, Prefix="mlflow/")["Contents"]
    model_id = after.source.removeprefix("models:/")  # the champion's own: the session's earlier tests log others
    mlmodel = next(item["Key"] for item in listed if item["Key"].endswith(f"/models/{model_id}/artifacts/MLmodel"))
    s3.delete_object(Bucket=settings.s3_bucket, Key=mlmodel)  # as an operator's mistake, or a lost disk, would
    status = stack.socle("status", check=False)
    assert status.returncode == 1 and f"{PROJECT}: champion unusable" in status.stderr, status.stderr
    assert [gap.what for gap in integrity.gaps(settings, stack.workspace)] == ["champion"]
    listed = stack.socle("list", env=_as_client(stack) | {"COLUMNS": "200"})
    row = next(line for line in listed.stdout.splitlines() if PROJECT in line)
    assert "unusable" in row, listed.stdout
    again = stack.socle("run", PROJECT, env=_as_client(stack))
    assert "unchanged since champion" not in again.stdout, again.stdout
    with stack.environment(), pytest.MonkeyPatch.context() as patch:
        for variable, value in _as_client(stack).items():
            patch.setenv(variable, value)
        client = MlflowClient(stack.settings().mlflow_url)
        experiment = client.get_experiment_by_name(PROJECT)
        latest = client.search_runs([experiment.experiment_id], order_by=["attributes.start_time DESC"], max_results=1)[0]
    assert latest.data.tags[Tag.DECISION] != "skipped", latest.data.tags.get(Tag.DECISION_REASONS)


def _pids(stack: Stack) -> dict[str, int]:
    folder = Path(stack.env["SOCLE_STATE_DIR"]) / "run"
    return {path.stem: json.loads(path.read_text())["pid"] for path in folder.glob("*.json")}


def test_a_dead_part_is_reported_at_once_and_restarted_alone(stack: Stack) -> None:
    import time

    for name in ("worker", "mlflow"):
        before = _pids(stack)
        leader = psutil.Process(before[name])
        children = leader.children(recursive=True)
        leader.kill()
        leader.wait(30)
        began = time.monotonic()
        status = stack.socle("status", check=False)
        took = time.monotonic() - began
        line = next(line for line in status.stdout.splitlines() if f" {name} " in line)
        assert status.returncode == 1 and "died" in line, status.stdout
        assert took < 5, f"status took {took:.1f} s to report the death of {name}"
        if any(child.is_running() for child in children):
            assert "orphan" in line, line
        stack.socle("up", name)
        after = _pids(stack)
        assert after[name] != before[name]
        assert {other: pid for other, pid in after.items() if other != name} == {
            other: pid for other, pid in before.items() if other != name
        }, "the other parts must keep running as they were"
        assert not any(child.is_running() and child.status() != psutil.STATUS_ZOMBIE for child in children)
    assert stack.socle("status").returncode == 0


def test_a_reviewer_reads_and_changes_nothing_and_s3_wants_the_stack_keys(stack: Stack, triggered: str) -> None:
    import boto3
    from botocore import UNSIGNED
    from botocore.config import Config
    from botocore.exceptions import ClientError

    settings = stack.settings()
    admin = (settings.mlflow_username, settings.mlflow_password.get_secret_value())
    reviewer = ("reviewer", "a-reviewer-password-long-enough")
    api = f"{settings.mlflow_url}/api/2.0/mlflow"
    created = _get(f"{api}/users/create", *admin, data=json.dumps({"username": reviewer[0], "password": reviewer[1]}).encode())
    assert created in (200, 400), created  # 400: made by an earlier run of this test on the session's stack
    assert _get(f"{api}/experiments/search?max_results=5", *reviewer) == 200
    assert _get(f"{api}/registered-models/get?name={PROJECT}", *reviewer) == 200
    assert _get(f"{api}/runs/search", *reviewer, data=b"{}") == 200
    writes = {
        "experiments/create": {"name": "dgcl_actes"},  # a project not run on this stack yet
        "registered-models/create": {"name": "dgcl_actes"},
        "registered-models/alias": {"name": PROJECT, "alias": "champion", "version": "1"},
    }
    for route, body in writes.items():
        assert _get(f"{api}/{route}", *reviewer, data=json.dumps(body).encode()) == 403, route
    for who, options in {
        "anonymous": {"config": Config(signature_version=UNSIGNED)},
        "wrong key": {"aws_access_key_id": "socle-guess", "aws_secret_access_key": "not-the-secret-of-the-stack"},
    }.items():
        s3 = boto3.client("s3", endpoint_url=settings.s3_url, region_name=settings.s3_region, **options)
        with pytest.raises(ClientError):
            s3.list_objects_v2(Bucket=settings.s3_bucket)
        assert who


def test_a_rotated_mlflow_password_is_refused_at_up_and_fails_status(stack: Stack) -> None:
    rotated = stack.env | {"MLFLOW_TRACKING_PASSWORD": "a-new-password-nobody-applied"}
    before = _pids(stack)
    up = stack.socle("up", check=False, env=rotated)
    assert up.returncode == 1 and "update-password" in up.stderr, up.stdout + up.stderr
    assert _pids(stack) == before, "a refused `up` leaves the running parts alone"
    status = stack.socle("status", check=False, env=rotated)
    assert status.returncode == 1 and "MLFLOW_TRACKING_PASSWORD" in status.stdout, status.stdout


def test_down_stops_everything_and_leaves_no_process(stack_to_stop: Stack) -> None:
    stack = stack_to_stop
    records = {
        path.stem: json.loads(path.read_text()) for path in (Path(stack.env["SOCLE_STATE_DIR"]) / "run").glob("*.json")
    }
    assert set(records) == {"s3", "mlflow", "prefect", "worker"}
    done = stack.socle("down")
    assert "stopped" in done.stdout
    assert not left_behind(stack.folder), [p.info for p in left_behind(stack.folder)]
    for name, record in records.items():
        assert not psutil.pid_exists(record["pid"]) or psutil.Process(record["pid"]).create_time() != record["created"], name
    settings = stack.settings()
    for port in (settings.prefect_port, settings.mlflow_port, settings.s3_port):
        with socket.socket() as probe:
            assert probe.connect_ex(("127.0.0.1", port)) != 0, f"port {port} still answers"
    assert stack.socle("status", check=False).returncode == 1
