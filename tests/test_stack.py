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
