"""The Great Expectations adapter: a project's JSON suite, run in an ephemeral context, told back in plain words.

GX 1.x data sources and suites are not idempotent in a persistent context, so every validator gets its own
ephemeral one (a tenth of a second); one validator checks as many batches as asked. GX itself is imported only
here, and only when a validation runs.

A suite runs in two stages: the batch's shape (row count, columns, types), then its values. A batch of the wrong
shape is refused on its shape alone: a missing or mistyped column would otherwise also fail, in GX's words, every
value expectation that reads it, and checking values costs most of the time.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from flows.steps import plausibility
from projects.contract import Project

EXAMPLES = 3
SHAPE = frozenset(
    {
        "expect_table_row_count_to_be_between",
        "expect_table_row_count_to_equal",
        "expect_table_columns_to_match_set",
        "expect_table_columns_to_match_ordered_list",
        "expect_table_column_count_to_be_between",
        "expect_table_column_count_to_equal",
        "expect_column_to_exist",
        "expect_column_values_to_be_of_type",
        "expect_column_values_to_be_in_type_list",
    }
)
"""Expectations about the batch's shape, checked first."""
RESULT_FORMAT = {"result_format": "SUMMARY", "partial_unexpected_count": EXAMPLES}


class SuiteInvalid(ValueError):
    """The suite file cannot be read or is not a GX 1.x suite for this project."""


class ValidationFailed(ValueError):
    """The batch breaks the project's data contract. `report` keeps the whole result."""

    def __init__(self, report: Report) -> None:
        self.report = report
        lines = "\n".join(f"  - {failure}" for failure in report.failures)
        shape = "" if report.values_checked else " (the batch's shape is wrong: its values were not checked)"
        super().__init__(
            f"{report.project}: {len(report.failures)} of {report.evaluated} expectations failed{shape}\n{lines}"
        )


@dataclass(frozen=True)
class Report:
    project: str
    success: bool
    evaluated: int
    failures: list[str] = field(default_factory=list)
    result: dict[str, Any] = field(default_factory=dict)
    """GX's own result, JSON-ready: kept as an MLflow artifact."""
    values_checked: bool = True
    """False when the batch's shape failed and its values were therefore not checked."""


def read_suite(path: Path, name: str) -> dict[str, Any]:
    """The suite as JSON, checked for the shape and the name before GX sees it."""
    try:
        suite = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SuiteInvalid(f"{path}: no suite for {name}") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise SuiteInvalid(f"{path}: not valid JSON ({error})") from None
    if not isinstance(suite, dict) or not isinstance(suite.get("expectations"), list) or not suite["expectations"]:
        raise SuiteInvalid(f"{path}: a suite is an object with a non-empty `expectations` list")
    if suite.get("name") != name:
        raise SuiteInvalid(f"{path}: the suite is named {suite.get('name')!r}, it must be named {name!r}")
    for position, expectation in enumerate(suite["expectations"]):
        if not isinstance(expectation, dict) or not isinstance(expectation.get("type"), str):
            raise SuiteInvalid(f"{path}: expectation #{position} has no `type`")
        if not isinstance(expectation.get("kwargs", {}), dict) or not isinstance(expectation.get("meta", {}), dict):
            raise SuiteInvalid(f"{path}: expectation #{position} ({expectation['type']}): `kwargs` and `meta` are objects")
    return suite


def validate(df: pd.DataFrame, suite_path: Path, name: str, real: bool = False) -> Report:
    """Run the project's suite on the batch. Never raises for bad data: the report says what failed."""
    return validator(suite_path, name, real)(df)


REAL_ONLY = "real_only"
"""An expectation whose `meta` sets this holds for real deliveries only (a volume, a date range, a code list that
the seeded generator does not reproduce): checked on real data, skipped on synthetic data."""


def for_origin(suite: dict[str, Any], real: bool) -> dict[str, Any]:
    """The suite without its real-only expectations, unless the batch is real data."""
    kept = [e for e in suite["expectations"] if real or not (e.get("meta") or {}).get(REAL_ONLY)]
    return suite | {"expectations": kept}


