"""Real flows: Prefect's test API, DVC in a temporary git repository, GX, MLflow on SQLite in a temporary folder."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from mlflow import MlflowClient
from typer.testing import CliRunner

from flows.orchestration import pipeline
from flows.cli import app
from flows.steps import tracking, versioning
from tests.conftest import run
from tests.unchanged import assert_nothing_changed, last_run, state
from flows.steps.record import Tag

pytestmark = pytest.mark.integration
NAMES = ["crmana_implantation", "dgs_signalements", "irsn_siseri"]
CROWNED = ["crmana_implantation", "dgs_signalements"]
"""At the test workspace's rows, irsn_siseri's model does not beat the regulatory thresholds: nothing is crowned."""


@pytest.fixture(scope="module")
def first_runs(socle: Path) -> dict[str, pipeline.Outcome]:
    results = dict(pipeline.run(NAMES))
    failures = {name: result for name, result in results.items() if isinstance(result, BaseException)}
    assert not failures, failures
    return results


def _head(workspace: Path) -> str:
    return run("git", "rev-parse", "HEAD", cwd=workspace).strip()


@pytest.mark.parametrize("name", CROWNED)
def test_a_run_records_its_identity_and_crowns_a_champion(
    name: str, first_runs: dict, client: MlflowClient, socle: Path
) -> None:
    outcome = first_runs[name]
    recorded = client.get_run(outcome.run_id)
    tags, metrics, params = recorded.data.tags, recorded.data.metrics, recorded.data.params
    assert recorded.info.status == "FINISHED"
    assert tags[Tag.DATA_VERSION] == versioning.locked_md5(socle, name)
    assert tags["mlflow.source.git.commit"] == _head(socle)
    assert tags[Tag.GIT_DIRTY] == "false"
    assert tags[Tag.PREFECT_FLOW_RUN]
    assert len(tags[Tag.FINGERPRINT]) == 16
    assert tags[Tag.VALIDATION] == "passed"
    assert tags[Tag.DECISION] == "promoted" and "no champion yet" in tags[Tag.DECISION_REASONS]
    metric = outcome.metric
    assert metrics[f"test.{metric}"] == pytest.approx(outcome.score)
    assert metrics[f"test.{metric}"] > metrics[f"baseline.{metric}"]
    assert params["data.rows"] and params["split.test_size"] == "0.25"
    champion = client.get_model_version_by_alias(name, "champion")
    assert champion.run_id == outcome.run_id
    artifacts = {item.path for item in client.list_artifacts(outcome.run_id)}
    assert {"validation", "decision.json"} <= artifacts


def test_where_the_status_quo_wins_nothing_is_crowned_and_the_run_says_why(first_runs: dict, client: MlflowClient) -> None:
    outcome = first_runs["irsn_siseri"]
    tags, metrics = client.get_run(outcome.run_id).data.tags, client.get_run(outcome.run_id).data.metrics
    assert tags[Tag.DECISION] == "kept" and tags[Tag.BEATS_STATUS_QUO] == "false"
    assert "strongest baseline (status_quo" in tags[Tag.DECISION_REASONS] and "nothing is crowned" in tags[Tag.DECISION_REASONS]
    assert metrics["status_quo.average_precision"] >= metrics["test.average_precision"] - 0.05
    assert {"seen.average_precision", "interval.gain.low", "generalisation_gap"} <= set(metrics)
    assert tracking.champion(client, "irsn_siseri", "champion") is None
    listed = CliRunner().invoke(app, ["list"], env={"COLUMNS": "250"})
    assert "status quo wins" in listed.output


@pytest.mark.parametrize("name", CROWNED)
def test_the_logged_model_reloads_and_its_example_holds_no_personal_field(
    name: str, first_runs: dict, client: MlflowClient
) -> None:
    import mlflow

    from projects import load

    project = load(name)
    version = client.get_model_version_by_alias(name, "champion")
    model = tracking.load(client, version)  # our loader: registry only, skops with reviewed types
    info = mlflow.models.get_model_info(version.source)
    assert [spec.name for spec in info.signature.inputs] == list(project.features)
    local = mlflow.artifacts.download_artifacts(f"models:/{name}@champion/input_example.json")
    example = json.loads(Path(local).read_text())
    assert set(example["columns"]) == set(project.features)
    assert not set(example["columns"]) & set(project.personal)
    assert hasattr(model, "predict")


def test_explained_decisions_are_logged_for_each_alert(first_runs: dict, client: MlflowClient) -> None:
    local = client.download_artifacts(first_runs["irsn_siseri"].run_id, "explanations/decisions.json")
    decisions = json.loads(Path(local).read_text())
    assert decisions and all(d["contributions"] for d in decisions)
    first = decisions[0]
    total = first["base_value"] + sum(c["contribution"] for c in first["contributions"])
    assert total <= first["output"] + 1e-9  # the listed top contributions are a part of the whole


def test_an_unchanged_project_is_skipped_and_the_skip_recorded(first_runs: dict, client: MlflowClient) -> None:
    before = state(client, "crmana_implantation")
    result = CliRunner().invoke(app, ["run", "crmana_implantation"], env={"COLUMNS": "250"})
    assert result.exit_code == 0, result.output
    assert "skipped" in result.output
    skip = last_run(client, "crmana_implantation")
    assert skip.data.tags[Tag.DECISION] == "skipped" and skip.data.tags[Tag.CACHE] == "hit"
    assert "same fingerprint" in skip.data.tags[Tag.DECISION_REASONS]
    assert skip.data.tags[Tag.FINGERPRINT] == client.get_run(first_runs["crmana_implantation"].run_id).data.tags[Tag.FINGERPRINT]
    assert skip.info.status == "FINISHED"
    assert state(client, "crmana_implantation") == before


def test_a_forced_second_run_records_its_decision_with_reasons(first_runs: dict, client: MlflowClient) -> None:
    before = client.get_model_version_by_alias("dgs_signalements", "champion")
    ((name, outcome),) = pipeline.run(["dgs_signalements"], force=True)
    assert isinstance(outcome, pipeline.Outcome), outcome
    tags = client.get_run(outcome.run_id).data.tags
    assert tags[Tag.DECISION] in {"promoted", "kept"}
    assert "re-scored on the same held-out rows" in tags[Tag.DECISION_REASONS]
    assert tags[Tag.DECISION] == "kept", "a tie keeps the champion"
    assert outcome.champion == pytest.approx(outcome.score)  # same data, params and code: the same metric
    after = client.get_model_version_by_alias("dgs_signalements", "champion")
    assert (after.version != before.version) == (tags[Tag.DECISION] == "promoted")


def test_compare_shows_the_params_that_differ(first_runs: dict, socle: Path) -> None:
    ((_, outcome),) = pipeline.run(["crmana_implantation"], ["model.C=0.02"])
    assert isinstance(outcome, pipeline.Outcome), outcome
    result = CliRunner().invoke(app, ["compare", "crmana_implantation"], env={"COLUMNS": "250"})
    assert result.exit_code == 0, result.output
    assert "model.C=0.02" in result.output and "★" in result.output


def test_a_run_is_reproduced_from_its_id_without_registering(first_runs: dict, client: MlflowClient) -> None:
    original = first_runs["dgs_signalements"]
    before = state(client, "dgs_signalements")
    result = CliRunner().invoke(app, ["reproduce", original.run_id], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert f"reproduced: balanced_accuracy {original.score:.6f} now" in result.output
    assert state(client, "dgs_signalements") == before
    latest = last_run(client, "dgs_signalements")
    assert latest.data.tags[Tag.DRY_RUN] == "true"
    assert latest.data.tags[Tag.DECISION].startswith("dry run: would be")


def test_list_shows_champions(first_runs: dict) -> None:
    result = CliRunner().invoke(app, ["list"], env={"COLUMNS": "250"})
    assert result.exit_code == 0, result.output
    for name in NAMES:
        assert name in result.output
    assert result.output.count(" v") >= len(CROWNED)


def test_data_changed_outside_dvc_is_refused_before_any_run(first_runs: dict, socle: Path) -> None:
    path = socle / versioning.relative_data_path("irsn_siseri")
    good = path.read_bytes()
    try:
        path.write_bytes(good + b"\0")
        ((_, error),) = pipeline.run(["irsn_siseri"], force=True)
    finally:
        path.write_bytes(good)
    assert isinstance(error, versioning.DataChanged), error
    assert "differs from dvc.lock" in str(error)


def test_missing_synthetic_data_is_regenerated_and_checked_against_dvc_lock(first_runs: dict, socle: Path) -> None:
    path = socle / versioning.relative_data_path("crmana_implantation")
    md5 = versioning.locked_md5(socle, "crmana_implantation")
    path.unlink()
    versioning.cache_path(socle, md5).unlink()  # neither in the workspace nor in the cache: only the remote has it
    # a synthetic project is regenerated by its ingest stage, bytes checked against dvc.lock (a fresh clone just works)
    assert versioning.resolve(socle, "crmana_implantation").source == "generated"
    assert versioning.md5_of(path) == md5


def test_no_personal_value_reaches_mlflow(first_runs: dict, client: MlflowClient, socle: Path) -> None:
    """Every name of the raw dgs file is searched for in the run's params, tags and every artifact file."""
    import re

    raw = pd.read_parquet(socle / versioning.relative_data_path("dgs_signalements"))
    values = [value for column in ("NOM_PATIENT", "NOM_DECLARANT") for value in raw[column].dropna()]
    names = {word for value in values for word in re.findall(r"[^\W\d_]{2,}", value)}
    pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, sorted(names))) + r")\b", re.IGNORECASE)
    run_id = first_runs["dgs_signalements"].run_id
    recorded = client.get_run(run_id).data
    texts = [*recorded.params.values(), *recorded.tags.values()]
    root = Path(client.download_artifacts(run_id, ""))
    import mlflow

    model = client.get_model_version_by_alias("dgs_signalements", "champion").source
    model_root = Path(mlflow.artifacts.download_artifacts("models:/dgs_signalements@champion"))
    files = [p for folder in (root, model_root) for p in folder.rglob("*") if p.is_file()]
    texts += [text for path in files for text in _texts(path)]
    assert model and files and len(names) > 20
    assert any('"batterie"' in text for text in texts), "the model's vocabulary is among the texts searched"
    hits = sorted({text[max(m.start() - 60, 0) : m.end() + 20] for text in texts for m in pattern.finditer(text)})
    assert not hits, hits


