"""What makes a run what it is: the data version, the parameters and the code, folded into one fingerprint."""

from __future__ import annotations

import hashlib
from pathlib import Path

import flows
import projects

SOURCE_SUFFIXES = {".py", ".json", ".yaml"}
BASE = ("steps/*.py", "steps/kinds/__init__.py", "orchestration/pipeline.py", "params.py")
"""The parts of the base every retrain runs: the science, its adapters and the flow (not the CLI, reports or
servers); of the task kinds, only the project's own counts (see `code_digest`)."""


def code_digest(name: str, suite: Path, task: str) -> str:
    """A hash of the base's code that trains this project (its task kind's module included), the project's folder,
    the modules shared by projects and the suite."""
    base, folder = Path(flows.__file__).parent, Path(projects.__file__).parent
    files = [path for part in BASE for path in sorted(base.glob(part))] + [base / "steps" / "kinds" / f"{task}.py"]
    # Modules shared by projects (contract, synthetic helpers, rankers, boosting) change what a project runs too.
    files += [*_sources(folder / name), *sorted(folder.glob("*.py")), *sorted((folder / "_shared").glob("*.py")), suite]
    digest = hashlib.sha256()
    for path in files:
        digest.update(str(path.relative_to(path.parents[1])).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _sources(path: Path) -> list[Path]:
    if path.is_file():
        return [path]
    return sorted(p for p in path.rglob("*") if p.suffix in SOURCE_SUFFIXES and "__pycache__" not in p.parts)


def fingerprint(data_md5: str, params_digest: str, code: str) -> str:
    return hashlib.sha256(f"{data_md5}:{params_digest}:{code}".encode()).hexdigest()[:16]
