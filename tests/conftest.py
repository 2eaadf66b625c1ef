"""Shared fixtures: a real Prefect API (one per session), a real DVC + git workspace, a real MLflow SQLite store."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]
SMALL_ROWS = 1500
"""Integration workspaces cap every project's data at this many rows: quick flows, models still clearly ahead."""
COPIED = ["flows", "projects", "expectations", "dvc.yaml", "params.yaml", ".dvcignore", ".gitignore"]

os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
os.environ.setdefault("DO_NOT_TRACK", "1")
os.environ.setdefault("MLFLOW_DISABLE_TELEMETRY", "true")
# A command run by a test without a Prefect API gets the temporary one, gone with it: a local server started in a
# test's workspace would outlive the session (tests/test_local_prefect.py starts and stops its own).
os.environ.setdefault("SOCLE_PREFECT_SERVER", "temporary")
# An xdist worker starts with COLUMNS=80, and rich fixes a console's width from COLUMNS when it is made (the CLI's
# consoles, at import): every test's `env={"COLUMNS": ...}` would then be ignored.
os.environ.pop("COLUMNS", None)

# DVC binds its log handlers to the sys.stdout of the moment it is first imported. Imported first inside a
# CliRunner (a `socle data` command), they would write to the runner's buffer, closed once the command ends, and
# every later DVC call in the session would fail to log: import it now, while stdout is pytest's own.
import dvc.repo  # noqa: E402, F401


def run(*args: str, cwd: Path) -> str:
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    done = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True)
    assert done.returncode == 0, f"{' '.join(args)} failed:\n{done.stdout}\n{done.stderr}"
    return done.stdout


def make_workspace(
    folder: Path, rows: dict[str, int] | None = None, only: list[str] | None = None, ingest: list[str] | None = None,
    approval: bool = False,
) -> Path:
    """A git + DVC repository holding a copy of this one, its remote in a local folder, data ingested and pushed.

    Every project gets `min(its rows, SMALL_ROWS)` rows unless `rows` says otherwise; `only` keeps those projects
    in params.yaml's list; `ingest` names the projects whose data is generated (default: every listed one). Human
    approval is waived (tests of the gate expect its winner crowned) unless `approval` keeps the projects' own. Each
    ingest is a process of its own: seconds on an idle machine, a minute on a loaded one."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in COPIED:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, folder / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, folder / name)
    params = yaml.safe_load((folder / "params.yaml").read_text())
    if only is not None:
        params["projects"] = [name for name in params["projects"] if name in only]
    for name in params["projects"]:
        params[name]["data"]["rows"] = (rows or {}).get(name, min(params[name]["data"]["rows"], SMALL_ROWS))
        if not approval:
            params[name].setdefault("promotion", {})["requires_approval"] = False
    (folder / "params.yaml").write_text(yaml.safe_dump(params, sort_keys=False))
    run("git", "init", "-q", cwd=folder)
    run("git", "config", "user.email", "ci@socle.test", cwd=folder)
    run("git", "config", "user.name", "CI", cwd=folder)
    run(sys.executable, "-m", "dvc", "init", "-q", cwd=folder)
    run(sys.executable, "-m", "dvc", "config", "core.analytics", "false", cwd=folder)
    run(sys.executable, "-m", "dvc", "remote", "add", "-d", "local", str(folder.parent / f"{folder.name}-remote"), cwd=folder)
    if ingest is None or ingest:
        run(sys.executable, "-m", "dvc", "repro", "-q", *(f"ingest@{name}" for name in ingest or ()), cwd=folder)
    if ingest is None or ingest:
        run(sys.executable, "-m", "dvc", "push", "-q", cwd=folder)
    run("git", "add", "-A", cwd=folder)
    run("git", "commit", "-q", "-m", "workspace", cwd=folder)
    return folder


def store_of(folder: Path) -> str:
    """A workspace's MLflow store: SQLite under its mlflow/ folder."""
    return f"sqlite:///{folder / 'mlflow' / 'mlflow.db'}"


