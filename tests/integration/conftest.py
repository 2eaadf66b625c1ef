"""Fixtures of the integration modules: the session's workspace, pointed at by the environment, and its registry."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from mlflow import MlflowClient

from tests.conftest import pointed_at, store_of


@pytest.fixture(scope="module")
def socle(workspace: Path, prefect_api: None) -> Iterator[Path]:
    """SOCLE_ROOT and MLflow's SQLite store of the session's workspace, for one module."""
    with pointed_at(workspace):
        yield workspace


@pytest.fixture(scope="module")
def client(socle: Path) -> MlflowClient:
    return MlflowClient(store_of(socle))
