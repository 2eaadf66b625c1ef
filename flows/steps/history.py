"""The champion's audit trail: every move of the `champion` (and `challenger`) alias, and every refusal, appended to
a history that the normal path cannot rewrite.

MLflow keeps no record of which version held an alias when (mlflow/mlflow#2169), and a registry tag is rewritable.
So each project has an append-only JSON-lines file, `<state>/history/<name>.jsonl` (the state folder of the
workspace, `.socle/` by default), whose entries are hash-chained: each holds the hash of the one before, and its
own hash covers its content and that link. Rewriting or removing a line breaks the chain; dropping the last lines
is caught by the registry, which keeps the head hash as a tag of the registered model (`Tag.HISTORY_HEAD`), and
each version keeps its last move in words (`Tag.HISTORY_EVENT`).

A move is written in three steps: the intent, the alias move, the completion. A process killed between them leaves
an intent without its completion; `repair`, called before every move and every scoring, looks at the registry and
completes it (the alias did move) or abandons it (it did not). An alias moved outside Socle (the MLflow UI) is
recorded by `repair` as such, so that no move is ever without its record, nor a record without its move.
"""

from __future__ import annotations

import getpass
import hashlib
import json
import os
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from flows.steps import tracking
from flows.steps.record import Tag, Verdict

GENESIS = "0" * 64
"""The `previous` of the first entry."""
INTENDED, DONE, ABANDONED = "intended", "done", "abandoned"
PROMOTED, APPROVED, REJECTED, ROLLED_BACK, AWAITING, KEPT = (
    Verdict.PROMOTED, Verdict.APPROVED, Verdict.REJECTED, Verdict.ROLLED_BACK, Verdict.AWAITING, Verdict.KEPT,
)
OUTSIDE = "moved outside socle"
CHALLENGER = "challenger"


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


class HistoryTampered(ValueError):
    """The history's chain is broken, or its head is not the one the registry recorded."""


@dataclass(frozen=True)
class Entry:
    """One line of the history. `state` is `intended`, then `done` or `abandoned` (a line each, same `move`);
    events that move nothing (a gate's refusal) are `done` at once."""

    project: str
    action: str
    """promoted, awaiting approval, approved, rejected, rolled back, kept, or moved outside socle."""
    alias: str
    version: str
    """The version the event is about (the one that took the alias, or the refused one)."""
    replaced: str
    """The version that held the alias before ("" when none); `move` reads it from the registry."""
    by: str
    """Who: `user <login>`, `schedule <deployment>`, or the name given to `approve --by`."""
    why: str
    run_id: str = ""
    state: str = DONE
    move: str = field(default_factory=lambda: uuid.uuid4().hex[:12])
    at: str = field(default_factory=lambda: _now())
    previous: str = GENESIS
    hash: str = ""

    def sealed(self, previous: str) -> Entry:
        """This entry chained after `previous`, its hash computed."""
        content = asdict(self) | {"previous": previous, "hash": ""}
        digest = hashlib.sha256(json.dumps(content, sort_keys=True, ensure_ascii=False).encode()).hexdigest()
        return Entry(**content | {"hash": digest})

    def text(self) -> str:
        before = f" (replacing v{self.replaced})" if self.replaced else ""
        return f"{self.at} {self.action} v{self.version} as {self.alias}{before} by {self.by}: {self.why}"


def path(state: Path, name: str) -> Path:
    return state / "history" / f"{name}.jsonl"


def read(state: Path, name: str) -> list[Entry]:
    """Every entry, oldest first, after checking the chain; HistoryTampered names the first broken line."""
    file = path(state, name)
    if not file.exists():
        return []
    entries, previous = [], GENESIS
    for number, line in enumerate(file.read_text(encoding="utf-8").splitlines(), 1):
        try:
            entry = Entry(**json.loads(line))
        except (ValueError, TypeError) as error:
            raise HistoryTampered(f"{file}:{number}: not a history entry ({error})") from None
        if entry.previous != previous or entry.sealed(previous).hash != entry.hash:
            raise HistoryTampered(f"{file}:{number}: the chain is broken: this line or the one before was rewritten")
        entries.append(entry)
        previous = entry.hash
    return entries


def head(entries: list[Entry]) -> str:
    return entries[-1].hash if entries else GENESIS


@contextmanager
def _locked(state: Path, name: str) -> Iterator[Path]:
    from filelock import FileLock

    file = path(state, name)
    file.parent.mkdir(parents=True, exist_ok=True)
    with FileLock(str(file) + ".lock", timeout=600):
        yield file


