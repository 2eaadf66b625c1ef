"""The champion's history: append-only and chained, every move recorded, a crash between the move and its record
repaired at the next start, in either order of failure. The registry is an in-memory stand-in for MlflowClient."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import pytest
from mlflow.exceptions import MlflowException
from mlflow.protos.databricks_pb2 import RESOURCE_DOES_NOT_EXIST

from flows.steps import history
from flows.steps.record import Tag, Verdict

NAME = "dgs_signalements"


class Registry:
    """The few MlflowClient calls the history makes, over dictionaries."""

    def __init__(self) -> None:
        self.aliases: dict[str, str] = {}
        self.model_tags: dict[str, str] = {}
        self.version_tags: dict[str, dict[str, str]] = {}
        self.fail_alias = False

    def get_model_version_by_alias(self, name: str, alias: str) -> SimpleNamespace:
        if alias not in self.aliases:
            raise MlflowException("no alias", error_code=RESOURCE_DOES_NOT_EXIST)
        return SimpleNamespace(version=self.aliases[alias])

    def set_registered_model_alias(self, name: str, alias: str, version: str) -> None:
        if self.fail_alias:
            raise ConnectionError("registry down")
        self.aliases[alias] = version

    def delete_registered_model_alias(self, name: str, alias: str) -> None:
        self.aliases.pop(alias)

    def set_registered_model_tag(self, name: str, key: str, value: str) -> None:
        self.model_tags[key] = value

    def set_model_version_tag(self, name: str, version: str, key: str, value: str) -> None:
        self.version_tags.setdefault(version, {})[key] = value

    def get_registered_model(self, name: str) -> SimpleNamespace:
        return SimpleNamespace(tags=self.model_tags)

    def get_model_version(self, name: str, version: str) -> SimpleNamespace:
        return SimpleNamespace(tags=self.version_tags.get(version, {}), version=version)


def _entry(action: str, version: str, alias: str = "champion", by: str = "user ci", why: str = "gate: ok") -> history.Entry:
    return history.Entry(NAME, action, alias, version, "", by, why, run_id=f"run-{version}")


def _promoted(registry: Registry, state: Path, *versions: str) -> None:
    for version in versions:
        history.move(registry, state, _entry(Verdict.PROMOTED, version))
        registry.version_tags.setdefault(version, {})[Tag.DECISION] = Verdict.PROMOTED


def test_a_move_records_when_who_why_and_what_it_replaced(tmp_path: Path) -> None:
    registry = Registry()
    _promoted(registry, tmp_path, "1", "2")
    entries = history.read(tmp_path, NAME)
    assert [(e.action, e.state, e.version, e.replaced) for e in entries] == [
        ("promoted", "intended", "1", ""), ("promoted", "done", "1", ""),
        ("promoted", "intended", "2", "1"), ("promoted", "done", "2", "1"),
    ]
    assert entries[-1].by == "user ci" and entries[-1].why == "gate: ok" and entries[-1].run_id == "run-2"
    assert registry.model_tags[Tag.HISTORY_HEAD] == entries[-1].hash
    assert "promoted v2" in registry.version_tags["2"][Tag.HISTORY_EVENT]
    assert history.current(entries, "champion") == "2" == registry.aliases["champion"]


def test_rewriting_a_line_or_dropping_the_last_ones_is_detected(tmp_path: Path) -> None:
    registry = Registry()
    _promoted(registry, tmp_path, "1", "2")
    file = history.path(tmp_path, NAME)
    lines = file.read_text().splitlines()
    forged = json.loads(lines[1]) | {"by": "someone else"}
    file.write_text("\n".join([lines[0], json.dumps(forged), *lines[2:]]) + "\n")
    with pytest.raises(history.HistoryTampered, match=":2: the chain is broken"):
        history.read(tmp_path, NAME)
    file.write_text("\n".join(lines[:2]) + "\n")  # a consistent chain, two lines short
    with pytest.raises(history.HistoryTampered, match="does not hold"):
        history.check_head(registry, NAME, history.read(tmp_path, NAME))


def test_a_crash_after_the_move_is_completed_at_the_next_start(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    registry = Registry()
    _promoted(registry, tmp_path, "1")
    real, calls = history.append, []

    def dies_at_the_completion(state: Path, name: str, entry: history.Entry) -> history.Entry:
        calls.append(entry.state)
        if entry.state == history.DONE:
            raise SystemExit("killed between the alias move and its record")
        return real(state, name, entry)

    monkeypatch.setattr(history, "append", dies_at_the_completion)
    with pytest.raises(SystemExit):
        history.move(registry, tmp_path, _entry(Verdict.PROMOTED, "2"))
    monkeypatch.setattr(history, "append", real)
    assert registry.aliases["champion"] == "2" and history.pending(history.read(tmp_path, NAME))

    repaired = history.repair(registry, tmp_path, NAME)
    entries = history.read(tmp_path, NAME)
    assert [(e.state, e.version) for e in repaired] == [("done", "2")] and "completed at recovery" in repaired[0].why
    assert not history.pending(entries) and history.current(entries, "champion") == "2"


def test_a_crash_before_the_move_is_abandoned_at_the_next_start(tmp_path: Path) -> None:
    registry = Registry()
    _promoted(registry, tmp_path, "1")
    registry.fail_alias = True
    with pytest.raises(ConnectionError):
        history.move(registry, tmp_path, _entry(Verdict.PROMOTED, "2"))
    registry.fail_alias = False
    (repaired,) = history.repair(registry, tmp_path, NAME)
    assert repaired.state == history.ABANDONED and "champion is v1" in repaired.why
    assert history.current(history.read(tmp_path, NAME), "champion") == "1" == registry.aliases["champion"]


def test_an_alias_moved_outside_socle_is_recorded(tmp_path: Path) -> None:
    registry = Registry()
    _promoted(registry, tmp_path, "1")
    registry.aliases["champion"] = "7"  # someone used the MLflow UI
    (written,) = history.repair(registry, tmp_path, NAME)
    assert (written.action, written.version, written.replaced, written.by) == (history.OUTSIDE, "7", "1", "unknown")
    assert history.repair(registry, tmp_path, NAME) == []


def test_approval_rejection_and_rollback_each_leave_their_record(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(history.tracking, "load", lambda client, version: object())
    registry = Registry()
    _promoted(registry, tmp_path, "1")
    history.move(registry, tmp_path, _entry(Verdict.AWAITING, "2", alias=history.CHALLENGER))
    with pytest.raises(history.MoveRefused, match="the challenger is v2"):
        history.approve(registry, tmp_path, NAME, "3", "Dr Martin", "checked")
    history.approve(registry, tmp_path, NAME, "2", "Dr Martin", "checked on 40 reports")
    assert registry.aliases == {"champion": "2"} and registry.version_tags["2"][Tag.DECISION] == Verdict.APPROVED

    history.move(registry, tmp_path, _entry(Verdict.AWAITING, "3", alias=history.CHALLENGER))
    history.reject(registry, tmp_path, NAME, "3", "Dr Martin", "misses grave reports")
    assert registry.aliases == {"champion": "2"} and registry.version_tags["3"][Tag.DECISION] == Verdict.REJECTED
    with pytest.raises(history.MoveRefused, match="did not pass its gate"):
        history.rollback(registry, tmp_path, NAME, "3", "user ci", "try")

    back = history.rollback(registry, tmp_path, NAME, None, "user ci", "complaints about v2")
    assert (back.version, back.replaced, registry.aliases["champion"]) == ("1", "2", "1")
    done = [(e.action, e.alias, e.version, e.by) for e in history.read(tmp_path, NAME) if e.state == history.DONE]
    assert done == [
        ("promoted", "champion", "1", "user ci"), ("awaiting approval", "challenger", "2", "user ci"),
        ("approved", "champion", "2", "Dr Martin"), ("awaiting approval", "challenger", "3", "user ci"),
        ("rejected", "challenger", "3", "Dr Martin"), ("rolled back", "champion", "1", "user ci"),
    ]


def test_the_champion_of_a_given_moment_is_one_lookup(tmp_path: Path) -> None:
    registry = Registry()
    _promoted(registry, tmp_path, "1")
    entries = history.read(tmp_path, NAME)
    assert history.decided_at(entries, "1970-01-01T00:00:00Z") == ""
    assert history.decided_at(entries, "9999-01-01T00:00:00Z") == "1"
