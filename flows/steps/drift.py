"""How a delivery differs from the data the champion was trained on, column by column.

For each input column: the population stability index (PSI) over the reference's deciles (numbers) or categories,
the two-sample Kolmogorov-Smirnov statistic and its p-value (numbers, `scipy.stats.ks_2samp`), the Jensen-Shannon
distance between the binned distributions (`scipy.spatial.distance.jensenshannon`), the missing-value rates of both
sides and the categories the reference never had. Free text is compared through its length. A column has moved
when its PSI, or the change of its missing rate, reaches the project's `drift_warn` and the difference is
significant (p below `ALPHA`: Kolmogorov-Smirnov for numbers, chi-square for categories and missing rates; PSI
alone is noisy on a small delivery: 80 rows of the very same distribution give PSIs above 0.1), or when it holds
categories never seen. The delivery is refused when a significant PSI reaches `drift_block` (when set). PSI's
customary reading: below 0.1 stable, 0.1–0.25 moving, above 0.25 shifted.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
from scipy import stats
from scipy.spatial.distance import jensenshannon
from scipy.special import rel_entr

from flows.steps.record import Metric

if TYPE_CHECKING:
    from projects.contract import Project

BINS = 10
FLOOR = 1e-4
"""Share given to an empty bin, so that PSI stays finite where one side has no row."""
NEW_SHOWN = 5
ALPHA = 0.01
NONE, WARN, BLOCK = "none", "warn", "block"
EXTRA = "drift"
"""The key of `Evaluation.extra` the gate reads: the challenger's data against the champion's training data."""


@dataclass(frozen=True)
class Verdict:
    level: str
    """none, warn or block."""
    moved: tuple[str, ...]
    reasons: tuple[str, ...]
    table: pd.DataFrame | None = field(default=None, compare=False, repr=False)
    """The comparison it judged, column by column (None when nothing was measured)."""

    def text(self) -> str:
        """The verdict in one line, as the runs' drift tag says it."""
        return f"{self.level}: {' | '.join(self.reasons) or 'no column moved'}"


def measure(reference: pd.DataFrame, delivery: pd.DataFrame, columns: list[str], text: tuple[str, ...] = ()) -> pd.DataFrame:
    """One row per column present on both sides: kind, psi, ks, ks_p, js, missing rates, new categories."""
    rows = []
    for column in columns:
        if column not in reference.columns or column not in delivery.columns:
            continue
        before, after = reference[column], delivery[column]
        if column in text:
            before, after = before.astype("string").str.len(), after.astype("string").str.len()
        rows.append({"column": column} | _compare(before, after) | {
            "missing_reference": float(before.isna().mean()),
            "missing_delivery": float(after.isna().mean()) if len(after) else math.nan,
            "missing_p": _chi2([before.isna().sum(), before.notna().sum()], [after.isna().sum(), after.notna().sum()]),
        })
    return pd.DataFrame(rows, columns=["column", "kind", "psi", "ks", "p_value", "js", "missing_reference",
                                       "missing_delivery", "missing_p", "new_categories"])


def _compare(before: pd.Series, after: pd.Series) -> dict:
    numeric = pd.api.types.is_numeric_dtype(before) and not pd.api.types.is_bool_dtype(before)
    if numeric and pd.api.types.is_numeric_dtype(after) and before.nunique() > BINS:
        return _numbers(before.dropna().astype(float), after.dropna().astype(float))
    # Few distinct values (grades, counts, a constant): compared value by value, a value never seen is new.
    return _categories(before.dropna().astype(str), after.dropna().astype(str))


def _numbers(before: pd.Series, after: pd.Series) -> dict:
    if before.empty or after.empty:
        return {"kind": "number", "psi": math.nan, "ks": math.nan, "p_value": math.nan, "js": math.nan, "new_categories": ""}
    edges = np.unique(np.quantile(before, np.linspace(0, 1, BINS + 1)))
    edges[0], edges[-1] = -np.inf, np.inf
    p, q = (np.histogram(side, bins=edges)[0] / len(side) for side in (before, after))
    test = stats.ks_2samp(before, after)
    return {"kind": "number", "psi": psi(p, q), "ks": float(test.statistic), "p_value": float(test.pvalue),
            "js": float(jensenshannon(p, q)), "new_categories": ""}