def append(state: Path, name: str, entry: Entry) -> Entry:
    """Chain the entry after the last one and write it durably (fsync) before returning it."""
    with _locked(state, name) as file:
        sealed = entry.sealed(head(read(state, name)))
        with file.open("a", encoding="utf-8") as handle:
            handle.write(json.dumps(asdict(sealed), ensure_ascii=False, sort_keys=True) + "\n")
            handle.flush()
            os.fsync(handle.fileno())
    return sealed


def check_head(client: Any, name: str, entries: list[Entry]) -> None:
    """Raise HistoryTampered when the registry's recorded head is not the file's: its last lines were dropped, or
    the file was replaced."""
    recorded = _registered_tags(client, name).get(Tag.HISTORY_HEAD)
    if recorded and recorded not in {entry.hash for entry in entries}:
        raise HistoryTampered(
            f"{name}: the registry recorded history head {recorded[:12]}…, which the history file does not hold"
        )


def _registered_tags(client: Any, name: str) -> dict[str, str]:
    try:
        return dict(client.get_registered_model(name).tags)
    except Exception as error:  # no registered model yet: nothing recorded
        if getattr(error, "error_code", "") in tracking.NOT_FOUND:
            return {}
        raise


def _mirror(client: Any, entry: Entry) -> None:
    """The registry's copy: the head hash on the registered model, the move in words on the version."""
    client.set_registered_model_tag(entry.project, Tag.HISTORY_HEAD, entry.hash)
    if entry.version:
        client.set_model_version_tag(entry.project, entry.version, Tag.HISTORY_EVENT, _clip(entry.text()))


def _clip(text: str) -> str:
    return text[: tracking.TAG_LIMIT]


def holder(client: Any, name: str, alias: str) -> str:
    """The version holding the alias, "" when none."""
    found = tracking.champion(client, name, alias)
    return "" if found is None else str(found.version)


def move(client: Any, state: Path, entry: Entry, delete: str | None = None) -> Entry:
    """Record the intent, move `entry.alias` to `entry.version` (and remove the alias `delete` when given, e.g. the
    challenger once approved), then record the completion and mirror it on the registry."""
    repair(client, state, entry.project)
    entry = _with(entry, replaced=holder(client, entry.project, entry.alias))
    intent = append(state, entry.project, _with(entry, state=INTENDED))
    client.set_registered_model_alias(entry.project, entry.alias, entry.version)
    if delete and holder(client, entry.project, delete) == entry.version:
        client.delete_registered_model_alias(entry.project, delete)
    done = append(state, entry.project, _with(intent, state=DONE, at=_now()))
    _mirror(client, done)
    return done


def note(client: Any, state: Path, entry: Entry, delete: str | None = None) -> Entry:
    """An event that moves no alias to a version (a gate's refusal, a rejection: `delete` names the alias the
    rejected version loses), recorded then mirrored."""
    repair(client, state, entry.project)
    if delete and holder(client, entry.project, delete) == entry.version:
        intent = append(state, entry.project, _with(entry, state=INTENDED))
        client.delete_registered_model_alias(entry.project, delete)
        entry = _with(intent, at=_now())
    done = append(state, entry.project, _with(entry, state=DONE))
    _mirror(client, done)
    return done


def _with(entry: Entry, **changes: Any) -> Entry:
    return Entry(**asdict(entry) | changes)


def pending(entries: list[Entry]) -> list[Entry]:
    """Intents without their completion or abandonment."""
    closed = {entry.move for entry in entries if entry.state != INTENDED}
    return [entry for entry in entries if entry.state == INTENDED and entry.move not in closed]


def repair(client: Any, state: Path, name: str) -> list[Entry]:
    """Close what a killed process left: each pending intent is completed when the registry shows its move, else
    abandoned; then a champion the history does not account for is recorded as moved outside Socle. Returns the
    entries written."""
    entries = read(state, name)
    check_head(client, name, entries)
    written = []
    for intent in pending(entries):
        now = holder(client, name, intent.alias)
        # A rejection takes the alias away from the version; every other move gives it to the version.
        moved = (now != intent.version) if intent.action == REJECTED else (now == intent.version)
        why = "completed at recovery: the registry shows the move" if moved else (
            f"abandoned at recovery: the process stopped before the move ({intent.alias} is "
            f"{'v' + now if now else 'unset'})"
        )
        closed = _with(intent, state=DONE if moved else ABANDONED, why=f"{intent.why} [{why}]", at=_now())
        written.append(append(state, name, closed))
    champion = holder(client, name, "champion")
    recorded = current(read(state, name), "champion")
    if champion and champion != recorded:
        written.append(append(state, name, Entry(
            name, OUTSIDE, "champion", champion, recorded, "unknown",
            "the registry's champion is not the one this history holds: the alias was moved outside Socle",
        )))
    if written:
        _mirror(client, written[-1])
    return written


