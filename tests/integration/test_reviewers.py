"""Real flows for reviewers: the fairness gate, explanations of single decisions from the CLI, the offline report."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from mlflow import MlflowClient
from typer.testing import CliRunner

from flows.orchestration import pipeline
from flows.cli import app
from flows.steps import tracking, versioning
from flows.steps.record import Tag

pytestmark = pytest.mark.integration
NAMES = ["crmana_implantation", "dgs_signalements", "irsn_siseri"]
CROWNED = ["crmana_implantation", "dgs_signalements"]
"""irsn_siseri's model does not beat the regulatory thresholds at the test workspace's rows: no champion to explain."""


@pytest.fixture(scope="module")
def trained(socle: Path) -> dict[str, pipeline.Outcome]:
    """Each project run once (a champion exists afterwards, whatever ran before in this session)."""
    results = dict(pipeline.run(NAMES, force=True))
    failures = {name: result for name, result in results.items() if isinstance(result, BaseException)}
    assert not failures, failures
    return results


def test_fairness_is_measured_per_group_and_logged(trained: dict, client: MlflowClient) -> None:
    run_id = trained["crmana_implantation"].run_id
    metrics = client.get_run(run_id).data.metrics
    assert 0 <= metrics["fairness.gap"] == max(metrics["fairness.metric.SEXE_DIRIGEANT"], metrics["fairness.metric.TRANCHE_AGE_DIRIGEANT"])
    assert "fairness.selection_rate.SEXE_DIRIGEANT" in metrics
    table = pd.read_csv(client.download_artifacts(run_id, "fairness/by_group.csv"))
    assert set(table["attribute"]) == {"SEXE_DIRIGEANT", "TRANCHE_AGE_DIRIGEANT"}
    assert {"roc_auc", "selection_rate", "size"} <= set(table.columns)
    assert table.groupby("attribute")["size"].sum().nunique() == 1  # every test row in one group of each attribute


def test_an_unfair_challenger_is_refused_and_the_champion_stays(trained: dict, client: MlflowClient) -> None:
    """The challenger equals the champion in every respect but the threshold, set below its measured gap: only
    fairness can refuse it."""
    name = "crmana_implantation"
    before = client.get_model_version_by_alias(name, "champion")
    gap = client.get_run(trained[name].run_id).data.metrics["fairness.gap"]
    threshold = round(gap / 2, 4)
    ((_, outcome),) = pipeline.run([name], [f"promotion.max_fairness_gap={threshold}"])
    assert isinstance(outcome, pipeline.Outcome), outcome
    tags = client.get_run(outcome.run_id).data.tags
    assert tags[Tag.DECISION] == "kept" and outcome.decision == "kept"
    assert f"blocks: fairness gap {gap:.4f} > threshold {threshold}" in tags[Tag.DECISION_REASONS]
    # the same data and model tie with the champion (a tie keeps it); fairness refuses it on its own account
    assert "blocks: baselines" not in tags[Tag.DECISION_REASONS]
    assert client.get_model_version_by_alias(name, "champion").version == before.version
    assert client.get_model_version(name, outcome.version).tags[Tag.DECISION] == "kept"


def test_compare_shows_deltas_data_versions_params_and_the_mlflow_page(trained: dict, client: MlflowClient, socle: Path) -> None:
    name = "crmana_implantation"
    ((_, outcome),) = pipeline.run([name], ["model.C=0.02"], dry_run=True)
    assert isinstance(outcome, pipeline.Outcome), outcome
    champion = client.get_model_version_by_alias(name, "champion")
    champion_score = client.get_run(champion.run_id).data.metrics["test.roc_auc"]
    result = CliRunner().invoke(app, ["compare", name, "--runs", "3"], env={"COLUMNS": "400"})
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert champion.run_id[:8] + " ★" in lines[3]  # the champion first, under the header
    challenger = next(line for line in lines if outcome.run_id[:8] in line)
    assert f"{outcome.score - champion_score:+.4f}" in challenger and "model.C=0.02" in challenger
    assert versioning.locked_md5(socle, name)[:8] in challenger
    url = next(line for line in lines if "compare-runs" in line)
    assert outcome.run_id in url.replace("%22", '"') and champion.run_id in url.replace("%22", '"')


def test_each_registered_version_carries_its_model_card(trained: dict, client: MlflowClient) -> None:
    for name, outcome in trained.items():
        version = client.get_model_version(name, outcome.version)
        assert version.description.startswith(f"# {name} v{outcome.version}")
        assert "## Fairness" in version.description and "## Limits" in version.description
        page = Path(client.download_artifacts(outcome.run_id, "card/model_card.html")).read_text()
        assert "<h2>Metrics against the baselines (held-out groups)</h2>" in page
        assert "<h2>Champion history before this run</h2>" in page


def test_runs_carry_their_figures(trained: dict, client: MlflowClient) -> None:
    def listed(run_id: str, folder: str) -> set[str]:
        return {item.path for item in client.list_artifacts(run_id, folder)}

    crmana = trained["crmana_implantation"].run_id
    assert {"plots/roc.png", "plots/calibration.png", "plots/confusion_matrix.png"} <= listed(crmana, "plots")
    assert "fairness/by_group.png" in listed(crmana, "fairness")
    assert "explanations/global_importance.png" in listed(crmana, "explanations")
    assert "plots/score_distribution.png" in listed(trained["irsn_siseri"].run_id, "plots")


def _rows_file(socle: Path, name: str, suffix: str, rows: int = 6) -> Path:
    """Raw rows of the project's data file (personal columns included), as a person's case would arrive."""
    frame = pd.read_parquet(socle / versioning.relative_data_path(name)).sample(rows, random_state=1)
    path = socle.parent / f"{name}-rows{suffix}"
    if suffix == ".json":
        path.write_text(frame.to_json(orient="records", date_format="iso", force_ascii=False))
    else:
        frame.to_csv(path, index=False)
    return path


@pytest.mark.parametrize("suffix", [".csv", ".json"])
@pytest.mark.parametrize("name", CROWNED)
def test_explain_prints_decisions_versions_and_contributions_that_add_up(
    name: str, suffix: str, trained: dict, client: MlflowClient, socle: Path
) -> None:
    from projects import load

    path = _rows_file(socle, name, suffix)
    result = CliRunner().invoke(app, ["explain", name, "--input", str(path), "--json"])
    assert result.exit_code == 0, result.output
    explained = json.loads(result.output)
    champion = client.get_model_version_by_alias(name, "champion")
    assert explained["version"] == str(champion.version)
    assert explained["data_version"] == versioning.locked_md5(socle, name)
    project = load(name)
    decisions = explained["decisions"]
    assert len(decisions) == 6
    for decision in decisions:
        assert {c["feature"] for c in decision["contributions"]} <= set(project.features)
        total = decision["base_value"] + sum(c["contribution"] for c in decision["contributions"])
        assert total == pytest.approx(decision["output"], abs=1e-6)
    if project.derive is None:  # the same decisions as the registered model on the same rows
        model = tracking.load(client, champion)
        frame = pd.read_parquet(socle / versioning.relative_data_path(name)).sample(6, random_state=1)
        assert [d["decision"] for d in decisions] == list(model.predict(frame[list(project.features)]))


def test_explain_prints_a_readable_table(trained: dict, socle: Path) -> None:
    path = _rows_file(socle, "crmana_implantation", ".csv", rows=2)
    result = CliRunner().invoke(app, ["explain", "crmana_implantation", "--input", str(path)], env={"COLUMNS": "160"})
    assert result.exit_code == 0, result.output
    assert result.output.count("decision") == 2 and "trained on data" in result.output
    assert "INDICE_CONCURRENCE" in result.output and "model output" in result.output


def test_explain_names_the_missing_column(trained: dict, socle: Path) -> None:
    path = socle.parent / "incomplete.csv"
    pd.read_parquet(socle / versioning.relative_data_path("crmana_implantation")).head(2).drop(columns=["SECTEUR"]).to_csv(path, index=False)
    result = CliRunner().invoke(app, ["explain", "crmana_implantation", "--input", str(path)])
    assert result.exit_code != 0
    assert "incomplete.csv: missing column(s) SECTEUR" in str(result.exception)


CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = Path(__file__).resolve().parents[2] / "benchmarks" / "out"


def _chromium(page: Path, profile: Path, *action: str) -> tuple[str, list[str]]:
    """Debian's chromium, headless, on a file: (its stdout, the console messages it logged)."""
    import subprocess

    flags = [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        f"--user-data-dir={profile}", "--enable-logging=stderr", "--v=0", "--window-size=1600,900",
    ]
    done = subprocess.run([str(CHROMIUM), *flags, *action, page.as_uri()], capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout, [line for line in done.stderr.splitlines() if ":CONSOLE" in line]


def test_chromium_reports_console_errors(tmp_path: Path) -> None:
    """The check below can fail: a page with a script error is caught."""
    page = tmp_path / "broken.html"
    page.write_text("<!doctype html><title>x</title><p>x</p><script>notDefined();</script>", encoding="utf-8")
    _, console = _chromium(page, tmp_path / "profile", "--dump-dom")
    assert any("notDefined is not defined" in line for line in console), console


def test_report_renders_every_project_in_chromium(trained: dict, socle: Path, tmp_path: Path) -> None:
    import projects

    page = tmp_path / "portfolio.html"
    result = CliRunner().invoke(app, ["report", "--output", str(page)])
    assert result.exit_code == 0, result.output
    dom, console = _chromium(page, tmp_path / "profile", "--dump-dom")
    assert not console, console
    for name in projects.names():
        assert f'data-project="{name}"' in dom, name
    for name in NAMES:  # trained projects show a trend; crowned ones a champion, the others that the rule wins
        row = dom.split(f'id="project-{name}"')[1].split("</tr>")[0]
        assert "<polyline" in row, row
        assert ("aucun" not in row) if name in CROWNED else ("le statu quo l'emporte" in row), row
        moves = row.split('<td class="history">')[1]  # this run's decision is the history's latest event
        assert f'data-action="{trained[name].decision}"' in moves and "pas de mouvement enregistré" not in moves, moves
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    shot = SCREENSHOTS / "portfolio.png"
    _chromium(page, tmp_path / "profile-shot", f"--screenshot={shot}")
    assert shot.read_bytes().startswith(b"\x89PNG") and shot.stat().st_size > 10_000
