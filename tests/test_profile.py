"""The stack profile (flows/profile.py, flows/cli/profile.py): written owner-only, read back, ignored when absent,
applied without overriding the environment or sending a password elsewhere, printed by `socle env`."""

from __future__ import annotations

import os
import shlex
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from flows import profile
from flows.cli import app

STACK = profile.Profile("http://127.0.0.1:5000", "http://127.0.0.1:4200/api", "admin", "mlflow-secret-123", "admin:prefect-secret")
CLIENT_VARIABLES = (profile.MLFLOW_URI, profile.MLFLOW_USER, profile.MLFLOW_PASSWORD, profile.PREFECT_URL,
                    profile.PREFECT_AUTH, profile.PREFECT_EPHEMERAL, "MLFLOW_REGISTRY_URI")


@pytest.fixture()
def clean_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A workspace with no client variable set; the process's environment restored afterwards (commands write it)."""
    saved = dict(os.environ)
    for variable in CLIENT_VARIABLES:
        monkeypatch.delenv(variable, raising=False)
    (tmp_path / "dvc.yaml").write_text("stages: {}\n")
    monkeypatch.setenv("SOCLE_ROOT", str(tmp_path))
    monkeypatch.delenv("SOCLE_STATE_DIR", raising=False)
    yield tmp_path / ".socle"
    os.environ.clear()
    os.environ.update(saved)


def test_written_owner_only_and_read_back(tmp_path: Path) -> None:
    written = profile.write(tmp_path / "state", STACK)
    assert stat.S_IMODE(written.stat().st_mode) == 0o600
    assert profile.read(tmp_path / "state") == STACK
    assert not list((tmp_path / "state").glob(".profile.json.*")), "the draft is renamed, not left"


def test_absent_is_none_and_a_broken_one_says_how_to_remove_it(tmp_path: Path) -> None:
    assert profile.read(tmp_path) is None
    profile.path(tmp_path).write_text("{not json")
    with pytest.raises(profile.ProfileError, match="socle profile remove"):
        profile.read(tmp_path)


def test_passwords_readable_by_others_are_refused(tmp_path: Path) -> None:
    written = profile.write(tmp_path, STACK)
    written.chmod(0o644)
    with pytest.raises(profile.ProfileError, match="chmod 600"):
        profile.read(tmp_path)
    without = profile.Profile(STACK.mlflow_url, STACK.prefect_url, "relecteur")
    profile.write(tmp_path, without).chmod(0o644)
    assert profile.read(tmp_path) == without, "a profile without passwords has nothing to hide"


def test_no_credentials_in_a_profile_url() -> None:
    with pytest.raises(profile.ProfileError, match="no credentials"):
        profile.Profile("http://admin:secret@127.0.0.1:5000", STACK.prefect_url)
    assert profile.public_url("http://admin:secret@127.0.0.1:5000/#/x") == "http://127.0.0.1:5000/#/x"
    assert profile.public_url("https://mlflow.example") == "https://mlflow.example"


def test_applied_under_the_environment_never_over_it() -> None:
    environ = {profile.PREFECT_URL: "http://elsewhere:4200/api"}
    applied = profile.apply(STACK, environ)
    assert environ[profile.PREFECT_URL] == "http://elsewhere:4200/api"
    assert profile.PREFECT_AUTH not in environ, "the Prefect auth string would go to another server"
    assert applied == {
        profile.MLFLOW_URI: STACK.mlflow_url, profile.MLFLOW_USER: "admin", profile.MLFLOW_PASSWORD: "mlflow-secret-123"
    }


def test_a_password_goes_to_its_own_user_and_server_only() -> None:
    reviewer = {profile.MLFLOW_USER: "relecteur"}
    profile.apply(STACK, reviewer)
    assert profile.MLFLOW_PASSWORD not in reviewer, "the admin's password under a reviewer's name"
    other_server = {profile.MLFLOW_URI: "http://other:5000"}
    profile.apply(STACK, other_server)
    assert profile.MLFLOW_USER not in other_server and profile.MLFLOW_PASSWORD not in other_server
    own_password = {profile.MLFLOW_PASSWORD: "reviewer-password"}
    profile.apply(profile.Profile(STACK.mlflow_url, STACK.prefect_url, "relecteur"), own_password)
    assert own_password[profile.MLFLOW_USER] == "relecteur" and own_password[profile.MLFLOW_PASSWORD] == "reviewer-password"
    assert own_password[profile.PREFECT_EPHEMERAL] == "false", "a stack that is down must fail, not be replaced"


