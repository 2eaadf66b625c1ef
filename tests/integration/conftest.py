"""Fixtures of the integration modules: the session's workspace, pointed at by the environment, and its registry."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from mlflow import MlflowClient


@pytest.fixture(scope="module")
def socle(workspace: Path, prefect_api: None) -> Iterator[Path]:
    """SOCLE_ROOT and MLflow's SQLite store of the session's workspace, for one module."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOCLE_ROOT", str(workspace))
        patch.setenv("MLFLOW_TRACKING_URI", f"sqlite:///{workspace / 'mlflow' / 'mlflow.db'}")
        (workspace / "mlflow").mkdir(exist_ok=True)
        yield workspace


@pytest.fixture(scope="module")
def client(socle: Path) -> MlflowClient:
    return MlflowClient(f"sqlite:///{socle / 'mlflow' / 'mlflow.db'}")