def _texts(path: Path) -> list[str]:
    """The text a file holds: itself, or each member of a zip (skops models are zips); binary data is skipped."""
    import zipfile

    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            blobs = [archive.read(member) for member in archive.namelist()]
    else:
        blobs = [path.read_bytes()]
    texts = []
    for blob in blobs:
        try:
            texts.append(blob.decode("utf-8"))
        except UnicodeDecodeError:
            continue
    return texts


def test_data_commands_work_on_the_workspace(first_runs: dict, socle: Path) -> None:
    runner = CliRunner()
    status = runner.invoke(app, ["data", "status", "irsn_siseri"], env={"COLUMNS": "200"})
    assert status.exit_code == 0, status.output
    assert "matches dvc.lock" in status.output and "in sync" in status.output
    pulled = runner.invoke(app, ["data", "pull", "irsn_siseri"])
    assert pulled.exit_code == 0 and versioning.locked_md5(socle, "irsn_siseri") in pulled.output
    valid = runner.invoke(app, ["validate", "crmana_implantation"])
    assert valid.exit_code == 0 and "expectations passed" in valid.output


def test_a_failure_after_registration_withdraws_the_version(
    first_runs: dict, client: MlflowClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken_alias(*args: object, **kwargs: object) -> None:
        raise RuntimeError("registry unavailable")

    from flows.steps import history

    before = state(client, "irsn_siseri")
    monkeypatch.setattr(tracking, "crown", broken_alias)
    monkeypatch.setattr(history, "note", broken_alias)  # irsn is kept: the history's record of it fails instead
    monkeypatch.setattr(history, "move", broken_alias)
    ((_, error),) = pipeline.run(["irsn_siseri"], force=True)
    assert isinstance(error, RuntimeError), error
    assert_nothing_changed(client, "irsn_siseri", before, error)
