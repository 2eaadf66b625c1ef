"""Every project's flow, for real, through the nightly flow on a local Dask cluster of two workers; then a nightly
with nothing changed, which skips them all."""

from __future__ import annotations

from pathlib import Path

import pytest
from mlflow import MlflowClient

import projects
from flows import params as params_file
from flows.orchestration import pipeline, runs
from flows.steps import tracking
from flows.steps.record import Metric, Tag, Verdict

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
def test_each_flow_crowns_only_a_champion_that_beats_every_baseline_or_says_why_not(
    name: str, first: runs.Nightly, client: MlflowClient, socle: Path
) -> None:
    project = projects.load(name)
    rules = params_file.resolve(project, params_file.read(socle)).promotion
    experiment = client.get_experiment_by_name(name).experiment_id
    trained = client.search_runs([experiment], f"tags.`{Tag.DECISION}` != '{Verdict.SKIPPED}'", order_by=["attributes.start_time DESC"])[0]
    assert trained.info.status == "FINISHED" and trained.data.tags[Tag.VALIDATION] == "passed"
    metrics, sign = trained.data.metrics, 1 if project.greater_is_better else -1
    score = metrics[f"{Metric.TEST}{project.metric}"]
    baselines = [value for key, value in metrics.items() if key in (
        Metric.baseline("trivial") + project.metric, Metric.baseline("status_quo") + project.metric)]
    assert len(baselines) == 2, "the trivial baseline and the status quo are on every run"
    champion = tracking.champion(client, name, "champion")
    if trained.data.tags[Tag.DECISION] == Verdict.PROMOTED:
        assert champion is not None and champion.run_id == trained.info.run_id
        assert all(sign * (score - baseline) >= rules.min_gain_over_baseline for baseline in baselines), (score, baselines)
    else:
        assert trained.data.tags[Tag.DECISION] == Verdict.KEPT
        assert "blocks:" in trained.data.tags[Tag.DECISION_REASONS]
    if champion is not None:  # this run's, or one crowned earlier in the session's workspace: it beat them then
        crowned = client.get_run(champion.run_id).data.metrics
        assert all(
            sign * (crowned[f"{Metric.TEST}{project.metric}"] - crowned[key]) >= rules.min_gain_over_baseline
            for key in (Metric.baseline("trivial") + project.metric, Metric.baseline("status_quo") + project.metric)
        ), crowned


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
