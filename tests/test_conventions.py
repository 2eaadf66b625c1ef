"""Conventions that matter, as tests: one name everywhere, no package shadowing mlflow, documentation that holds."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import yaml

import projects
from flows import params as params_file
from tests.conftest import REPO


def test_params_yaml_lists_exactly_the_project_folders() -> None:
    assert params_file.listed_projects(params_file.read(REPO)) == projects.names()


def test_every_project_has_a_suite_and_a_section() -> None:
    raw = params_file.read(REPO)
    suites = sorted(path.stem for path in (REPO / "expectations").glob("*.json"))
    assert suites == projects.names()
    for name in projects.names():
        assert json.loads((REPO / "expectations" / f"{name}.json").read_text())["name"] == name
        assert name in raw


def test_mlflow_folder_is_not_a_package() -> None:
    assert not (REPO / "mlflow" / "__init__.py").exists(), "it would shadow the mlflow library"


def test_dvcignore_ignores_bytecode() -> None:
    assert "__pycache__/" in (REPO / ".dvcignore").read_text().split()


def test_dvc_stage_is_one_foreach_over_the_project_list() -> None:
    stage = yaml.safe_load((REPO / "dvc.yaml").read_text())["stages"]["ingest"]
    assert stage["foreach"] == "${projects}"
    # persistent: DVC must not delete a real file imported in its place before the stage's command keeps it
    assert stage["do"]["outs"] == [{"data/${item}/dataset.parquet": {"persist": True}}]


def test_projects_never_import_the_base_or_prefect() -> None:
    for path in (REPO / "projects").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"^\s*(from|import) (flows|prefect|mlflow|great_expectations|dvc)\b", text, re.M), path


def test_listing_projects_imports_no_heavy_library() -> None:
    code = (
        "import sys, projects\n"
        "[projects.load(n) for n in projects.names()]\n"
        "heavy = {'sklearn', 'mlflow', 'prefect', 'great_expectations', 'dvc'} & {m.split('.')[0] for m in sys.modules}\n"
        "print(sorted(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_readme_starts_with_the_two_commands_that_ci_runs() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    commands = re.findall(r"^\s*(make \w+)\s*(?:#.*)?$", readme.split("## ", 2)[1], re.M)
    assert commands[:2] == ["make run", "make test"]
    makefile = (REPO / "Makefile").read_text()
    assert re.search(r"^run:", makefile, re.M) and re.search(r"^test:", makefile, re.M)
    assert "make test" in (REPO / ".ci" / "run").read_text()


def test_prefect_yaml_is_the_derived_nightly_plan() -> None:
    """prefect.yaml is what `socle deploy` derives from the project list: rerun it after adding a project."""
    from flows.server import deployments
    from flows.settings import StackSettings

    names = params_file.listed_projects(params_file.read(REPO))
    plan = deployments.schedule(names, kept=deployments.current(REPO / "prefect.yaml"))
    assert [item.name for item in plan] == names
    expected = deployments.render(plan, StackSettings.model_fields["work_pool"].default)
    assert (REPO / "prefect.yaml").read_text() == expected, "prefect.yaml is stale: run `socle deploy`"


def test_nightly_runs_are_staggered_inside_the_night_and_a_new_project_moves_no_other() -> None:
    from flows.server import deployments

    names = [f"p{index:02d}" for index in range(21)]
    plan = deployments.schedule(names)
    starts = [int(item.cron.split()[1]) * 60 + int(item.cron.split()[0]) for item in plan]
    assert len(set(starts)) == 21 and all(60 <= start < 5 * 60 for start in starts)
    kept = {item.name: item.cron for item in plan}
    grown = deployments.schedule([*names, "p99"], kept=kept)
    assert {item.name: item.cron for item in grown if item.name != "p99"} == kept
    assert len({item.cron for item in grown}) == 22


def test_the_readme_lists_every_laureate() -> None:
    """The README's table is the 21 laureates of the programme, each a project folder; a project
    added with `socle new` shows in `socle list` and the portfolio, and joins the table when its card is written."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## The projects", 1)[1].split("\n## ", 1)[0]
    listed = re.findall(r"^\| `(\w+)` \|", section, re.M)
    assert listed == sorted(listed) and set(listed) <= set(projects.names())
    assert len(listed) == 21
    documents = set(re.findall(r"\b([A-Z][A-Z_]+\.md)\b", readme))  # LAUREATES.md, CONTRIBUTING.md: the repository's own
    assert all((REPO / name).exists() for name in documents), f"the README cites documents that are not here: {documents}"


def _python_files() -> list:
    """The repository's Python sources: the benchmarks' throw-away workspaces (benchmarks/out/, ignored by git)
    hold copies of them."""
    found = [path for folder in ("flows", "projects", "tests", "benchmarks") for path in (REPO / folder).rglob("*.py")]
    return [path for path in found if not path.is_relative_to(REPO / "benchmarks" / "out")]


def test_the_run_record_has_one_owner() -> None:
    """Every `socle.*` tag key is a constant of flows/steps/record.py; a literal elsewhere is a second spelling."""
    owner = REPO / "flows" / "steps" / "record.py"
    spelled = [
        f"{path.relative_to(REPO)}:{number}"
        for path in _python_files() if path != owner and path.name != "test_conventions.py"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if re.search(r"""["']socle\.[a-z_]+(\.[a-z_]+)*["']""", line)
    ]
    assert not spelled, spelled


def test_the_science_lifecycle_is_written_once() -> None:
    """derive → split → fit → score is flows/lifecycle.py's: the flow, the tests and the benchmarks call it."""
    allowed = {REPO / "flows" / "lifecycle.py", REPO / "flows" / "conformance.py"}
    chained = [
        str(path.relative_to(REPO)) for path in _python_files() if path not in allowed
        and re.search(r"kinds\.split\(", text := path.read_text(encoding="utf-8")) and "kinds.fit(" in text
    ]
    assert not chained, f"these write the lifecycle again instead of calling flows.lifecycle: {chained}"


def test_suite_regexes_capture_nothing() -> None:
    """GX matches with pandas' `str.contains`, which warns on every batch of a regex with a capturing group: the
    suites group with `(?:…)`."""
    capturing = re.compile(r"(?<!\\)\((?!\?)")
    found = []
    for path in sorted((REPO / "expectations").glob("*.json")):
        for entry in json.loads(path.read_text(encoding="utf-8"))["expectations"]:
            regex = (entry.get("kwargs") or {}).get("regex", "")
            if capturing.search(re.sub(r"\[(?:\\.|[^\]])*\]", "", regex)):  # a bracket inside a class is a character
                found.append(f"{path.name}: {regex}")
    assert found == []
