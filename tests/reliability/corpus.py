"""A generated corpus of bad deliveries for any project, derived from its declaration, its suite and good data.

Nothing here is written for one project: each kind of fault is a function of (project, suite, good frame) that
returns Parquet files, as a bad delivery would arrive, and the names their refusal must mention. Which column is
the key, which columns are text, which are required and which have a declared range is read from the project's
declaration (`key`, `target`, `free_text`, `personal`), its suite and the good data's types.

Pure: pandas and pyarrow only, no Socle IA step, no GX.
"""

from __future__ import annotations

import io
import math
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

KINDS = (
    "empty",
    "missing column",
    "renamed column",
    "extra column",
    "wrong type",
    "nulls",
    "out of range",
    "duplicated key",
    "non-UTF-8 text",
    "oversized text",
    "truncated file",
)
FILE = "dataset.parquet"
EXTRA = "COLONNE_INATTENDUE"
OVERSIZED = 1 << 20
"""One value of a mebibyte: a text column needs a maximum length to refuse it."""
BAD_ROWS = 5
UNIQUE = ("expect_column_values_to_be_unique", "expect_compound_columns_to_be_unique")
RANGES = ("expect_column_values_to_be_between", "expect_column_values_to_be_in_set")


@dataclass(frozen=True)
class Batch:
    """One bad delivery of a project and what its refusal must say."""

    project: str
    kind: str
    detail: str
    content: bytes
    """The Parquet file as delivered (or what is left of it)."""
    names: tuple[str, ...]
    """What the refusal must name: the columns at fault, or the file."""
    on_read: bool = False
    """Refused while the file is read (not Parquet, not UTF-8), before the suite runs."""


def corpus(project: Any, suite: dict[str, Any], good: pd.DataFrame) -> list[Batch]:
    """Every kind of fault, derived from this project's declaration, suite and good data."""
    return [batch for make in FAULTS.values() for batch in make(project, suite, good)]


def parquet(frame: pd.DataFrame) -> bytes:
    return frame.to_parquet(index=False)


# What the declaration and the suite say ------------------------------------------------------------------------


def expectations(suite: dict[str, Any], *types: str) -> Iterator[dict[str, Any]]:
    return (entry.get("kwargs") or {} for entry in suite["expectations"] if entry["type"] in types)


def key_columns(project: Any, suite: dict[str, Any]) -> tuple[str, ...]:
    """The natural key: the suite's uniqueness expectation that holds the declared `key` (or its first one)."""
    keys = [
        tuple(kwargs.get("column_list") or [kwargs.get("column")]) for kwargs in expectations(suite, *UNIQUE)
    ]
    declared = [key for key in keys if project.key in key]
    return (declared or keys or [()])[0]


def is_text(values: pd.Series) -> bool:
    """A text column: of a string type, or of objects that are all text (a column with gaps)."""
    if pd.api.types.is_object_dtype(values):
        present = values.dropna()
        return len(present) > 0 and all(isinstance(value, str) for value in present)
    return bool(pd.api.types.is_string_dtype(values))


def text_columns(project: Any, good: pd.DataFrame) -> list[str]:
    """Text columns that reach validation as written (personal ones become tokens first)."""
    return [column for column in good.columns if is_text(good[column]) and column not in project.personal]


def main_text(project: Any, good: pd.DataFrame) -> str:
    """The declared free text, else the longest text column."""
    texts = text_columns(project, good)
    free = [column for column in project.free_text if column in texts]
    return free[0] if free else max(texts, key=lambda column: good[column].dropna().str.len().mean())


def required(project: Any, suite: dict[str, Any], good: pd.DataFrame) -> list[str]:
    """Columns that must never be empty: the key, the target and the free text, when the good data fills them."""
    roles = [*key_columns(project, suite), project.target, *project.free_text]
    return [column for column in dict.fromkeys(roles) if column in good and good[column].notna().all()]


def ranged(project: Any, suite: dict[str, Any], good: pd.DataFrame) -> dict[str, dict[str, Any]]:
    """Per column with a declared range or set, its strictest one (the highest `mostly`) with its type."""
    found: dict[str, dict[str, Any]] = {}
    for entry in suite["expectations"]:
        kwargs = entry.get("kwargs") or {}
        column = kwargs.get("column")
        if entry["type"] not in RANGES or column not in good or column in project.personal:
            continue
        if pd.api.types.is_bool_dtype(good[column]):
            continue  # a set of {False, True} holds every boolean
        if kwargs.get("mostly", 1.0) >= found.get(column, {}).get("mostly", 0.0):
            found[column] = {"type": entry["type"], **kwargs, "mostly": kwargs.get("mostly", 1.0)}
    return found