def _categories(before: pd.Series, after: pd.Series) -> dict:
    known = before.value_counts(normalize=True)
    seen = after.value_counts(normalize=True)
    values = known.index.union(seen.index)
    p, q = known.reindex(values, fill_value=0).to_numpy(), seen.reindex(values, fill_value=0).to_numpy()
    new = [str(value) for value in seen.index if value not in known.index]
    shown = ", ".join(new[:NEW_SHOWN]) + (f" (+{len(new) - NEW_SHOWN})" if len(new) > NEW_SHOWN else "")
    js = float(jensenshannon(p, q)) if p.sum() and q.sum() else math.nan
    counts = [before.value_counts().reindex(values, fill_value=0), after.value_counts().reindex(values, fill_value=0)]
    return {"kind": "category", "psi": psi(p, q) if len(after) else math.nan, "ks": math.nan,
            "p_value": _chi2(*counts), "js": js, "new_categories": shown}


def _chi2(before: object, after: object) -> float:
    """The chi-square test's p-value that both sides share one distribution over the same bins."""
    table = np.array([np.asarray(before, dtype=float), np.asarray(after, dtype=float)])
    table = table[:, table.sum(axis=0) > 0]
    if table.shape[1] < 2 or (table.sum(axis=1) == 0).any():
        return 1.0
    return float(stats.chi2_contingency(table).pvalue)


def psi(p: np.ndarray, q: np.ndarray) -> float:
    """Population stability index of two binned shares: the symmetrised Kullback-Leibler divergence."""
    p, q = np.clip(p, FLOOR, None), np.clip(q, FLOOR, None)
    p, q = p / p.sum(), q / q.sum()
    return float(np.sum(rel_entr(q, p) + rel_entr(p, q)))


def judge(table: pd.DataFrame, warn: float, block: float | None) -> Verdict:
    """Which columns moved and whether the delivery may be scored, with the reason for each column."""
    moved, reasons, level = [], [], NONE
    for row in table.itertuples(index=False):
        said = []
        significant = not math.isnan(row.p_value) and row.p_value < ALPHA
        if significant and not math.isnan(row.psi) and row.psi >= warn:
            said.append(f"PSI {row.psi:.3f} ≥ {warn} (p {row.p_value:.1e})")
        change = abs(row.missing_delivery - row.missing_reference)
        if not math.isnan(change) and change >= warn and row.missing_p < ALPHA:
            said.append(f"missing {row.missing_reference:.1%} → {row.missing_delivery:.1%}")
        if row.new_categories:
            said.append(f"new categories: {row.new_categories}")
        if not said:
            continue
        moved.append(row.column)
        blocks = block is not None and significant and not math.isnan(row.psi) and row.psi >= block
        level = BLOCK if blocks else (level if level == BLOCK else WARN)
        reasons.append(f"{row.column}: {'; '.join(said)}{f' (blocks at PSI {block})' if blocks else ''}")
    return Verdict(level, tuple(moved), tuple(reasons))


def between(
    project: Project, before: pd.DataFrame, after: pd.DataFrame, warn: float, block: float | None
) -> Verdict:
    """Every input column of the project compared, and judged, keeping the table."""
    table = measure(before, after, list(project.features), project.free_text)
    return replace(judge(table, warn, block), table=table)


def unmeasured(why: str) -> Verdict:
    return Verdict(NONE, (), (f"not measured: {why}",))


def metrics(table: pd.DataFrame) -> dict[str, float]:
    """Per column drift.psi.<column>, drift.js.<column>, drift.missing.<column> (the delivery's rate)."""
    found = {}
    for row in table.itertuples(index=False):
        for name, value in (("psi", row.psi), ("js", row.js), ("missing", row.missing_delivery)):
            if not math.isnan(value):
                found[f"{Metric.DRIFT}{name}.{_metric_name(row.column)}"] = float(value)
    return found


def _metric_name(column: str) -> str:
    """MLflow metric names allow letters, digits, `_ - . / space`."""
    return "".join(c if c.isalnum() or c in "_-./ " else "_" for c in column)
