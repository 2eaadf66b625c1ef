"""params.yaml: one section per project, validated by the project's own pydantic model; `--set key=value` overrides."""

from __future__ import annotations

import copy
import hashlib
import json
import re
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from projects.contract import Project, ProjectParams, carries_path

KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,63}(?:\.[A-Za-z_][A-Za-z0-9_]{0,63}){1,4}")
"""An override's key: dotted identifiers, `section.key` or deeper (never a path, a NUL or an encoded trick)."""


class ParamsError(ValueError):
    """params.yaml or an override does not fit the project's parameters."""


def read(root: Path) -> dict[str, Any]:
    path = root / "params.yaml"
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as error:
        raise ParamsError(f"{path}: {error}") from error


def listed_projects(raw: dict[str, Any]) -> list[str]:
    """The `projects:` list that dvc.yaml's foreach stage iterates over."""
    return list(raw.get("projects") or [])


def parse_override(text: str) -> tuple[list[str], Any]:
    """`model.C=0.5` → (["model", "C"], 0.5); the value is read as YAML, so numbers and booleans keep their type.

    Refused before anything runs: a key that is not dotted identifiers, a value YAML cannot read, a text value
    that looks like a path."""
    if not isinstance(text, str):
        raise ParamsError(f"override {text!r} must be a text section.key=value, e.g. model.C=0.5")
    key, sep, value = text.partition("=")
    if not sep or not KEY.fullmatch(key.strip()):
        raise ParamsError(f"override {_shown(text)} must look like section.key=value, e.g. model.C=0.5")
    try:
        parsed = yaml.safe_load(value)
    except yaml.YAMLError as error:
        raise ParamsError(f"override {_shown(text)}: the value is not YAML ({str(error).splitlines()[0]})") from None
    for part in _texts(parsed):
        if carries_path(part):
            raise ParamsError(f"override {_shown(text)}: {_shown(part)} looks like a path; parameters are numbers, booleans and words")
    return key.strip().split("."), parsed


def _texts(value: Any) -> list[str]:
    """Every text inside a YAML value: itself, or the items and keys of its lists and mappings."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [text for key, item in value.items() for text in (*_texts(key), *_texts(item))]
    if isinstance(value, list):
        return [text for item in value for text in _texts(item)]
    return []


def _shown(text: str) -> str:
    shown = repr(text)
    return shown if len(shown) <= 80 else shown[:77] + "..."


def resolve(project: Project, raw: dict[str, Any], overrides: list[str] = ()) -> ProjectParams:
    """The project's section of params.yaml with overrides applied, validated; unknown keys are refused."""
    section = copy.deepcopy(raw.get(project.name) or {})
    for override in overrides:
        path, value = parse_override(override)
        node = section
        for part in path[:-1]:
            node = node.setdefault(part, {})
            if not isinstance(node, dict):
                raise ParamsError(f"{project.name}: {'.'.join(path)} goes inside a value that is not a section")
        node[path[-1]] = value
    try:
        return project.params_model().model_validate(section)
    except ValidationError as error:
        raise ParamsError(f"{project.name}: invalid parameters in params.yaml or --set:\n{_readable(error)}") from None


def _readable(error: ValidationError) -> str:
    return "\n".join(f"  {'.'.join(map(str, e['loc']))}: {e['msg']}" for e in error.errors())


def digest(params: ProjectParams) -> str:
    """A stable hash of the effective parameters (part of the run's fingerprint)."""
    return hashlib.sha256(json.dumps(params.model_dump(mode="json"), sort_keys=True).encode()).hexdigest()[:16]


def flat(params: ProjectParams) -> dict[str, str]:
    """Dotted keys for MLflow params: `model.C` → 0.5; each `key=value` is a valid `--set` override."""
    out: dict[str, str] = {}

    def walk(prefix: str, value: Any) -> None:
        if isinstance(value, dict):
            for key, inner in value.items():
                walk(f"{prefix}.{key}" if prefix else key, inner)
        else:
            out[prefix] = value if isinstance(value, str) else json.dumps(value)  # read back as YAML by --set

    walk("", params.model_dump(mode="json"))
    return out
