"""The `ingest` stage of dvc.yaml: write a project's dataset file from its source.

`python -m flows.ingest NAME` runs the project's seeded synthetic generator with `NAME.data` of params.yaml and
writes `data/NAME/dataset.parquet`. Real data takes the same path with the same columns: track that file with DVC
instead of this stage, and nothing else changes.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

import projects
from flows import params as params_file
from flows.settings import Settings


def ingest(name: str, root: Path, path: Path | None = None) -> Path:
    """Generate the project's data with its params into `path` (default: the project's data file)."""
    project = projects.load(name)
    data = params_file.resolve(project, params_file.read(root)).data
    frame = project.generate(data.rows, data.seed)
    return write(frame, path or Settings(SOCLE_ROOT=root).data_file(name))


def write(frame: pd.DataFrame, path: Path) -> Path:
    """Write atomically: a crash leaves the previous file, never half of a new one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    frame.to_parquet(partial, index=False)
    partial.replace(path)
    return path


if __name__ == "__main__":
    print(ingest(sys.argv[1], Settings().root))