def validator(suite_path: Path, name: str, real: bool = False) -> Callable[[pd.DataFrame], Report]:
    """The project's suite, read and built once in one ephemeral GX context, as a function of a batch.

    A malformed suite is refused here, before any batch is read. The suite of a project is its file and what its
    declaration implies (flows/steps/plausibility.py: labels, free text), checked after the file's values. Its
    real-only expectations apply when `real` (see `REAL_ONLY`)."""
    contract = for_origin(read_suite(suite_path, name), real)
    project = _declared(name)
    if project is not None:
        contract = {**contract, "expectations": [*contract["expectations"], *plausibility.expectations(project, contract)]}
    built = _expectations(contract, suite_path)
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")  # no telemetry from administrations' data
    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig

    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False)  # else a bar per validation on stderr
    stages = {
        stage: context.suites.add(gx.ExpectationSuite(name=f"{name}.{stage}", expectations=expectations))
        for stage, expectations in (("shape", built[True]), ("values", built[False]))
        if expectations
    }
    definition = context.data_sources.add_pandas(name).add_dataframe_asset(name).add_batch_definition_whole_dataframe(name)

    def check(df: pd.DataFrame) -> Report:
        batch = definition.get_batch(batch_parameters={"dataframe": df})
        results: dict[str, dict[str, Any]] = {}
        for stage, suite in stages.items():  # the shape first: values are checked on a batch of the right shape
            results[stage] = batch.validate(suite, result_format=RESULT_FORMAT).to_json_dict()
            if not results[stage]["success"]:
                break
        result = _bounded_result(_merged(name, list(results.values())))
        failures = [describe(outcome, df.columns) for outcome in result["results"] if not outcome["success"]]
        shape_failed = not results.get("shape", {"success": True})["success"]
        reviewed, found = (0, []) if shape_failed or project is None else plausibility.review(project, contract, df)
        result["plausibility"] = {"evaluated": reviewed, "failures": bounded(found)}
        success = bool(result["success"]) and not found
        return Report(name, success, len(result["results"]) + reviewed, failures + found, result, not shape_failed)

    return check


def _declared(name: str) -> Project | None:
    """The project of that name, whose declaration adds to its suite; None for a suite of no project (a test's)."""
    import projects

    return projects.load(name) if projects.is_valid_name(name) and name in projects.names() else None


LONGEST_KEPT = 200
"""Characters of a text kept in a stored GX result: a refused value of a mebibyte must not be stored 20 times."""
ITEMS_KEPT = 20


