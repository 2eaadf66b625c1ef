"""The DVC adapter: which bytes a run trains on (the md5 in dvc.lock), fetched from the cache or the remote.

DVC holds a repository lock, so every DVC command here goes through one file lock per workspace: concurrent runs
wait for each other instead of failing. Reading and checking data needs no DVC command at all.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sys
from collections.abc import Iterator
from contextlib import chdir, contextmanager
from dataclasses import dataclass
from pathlib import Path

import yaml

CHUNK = 1 << 20


class DataNotVersioned(LookupError):
    """dvc.lock has no record of the project's data."""


class DataChanged(ValueError):
    """The workspace data differs from the version recorded in dvc.lock."""


@dataclass(frozen=True)
class DataVersion:
    path: Path
    md5: str
    """The md5 recorded in dvc.lock: the data version of every run that reads it."""
    source: str
    """Where the bytes were found: workspace, cache or remote."""


def stage(name: str) -> str:
    return f"ingest@{name}"


def relative_data_path(name: str) -> str:
    return f"data/{name}/dataset.parquet"


def locked_md5(root: Path, name: str) -> str:
    """The md5 of `data/<name>/dataset.parquet` recorded in dvc.lock."""
    lock_file = root / "dvc.lock"
    hint = f"run `socle data ingest {name}` (dvc repro {stage(name)}) first"
    try:
        lock = yaml.safe_load(lock_file.read_text(encoding="utf-8")) or {}
    except FileNotFoundError:
        raise DataNotVersioned(f"{lock_file}: missing; {hint}") from None
    outs = (lock.get("stages", {}).get(stage(name)) or {}).get("outs") or []
    for out in outs:
        if out.get("path") == relative_data_path(name):
            return str(out["md5"])
    raise DataNotVersioned(f"{lock_file}: no version of {relative_data_path(name)}; {hint}")


def md5_of(path: Path) -> str:
    digest = hashlib.md5()
    with path.open("rb") as handle:
        while block := handle.read(CHUNK):
            digest.update(block)
    return digest.hexdigest()


def cache_path(root: Path, md5: str) -> Path:
    """Where DVC 3 keeps a file of this md5 in the workspace's local cache."""
    return root / ".dvc" / "cache" / "files" / "md5" / md5[:2] / md5[2:]


def resolve(root: Path, name: str) -> DataVersion:
    """The data version of dvc.lock, found in the workspace, else restored from the cache, else pulled.

    Refuses to go on when the workspace file differs from dvc.lock: a run must train on recorded bytes.
    """
    md5 = locked_md5(root, name)
    path = root / relative_data_path(name)
    if path.exists():
        found = md5_of(path)
        if found != md5:
            raise DataChanged(
                f"{path} differs from dvc.lock (md5 {found}, recorded {md5}): record it with "
                f"`socle data ingest {name}` (dvc repro/commit) or restore it with `socle data pull {name}`"
            )
        return DataVersion(path, md5, "workspace")
    cached = cache_path(root, md5)
    if cached.exists() and md5_of(cached) == md5:
        _restore(cached, path)
        return DataVersion(path, md5, "cache")
    pull(root, name)
    if not path.exists() or md5_of(path) != md5:
        raise DataChanged(f"{path}: the pulled file does not match dvc.lock (md5 {md5}); the remote copy is damaged")
    return DataVersion(path, md5, "remote")


def _restore(cached: Path, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    shutil.copyfile(cached, partial)
    partial.replace(path)


@contextmanager
def repo(root: Path) -> Iterator[object]:
    """A DVC `Repo` for the workspace, held under the workspace's file lock."""
    from dvc.repo import Repo
    from filelock import FileLock

    (root / ".dvc" / "tmp").mkdir(parents=True, exist_ok=True)
    # DVC resolves targets and stage paths against the current directory, whatever repository it was given.
    with FileLock(root / ".dvc" / "tmp" / "socle.lock", timeout=600), chdir(root), Repo(str(root)) as dvc_repo:
        yield dvc_repo


def pull(root: Path, name: str) -> None:
    with repo(root) as dvc_repo:
        dvc_repo.pull(targets=[relative_data_path(name)])


def push(root: Path, name: str) -> int:
    with repo(root) as dvc_repo:
        return int(dvc_repo.push(targets=[relative_data_path(name)]))


def reproduce(root: Path, names: list[str]) -> None:
    """Run the ingest stages (DVC skips those whose deps and params did not change) and record them in dvc.lock."""
    _venv_first_on_path()
    with repo(root) as dvc_repo:
        dvc_repo.reproduce(targets=[stage(name) for name in names])


def _venv_first_on_path() -> None:
    """DVC runs stage commands through the shell: `python` there must be this interpreter, with its packages."""
    here = str(Path(sys.executable).parent)
    if os.environ.get("PATH", "").split(os.pathsep)[0] != here:
        os.environ["PATH"] = os.pathsep.join([here, os.environ.get("PATH", "")])


def status(root: Path, name: str) -> dict[str, str]:
    """Workspace against dvc.lock, and the local cache against the default remote."""
    with repo(root) as dvc_repo:
        local = dvc_repo.status(targets=[stage(name)])
        remote = dvc_repo.status(targets=[relative_data_path(name)], cloud=True)
    return {
        "workspace": "matches dvc.lock" if not local else f"changed: {local}",
        "remote": "in sync" if not remote else ", ".join(f"{path}: {state}" for path, state in remote.items()),
    }