# The faults ---------------------------------------------------------------------------------------------------


def empty(project: Any, suite: dict[str, Any], good: pd.DataFrame) -> list[Batch]:
    return [Batch(project.name, "empty", "no rows, every column", parquet(good.head(0)), ("row_count",))]


def missing(project: Any, suite: dict[str, Any], good: pd.DataFrame) -> list[Batch]:
    target = project.target
    return [Batch(project.name, "missing column", f"{target} dropped", parquet(good.drop(columns=[target])), (target,))]


def renamed(project: Any, suite: dict[str, Any], good: pd.DataFrame) -> list[Batch]:
    column = (key_columns(project, suite) or (project.target,))[0]
    new = column.swapcase()
    frame = good.rename(columns={column: new})
    return [Batch(project.name, "renamed column", f"{column} → {new}", parquet(frame), (column, new))]


def extra(project: Any, suite: dict[str, Any], good: pd.DataFrame) -> list[Batch]:
    frame = good.assign(**{EXTRA: "commentaire"})
    return [Batch(project.name, "extra column", f"{EXTRA} added", parquet(frame), (EXTRA,))]


def _family(values: pd.Series) -> str:
    if pd.api.types.is_bool_dtype(values):
        return "boolean"
    if pd.api.types.is_datetime64_any_dtype(values):
        return "date"
    if pd.api.types.is_numeric_dtype(values):
        return "number"
    return "text" if is_text(values) else "other"


RETYPED: dict[str, Callable[[pd.Series], pd.Series]] = {
    "number": lambda values: values.astype(str),  # "12.5": numbers exported as text
    "boolean": lambda values: values.map({True: "oui", False: "non"}),
    "date": lambda values: values.dt.strftime("%d/%m/%Y"),  # a French date as text
    "text": lambda values: values.str.len().fillna(0).astype("int64"),  # a code column read as numbers
}


def wrong_type(project: Any, suite: dict[str, Any], good: pd.DataFrame) -> list[Batch]:
    """One batch per kind of column the file has: its first column (not personal) in another type."""
    first: dict[str, str] = {}
    for column in good.columns:
        if column not in project.personal:
            first.setdefault(_family(good[column]), column)
    return [
        Batch(project.name, "wrong type", f"{column}: {family} → {RETYPED[family](good[column]).dtype}",
              parquet(good.assign(**{column: RETYPED[family](good[column])})), (column,))
        for family, column in first.items()
        if family in RETYPED
    ]


def _with_nulls(values: pd.Series, rows: int) -> pd.Series:
    """The column with its first rows empty, in a type that can say so (int64 would silently become float64)."""
    if pd.api.types.is_bool_dtype(values):
        values = values.astype("boolean")
    elif pd.api.types.is_integer_dtype(values):
        values = values.astype("Int64")
    out = values.copy()
    out.iloc[:rows] = None
    return out


def nulls(project: Any, suite: dict[str, Any], good: pd.DataFrame) -> list[Batch]:
    columns = required(project, suite, good)
    frame = good.assign(**{column: _with_nulls(good[column], BAD_ROWS) for column in columns})
    return [Batch(project.name, "nulls", f"{BAD_ROWS} empty rows in {', '.join(columns)}", parquet(frame), tuple(columns))]


def outside(rule: dict[str, Any], values: pd.Series) -> Any:
    """A value that breaks the rule: ten spans beyond the range, or a value foreign to the set, in the column's type."""
    if rule["type"] == "expect_column_values_to_be_in_set":
        allowed = list(rule["value_set"])
        if is_text(values):
            return "valeur_hors_liste"
        return type(max(allowed))(max(allowed) * 10 + 7)
    low, high = rule.get("min_value"), rule.get("max_value")
    if pd.api.types.is_datetime64_any_dtype(values):
        return pd.Timestamp(high) + pd.DateOffset(years=10) if high is not None else pd.Timestamp(low) - pd.DateOffset(years=10)
    span = abs((high if high is not None else 0) - (low if low is not None else 0)) or 1
    value = high + 10 * span if high is not None else low - 10 * span
    return int(value) if pd.api.types.is_integer_dtype(values) else float(value)


def out_of_range(project: Any, suite: dict[str, Any], good: pd.DataFrame) -> list[Batch]:
    """Every column with a declared range or set gets values outside it, enough to break its `mostly` too."""
    rules = ranged(project, suite, good)
    if not rules:
        return []
    frame = good.copy()
    for column, rule in rules.items():
        rows = BAD_ROWS + math.floor((1 - rule["mostly"]) * len(good))
        values = frame[column].copy()
        values.iloc[:rows] = outside(rule, values)
        frame[column] = values
    return [Batch(project.name, "out of range", f"values outside {len(rules)} declared ranges or sets", parquet(frame), tuple(rules))]


