"""The nightly flow over every project: on a local Dask cluster of two workers, then again with nothing changed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from flows import params as params_file
from flows import pipeline

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def socle(workspace: Path, prefect_api: None) -> Iterator[Path]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOCLE_ROOT", str(workspace))
        patch.setenv("MLFLOW_TRACKING_URI", f"sqlite:///{workspace / 'mlflow' / 'mlflow.db'}")
        (workspace / "mlflow").mkdir(exist_ok=True)
        yield workspace


def test_nightly_on_dask_trains_every_project_then_skips_them_all(socle: Path) -> None:
    names = params_file.listed_projects(params_file.read(socle))
    first = pipeline.run_nightly(workers=2)
    assert not first.failed, first.text
    for name in names:
        assert f"| {name} | " in first.text
    latest = (socle / "reports" / "nightly" / "latest.md").read_text(encoding="utf-8")
    assert latest == first.text

    second = pipeline.run_nightly()
    assert not second.failed, second.text
    assert sorted(second.skipped) == sorted(names), second.text
    assert f"{len(names)} skipped" in second.text
    assert _latest_artifact() == second.text


def _latest_artifact() -> str:
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterKey
    from prefect.client.schemas.sorting import ArtifactSort

    with get_client(sync_client=True) as client:
        found = client.read_artifacts(
            artifact_filter=ArtifactFilter(key=ArtifactFilterKey(any_=["nightly-summary"])),
            sort=ArtifactSort.CREATED_DESC,
            limit=1,
        )
    return found[0].data
