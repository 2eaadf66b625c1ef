"""`socle new`: a scaffolded project is one folder, one suite and one params section, and it passes the contract."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from flows import params as params_file
from flows.cli import app
from tests.conftest import COPIED, REPO


@pytest.fixture()
def copy(tmp_path: Path) -> Path:
    for name in [*COPIED, "tests", "pyproject.toml", "README.md", "Makefile", ".ci", "prefect.yaml"]:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, tmp_path / name)
    return tmp_path


def test_a_new_project_touches_its_folder_its_suite_and_its_params_section_only(copy: Path) -> None:
    before = {p.relative_to(copy) for p in copy.rglob("*") if p.is_file()}
    title = 'Détection "test" des fraudes'
    result = CliRunner().invoke(app, ["new", "dgfip_demo", "--title", title], env={"SOCLE_ROOT": str(copy)})
    assert result.exit_code == 0, result.output
    after = {p.relative_to(copy) for p in copy.rglob("*") if p.is_file()}
    assert after - before == {
        Path("projects/dgfip_demo") / name for name in ("__init__.py", "data.py", "model.py", "status_quo.py", "README.md")
    } | {Path("expectations/dgfip_demo.json")}
    raw = params_file.read(copy)
    assert params_file.listed_projects(raw) == sorted(params_file.listed_projects(raw))
    assert "dgfip_demo" in raw["projects"] and raw["dgfip_demo"]["model"] == {"C": 1.0, "max_iter": 1000}
    assert (copy / "params.yaml").read_text().startswith((REPO / "params.yaml").read_text().split("projects:")[0])
    again = CliRunner().invoke(app, ["new", "dgfip_demo"], env={"SOCLE_ROOT": str(copy)})
    assert again.exit_code != 0 and "already exists" in str(again.exception)
    # The scaffold passes, as it is, every convention test and every contract test of the new project (those of the
    # 21 others are the main suite's): a new project starts green.
    env = {**os.environ, "PYTHONPATH": str(copy)}
    listed = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider", "tests/test_contract.py"],
        cwd=copy, env=env, capture_output=True, text=True, check=True,
    ).stdout.split()
    own = [test for test in listed if test.endswith("[dgfip_demo]")]
    assert len(own) >= 10, listed[-20:]
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/test_conventions.py", *own],
        cwd=copy, env=env, capture_output=True, text=True,
    )
    assert done.returncode == 0, done.stdout[-3000:]
    assert " passed" in done.stdout and "failed" not in done.stdout


@pytest.mark.parametrize("name", ["../evil", "Dgfip", "class", "1projet"])
def test_a_bad_name_is_refused_before_anything_is_written(copy: Path, name: str) -> None:
    before = sorted(p for p in copy.rglob("*"))
    result = CliRunner().invoke(app, ["new", name], env={"SOCLE_ROOT": str(copy)})
    assert result.exit_code != 0 and "not a project name" in str(result.exception)
    assert sorted(p for p in copy.rglob("*")) == before
    assert yaml.safe_load((copy / "params.yaml").read_text()) == params_file.read(REPO)