def test_socle_env_prints_the_profile_for_the_shell(clean_env: Path) -> None:
    profile.write(clean_env, STACK)
    done = CliRunner().invoke(app, ["env"])
    assert done.exit_code == 0, done.output
    exported = dict(shlex.split(line)[1].split("=", 1) for line in done.stdout.splitlines())
    assert exported == STACK.variables()
    hidden = CliRunner().invoke(app, ["env", "--no-secrets"])
    assert "mlflow-secret-123" not in hidden.stdout and "prefect-secret" not in hidden.stdout
    assert f"export {profile.MLFLOW_URI}=" in hidden.stdout


def test_socle_env_keeps_what_the_environment_sets(clean_env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    profile.write(clean_env, STACK)
    monkeypatch.setenv(profile.MLFLOW_USER, "relecteur")
    monkeypatch.setenv(profile.MLFLOW_PASSWORD, "reviewer-password")
    done = CliRunner().invoke(app, ["env"])
    assert f"export {profile.MLFLOW_USER}=relecteur" in done.stdout
    assert "mlflow-secret-123" not in done.stdout


def test_without_a_profile_nothing_changes(clean_env: Path) -> None:
    done = CliRunner().invoke(app, ["env"])
    assert done.exit_code == 1 and "no stack profile" in done.output
    assert not set(CLIENT_VARIABLES) & set(os.environ)
    from flows.settings import Settings

    assert Settings().tracking.startswith("sqlite:///"), "the embedded store, as before any profile"


def test_profile_set_show_remove(clean_env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(profile.MLFLOW_PASSWORD, "reviewer-password")
    runner = CliRunner()
    done = runner.invoke(app, ["profile", "set", "--mlflow", "http://10.0.0.5:5000/", "--prefect", "http://10.0.0.5:4200/api",
                               "--user", "relecteur"])
    assert done.exit_code == 0, done.output
    assert profile.read(clean_env) == profile.Profile("http://10.0.0.5:5000", "http://10.0.0.5:4200/api", "relecteur")
    shown = runner.invoke(app, ["profile", "show"])
    assert "relecteur" in shown.stdout and "reviewer-password" not in shown.stdout
    assert f"{profile.MLFLOW_PASSWORD}: from the environment" in shown.stdout
    kept = runner.invoke(app, ["profile", "set", "--mlflow", "http://h:5000", "--prefect", "http://h:4200/api", "--user",
                               "relecteur", "--keep-password"])
    assert kept.exit_code == 0 and profile.read(clean_env).mlflow_password == "reviewer-password"
    assert runner.invoke(app, ["profile", "remove"]).stdout.strip() == "removed"
    assert profile.read(clean_env) is None


def test_a_refusal_names_the_variables_to_set(monkeypatch: pytest.MonkeyPatch) -> None:
    from mlflow.exceptions import MlflowException
    from mlflow.protos.databricks_pb2 import PERMISSION_DENIED, UNAUTHENTICATED

    from flows.cli.profile import refusal_text

    monkeypatch.setenv(profile.MLFLOW_URI, "http://admin:secret@127.0.0.1:5000")
    monkeypatch.delenv(profile.MLFLOW_USER, raising=False)
    monkeypatch.delenv(profile.MLFLOW_PASSWORD, raising=False)
    wrapped = RuntimeError("loading the champion")
    wrapped.__cause__ = MlflowException("API request failed with error code 401 != 200", error_code=UNAUTHENTICATED)
    said = refusal_text(wrapped)
    assert profile.MLFLOW_USER in said and profile.MLFLOW_PASSWORD in said and "secret" not in said
    monkeypatch.setenv(profile.MLFLOW_USER, "relecteur")
    monkeypatch.setenv(profile.MLFLOW_PASSWORD, "x" * 12)
    assert "wrong password" in refusal_text(MlflowException("401", error_code=UNAUTHENTICATED))
    assert "403" in refusal_text(MlflowException("403", error_code=PERMISSION_DENIED))
    assert refusal_text(ValueError("bad data")) is None


def test_runs_record_who_made_them(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import getpass

    from mlflow import MlflowClient

    from flows.steps import tracking
    from flows.steps.record import Tag

    monkeypatch.setenv(profile.MLFLOW_USER, "admin")  # set for a stack, meaningless for SQLite: the OS account
    client = MlflowClient(f"sqlite:///{tmp_path / 'mlflow.db'}")
    experiment = client.create_experiment("x", artifact_location=(tmp_path / "artifacts").as_uri())
    run_id = tracking.start(client, experiment, "x-run", {Tag.PROJECT: "x"})
    assert client.get_run(run_id).data.tags[Tag.USER] == getpass.getuser()
    assert profile.run_user("http://127.0.0.1:5000") == "admin"


def test_compare_links_carry_no_credentials() -> None:
    from flows.review import compare_url

    url = compare_url("http://admin:secret@127.0.0.1:5000", "3", ["abc"])
    assert url.startswith("http://127.0.0.1:5000/#/compare-runs") and "secret" not in url


def test_a_triggered_run_reads_back_as_the_outcome_socle_run_prints(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`socle trigger` finds the MLflow run by its flow run's id and reports it as `socle run` does."""
    from mlflow import MlflowClient

    from flows.orchestration import recorded
    from flows.steps.record import Metric, Tag

    name, metric = "dgs_signalements", "balanced_accuracy"
    store = f"sqlite:///{tmp_path / 'mlflow.db'}"
    monkeypatch.setenv(profile.MLFLOW_URI, store)  # MLflow resolves a version's source on the default store: not ./mlflow.db
    client = MlflowClient(store)
    experiment = client.create_experiment(name, artifact_location=(tmp_path / "artifacts").as_uri())
    made = {}
    for flow_run, score in (("flow-b", 0.7), ("flow-a", 0.61)):  # the run asked for is not the latest
        run = client.create_run(experiment, tags={
            Tag.PROJECT: name, Tag.METRIC: metric, Tag.PREFECT_FLOW_RUN: flow_run, Tag.DECISION: "promoted",
            Tag.DECISION_REASONS: "beats the baseline | fair enough",
        })
        for key, value in ((Metric.TEST + metric, score), (Metric.baseline("trivial") + metric, 0.5),
                           (Metric.baseline("status_quo") + metric, 0.55)):
            client.log_metric(run.info.run_id, key, value)
        client.set_terminated(run.info.run_id)
        made[flow_run] = run.info.run_id
    client.create_registered_model(name)
    client.create_model_version(name, f"runs:/{made['flow-b']}/model", run_id=made["flow-b"])
    found = recorded.run_of(client, name, "flow-b")
    assert found.info.run_id == made["flow-b"] and recorded.run_of(client, name, "flow-c") is None
    outcome = recorded.outcome(client, found)
    assert (outcome.score, outcome.baseline, outcome.version, outcome.decision) == (0.7, 0.55, "1", "promoted")
    assert outcome.reasons == ("beats the baseline", "fair enough")


def test_trigger_links_carry_no_credentials(monkeypatch: pytest.MonkeyPatch) -> None:
    from flows.cli.profile import links

    monkeypatch.setenv(profile.MLFLOW_URI, "http://admin:secret@127.0.0.1:5000/")
    monkeypatch.setenv(profile.PREFECT_URL, "http://127.0.0.1:4200/api")
    assert links("r1", "7", "f-1") == [
        "MLflow: http://127.0.0.1:5000/#/experiments/7/runs/r1", "Prefect: http://127.0.0.1:4200/runs/flow-run/f-1",
    ]
    monkeypatch.setenv(profile.MLFLOW_URI, "sqlite:///x.db")
    assert links("r1", "7", "f-1") == ["Prefect: http://127.0.0.1:4200/runs/flow-run/f-1"], "no MLflow UI to link to"
