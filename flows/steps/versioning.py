"""The DVC adapter: which bytes a run trains on (the md5 in dvc.lock), fetched from the cache or the remote.

DVC holds a repository lock, so every DVC command here goes through one file lock per workspace: concurrent runs
wait for each other instead of failing. Reading and checking data needs no DVC command at all.

A project's data is synthetic (its `ingest@NAME` stage runs the seeded generator) until a real file is imported
(`socle data import`): then `data/NAME/origin.json`, tracked by git beside the data, says where the bytes came from,
and the stage keeps them instead of generating (flows/ingest.py).

DVC trusts its cache: a cache object whose bytes were damaged is checked out, and pushed, as if it were sound. So
every byte that comes out of the cache here is hashed against dvc.lock before anything uses or sends it. Pushes and
pulls are retried (`SOCLE_IO_RETRIES`, `SOCLE_IO_RETRY_DELAYS`), then fail naming the remote.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import sys
import time
from collections.abc import Iterator
from contextlib import chdir, contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path

import yaml

CHUNK = 1 << 20
log = logging.getLogger(__name__)


class DataNotVersioned(LookupError):
    """dvc.lock has no record of the project's data."""


class DataChanged(ValueError):
    """The workspace data differs from the version recorded in dvc.lock."""


class CacheCorrupted(DataChanged):
    """A DVC cache object whose bytes no longer have the md5 it is filed under."""


class RemoteUnavailable(ConnectionError):
    """A push or a pull still failed after its retries: the DVC remote is down, unreachable or refusing."""


SYNTHETIC, REAL = "synthetic", "real"


@dataclass(frozen=True)
class Origin:
    """Where a project's data comes from: its generator, or a real file someone imported."""

    kind: str = SYNTHETIC
    file: str = ""
    """The imported file's name (never its folder: a path may say more than the data)."""
    by: str = ""
    at: str = ""
    """When it was imported, ISO 8601 in UTC."""
    md5: str = ""
    """The data version the import recorded in dvc.lock."""
    rows: int = 0

    @property
    def real(self) -> bool:
        return self.kind == REAL

    def text(self) -> str:
        if not self.real:
            return SYNTHETIC
        return f"real (`{self.file}`, {self.rows} rows, imported by {self.by} on {self.at[:10]})"


def origin_path(root: Path, name: str) -> Path:
    return root / "data" / name / "origin.json"


def origin(root: Path, name: str) -> Origin:
    """The project's data origin: what `data/NAME/origin.json` says, synthetic without one."""
    path = origin_path(root, name)
    if not path.exists():
        return Origin()
    return Origin(**json.loads(path.read_text(encoding="utf-8")))


