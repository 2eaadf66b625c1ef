"""The command line: lazy imports, names checked before anything runs."""

from __future__ import annotations

import os
import subprocess
import sys

from typer.testing import CliRunner

from flows.cli import app
from tests.conftest import REPO

HEAVY = ("prefect", "mlflow", "great_expectations", "sklearn", "dvc")


def test_help_imports_no_heavy_library() -> None:
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "flows.cli", "--help"], cwd=REPO, capture_output=True, text=True
    )
    assert done.returncode == 0 and "run" in done.stdout
    imported = {line.split("|")[-1].strip().split(".")[0] for line in done.stderr.splitlines() if "|" in line}
    assert not imported & set(HEAVY), sorted(imported & set(HEAVY))


def test_list_imports_neither_pandas_nor_a_heavy_library(tmp_path) -> None:
    store = f"sqlite:///{tmp_path / 'none.db'}"
    env = {**os.environ, "SOCLE_ROOT": str(REPO), "COLUMNS": "250", "MLFLOW_TRACKING_URI": store}
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "flows.cli", "list"], cwd=REPO, capture_output=True, text=True, env=env
    )
    assert done.returncode == 0 and "dgs_signalements" in done.stdout, done.stderr[-2000:]
    imported = {line.split("|")[-1].strip().split(".")[0] for line in done.stderr.splitlines() if "|" in line}
    assert not imported & {*HEAVY, "pandas", "numpy"}, sorted(imported & {*HEAVY, "pandas", "numpy"})


def test_a_path_is_not_a_project_name() -> None:
    result = CliRunner().invoke(app, ["run", "../etc/passwd"])
    assert result.exit_code == 2
    assert "is not a project name" in result.output


def test_an_unknown_name_gets_the_closest_match() -> None:
    result = CliRunner().invoke(app, ["validate", "irsn_siser"])
    assert result.exit_code == 2
    assert "did you mean 'irsn_siseri'" in result.output