def current(entries: list[Entry], alias: str) -> str:
    """The version holding the alias according to the history ("" when none)."""
    version = ""
    for entry in entries:
        if entry.alias != alias or entry.state != DONE:
            continue
        if entry.action == REJECTED:
            version = "" if version == entry.version else version
        elif entry.action != KEPT:
            version = entry.version
    return version


def settled(entries: list[Entry]) -> list[Entry]:
    """What happened, oldest first: each completed move and each refusal. Intents and abandoned moves are left out
    (nothing moved); `socle history` shows them."""
    return [entry for entry in entries if entry.state == DONE]


def champions(entries: list[Entry]) -> list[str]:
    """The versions that held the champion alias, in the order they took it (repeats kept)."""
    return [entry.version for entry in entries
            if entry.alias == "champion" and entry.state == DONE and entry.action not in (KEPT, REJECTED)]


def actor(deployment: str | None = None) -> str:
    """Who moves the alias when no name is given: the schedule (a deployment's run) or the logged-in user."""
    return f"schedule {deployment}" if deployment else f"user {getpass.getuser()}"


def state_folder(root: Path) -> Path:
    """The workspace's state folder (`SOCLE_STATE_DIR`, default `<root>/.socle`), where histories live."""
    from flows.settings import StackSettings

    return StackSettings().state_dir(root)


def decided_at(entries: list[Entry], when: str) -> str:
    """The champion version at an ISO UTC time ("" when none): which model decided on that day."""
    version = ""
    for entry in entries:
        if entry.at > when:
            break
        if entry.alias == "champion" and entry.state == DONE and entry.action not in (KEPT, REJECTED):
            version = entry.version
    return version


PASSED = (Verdict.PROMOTED, Verdict.APPROVED)
"""`Tag.DECISION` of a version that passed its gate and, where needed, a human: one a rollback may go back to."""


class MoveRefused(ValueError):
    """An approval, a rejection or a rollback that the registry's state does not allow."""


def approve(client: Any, state: Path, name: str, version: str, by: str, why: str, alias: str = "champion") -> Entry:
    """The challenger becomes champion, once its files load; the challenger alias goes."""
    _must_be_challenger(client, name, version)
    _loads(client, name, version)
    done = move(client, state, Entry(name, APPROVED, alias, version, "", by, why), delete=CHALLENGER)
    _mark(client, name, version, APPROVED, done)
    return done


def reject(client: Any, state: Path, name: str, version: str, by: str, why: str) -> Entry:
    """The challenger loses its alias; it stays registered, refused, with who and why."""
    _must_be_challenger(client, name, version)
    done = note(client, state, Entry(name, REJECTED, CHALLENGER, version, "", by, why), delete=CHALLENGER)
    _mark(client, name, version, REJECTED, done)
    return done


def rollback(client: Any, state: Path, name: str, to: str | None, by: str, why: str, alias: str = "champion") -> Entry:
    """The champion alias back to `to` (default: the champion before the current one), a version that passed its
    gate and whose files load. The version it leaves is never deleted."""
    repair(client, state, name)
    now = holder(client, name, alias)
    if to is None:
        earlier = [version for version in reversed(champions(read(state, name))) if version != now]
        if not earlier:
            raise MoveRefused(f"{name}: no earlier champion to roll back to (the history holds none but v{now or '—'})")
        to = earlier[0]
    if to == now:
        raise MoveRefused(f"{name}: v{to} is already the champion")
    decision = dict(client.get_model_version(name, to).tags).get(Tag.DECISION, "")
    if decision not in PASSED:
        raise MoveRefused(f"{name}: v{to} did not pass its gate (its decision: {decision or 'none'}); choose another --to")
    _loads(client, name, to)
    return move(client, state, Entry(name, ROLLED_BACK, alias, to, "", by, why))


def _must_be_challenger(client: Any, name: str, version: str) -> None:
    challenger = holder(client, name, CHALLENGER)
    if challenger != version:
        said = f"the challenger is v{challenger}" if challenger else "there is no challenger awaiting approval"
        raise MoveRefused(f"{name}: v{version} is not awaiting approval ({said})")


def _loads(client: Any, name: str, version: str) -> None:
    try:
        tracking.load(client, client.get_model_version(name, version))
    except Exception as error:  # a version whose files do not load must never become champion
        raise MoveRefused(f"{name}: v{version} cannot be loaded ({type(error).__name__}: {error}); nothing moved") from None


def _mark(client: Any, name: str, version: str, verdict: str, done: Entry) -> None:
    client.set_model_version_tag(name, version, Tag.DECISION, verdict)
    client.set_model_version_tag(name, version, Tag.APPROVAL, _clip(f"{verdict} by {done.by} at {done.at}: {done.why}"))
