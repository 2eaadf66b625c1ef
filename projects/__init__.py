"""Projects are found by folder: a package under `projects/` with `PROJECT = Project(...)` in its `__init__.py`.

Discovery lists folder names without importing anything; a project is imported only when it is asked for.
"""

from __future__ import annotations

import ast
import difflib
import importlib
import keyword
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the contract imports pydantic: `socle --help` and name checks need none of it
    from projects.contract import Project

HERE = Path(__file__).parent
_IDENTIFIER = re.compile(r"[a-z][a-z0-9_]{0,63}")
"""A whole name (fullmatch: `$` would let a trailing newline through), ASCII, at most 64 characters."""


class UnknownProject(LookupError):
    """A name that is no project folder; the message suggests the closest one."""


def names() -> list[str]:
    """Every project folder, sorted: a package whose name is a snake_case identifier."""
    return sorted(
        path.name
        for path in HERE.iterdir()
        if path.is_dir() and _IDENTIFIER.fullmatch(path.name) and (path / "__init__.py").exists()
    )


def is_valid_name(name: str) -> bool:
    """A snake_case identifier that Python can import: never a path, `..`, an encoded trick or a control character."""
    return isinstance(name, str) and bool(_IDENTIFIER.fullmatch(name)) and not keyword.iskeyword(name)


def check_name(name: str) -> str:
    """Refuse anything that is not a plain identifier (paths, `..`, URL-encoded tricks), then unknown names."""
    if not is_valid_name(name):
        shown = repr(name) if len(repr(name)) <= 80 else repr(name)[:77] + "..."
        raise UnknownProject(f"{shown} is not a project name: names are snake_case identifiers such as 'dgs_signalements'")
    known = names()
    if name not in known:
        close = difflib.get_close_matches(name, known, n=1)
        hint = f"; did you mean {close[0]!r}?" if close else f"; known projects: {', '.join(known)}"
        raise UnknownProject(f"unknown project {name!r}{hint}")
    return name


def load(name: str) -> Project:
    """Import one project and return its declaration."""
    from projects.contract import Project

    module = importlib.import_module(f"projects.{check_name(name)}")
    project = getattr(module, "PROJECT", None)
    if not isinstance(project, Project):
        raise TypeError(f"projects/{name}/__init__.py must define PROJECT = Project(...)")
    if project.name != name:
        raise ValueError(f"projects/{name}: PROJECT.name is {project.name!r}, it must equal its folder name")
    return project


SUMMARY = ("name", "title", "administration", "season", "task", "metric")
"""The fields `socle list` shows: read from the declaration's source, so listing imports no project (nor pandas)."""


def summary(name: str) -> dict[str, Any]:
    """The literal fields of `PROJECT = Project(...)` among SUMMARY, without importing the project.

    A field that is not written as a literal is read by importing the project (a test checks both ways agree)."""
    source = (HERE / check_name(name) / "__init__.py").read_text(encoding="utf-8")
    found: dict[str, Any] = {}
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Project":
            for keyword_ in node.keywords:
                if keyword_.arg in SUMMARY and isinstance(keyword_.value, ast.Constant):
                    found[keyword_.arg] = keyword_.value.value
    if len(found) < len(SUMMARY):
        project = load(name)
        found = {field: getattr(project, field) for field in SUMMARY}
    return found


def card(name: str) -> Path:
    """The project's card, written for the administration and the citizens it serves."""
    return HERE / check_name(name) / "README.md"
