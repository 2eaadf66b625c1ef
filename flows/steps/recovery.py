"""Runs left RUNNING by a process that died (SIGKILL, the OOM killer, a power cut), closed at the next start.

A killed process cannot close its MLflow run, withdraw the model version it registered, nor tell Prefect that it
crashed. So every run records its owner when it opens (host, PID and the process's start time: a PID alone may
have been reused by another process since), and the next start of the project's flow sweeps the project's runs
still RUNNING whose owner is dead: each is marked FAILED with the reason, loses the versions it registered (never
the champion), and its Prefect flow run is marked Crashed. A run whose owner lives, or lives on another host where
this process cannot look, is left alone: a concurrent run is never swept.
"""

from __future__ import annotations

import os
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import psutil

from flows.steps import tracking
from flows.steps.record import Tag, Verdict

HOST, PID, STARTED = Tag.OWNER_HOST, Tag.OWNER_PID, Tag.OWNER_STARTED
FLOW_RUN = Tag.PREFECT_FLOW_RUN
SAME_START = 0.01
"""Seconds: psutil derives start times from the boot time and clock ticks, so one process always gets the same."""


@dataclass(frozen=True)
class Repaired:
    """One run closed for a dead owner: what was withdrawn and which Prefect flow run it belonged to."""

    run_id: str
    flow_run_id: str
    withdrawn: tuple[str, ...]
    reason: str


def owner() -> dict[str, str]:
    """Tags naming this process as the owner of the run it opens."""
    me = psutil.Process()
    return {HOST: socket.gethostname(), PID: str(me.pid), STARTED: f"{me.create_time():.3f}"}


def dead(tags: dict[str, str]) -> bool:
    """Whether the process that opened a run is gone. Without owner tags, or on another host, nobody can tell: the
    run is taken for alive."""
    if tags.get(HOST) != socket.gethostname() or not {PID, STARTED} <= tags.keys():
        return False
    try:
        process = psutil.Process(int(tags[PID]))
        # A zombie was killed and not yet reaped by its parent; another start time means the PID was reused.
        return process.status() == psutil.STATUS_ZOMBIE or abs(process.create_time() - float(tags[STARTED])) > SAME_START
    except psutil.NoSuchProcess:
        return True
    except (ValueError, psutil.Error):
        return False


def orphans(client: Any, name: str) -> list[Any]:
    """The project's MLflow runs still RUNNING whose owner is dead."""
    found = client.get_experiment_by_name(name)
    if found is None:
        return []
    running = client.search_runs([found.experiment_id], "attributes.status = 'RUNNING'", max_results=1000)
    return [run for run in running if dead(run.data.tags)]


def orphaned(client: Any) -> set[str]:
    """The projects (experiments) holding an orphan, in one query for all of them."""
    experiments = {found.experiment_id: found.name for found in client.search_experiments(max_results=1000)}
    if not experiments:
        return set()
    running = client.search_runs(list(experiments), "attributes.status = 'RUNNING'", max_results=1000)
    return {experiments[run.info.experiment_id] for run in running if dead(run.data.tags)}


def sweep(
    client: Any, name: str, champion_alias: str, crash_flow_run: Callable[[str, str], None] | None = None
) -> list[Repaired]:
    """Close every orphan of the project; `crash_flow_run(flow_run_id, reason)` marks its Prefect flow run."""
    return [repair(client, run, name, champion_alias, crash_flow_run) for run in orphans(client, name)]


def repair(
    client: Any, run: Any, name: str, champion_alias: str, crash_flow_run: Callable[[str, str], None] | None
) -> Repaired:
    """Withdraw the run's versions, then mark its flow run Crashed, then close it FAILED: in this order a repair
    interrupted in turn leaves the run RUNNING, to be swept again."""
    tags, run_id = run.data.tags, run.info.run_id
    withdrawn = withdraw(client, name, run_id, champion_alias)
    reason = (
        f"crashed: its process (pid {tags[PID]} on {tags[HOST]}) died while the run was RUNNING; closed by pid "
        f"{os.getpid()} at {time.strftime('%Y-%m-%d %H:%M:%S')}"
        + (f", version(s) {', '.join(withdrawn)} withdrawn" if withdrawn else "")
    )
    flow_run_id = tags.get(FLOW_RUN, "")
    if flow_run_id and crash_flow_run is not None:
        crash_flow_run(flow_run_id, reason)
    tracking.log(client, run_id, tags={Tag.ERROR: reason, Tag.DECISION: Verdict.FAILED})
    tracking.finish(client, run_id, "FAILED")
    return Repaired(run_id, flow_run_id, withdrawn, reason)


def withdraw(client: Any, name: str, run_id: str, champion_alias: str) -> tuple[str, ...]:
    """Delete the versions the run registered, except the champion: a run killed after moving the alias had
    finished its work, and the champion must not vanish."""
    champion = tracking.champion(client, name, champion_alias)
    keep = str(champion.version) if champion is not None else None
    versions = client.search_model_versions(f"name = '{name}' and run_id = '{run_id}'")
    withdrawn = tuple(str(v.version) for v in versions if str(v.version) != keep)
    for version in withdrawn:
        client.delete_model_version(name, version)
    return withdrawn
