"""What makes a run what it is: the data version, the parameters and the code, folded into one fingerprint."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import flows
import projects

SOURCE_SUFFIXES = {".py", ".json", ".yaml", ".csv", ".tsv", ".txt", ".parquet", ".md"}
"""Code, its reference data (a sample fixture in place of a generator: projects/_shared/fixture.py), and the card
(README.md): the card's text goes into every version's description, so an edited card reaches the next version."""
BASE = ("steps/*.py", "steps/kinds/__init__.py", "lifecycle.py", "orchestration/pipeline.py", "params.py")
"""The parts of the base every retrain runs: the science, its adapters and the flow (not the CLI, reports or
servers); of the task kinds, only the project's own counts (see `code_digest`)."""


def code_digest(name: str, suite: Path, task: str) -> str:
    """A hash of the base's code that trains this project (its task kind's module included), the project's folder,
    the modules shared by projects and the suite."""
    base, folder = Path(flows.__file__).parent, Path(projects.__file__).parent
    files = [path for part in BASE for path in sorted(base.glob(part))] + [base / "steps" / "kinds" / f"{task}.py"]
    # The contract, and the shared modules this project imports (editing rankers.py retrains its users, not all 21).
    own = _sources(folder / name)
    files += [*own, *sorted(folder.glob("*.py")), *shared_imports(own, folder / "_shared"), suite]
    digest = hashlib.sha256()
    for path in files:
        digest.update(str(path.relative_to(path.parents[1])).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


SHARED = re.compile(r"^\s*from projects\._shared(?:\.(\w+))? import ([\w, ()]+)", re.M)


def shared_imports(sources: list[Path], shared: Path) -> list[Path]:
    """The modules of projects/_shared/ these sources import, and those they import in turn."""
    found: set[Path] = set()
    todo = [path for path in sources if path.suffix == ".py"]
    while todo:
        text = todo.pop().read_text(encoding="utf-8")
        for module, names in SHARED.findall(text):
            candidates = [module] if module else [n.strip(" ()") for n in names.split(",")]
            for candidate in candidates:
                path = shared / f"{candidate}.py"
                if path.is_file() and path not in found:
                    found.add(path)
                    todo.append(path)
    return sorted(found)


def _sources(path: Path) -> list[Path]:
    if path.is_file():
        return [path]
    return sorted(p for p in path.rglob("*") if p.suffix in SOURCE_SUFFIXES and "__pycache__" not in p.parts)


def fingerprint(data_md5: str, params_digest: str, code: str) -> str:
    return hashlib.sha256(f"{data_md5}:{params_digest}:{code}".encode()).hexdigest()[:16]
