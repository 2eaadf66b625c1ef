"""A project without a generator: a committed sample of the real source stands in for it.

Where the source cannot be imitated (or need not be), a project declares `generate=fixture.sample(HERE /
"sample.parquet")`: a small Parquet file in its folder, with the real columns and types and values that identify
nobody. The contract tests, `socle check` and the `ingest` stage then read it where they would call a generator,
until `socle data import` brings the real file. The fixture is part of the project's folder, so it is hashed into
its fingerprint and its stage's dependencies like any source.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd


def sample(path: Path) -> Callable[[int, int], pd.DataFrame]:
    """A `generate(rows, seed)` over the fixture: at most `rows` of its rows, in an order that the seed gives, never
    a row twice (a repeated row would repeat its key, and a test row would also be a training row)."""

    def generate(rows: int, seed: int) -> pd.DataFrame:
        frame = pd.read_parquet(path)
        return frame.sample(n=min(rows, len(frame)), random_state=seed).reset_index(drop=True)

    return generate