@contextmanager
def pointed_at(folder: Path) -> Iterator[Path]:
    """SOCLE_ROOT and MLflow's store set to a workspace's for the duration of a block (a module's fixture)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOCLE_ROOT", str(folder))
        patch.setenv("MLFLOW_TRACKING_URI", store_of(folder))
        (folder / "mlflow").mkdir(exist_ok=True)
        yield folder


@pytest.fixture(scope="session")
def prefect_api() -> Iterator[None]:
    """One real Prefect API for the whole session: it takes seconds to start."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield


@pytest.fixture(scope="session")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_workspace(tmp_path_factory.mktemp("socle") / "workspace")


@pytest.fixture()
def env(workspace: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point Socle IA at the test workspace and its own MLflow SQLite store."""
    monkeypatch.setenv("SOCLE_ROOT", str(workspace))
    monkeypatch.setenv("MLFLOW_TRACKING_URI", f"sqlite:///{workspace / 'mlflow' / 'mlflow.db'}")
    (workspace / "mlflow").mkdir(exist_ok=True)
    return workspace


# The production-like stack (`socle up`): one for the session, shared by tests/server and tests/reliability.
from tests.server.stack_fixture import LAST, stack, stack_to_stop  # noqa: E402, F401  (fixtures)


SLOW = ("integration", "server", "reliability")
"""Folders whose tests start real servers or flows: marked `slow`; `make test-fast` leaves them out, `make test` runs all."""
SHARED = {"stack": "the production-like stack (`socle up`)", "workspace": "the session's 21-project workspace"}
"""Session fixtures too dear to build twice: every module that uses one runs in one xdist worker (`--dist loadgroup`)."""


def _shared(item: pytest.Item) -> str | None:
    """The dear session fixture the test uses (the session's own, not a module's fixture of the same name)."""
    definitions = getattr(getattr(item, "_fixtureinfo", None), "name2fixturedefs", {})
    for fixture in SHARED:
        if any(definition.scope == "session" for definition in definitions.get(fixture, ())[-1:]):
            return fixture
    return "stack" if LAST in definitions else None


def _project(item: pytest.Item) -> str | None:
    """The project of a module-scoped fixture parametrized by project (test_contract's `project`): its instances
    are built per project, so the module's tests of one project may run apart from the others'."""
    definitions = getattr(getattr(item, "_fixtureinfo", None), "name2fixturedefs", {})
    params = getattr(getattr(item, "callspec", None), "params", {})
    for name, value in params.items():
        fixture = definitions.get(name, ())[-1:]
        if fixture and fixture[0].scope == "module" and fixture[0].params is not None and isinstance(value, str):
            return value
    return None


def _groups(items: list[pytest.Item]) -> dict[str, str]:
    """The xdist group of each test: a module whose tests use a dear session fixture goes whole to its group (its
    module fixtures are shared by all its tests); another, by project where its fixtures are per project."""
    modules: dict[str, list[pytest.Item]] = {}
    for item in items:
        modules.setdefault(item.nodeid.split("::")[0], []).append(item)
    groups = {}
    for module, members in modules.items():
        shared = next((found for found in map(_shared, members) if found), None)
        for item in members:
            project = None if shared else _project(item)
            groups[item.nodeid] = shared or (f"{module}::{project}" if project else module)
    return groups


@pytest.hookimpl(tryfirst=True)  # before xdist reads the groups
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests of the SLOW folders are marked `slow`; each test gets its xdist group; the test that stops the shared
    stack runs after every other test."""
    groups = _groups(items)
    for item in items:
        if set(Path(str(item.path)).relative_to(REPO / "tests").parts[:-1]) & set(SLOW):
            item.add_marker(pytest.mark.slow)
        item.add_marker(pytest.mark.xdist_group(groups[item.nodeid]))
    stopping = [item for item in items if LAST in getattr(item, "fixturenames", ())]
    items[:] = [item for item in items if item not in stopping] + stopping


def pytest_collection_finish(session: pytest.Session) -> None:
    """Under `--dist loadgroup`, xdist must have taken the groups (it writes them into the test ids): if a pytest
    upgrade made it ignore them, every worker would build every shared server, silently."""
    if getattr(session.config.option, "loadgroup", False) and session.items and not any("@" in item.nodeid for item in session.items):
        raise pytest.UsageError("pytest-xdist ignored the tests' groups (see the pytest pin in pyproject.toml)")
