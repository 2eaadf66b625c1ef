"""Every project's flow, for real, through the nightly flow on a local Dask cluster of two workers; then a nightly
with nothing changed, which skips them all."""

from __future__ import annotations

from pathlib import Path

import pytest
from mlflow import MlflowClient

import projects
from flows import params as params_file
from flows.orchestration import pipeline, runs
from flows.steps.record import Tag

pytestmark = pytest.mark.integration
NAMES = projects.names()


@pytest.fixture(scope="module")
def first(socle: Path) -> runs.Nightly:
    """Forced, so that every project trains here whatever earlier modules left in the shared workspace."""
    return pipeline.run_nightly(force=True, workers=2)


def test_the_nightly_on_dask_completes_for_every_project(first: runs.Nightly, socle: Path) -> None:
    assert not first.failed, first.text
    assert all(f"| {name} | " in first.text for name in NAMES)
    assert (socle / "reports" / "nightly" / "latest.md").read_text(encoding="utf-8") == first.text


@pytest.mark.parametrize("name", NAMES)
def test_each_flow_registers_a_champion_that_beats_its_baseline(
    name: str, first: runs.Nightly, client: MlflowClient, socle: Path
) -> None:
    project = projects.load(name)
    champion = client.get_model_version_by_alias(name, "champion")
    recorded = client.get_run(champion.run_id)
    assert recorded.info.status == "FINISHED" and recorded.data.tags[Tag.VALIDATION] == "passed"
    score = recorded.data.metrics[f"test.{project.metric}"]
    baseline = recorded.data.metrics[f"baseline.{project.metric}"]
    rules = params_file.resolve(project, params_file.read(socle)).promotion
    gain = score - baseline if project.greater_is_better else baseline - score
    assert gain >= rules.min_gain_over_baseline, (score, baseline)


def test_a_nightly_with_nothing_changed_skips_every_project(first: runs.Nightly) -> None:
    second = pipeline.run_nightly()
    assert not second.failed, second.text
    assert sorted(second.skipped) == NAMES, second.text
    assert f"{len(NAMES)} skipped" in second.text
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
