"""What makes a run what it is: the data version, the parameters and the code, folded into one fingerprint."""

from __future__ import annotations

import hashlib
from pathlib import Path

import flows
import projects

SOURCE_SUFFIXES = {".py", ".json", ".yaml"}


def code_digest(name: str, suite: Path) -> str:
    """A hash of the base's code, the project's folder and its suite: what a retrain would run."""
    digest = hashlib.sha256()
    folders = [Path(flows.__file__).parent, Path(projects.__file__).parent / name]
    files = sorted(
        path for folder in folders for path in folder.rglob("*") if path.suffix in SOURCE_SUFFIXES and "__pycache__" not in path.parts
    )
    # Modules shared by projects (contract, synthetic helpers, rankers) change what a project runs too.
    files += sorted(Path(projects.__file__).parent.glob("*.py")) + [suite]
    for path in files:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def fingerprint(data_md5: str, params_digest: str, code: str) -> str:
    return hashlib.sha256(f"{data_md5}:{params_digest}:{code}".encode()).hexdigest()[:16]
