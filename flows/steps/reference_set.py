"""The champion's reference test set: the held-out rows it was crowned on, which no later delivery can rewrite.

A challenger is compared with the champion on the new delivery's held-out rows, and a wrong delivery redefines
what "better" means there (poisoned targets score the champion low too). So each champion keeps the rows it was
judged on, stored with its run when it is crowned (`ARTIFACT`, with the reason it was renewed); every later
challenger and the champion are scored on them as well, and the challenger must not lose there by more than
`promotion.reference_tolerance`. The set is renewed only when a champion changes.

The rows are already pseudonymised (the run's frame): nothing here sees a personal value.
"""

from __future__ import annotations

import json
import math
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from projects.contract import Project

ARTIFACT = "reference/test.parquet"
REASON = "reference/reason.json"
EXTRA = "reference"
"""The key of `Evaluation.extra` the gate reads."""


@dataclass(frozen=True)
class ReferenceSet:
    rows: pd.DataFrame
    champion_version: str
    reason: str
    """Why it was renewed: the decision that crowned its champion."""


@dataclass(frozen=True)
class OnReference:
    """The challenger and the champion scored on the champion's reference rows."""

    champion_version: str
    rows: int
    challenger: float
    champion: float


def scored(model: Any, champion: Any, project: Project, reference: ReferenceSet) -> OnReference:
    """Both models' primary metric on the reference rows; NaN for one that cannot score them (an old champion
    may not read new columns; a challenger that cannot is said so by the gate)."""
    return OnReference(
        reference.champion_version, len(reference.rows),
        _score(model, project, reference.rows), _score(champion, project, reference.rows),
    )


def _score(model: Any, project: Project, rows: pd.DataFrame) -> float:
    from flows.steps import kinds

    if model is None:
        return math.nan
    try:
        return float(kinds.score(model, project, rows)[project.metric])
    except Exception:  # noqa: BLE001 — any failure to score is "cannot be scored", said by the gate
        return math.nan


def save(client: Any, run_id: str, rows: pd.DataFrame, reason: str) -> None:
    """The crowned run's held-out rows and why they become the reference, as artifacts of that run."""
    with tempfile.TemporaryDirectory(prefix="socle-reference-") as scratch:
        folder = Path(scratch) / Path(ARTIFACT).parent
        folder.mkdir()
        rows.to_parquet(folder / Path(ARTIFACT).name, index=False)
        (folder / Path(REASON).name).write_text(json.dumps({"reason": reason, "rows": len(rows)}), encoding="utf-8")
        client.log_artifacts(run_id, str(folder), str(Path(ARTIFACT).parent))


def load(client: Any, version: Any) -> ReferenceSet | None:
    """The reference rows kept by the champion's run; None for a champion crowned before references were kept."""
    import mlflow.artifacts

    with tempfile.TemporaryDirectory(prefix="socle-reference-") as scratch:
        try:
            folder = Path(mlflow.artifacts.download_artifacts(
                run_id=version.run_id, artifact_path=str(Path(ARTIFACT).parent), dst_path=scratch,
                tracking_uri=client.tracking_uri,
            ))
        except Exception:  # noqa: BLE001 — MLflow raises several types for an absent artifact
            return None
        if not (folder / Path(ARTIFACT).name).exists():
            return None
        rows = pd.read_parquet(folder / Path(ARTIFACT).name)
        reason = json.loads((folder / Path(REASON).name).read_text(encoding="utf-8")).get("reason", "")
    return ReferenceSet(rows, str(version.version), reason)
