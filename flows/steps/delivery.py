"""A new delivery of a project's data, scored by its champion: the part of the data contract a delivery must honour,
the scores file, and what a scoring run records. No Prefect, no MLflow.

A delivery is the source's rows without the labels: the project's suite applies to it without the expectations
that read the target, and with any row count from one up (training needs many rows; a night's reports may be few).
Each scored row keeps its key (pseudonymised like training's), the decision, the number it rests on, the model
version and the delivery's data version, so that "which model decided about this person on that day" is one query
over the scores files.
"""

from __future__ import annotations

import json
import math
import time
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator

from flows.steps import kinds
from flows.steps.record import Metric
from projects.contract import Project

ROW_COUNT = ("expect_table_row_count_to_be_between",)
COLUMN_SETS = ("expect_table_columns_to_match_set", "expect_table_columns_to_match_ordered_list")
TOP_DECISIONS = 20
"""Decisions counted one by one in the run's metrics; a kind with more (retrieval ids, entities) is not counted."""


class NoChampion(LookupError):
    """The project has no champion to score with."""


class DriftBlocked(ValueError):
    """The delivery moved too far from the champion's training data to be scored."""


def incoming(root: Path, name: str) -> Path:
    return root / "data" / name / "incoming"


def scores_path(root: Path, name: str, delivery: Path) -> Path:
    return root / "data" / name / "scores" / f"{delivery.stem}.parquet"


def waiting(root: Path, name: str) -> list[Path]:
    """The deliveries of `data/<name>/incoming/` not scored yet, oldest name first."""
    folder = incoming(root, name)
    found = sorted(folder.glob("*.parquet")) if folder.exists() else []
    return [path for path in found if not scores_path(root, name, path).exists()]


def input_suite(suite: dict[str, Any], project: Project) -> dict[str, Any]:
    """The suite a delivery must pass: the target's expectations dropped, the target out of the column sets, any
    row count from one."""
    from flows.steps.validation import columns_of

    kept = []
    for expectation in suite["expectations"]:
        kwargs = dict(expectation.get("kwargs") or {})
        if project.target in columns_of(kwargs):
            continue
        if expectation["type"] in ROW_COUNT:
            kwargs = {"min_value": 1, "max_value": None}
        if expectation["type"] in COLUMN_SETS:
            key = "column_set" if "column_set" in kwargs else "column_list"
            kwargs[key] = [column for column in kwargs[key] if column != project.target]
        kept.append(expectation | {"kwargs": kwargs})
    return suite | {"expectations": kept}


def without_target(frame: pd.DataFrame, project: Project) -> pd.DataFrame:
    """A delivery that still carries the labels is scored without them."""
    return frame.drop(columns=[project.target], errors="ignore")


def with_history(
    project: Project, reference: pd.DataFrame | None, frame: pd.DataFrame
) -> tuple[pd.DataFrame | None, pd.DataFrame]:
    """The project's derived features of the delivery computed after the champion's training data, which a
    worker's history or a peer comparison reaches back into (alone, a month's delivery has no past); both returned
    derived. Without the training data, the delivery is derived alone."""
    if project.derive is None:
        return reference, frame
    if reference is None:
        return None, project.derive(frame.reset_index(drop=True))
    both = project.derive(pd.concat([reference, frame], ignore_index=True))
    return both.iloc[: len(reference)], both.iloc[len(reference):].reset_index(drop=True)


def score(
    model: BaseEstimator, project: Project, frame: pd.DataFrame, model_version: str, data_version: str,
    explain: bool,
) -> pd.DataFrame:
    """One row per delivered row: key, decision, score, versions, when; the top contributions as JSON when the
    project's decisions are about persons (`explain`)."""
    X = frame[list(project.features)]
    decided = kinds.predictions(model, project, X)
    try:
        number = kinds.output(model, project, X)
    except kinds.NoOutput:
        number = np.full(len(X), math.nan)
    key = project.key or project.group
    keys = frame[key].astype("string").to_numpy() if key in frame.columns else [None] * len(frame)
    decisions = [None] * len(frame) if decided is None else [_plain(value) for value in decided]
    out = pd.DataFrame({
        "row": np.arange(len(frame)),
        "key": pd.array(keys, dtype="string"),
        "decision": pd.array(decisions, dtype="string"),
        "score": np.asarray(number, dtype=float),
        "model_version": model_version,
        "data_version": data_version,
        "scored_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    })
    if explain:
        out["contributions"] = [json.dumps(item["contributions"], ensure_ascii=False, default=str)
                                for item in _explained(model, project, frame)]
    return out


def _explained(model: BaseEstimator, project: Project, frame: pd.DataFrame) -> list[dict]:
    from flows.steps import explain

    try:
        return explain.decisions(model, project, frame.reset_index(drop=True))
    except (explain.NotExplainable, kinds.NoOutput) as error:  # said in the file rather than failing the scoring
        return [{"contributions": [{"unexplained": str(error)}]}] * len(frame)


def _plain(value: Any) -> str:
    return str(value.item() if hasattr(value, "item") else value)


def summary(scores: pd.DataFrame) -> dict[str, float]:
    """The run's metrics: rows, rows per decision, the score's distribution."""
    found = {Metric.SCORED_ROWS: float(len(scores))}
    counts = scores["decision"].value_counts()
    if 0 < len(counts) <= TOP_DECISIONS:
        found |= {f"{Metric.SCORED_DECISION}{_name(value)}": float(count) for value, count in counts.items()}
    known = scores["score"].dropna()
    if len(known):
        found |= {f"{Metric.SCORED_SCORE}mean": float(known.mean())} | {
            f"{Metric.SCORED_SCORE}p{q}": float(known.quantile(q / 100)) for q in (10, 50, 90)
        }
    return found


def _name(value: str) -> str:
    return "".join(c if c.isalnum() or c in "_-./ " else "_" for c in str(value))
