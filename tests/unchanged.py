"""What a refused or failed run must leave as it found it, and how a bad delivery is recorded before a run.

Shared by the integration and reliability modules: the registry's state (champion, number of versions), no run
left RUNNING, the last run FAILED with the error on it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from flows.steps import versioning
from flows.steps.record import Tag


def last_run(client: Any, name: str) -> Any:
    experiment = client.get_experiment_by_name(name).experiment_id
    return client.search_runs([experiment], order_by=["attributes.start_time DESC"], max_results=1)[0]


def state(client: Any, name: str) -> tuple[str, int]:
    """The champion's version ("none" where the status quo won) and how many versions the project's model has."""
    from flows.steps import tracking

    champion = tracking.champion(client, name, "champion")
    return ("none" if champion is None else champion.version), len(client.search_model_versions(f"name='{name}'"))


def assert_nothing_changed(client: Any, name: str, before: tuple[str, int], error: BaseException) -> None:
    """No version registered, the champion in place, no run RUNNING, the last run FAILED and saying why."""
    assert state(client, name) == before, "no version registered, no champion moved"
    experiment = client.get_experiment_by_name(name)
    assert not client.search_runs([experiment.experiment_id], "attributes.status = 'RUNNING'")
    last = last_run(client, name)
    assert last.info.status == "FAILED"
    assert type(error).__name__ in last.data.tags[Tag.ERROR]


@contextmanager
def delivered(root: Path) -> Iterator[Callable[[dict[str, bytes]], None]]:
    """`deliver({name: content})` records each file as its project's data with DVC (a new data version, as a bad
    delivery would be; `dvc commit` through DVC's API, in this process); on leaving, the good files and dvc.lock
    are put back."""
    touched: list[tuple[Path, bytes]] = []

    def deliver(files: dict[str, bytes]) -> None:
        lock = root / "dvc.lock"
        touched.append((lock, lock.read_bytes()))
        for name, content in files.items():
            path = root / versioning.relative_data_path(name)
            touched.append((path, path.read_bytes()))
            path.write_bytes(content)
        with versioning.repo(root) as dvc_repo:
            for name in files:
                dvc_repo.commit(versioning.stage(name), force=True)

    try:
        yield deliver
    finally:
        for path, content in reversed(touched):
            path.write_bytes(content)
