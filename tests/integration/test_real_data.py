"""Real data in place of the synthetic one, as a new user brings it: imported once, kept by every ingest path
(`socle data ingest --all`, which `make run` calls, and `dvc repro`), and said real by the card, `socle list`,
`compare` and the portfolio. A real DVC repository and remote, real GX, real flows."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
import yaml
from mlflow import MlflowClient
from typer.testing import CliRunner

import projects
from flows import review
from flows.cli import app
from flows.orchestration import pipeline
from flows.steps import versioning
from flows.steps.record import Tag
from tests.conftest import make_workspace, pointed_at

NAME = "crmana_implantation"
WIDE = {"COLUMNS": "250"}


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory, prefect_api: None) -> Iterator[Path]:
    """A one-project workspace on synthetic data, pointed at by the environment, with one synthetic run."""
    folder = make_workspace(tmp_path_factory.mktemp("real") / "workspace", only=[NAME])
    with pointed_at(folder):
        ((_, synthetic),) = pipeline.run([NAME], [])
        assert isinstance(synthetic, pipeline.Outcome), synthetic
        yield folder


def delivery(folder: Path, seed: int, rows: int) -> Path:
    """A real-looking delivery: the source's columns, other rows than the generator's, as a CSV file."""
    path = folder / f"livraison_{seed}.csv"
    projects.load(NAME).generate(rows, seed).to_csv(path, index=False)
    return path


def data_md5(folder: Path) -> str:
    return versioning.md5_of(folder / versioning.relative_data_path(NAME))


def test_a_refused_file_writes_nothing_and_names_the_column(workspace: Path, tmp_path: Path) -> None:
    before = data_md5(workspace), (workspace / "dvc.lock").read_bytes()
    bad = pd.read_csv(delivery(tmp_path, 3, 400), dtype=str)
    bad.loc[:4, "ACTIVITE"] = "piraterie"
    bad.to_csv(tmp_path / "bad.csv", index=False)
    result = CliRunner().invoke(app, ["data", "import", NAME, str(tmp_path / "bad.csv")], env=WIDE)
    assert result.exit_code == 1, result.output
    assert "refused, nothing written" in result.output and "column ACTIVITE: 5 of 400 rows fail" in result.output
    pickled = tmp_path / "dataset.pkl"
    pickled.write_bytes(b"\x80\x04\x95")
    result = CliRunner().invoke(app, ["data", "import", NAME, str(pickled)], env=WIDE)
    assert result.exit_code == 1 and "a .pkl file is not imported" in result.output, result.output
    assert (data_md5(workspace), (workspace / "dvc.lock").read_bytes()) == before
    assert not versioning.origin_path(workspace, NAME).exists()


def test_real_data_is_kept_by_every_ingest_and_said_real_everywhere(workspace: Path, tmp_path: Path) -> None:
    synthetic_md5 = versioning.locked_md5(workspace, NAME)
    result = CliRunner().invoke(app, ["data", "import", NAME, str(delivery(tmp_path, 7, 1200)), "--by", "CMA NA"], env=WIDE)
    assert result.exit_code == 0, result.output
    real_md5 = data_md5(workspace)
    origin = json.loads(versioning.origin_path(workspace, NAME).read_text())
    assert origin | {"at": ""} == {"kind": "real", "file": "livraison_7.csv", "by": "CMA NA", "at": "", "md5": real_md5, "rows": 1200}
    assert versioning.locked_md5(workspace, NAME) == real_md5 != synthetic_md5
    assert versioning.cache_path(workspace, synthetic_md5).exists()  # the synthetic version stays retrievable

    ingested = CliRunner().invoke(app, ["data", "ingest", "--all"], env=WIDE)  # what `make run` calls first
    assert ingested.exit_code == 0, ingested.output
    assert "kept as it is" in ingested.output and "never writes over real data" in ingested.output
    assert data_md5(workspace) == real_md5

    params = yaml.safe_load((workspace / "params.yaml").read_text())
    params[NAME]["data"]["rows"] = 900  # a changed dependency: DVC runs the stage's command again
    (workspace / "params.yaml").write_text(yaml.safe_dump(params, sort_keys=False))
    repro = subprocess.run([sys.executable, "-m", "dvc", "repro"], cwd=workspace, capture_output=True, text=True)
    assert repro.returncode == 0, repro.stdout + repro.stderr
    assert "Running stage 'ingest@crmana_implantation'" in repro.stdout and "kept as it is" in repro.stdout
    assert data_md5(workspace) == versioning.locked_md5(workspace, NAME) == real_md5

    (workspace / versioning.relative_data_path(NAME)).unlink()  # a fresh copy: real data is pulled, not generated
    again = CliRunner().invoke(app, ["data", "ingest", NAME], env=WIDE)
    assert again.exit_code == 0 and "kept as it is" in again.output, again.output
    assert data_md5(workspace) == real_md5

    ((_, outcome),) = pipeline.run([NAME], [])
    assert isinstance(outcome, pipeline.Outcome), outcome
    client = MlflowClient()
    assert client.get_run(outcome.run_id).data.tags[Tag.DATA_ORIGIN] == "real"
    card = client.get_model_version(NAME, outcome.version).description
    assert "- origin: real (`livraison_7.csv`, 1200 rows, imported by CMA NA" in card
    assert "synthetic data" not in card

    listed = CliRunner().invoke(app, ["list"], env=WIDE)
    assert next(line for line in listed.output.splitlines() if NAME in line).split("│")[6].strip() == "real"

    compared = CliRunner().invoke(app, ["compare", NAME], env={"COLUMNS": "400"})
    assert compared.exit_code == 0, compared.output
    rows = [line for line in compared.output.splitlines() if "finished" in line]
    assert {row.split("│")[5].strip() for row in rows} == {"real", "synthetic"}
    assert "two origins" in compared.output

    (row,) = review.portfolio([NAME])
    assert row["origin"] == row["trend_origin"] == "real" and row["other_origins"] == ["synthetic"]
    assert row["trend"] == [pytest.approx(outcome.score)]  # no line from the synthetic score to the real one
    page = tmp_path / "portfolio.html"
    assert CliRunner().invoke(app, ["report", "--output", str(page)]).exit_code == 0
    shown = page.read_text(encoding="utf-8").split(f'id="project-{NAME}"')[1].split("</tr>")[0]
    assert 'data-origin="real"' in shown and "données réelles (real)" in shown and "autre origine, non reliés" in shown


def test_a_second_import_is_a_new_version_and_the_first_stays_retrievable(workspace: Path, tmp_path: Path) -> None:
    first = versioning.locked_md5(workspace, NAME)
    parquet = tmp_path / "livraison_11.parquet"
    projects.load(NAME).generate(1300, 11).to_parquet(parquet, index=False)
    result = CliRunner().invoke(app, ["data", "import", NAME, str(parquet)], env=WIDE)
    assert result.exit_code == 0, result.output
    second = versioning.locked_md5(workspace, NAME)
    assert second == data_md5(workspace) == versioning.md5_of(parquet) != first  # a Parquet file is kept byte for byte
    remote = workspace.parent / f"{workspace.name}-remote" / "files" / "md5"
    assert (remote / first[:2] / first[2:]).exists() and (remote / second[:2] / second[2:]).exists()
    assert versioning.origin(workspace, NAME).md5 == second