def record_origin(root: Path, name: str, found: Origin) -> Path:
    path = origin_path(root, name)
    path.write_text(json.dumps(asdict(found), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path


@dataclass(frozen=True)
class DataVersion:
    path: Path
    md5: str
    """The md5 recorded in dvc.lock: the data version of every run that reads it."""
    source: str
    """Where the bytes were found: workspace, cache or remote."""
    origin: Origin = Origin()


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

    Refuses to go on when the workspace file differs from dvc.lock: a run must train on recorded bytes. A damaged
    cache object stops the run too (CacheCorrupted), before any step reads it. The pull is tried once: the flow's
    task retries it.
    """
    md5, source = locked_md5(root, name), origin(root, name)
    path = root / relative_data_path(name)
    if path.exists():
        found = md5_of(path)
        if found != md5:
            record = f"socle data import {name} FILE" if source.real else f"socle data ingest {name}"
            raise DataChanged(
                f"{path} differs from dvc.lock (md5 {found}, recorded {md5}): record it with "
                f"`{record}` or restore it with `socle data pull {name}`"
            )
        return DataVersion(path, md5, "workspace", source)
    cached = cache_path(root, md5)
    if cached.exists():
        _restore(cached, path, name, md5)
        return DataVersion(path, md5, "cache", source)
    if generated(root, name, md5, path):
        return DataVersion(path, md5, "generated", source)
    pull(root, name, retries=0)
    return DataVersion(path, md5, "remote", source)


def generated(root: Path, name: str, md5: str, path: Path) -> bool:
    """A fresh clone has neither the data nor its cache: where dvc.lock says the data comes from the project's
    seeded generator (its `ingest@NAME` stage), run it, and keep the file only if it has the md5 of dvc.lock (the
    same code, params and libraries give the same bytes). Real data is never generated: it is pulled."""
    if origin(root, name).real:
        return False
    lock = yaml.safe_load((root / "dvc.lock").read_text(encoding="utf-8")) or {}
    if "flows.ingest" not in str((lock.get("stages", {}).get(f"ingest@{name}") or {}).get("cmd", "")):
        return False
    from flows import ingest

    partial = path.with_name(path.name + ".generated")
    ingest.ingest(name, root, partial)
    if (found := md5_of(partial)) != md5:
        partial.unlink()
        log.warning("%s: the generator gives md5 %s, dvc.lock records %s: pulling the recorded version", name, found, md5)
        return False
    partial.replace(path)
    log.info("%s: data generated by its ingest stage (md5 %s, as dvc.lock records)", name, md5)
    return True


def _restore(cached: Path, path: Path, name: str, md5: str) -> None:
    """Copy the cache object into the workspace, hashing the bytes as they are written: only a copy that has the
    md5 of dvc.lock takes the data file's place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    digest = hashlib.md5()
    with cached.open("rb") as source, partial.open("wb") as target:
        while block := source.read(CHUNK):
            digest.update(block)
            target.write(block)
    if digest.hexdigest() != md5:
        partial.unlink()
        raise corrupted(cached, name, digest.hexdigest(), md5)
    partial.replace(path)


def corrupted(cached: Path, name: str, found: str, md5: str) -> CacheCorrupted:
    return CacheCorrupted(
        f"{cached}: the DVC cache object of {relative_data_path(name)} is corrupted: md5 {found}, expected {md5} "
        f"(dvc.lock); delete it, then `socle data pull {name}` fetches the recorded version from the remote"
    )


def check_cache(root: Path, name: str) -> None:
    """Raise CacheCorrupted when the cache object of the recorded version exists and does not hash to it."""
    md5 = locked_md5(root, name)
    cached = cache_path(root, md5)
    if cached.exists() and (found := md5_of(cached)) != md5:
        raise corrupted(cached, name, found, md5)


@contextmanager
def repo(root: Path) -> Iterator[object]:
    """A DVC `Repo` for the workspace, held under the workspace's file lock."""
    from dvc.repo import Repo
    from filelock import FileLock

    (root / ".dvc" / "tmp").mkdir(parents=True, exist_ok=True)
    # DVC resolves targets and stage paths against the current directory, whatever repository it was given.
    with FileLock(root / ".dvc" / "tmp" / "socle-dvc.lock", timeout=600), chdir(root), Repo(str(root)) as dvc_repo:
        yield dvc_repo


def pull(root: Path, name: str, retries: int | None = None) -> None:
    """Fetch the version of dvc.lock into the cache and the workspace, then check the md5 that DVC does not.

    A pulled file that does not match is removed, so that no step can read it; a file that was there before the
    pull is left alone (DVC does not overwrite a modified workspace file either)."""
    md5, path = locked_md5(root, name), root / relative_data_path(name)
    existed, had_cache = path.exists(), cache_path(root, md5).exists()
    _transfer(root, name, "pull", retries)
    found = md5_of(path) if path.exists() else "missing"
    if found == md5:
        return
    if not existed:
        path.unlink(missing_ok=True)
    if had_cache:
        check_cache(root, name)  # DVC checked out a damaged cache object: name it
    raise DataChanged(
        f"{path}: pulled from the DVC remote {describe_remote(root)} with md5 {found}, recorded {md5} in dvc.lock: "
        "the remote copy is damaged"
    )


def push(root: Path, name: str, retries: int | None = None) -> int:
    """Send the version of dvc.lock to the default remote; returns how many files were sent (0: already there).

    The cache object is checked first: DVC would upload damaged bytes under the recorded md5."""
    check_cache(root, name)
    return int(_transfer(root, name, "push", retries))


def _transfer(root: Path, name: str, verb: str, retries: int | None) -> object:
    """`dvc push` or `dvc pull` of the project's data file, retried with the settings' delays (None: the settings'
    number of retries), then RemoteUnavailable naming the remote. DVC and boto retry each request themselves for
    a few seconds; these retries outlast a short outage of the remote."""
    from dvc.config import ConfigError

    from flows.settings import Settings

    settings = Settings()
    attempts = 1 + (settings.io_retries if retries is None else retries)
    delays = settings.io_retry_delays or [0.0]
    started = time.monotonic()
    for attempt in range(attempts):
        try:
            with repo(root) as dvc_repo:
                return getattr(dvc_repo, verb)(targets=[relative_data_path(name)])
        except ConfigError:  # no remote, an unknown one: retrying cannot help
            raise
        except Exception as error:  # DVC lets boto's, s3fs' and its own errors through: any may be an outage
            last = error
        if attempt + 1 < attempts:
            wait = delays[min(attempt, len(delays) - 1)]
            log.warning("dvc %s of %s failed (%s); retrying in %.1f s", verb, relative_data_path(name), last, wait)
            time.sleep(wait)
    raise RemoteUnavailable(
        f"DVC remote {describe_remote(root)}: {verb} of {relative_data_path(name)} failed after {attempts} attempt(s) "
        f"in {time.monotonic() - started:.1f} s: {type(last).__name__}: {last}; `socle data {verb} {name}` again "
        "resumes it once the remote answers"
    ) from last


def describe_remote(root: Path) -> str:
    """The default remote as a user configured it: its name, URL and endpoint (`dvc remote list` would say)."""
    from dvc.config import Config

    try:
        config = Config(dvc_dir=str(root / ".dvc"))
        name = config["core"].get("remote", "")
        remote = config["remote"].get(name, {})
    except Exception as error:  # a broken configuration must not hide the push error itself
        return f"(configuration unreadable: {error})"
    if not name:
        return "(none is the default)"
    endpoint = remote.get("endpointurl")
    return f"'{name}' ({remote.get('url', '?')}{f' at {endpoint}' if endpoint else ''})"


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


def commit(root: Path, name: str) -> str:
    """Record the workspace's data file as the output of `ingest@NAME` in dvc.lock and the cache (`dvc commit -f`:
    `dvc add` refuses a file that is a stage's output); returns its md5. The version it replaces stays in the cache."""
    with repo(root) as dvc_repo:
        dvc_repo.commit(target=stage(name), force=True)
    return locked_md5(root, name)


def status(root: Path, name: str) -> dict[str, str]:
    """Workspace against dvc.lock, and the local cache against the default remote."""
    with repo(root) as dvc_repo:
        local = dvc_repo.status(targets=[stage(name)])
        remote = dvc_repo.status(targets=[relative_data_path(name)], cloud=True)
    return {
        "workspace": "matches dvc.lock" if not local else f"changed: {local}",
        "remote": "in sync" if not remote else ", ".join(f"{path}: {state}" for path, state in remote.items()),
    }
