"""One run of a project at a time: a file lock per project, `.socle/locks/<name>.lock` under the workspace.

Two runs of one project deciding at once would each judge their challenger against the same champion, and whichever
moved the alias last would win without having seen the other: two decisions where there must be one. So a run holds
its project's lock from the moment it looks at the registry (sweep, skip) until its MLflow run is closed (resolve ..
promote); a second run waits, then sees the first one's champion, and skips or is judged against it.

Why a file lock: the kernel releases it when its process dies, SIGKILL included, so a crash never leaves a stale
lock behind (a lock row in MLflow or a Prefect concurrency slot would stay taken); it needs no server; it serialises
everything that shares the workspace on this host (`socle run`, the nightly flow and its local Dask workers, the
deployments' worker). Hosts sharing one registry but not one disk need a shared lock instead.
"""

from __future__ import annotations

import json
import os
import socket
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout

FOLDER = Path(".socle") / "locks"


class ProjectBusy(TimeoutError):
    """Another run of the project held its lock for longer than this run would wait."""


@contextmanager
def hold(root: Path, name: str, timeout: float, waiting: Callable[[str], None] | None = None) -> Iterator[Path]:
    """Hold the project's lock for the block; `waiting(message)` is told when another run holds it first."""
    folder = root / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.lock"
    lock = FileLock(path)
    try:
        lock.acquire(blocking=False)
    except Timeout:
        if waiting is not None:
            waiting(f"{name}: waiting for the run holding {path} ({holder(path)}) to finish")
        try:
            lock.acquire(timeout=timeout)
        except Timeout:
            raise ProjectBusy(f"{name}: another run holds {path} ({holder(path)}); gave up after {timeout:g} s") from None
    try:
        _owner_file(path).write_text(json.dumps(_me()), encoding="utf-8")
        yield path
    finally:
        lock.release()


def holder(path: Path) -> str:
    """Who holds the lock, as its holder wrote it down."""
    try:
        who = json.loads(_owner_file(path).read_text(encoding="utf-8"))
        return f"pid {who['pid']} on {who['host']} since {who['since']}"
    except (OSError, ValueError, KeyError):
        return "holder unknown"


def _owner_file(path: Path) -> Path:
    # Beside the lock, not in it: filelock truncates the lock file when it opens it.
    return path.with_suffix(".owner.json")


def _me() -> dict[str, str | int]:
    return {"pid": os.getpid(), "host": socket.gethostname(), "since": time.strftime("%Y-%m-%d %H:%M:%S")}
