"""The stack's configuration and process records, without servers: what `up` would run, what `down` may stop."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import psutil
import pytest

from flows.server import stack
from flows.settings import StackSettings

PASSWORDS = {"MLFLOW_TRACKING_PASSWORD": "a-long-enough-password", "PREFECT_API_AUTH_STRING": "admin:another-long-one"}


@pytest.fixture()
def settings(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> StackSettings:
    for variable in ("SOCLE_DATABASE_URL", "SOCLE_S3_ENDPOINT_URL", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"):
        monkeypatch.delenv(variable, raising=False)
    for variable, value in PASSWORDS.items():
        monkeypatch.setenv(variable, value)
    monkeypatch.setenv("SOCLE_STATE_DIR", str(tmp_path / "state"))
    return StackSettings()


def test_postgres_urls_name_one_database_per_store(settings: StackSettings) -> None:
    configured = settings.model_copy(update={"database_url": "postgresql://postgres@127.0.0.1:5432", "database_prefix": "x"})
    assert stack.database(configured, "prefect", "postgresql+asyncpg") == "postgresql+asyncpg://postgres@127.0.0.1:5432/x_prefect"
    assert stack.database(settings, "mlflow") is None
    with pytest.raises(stack.StackError, match="SOCLE_DATABASE_URL"):
        stack.database(settings.model_copy(update={"database_url": "mysql://h"}), "mlflow")


@pytest.mark.parametrize(
    ("variable", "value"),
    [("MLFLOW_TRACKING_PASSWORD", ""), ("MLFLOW_TRACKING_PASSWORD", "short"), ("PREFECT_API_AUTH_STRING", "no-colon-here-at-all")],
)
def test_no_server_starts_without_real_credentials(
    settings: StackSettings, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, variable: str, value: str
) -> None:
    monkeypatch.setenv(variable, value)
    with pytest.raises(stack.StackError, match=variable):
        stack.parts(StackSettings(), tmp_path)


def test_describing_the_stack_writes_nothing(settings: StackSettings, tmp_path: Path) -> None:
    """`socle status` on a workspace that never ran `socle up`: every part said down, no file written."""
    reports = stack.status(settings, tmp_path)
    assert [report.name for report in reports] == ["s3", "mlflow", "prefect", "worker"]
    assert not any(report.running for report in reports)
    assert not (tmp_path / "state").exists()


def test_the_servers_get_what_they_need_and_clients_no_s3_keys(settings: StackSettings, tmp_path: Path) -> None:
    stack.prepare(settings, settings.state_dir(tmp_path))
    parts = {part.name: part for part in stack.parts(settings, tmp_path)}
    assert len(parts["mlflow"].env["MLFLOW_FLASK_SERVER_SECRET_KEY"]) == 64
    assert list(parts) == ["s3", "mlflow", "prefect", "worker"]
    mlflow = parts["mlflow"]
    assert mlflow.command[mlflow.command.index("--artifacts-destination") + 1] == "s3://socle-ia/mlflow"
    assert mlflow.env["MLFLOW_AUTH_ADMIN_PASSWORD"] == PASSWORDS["MLFLOW_TRACKING_PASSWORD"]
    assert "admin_password" not in Path(mlflow.env["MLFLOW_AUTH_CONFIG_PATH"]).read_text()
    assert parts["prefect"].env["PREFECT_SERVER_API_AUTH_STRING"] == PASSWORDS["PREFECT_API_AUTH_STRING"]
    assert parts["prefect"].env["PREFECT_API_DATABASE_CONNECTION_URL"].startswith("sqlite+aiosqlite:///")
    assert not {"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"} & set(stack.client_env(settings))
    keys = {name: part.env["AWS_SECRET_ACCESS_KEY"] for name, part in parts.items() if name != "prefect"}
    assert len(set(keys.values())) == 1 and len(keys["s3"]) >= 30, "one generated secret for the S3 and its clients"
    assert (settings.state_dir(tmp_path) / "s3" / "keys.json").stat().st_mode & 0o077 == 0
    external = settings.model_copy(update={"s3_endpoint_url": "https://s3.example"})
    with pytest.raises(ValueError, match="AWS_ACCESS_KEY_ID"):
        stack.parts(external, tmp_path)


def test_down_stops_only_the_process_up_recorded(settings: StackSettings, tmp_path: Path) -> None:
    state = settings.state_dir(tmp_path)
    sleeper = stack.Part("s3", [sys.executable, "-c", "import time; time.sleep(60)"], {}, tmp_path, "", lambda: True)
    process = stack.start(sleeper, state)
    record = state / "run" / "s3.json"
    genuine = json.loads(record.read_text())
    record.write_text(json.dumps(genuine | {"created": genuine["created"] - 100}))  # the PID was reused since
    assert stack.stop(state, "s3") is False
    assert process.is_running()
    record.write_text(json.dumps(genuine))
    assert stack.stop(state, "s3", grace=10) is True
    assert not process.is_running() or process.status() == psutil.STATUS_ZOMBIE
    assert not record.exists()


LEADER_WITH_A_CHILD = (
    "import subprocess, sys, time; subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(120)']); time.sleep(120)"
)


def test_a_dead_leader_is_reported_with_what_it_left_and_stop_ends_it(tmp_path: Path) -> None:
    """MLflow killed by its PID leaves its uvicorn worker serving: the part is said dead with an orphan, never
    healthy, and stopping it ends the orphan too."""
    state = tmp_path / "state"
    part = stack.Part("mlflow", [sys.executable, "-c", LEADER_WITH_A_CHILD], {}, tmp_path, "", lambda: True)
    leader = stack.start(part, state)
    deadline = __import__("time").monotonic() + 30
    while len(stack._session(stack._record(state, "mlflow"))) < 2:
        assert __import__("time").monotonic() < deadline, "the child did not start"
    leader.kill()
    leader.wait(10)
    orphans = stack._session(stack._record(state, "mlflow"))
    assert len(orphans) == 1 and stack._recorded(state, "mlflow") is None
    report = stack.PartStatus("mlflow", "", None, False, True, recorded=True, orphans=len(orphans))
    assert not report.healthy and "orphan" in report.state and "socle up mlflow" in report.state
    assert stack.stop(state, "mlflow", grace=10) is True
    assert not orphans[0].is_running() or orphans[0].status() == psutil.STATUS_ZOMBIE
    assert stack._session(stack._record(state, "mlflow")) == []


def test_a_part_never_started_here_is_external_only_while_it_answers() -> None:
    assert stack.PartStatus("s3", "", None, False, True).state == "external"
    assert stack.PartStatus("s3", "", None, False, True).healthy
    assert stack.PartStatus("worker", "", None, False, False, recorded=True).state.startswith("died")


@pytest.mark.parametrize(
    ("method", "path", "reads"),
    [
        ("GET", "/api/2.0/mlflow/experiments/get-by-name", True),
        ("POST", "/api/2.0/mlflow/runs/search", True),
        ("POST", "/ajax-api/2.0/mlflow/experiments/search", True),
        ("POST", "/graphql", True),
        ("POST", "/api/2.0/mlflow/experiments/create", False),
        ("POST", "/api/2.0/mlflow/registered-models/create", False),
        ("POST", "/api/2.0/mlflow/registered-models/alias", False),
        ("DELETE", "/api/2.0/mlflow/registered-models/alias", False),
        ("PUT", "/api/2.0/mlflow-artifacts/artifacts/1/model.skops", False),
    ],
)
def test_a_reviewer_account_reads_only(method: str, path: str, reads: bool) -> None:
    from flows.server import mlflow_access

    assert mlflow_access.reads_only(method, path) is reads


def test_an_experiment_the_pipeline_did_not_create_is_refused_on_a_server(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from flows.steps import tracking
    from flows.steps.record import Tag

    client = tracking.connect(f"sqlite:///{tmp_path / 'mlflow.db'}")
    ours = tracking.experiment(client, "dgs_signalements", None)
    tags = client.get_experiment(ours).tags
    assert tags[Tag.PROJECT] == "dgs_signalements"
    assert tags[Tag.EXPERIMENT_KIND] == "custom_model_development", "MLflow's UI would open it on GenAI views"
    planted = client.create_experiment("dgcl_actes")  # as a reviewer could, before accounts were read-only
    monkeypatch.setattr(tracking, "_local_store", lambda uri: False)
    with pytest.raises(tracking.ForeignExperiment, match="dgcl_actes.*not created by the pipeline"):
        tracking.experiment(client, "dgcl_actes", None)
    monkeypatch.undo()
    assert tracking.experiment(client, "dgcl_actes", None) == planted, "a workspace's own store adopts its old ones"
