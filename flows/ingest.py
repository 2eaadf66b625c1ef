"""The `ingest` stage of dvc.yaml, and the import of real data in its place.

`python -m flows.ingest NAME` runs the project's seeded synthetic generator with `NAME.data` of params.yaml and
writes `data/NAME/dataset.parquet`. Real data takes the same path with the same columns: `socle data import NAME
FILE` validates the file against the project's suite, writes it there, records it as the stage's output in dvc.lock
(`dvc commit -f ingest@NAME`) and its origin in `data/NAME/origin.json`. From then on the stage keeps the file: its
command says so and writes nothing (the output is `persist`ent, so DVC does not delete it before the command runs,
nor restores a synthetic one from its run cache).
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

import projects
from flows import params as params_file
from flows.settings import Settings
from flows.steps import versioning
from projects.contract import Project

IMPORTABLE = (".csv", ".parquet")
"""What `socle data import` reads: text and Parquet, never a pickle (unpickling runs whatever the file holds)."""
SAMPLE_ROWS = 60
"""Rows of the generator that give a CSV file its column types."""


def ingest(name: str, root: Path, path: Path | None = None) -> Path:
    """Generate the project's data with its params into `path` (default: the project's data file)."""
    project = projects.load(name)
    data = params_file.resolve(project, params_file.read(root)).data
    frame = project.generate(data.rows, data.seed)
    return write(frame, path or Settings(SOCLE_ROOT=root).data_file(name))


def write(frame: pd.DataFrame, path: Path) -> Path:
    return atomically(path, lambda partial: frame.to_parquet(partial, index=False))


def atomically(path: Path, writes: Callable[[Path], object]) -> Path:
    """`writes` fills a partial file that then takes the place of `path`: a crash leaves the previous file, never
    half of a new one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    writes(partial)
    partial.replace(path)
    return path


class RealDataMissing(FileNotFoundError):
    """A real-data project's file is not in the workspace: it is pulled, never generated."""


def kept(name: str, found: versioning.Origin) -> str:
    """Why the stage leaves a real-data project's file as it is, in words."""
    return (
        f"{name}: {found.text()}, kept as it is (md5 {found.md5}): the synthetic generator never writes over real "
        f"data; `socle data import {name} FILE` records a new version"
    )


def stage(name: str, root: Path) -> str:
    """The stage's command: generate synthetic data, or keep the imported real file and say why."""
    found = versioning.origin(root, name)
    if not found.real:
        return str(ingest(name, root))
    if not Settings(SOCLE_ROOT=root).data_file(name).exists():
        raise RealDataMissing(f"{name}: its data is real and not in the workspace: `socle data pull {name}` fetches it")
    return kept(name, found)


def import_file(name: str, root: Path, source: Path, by: str) -> versioning.Origin:
    """Record a real file as the project's data: read, validated against the project's suite (its real-only
    expectations too), then written, committed to dvc.lock as a new data version (the previous one stays in the
    DVC cache) and its origin written beside it. A file that is refused leaves everything as it was."""
    from flows.steps import data, validation

    project, settings = projects.load(name), Settings(SOCLE_ROOT=root)
    frame = read(source, project)
    key = settings.pseudonym_key.get_secret_value().encode()  # the suite reads pseudonymised data, as in a run
    report = validation.validate(data.pseudonymise(frame, project, key), settings.suite_file(name), name, real=True)
    if not report.success:
        raise validation.ValidationFailed(report)
    target = settings.data_file(name)
    if source.suffix.lower() == ".parquet":  # the delivered bytes themselves: their md5 is the data version
        atomically(target, lambda partial: shutil.copyfile(source, partial))
    else:
        write(frame, target)
    md5 = versioning.commit(root, name)
    found = versioning.Origin(versioning.REAL, source.name, by, datetime.now(UTC).isoformat(timespec="seconds"), md5, len(frame))
    versioning.record_origin(root, name, found)
    return found


def read(source: Path, project: Project) -> pd.DataFrame:
    """A CSV (typed like the generator's columns) or Parquet file; anything else is refused unread."""
    from flows.steps import data

    suffix = source.suffix.lower()
    if suffix not in IMPORTABLE:
        raise data.DataUnreadable(f"{source}: a {suffix or 'suffix-less'} file is not imported; give a CSV or Parquet file")
    if suffix == ".parquet":
        return data.read(source)
    return data.read_csv(source, project.generate(SAMPLE_ROWS, 0))


if __name__ == "__main__":
    try:
        print(stage(sys.argv[1], Settings().root))
    except RealDataMissing as error:
        sys.exit(f"error: {error}")