def duplicated_key(project: Any, suite: dict[str, Any], good: pd.DataFrame) -> list[Batch]:
    """The key of the first row given to the next rows too (the other columns keep their values)."""
    key = key_columns(project, suite)
    if not key:
        return []
    frame = good.copy()
    for column in key:
        values = frame[column].copy()
        values.iloc[1 : 1 + BAD_ROWS] = values.iloc[0]
        frame[column] = values
    return [Batch(project.name, "duplicated key", f"{'+'.join(key)} of row 0 repeated {BAD_ROWS} times", parquet(frame), key)]


def non_utf8(project: Any, suite: dict[str, Any], good: pd.DataFrame) -> list[Batch]:
    """A text column written in Windows-1252 (as an old export would): once as Parquet binary, once as a string
    column whose bytes are not UTF-8 (a writer that does not check)."""
    column = main_text(project, good)
    raw = [None if pd.isna(value) else str(value).encode("utf-8") for value in good[column]]
    for row in range(BAD_ROWS):
        raw[row] = f"Relevé n°{row} : {good[column].iloc[row]}".encode("cp1252", errors="replace")
    table = pa.Table.from_pandas(good, preserve_index=False)
    position = table.schema.get_field_index(column)
    binary = pa.array(raw, pa.binary())
    batches = []
    for detail, values in (("as binary", binary), ("as string", binary.view(pa.string()))):
        buffer = io.BytesIO()
        pq.write_table(table.set_column(position, column, values), buffer)
        batches.append(Batch(project.name, "non-UTF-8 text", f"{column} {detail}, cp1252", buffer.getvalue(), (column,), on_read=True))
    return batches


