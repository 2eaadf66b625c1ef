"""`socle new NAME`: a 22nd project as one folder, one suite and one section of params.yaml, ready to run.

The scaffold is a working binary classification on seeded synthetic data (it passes the contract tests and trains
as it is), so that a new project starts green and is then rewritten piece by piece: generator, model, suite, card.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from string import Template

import projects

TEMPLATES = Path(__file__).parent / "templates" / "project"
FILES = {
    "__init__.py": "__init__.py.tmpl", "data.py": "data.py.tmpl", "model.py": "model.py.tmpl",
    "status_quo.py": "status_quo.py.tmpl", "README.md": "README.md.tmpl",
}


class ScaffoldError(ValueError):
    """The name is taken or not an identifier, or params.yaml cannot take the new project."""


def new(root: Path, name: str, title: str, administration: str, season: int) -> list[Path]:
    """Write the project's folder, its suite and its params.yaml section; returns the paths written."""
    if not projects.is_valid_name(name):
        raise ScaffoldError(f"{name!r} is not a project name: snake_case identifiers only, e.g. 'dgfip_fraude'")
    folder, suite = root / "projects" / name, root / "expectations" / f"{name}.json"
    for taken in (folder, suite):
        if taken.exists():
            raise ScaffoldError(f"{taken} already exists: pick another name")
    values = {"name": name, "season": str(season), "title": _text(title), "administration": _text(administration)}
    params = root / "params.yaml"
    updated = _with_project(params.read_text(encoding="utf-8"), name) + _fill("params.yaml.tmpl", values)
    folder.mkdir(parents=True)
    written = []
    for target, template in FILES.items():
        (folder / target).write_text(_fill(template, values), encoding="utf-8")
        written.append(folder / target)
    suite.write_text(_fill("suite.json.tmpl", values), encoding="utf-8")
    params.write_text(updated, encoding="utf-8")
    return [*written, suite, params, *_nightly_plan(root)]


def _nightly_plan(root: Path) -> list[Path]:
    """prefect.yaml derived again: the new project takes a free slot of the night, every other keeps its own."""
    from flows import params as params_file
    from flows.server import deployments
    from flows.settings import StackSettings

    plan_file = root / "prefect.yaml"
    if not plan_file.exists():
        return []
    names = params_file.listed_projects(params_file.read(root))
    plan = deployments.schedule(names, kept=deployments.current(plan_file))
    plan_file.write_text(deployments.render(plan, StackSettings.model_fields["work_pool"].default), encoding="utf-8")
    return [plan_file]


def _text(value: str) -> str:
    """A value safe inside a double-quoted Python string and on one Markdown line."""
    return json.dumps(" ".join(value.split()), ensure_ascii=False)[1:-1]


def _fill(template: str, values: dict[str, str]) -> str:
    return Template((TEMPLATES / template).read_text(encoding="utf-8")).substitute(values)


def _with_project(text: str, name: str) -> str:
    """params.yaml with `name` added to the `projects:` list, in order; comments and layout kept."""
    block = re.search(r"^projects:\n((?:[ \t]+- .+\n)+)", text, re.M)
    if block is None:
        raise ScaffoldError("params.yaml has no `projects:` list of `- name` lines")
    entries = re.findall(r"- (\S+)", block.group(1))
    if name in entries:
        raise ScaffoldError(f"params.yaml already lists {name}")
    indent = re.match(r"[ \t]+", block.group(1)).group(0)
    listed = "".join(f"{indent}- {entry}\n" for entry in sorted([*entries, name]))
    return text[: block.start(1)] + listed + text[block.end(1) :]
