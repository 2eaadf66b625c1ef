"""The Great Expectations adapter: a project's JSON suite, run in an ephemeral context, told back in plain words.

GX 1.x data sources and suites are not idempotent in a persistent context, so every validation gets its own
ephemeral one (a few milliseconds). GX itself is imported only here, and only when a validation runs.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

EXAMPLES = 3


class SuiteInvalid(ValueError):
    """The suite file cannot be read or is not a GX 1.x suite for this project."""


class ValidationFailed(ValueError):
    """The batch breaks the project's data contract. `report` keeps the whole result."""

    def __init__(self, report: Report) -> None:
        self.report = report
        lines = "\n".join(f"  - {failure}" for failure in report.failures)
        super().__init__(f"{report.project}: {len(report.failures)} of {report.evaluated} expectations failed\n{lines}")


@dataclass(frozen=True)
class Report:
    project: str
    success: bool
    evaluated: int
    failures: list[str] = field(default_factory=list)
    result: dict[str, Any] = field(default_factory=dict)
    """GX's own result, JSON-ready: kept as an MLflow artifact."""


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
    return suite


def validate(df: pd.DataFrame, suite_path: Path, name: str) -> Report:
    """Run the project's suite on the batch. Never raises for bad data: the report says what failed."""
    suite_json = read_suite(suite_path, name)
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")  # no telemetry from administrations' data
    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig

    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False)  # else a bar per validation on stderr
    suite = context.suites.add(gx.ExpectationSuite(name=name, expectations=_expectations(suite_json, suite_path)))
    batch = (
        context.data_sources.add_pandas(name)
        .add_dataframe_asset(name)
        .add_batch_definition_whole_dataframe(name)
        .get_batch(batch_parameters={"dataframe": df})
    )
    result = batch.validate(suite, result_format={"result_format": "SUMMARY", "partial_unexpected_count": EXAMPLES})
    failures = [describe(r.to_json_dict()) for r in result.results if not r.success]
    return Report(name, bool(result.success), len(result.results), failures, result.to_json_dict())


def _expectations(suite_json: dict[str, Any], path: Path) -> list[Any]:
    """Build each expectation ourselves: GX's suite constructor logs and skips the ones it cannot build."""
    from great_expectations.expectations.registry import get_expectation_impl

    built = []
    for position, entry in enumerate(suite_json["expectations"]):
        try:
            expectation = get_expectation_impl(entry["type"])
            built.append(expectation(**(entry.get("kwargs") or {}), meta=entry.get("meta") or None))
        except Exception as error:  # GX raises its own types for unknown expectations and bad kwargs
            detail = " / ".join(str(error).strip().splitlines()[:3])
            raise SuiteInvalid(f"{path}: expectation #{position} ({entry['type']}): {detail}") from None
    return built


def describe(outcome: dict[str, Any]) -> str:
    """One failed expectation in words: which, on which column, how many rows, a few examples."""
    config = outcome.get("expectation_config") or {}
    kwargs = config.get("kwargs") or {}
    kind = config.get("type", "expectation")
    where = f"column {kwargs['column']}: " if "column" in kwargs else ""
    error = _exception(outcome.get("exception_info") or {})
    if error:
        return f"{kind}: {where}{error}"
    result = outcome.get("result") or {}
    if "unexpected_count" in result:
        examples = ", ".join(map(repr, (result.get("partial_unexpected_list") or [])[:EXAMPLES]))
        rule = _rule(kwargs)
        return (
            f"{kind}: {where}{result['unexpected_count']} of {result.get('element_count', '?')} rows fail"
            f"{f' ({rule})' if rule else ''}{f', e.g. {examples}' if examples else ''}"
        )
    observed = result.get("observed_value")
    details = result.get("details") or {}
    extra = f"; mismatched: {details['mismatched']}" if "mismatched" in details else ""
    return f"{kind}: {where}observed {observed!r} ({_rule(kwargs) or 'see the result'}){extra}"


def _rule(kwargs: dict[str, Any]) -> str:
    shown = {key: value for key, value in kwargs.items() if key not in {"column", "batch_id"}}
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