def oversized(project: Any, suite: dict[str, Any], good: pd.DataFrame) -> list[Batch]:
    column = main_text(project, good)
    seed = str(good[column].dropna().iloc[0]) + " "
    values = good[column].copy()
    values.iloc[0] = (seed * (OVERSIZED // len(seed) + 1))[:OVERSIZED]
    frame = good.assign(**{column: values})
    return [Batch(project.name, "oversized text", f"{column}: one value of {OVERSIZED} characters", parquet(frame), (column,))]


def truncated(project: Any, suite: dict[str, Any], good: pd.DataFrame) -> list[Batch]:
    whole = parquet(good)
    cuts = {"half of it": whole[: len(whole) // 2], "all but its footer": whole[:-8], "its first 4 bytes": whole[:4]}
    return [Batch(project.name, "truncated file", detail, content, (FILE,), on_read=True) for detail, content in cuts.items()]


FAULTS: dict[str, Callable[[Any, dict[str, Any], pd.DataFrame], list[Batch]]] = {
    "empty": empty,
    "missing column": missing,
    "renamed column": renamed,
    "extra column": extra,
    "wrong type": wrong_type,
    "nulls": nulls,
    "out of range": out_of_range,
    "duplicated key": duplicated_key,
    "non-UTF-8 text": non_utf8,
    "oversized text": oversized,
    "truncated file": truncated,
}
assert tuple(FAULTS) == KINDS


# What a suite must declare for the corpus to be refused --------------------------------------------------------


def gaps(project: Any, suite: dict[str, Any], good: pd.DataFrame) -> list[str]:
    """What the suite leaves undeclared: a unique, non-null key; a type for every column; a maximum length for every
    text column that reaches validation as written."""
    found = []
    key = key_columns(project, suite)
    if not key:
        found.append("no uniqueness expectation on a key")
    not_null = {kwargs["column"] for kwargs in expectations(suite, "expect_column_values_to_not_be_null") if kwargs.get("mostly", 1.0) == 1.0}
    found += [f"key column {column} may be null" for column in key if column not in not_null]
    typed = {kwargs["column"] for kwargs in expectations(suite, "expect_column_values_to_be_of_type")}
    found += [f"column {column} has no type" for column in good.columns if column not in typed]
    found += [f"text column {column} has no maximum length" for column in text_columns(project, good) if column not in bounded(suite)]
    return found


def bounded(suite: dict[str, Any]) -> set[str]:
    """Columns whose values have a maximum length: declared, or implied by a set or by a regex that repeats
    nothing without bound (`^CEA-\\d{4}-\\d{7}$`, not `^MRV-\\d{6,}$`)."""
    strict = [(entry["type"], entry.get("kwargs") or {}) for entry in suite["expectations"]]
    strict = [(kind, kwargs) for kind, kwargs in strict if kwargs.get("mostly", 1.0) == 1.0 and "column" in kwargs]
    return {
        kwargs["column"]
        for kind, kwargs in strict
        if (kind == "expect_column_value_lengths_to_be_between" and kwargs.get("max_value") is not None)
        or kind == "expect_column_values_to_be_in_set"
        or (kind == "expect_column_values_to_match_regex" and _finite(kwargs["regex"]))
    }


def _finite(regex: str) -> bool:
    """Anchored at both ends, and no `*`, `+` or `{n,}` outside escapes and character classes."""
    bare = re.sub(r"\[[^\]]*\]", "", re.sub(r"\\.", "", regex))
    return regex.startswith("^") and regex.endswith("$") and not re.search(r"[*+]|\{\d*,\}", bare)


# Poisoned deliveries: well-formed files an attacker (or a broken export) would send --------------------------------

POISON_FILE_KINDS = (
    "single class", "empty target", "majority flood", "random Unicode text", "control characters",
    "bidirectional override", "foreign language", "duplicated delivery", "infinite numbers", "blank text",
)
"""Refused by the suite and the declaration's expectations, naming the columns."""
POISON_GATE_KINDS = ("label in a feature", "shuffled labels", "labels remapped")
"""Well-formed and plausible: kept from promotion by the gate (leakage, baselines, the champion's reference rows)."""
GARBAGE_SEED = 20


def _garbage(rng: Any, length: int) -> str:
    points = rng.integers(1, 0x2FFF, length)
    return "".join(chr(point) for point in points if not 0xD800 <= point <= 0xDFFF)


def _poison(project: Any, kind: str, detail: str, frame: pd.DataFrame, names: tuple[str, ...]) -> Batch:
    return Batch(project.name, kind, detail, parquet(frame), names)


def poisoned_files(project: Any, suite: dict[str, Any], good: pd.DataFrame) -> list[Batch]:
    """The well-formed poisoned deliveries a suite must refuse, for those that apply to this project."""
    import numpy as np

    rng = np.random.default_rng(GARBAGE_SEED)
    target = project.target
    labelled = project.task in ("classification", "anomaly")
    batches = []
    if project.task != "changepoint":
        one = good.assign(**{target: [good[target].dropna().iloc[0]] * len(good)})
        batches.append(_poison(project, "single class", f"{target} holds one value", one, (target,)))
    empty = good.assign(**{target: pd.Series([None] * len(good), dtype=object)})
    batches.append(_poison(project, "empty target", f"{target} empty in every row", empty, (target,)))
    if labelled:
        flood = good.copy()
        values = flood[target].copy()
        values.iloc[: len(values) - 1] = values.mode().iloc[0]
        flood[target] = values
        batches.append(_poison(project, "majority flood", f"{target}: all rows but one in one class", flood, (target,)))
    texts = [column for column in project.free_text if column in good]
    if texts:
        column = texts[0]
        spoil = {
            "random Unicode text": [_garbage(rng, 150) for _ in range(len(good))],
            "control characters": [f"{text}\x00\x1b[2J" for text in good[column].fillna("")],
            "bidirectional override": [f"\u202e{text}" for text in good[column].fillna("")],
            "foreign language": ["Lorem ipsum dolor sit amet, consectetur adipiscing elit sed eiusmod"] * len(good),
            "blank text": [" \t " * 20] * len(good),
        }
        batches += [_poison(project, kind, f"{column}: {kind}", good.assign(**{column: values}), (column,))
                    for kind, values in spoil.items()]
    key = key_columns(project, suite)
    if key:
        twice = pd.concat([good, good], ignore_index=True)
        batches.append(_poison(project, "duplicated delivery", "the file twice over", twice, key))
    numbers = [column for column, rule in ranged(project, suite, good).items()
               if rule["type"] == "expect_column_values_to_be_between" and pd.api.types.is_float_dtype(good[column])]
    if numbers:
        values = good[numbers[0]].copy()
        values.iloc[:BAD_ROWS] = float("inf")
        batches.append(_poison(project, "infinite numbers", f"{numbers[0]}: +inf", good.assign(**{numbers[0]: values}), (numbers[0],)))
    return batches


def poisoned_labels(project: Any, good: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """The well-formed deliveries only the gate can refuse, for a project whose target is one class per row."""
    import numpy as np

    target = project.target
    feature = next(column for column in reversed(project.features) if column in good and column not in project.free_text)
    classes = sorted(good[target].dropna().unique(), key=str)
    remap = dict(zip(classes, classes[1:] + classes[:1]))
    shuffled = np.random.default_rng(GARBAGE_SEED).permutation(good[target].to_numpy())
    return {
        "label in a feature": good.assign(**{feature: good[target].astype(str)}),
        "shuffled labels": good.assign(**{target: shuffled}),
        "labels remapped": good.assign(**{target: good[target].map(remap).astype(good[target].dtype)}),
    }