def bounded(value: Any, lists: bool = True) -> Any:
    """JSON-ready data with every text cut to `LONGEST_KEPT` characters and, where `lists`, every list to
    `ITEMS_KEPT` items: what is kept of a refused run stays small whatever the data held."""
    if isinstance(value, str):
        return value if len(value) <= LONGEST_KEPT else value[:LONGEST_KEPT] + f"… ({len(value)} characters)"
    if isinstance(value, dict):
        return {key: bounded(item, lists) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        kept = [bounded(item, lists) for item in (value[:ITEMS_KEPT] if lists else value)]
        return kept + [f"… ({len(value) - ITEMS_KEPT} more)"] if lists and len(value) > ITEMS_KEPT else kept
    return value


def _bounded_result(result: dict[str, Any]) -> dict[str, Any]:
    """A suite result kept whole (every outcome, the suite's value sets), its observed values and examples bounded."""
    outcomes = [
        bounded({key: item for key, item in outcome.items() if key != "result"}, lists=False)
        | {"result": bounded(outcome.get("result") or {})}
        for outcome in result["results"]
    ]
    return bounded({key: item for key, item in result.items() if key != "results"}, lists=False) | {"results": outcomes}


def _merged(name: str, results: list[dict[str, Any]]) -> dict[str, Any]:
    """The stages' results as one GX suite result (its statistics recounted)."""
    outcomes = [outcome for result in results for outcome in result["results"]]
    passed = sum(bool(outcome["success"]) for outcome in outcomes)
    merged = dict(results[-1]) if results else {"meta": {}}
    merged |= {
        "suite_name": name,
        "success": passed == len(outcomes),
        "results": outcomes,
        "statistics": {
            "evaluated_expectations": len(outcomes),
            "successful_expectations": passed,
            "unsuccessful_expectations": len(outcomes) - passed,
            "success_percent": 100.0 * passed / len(outcomes) if outcomes else None,
        },
    }
    return merged


def _expectations(suite_json: dict[str, Any], path: Path) -> dict[bool, list[Any]]:
    """Build each expectation ourselves (GX's suite constructor logs and skips the ones it cannot build), those
    about the batch's shape (True) apart from those about its values (False)."""
    from great_expectations.expectations.registry import get_expectation_impl

    built: dict[bool, list[Any]] = {True: [], False: []}
    for position, entry in enumerate(suite_json["expectations"]):
        try:
            expectation = get_expectation_impl(entry["type"])
            built[entry["type"] in SHAPE].append(expectation(**(entry.get("kwargs") or {}), meta=entry.get("meta") or None))
        except Exception as error:  # GX raises its own types for unknown expectations and bad kwargs
            detail = " / ".join(str(error).strip().splitlines()[:3])
            raise SuiteInvalid(f"{path}: expectation #{position} ({entry['type']}): {detail}") from None
    return built


def describe(outcome: dict[str, Any], present: Collection[str] | None = None) -> str:
    """One failed expectation in words: which, on which column, how many rows, a few examples. `present` (the
    batch's columns) lets a column that is not there be said so rather than by GX's exception."""
    config = outcome.get("expectation_config") or {}
    kwargs = config.get("kwargs") or {}
    kind = config.get("type", "expectation")
    columns = columns_of(kwargs)
    where = f"column{'s' if len(columns) > 1 else ''} {', '.join(columns)}: " if columns else ""
    absent = [column for column in columns if present is not None and column not in present]
    if absent:
        return f"{kind}: {_absent(absent)}"
    error = _exception(outcome.get("exception_info") or {})
    if error:
        return f"{kind}: {where}{error}"
    result = outcome.get("result") or {}
    if "unexpected_count" in result:
        examples = ", ".join(_short(value) for value in (result.get("partial_unexpected_list") or [])[:EXAMPLES])
        rule = _rule(kwargs)
        return (
            f"{kind}: {where}{result['unexpected_count']} of {result.get('element_count', '?')} rows fail"
            f"{f' ({rule})' if rule else ''}{f', e.g. {examples}' if examples else ''}"
        )
    observed = result.get("observed_value")
    details = result.get("details") or {}
    if "mismatched" in details:
        return f"{kind}: {_columns_differ(details['mismatched'])}; mismatched: {details['mismatched']}"
    if kind == "expect_column_values_to_be_of_type":
        return f"{kind}: {where}values are {observed}, the contract wants {kwargs.get('type_')}"
    return f"{kind}: {where}observed {_short(observed)} ({_rule(kwargs) or 'see the result'})"


def columns_of(kwargs: dict[str, Any]) -> list[str]:
    """The columns an expectation reads: `column`, `column_A` and `column_B`, or `column_list`."""
    found = [kwargs.get(key) for key in ("column", "column_A", "column_B")] + list(kwargs.get("column_list") or [])
    return [str(column) for column in found if column is not None]


def _absent(columns: list[str]) -> str:
    plural = len(columns) > 1
    return f"column{'s' if plural else ''} {', '.join(columns)} {'do' if plural else 'does'} not exist in the batch"


def _columns_differ(mismatched: dict[str, Any]) -> str:
    """`{'missing': [...], 'unexpected': [...]}` in words."""
    said = []
    if mismatched.get("missing"):
        said.append(_absent(list(mismatched["missing"])))
    if mismatched.get("unexpected"):
        unexpected = list(mismatched["unexpected"])
        said.append(f"column{'s' if len(unexpected) > 1 else ''} {', '.join(map(str, unexpected))} not in the contract")
    return "; ".join(said) or "the columns differ from the contract"


def _rule(kwargs: dict[str, Any]) -> str:
    shown = {key: value for key, value in kwargs.items() if key not in {"column", "column_A", "column_B", "column_list", "batch_id"}}
    return ", ".join(f"{key}={_short(value)}" for key, value in shown.items())


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


def _exception(info: dict[str, Any]) -> str | None:
    """GX reports an exception either directly or keyed by the metric that raised it."""
    found = [info] if "raised_exception" in info else [v for v in info.values() if isinstance(v, dict)]
    for entry in found:
        if entry.get("raised_exception") or entry.get("exception_message"):
            return str(entry.get("exception_message") or "raised an exception").strip().splitlines()[0]
    return None
