"""Unit tests of what reviewers read: explanations that add up, fairness, plots, cards, the report. No server."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import projects
from flows.lifecycle import Interval
from tests.gate import measured
from flows.steps import explain, history, kinds
from flows.steps.record import Verdict
from flows.steps.versioning import Origin
from projects.contract import Project


def _tabular(rows: int, classes: int, seed: int = 0) -> pd.DataFrame:
    """Numbers with blanks, a category and a label that depends on both (binary or multiclass)."""
    rng = np.random.default_rng(seed)
    frame = pd.DataFrame({
        "AGE": rng.normal(40, 10, rows),
        "MONTANT": rng.lognormal(8, 1, rows),
        "ZONE": rng.choice(["urbain", "périurbain", "rural"], rows),
    })
    signal = (frame["AGE"] - 40) / 10 + (frame["ZONE"] == "rural") - np.log(frame["MONTANT"]) + 8
    frame["LABEL"] = np.digitize(signal + rng.normal(0, 0.5, rows), [0.0] if classes == 2 else [-0.5, 0.5])
    frame.loc[frame.index % 7 == 0, "MONTANT"] = np.nan
    return frame


def _tree_pipeline(trees: object) -> object:
    """The shape of the coming tabular projects: prepare (one-hot, imputation) then a tree ensemble."""
    from sklearn.compose import ColumnTransformer
    from sklearn.impute import SimpleImputer
    from sklearn.pipeline import Pipeline
    from sklearn.preprocessing import OneHotEncoder

    prepare = ColumnTransformer([
        ("categories", OneHotEncoder(handle_unknown="ignore"), ["ZONE"]),
        ("numbers", SimpleImputer(strategy="median"), ["AGE", "MONTANT"]),
    ])
    return Pipeline([("prepare", prepare), ("model", trees)])


def _project(**changes: object) -> Project:
    base = projects.load("crmana_implantation")
    return replace(base, **{"features": ("AGE", "MONTANT", "ZONE"), "target": "LABEL", "sensitive": (), **changes})


def _trees(name: str) -> object:
    from sklearn.ensemble import GradientBoostingClassifier, HistGradientBoostingClassifier, RandomForestClassifier

    return {
        "hist_gradient_boosting": HistGradientBoostingClassifier(max_iter=25, random_state=0),
        "random_forest": RandomForestClassifier(n_estimators=25, max_depth=6, random_state=0),
        "gradient_boosting": GradientBoostingClassifier(n_estimators=20, random_state=0),
    }[name]


@pytest.mark.parametrize("classes", [2, 3])
@pytest.mark.parametrize("trees", ["hist_gradient_boosting", "random_forest", "gradient_boosting"])
def test_tree_pipelines_are_explained_exactly_onto_input_columns(trees: str, classes: int) -> None:
    frame = _tabular(400, classes)
    project = _project()
    model = _tree_pipeline(_trees(trees)).fit(frame[list(project.features)], frame["LABEL"])
    X = frame[list(project.features)].head(60)
    if trees == "gradient_boosting" and classes > 2:  # shap 0.51 reads binary GradientBoostingClassifier only
        with pytest.raises(explain.NotExplainable, match="GradientBoostingClassifier"):
            explain.contributions(model, project, X)
        return
    base, table = explain.contributions(model, project, X)
    assert list(table.columns) == ["ZONE", "AGE", "MONTANT"]  # three one-hot outputs summed back onto ZONE
    output = kinds.output(model, project, X)
    np.testing.assert_allclose(base + table.sum(axis=1).to_numpy(), output, atol=1e-8)
    assert table.abs().to_numpy().sum() > 0 and np.ptp(output) > 0


def test_a_forest_is_explained_in_probabilities_a_boosting_in_log_odds() -> None:
    frame = _tabular(400, 2)
    project = _project()
    X, y = frame[list(project.features)], frame["LABEL"]
    forest = _tree_pipeline(_trees("random_forest")).fit(X, y)
    boosting = _tree_pipeline(_trees("hist_gradient_boosting")).fit(X, y)
    np.testing.assert_allclose(kinds.output(forest, project, X), forest.predict_proba(X)[:, 1])
    np.testing.assert_allclose(kinds.output(boosting, project, X), boosting.decision_function(X))


def test_decisions_list_the_largest_contributions_of_each_row() -> None:
    frame = _tabular(300, 3)
    project = _project(explain_top=2)
    model = _tree_pipeline(_trees("hist_gradient_boosting")).fit(frame[list(project.features)], frame["LABEL"])
    explained = explain.decisions(model, project, frame.head(5))
    assert [d["decision"] for d in explained] == list(model.predict(frame[list(project.features)].head(5)))
    for decision in explained:
        weights = [abs(c["contribution"]) for c in decision["contributions"]]
        assert len(weights) == 2 and weights == sorted(weights, reverse=True)


def test_a_model_without_exact_explanation_says_so() -> None:
    from sklearn.neighbors import KNeighborsClassifier

    frame = _tabular(100, 2)
    project = _project()
    model = KNeighborsClassifier().fit(frame[["AGE"]], frame["LABEL"])
    with pytest.raises(explain.NotExplainable, match="crmana_implantation: KNeighborsClassifier"):
        explain.contributions(model, project, frame[["AGE"]])


def _rendered(figure: object) -> bytes:
    from io import BytesIO

    buffer = BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()


@pytest.mark.parametrize("classes", [2, 3])
def test_classification_runs_get_their_figures(classes: int) -> None:
    from flows.steps import plots

    frame = _tabular(300, classes)
    frame["GROUPE"] = np.where(frame.index % 3 == 0, "A", "B")
    project = _project(sensitive=("GROUPE",), metric="f1_macro")
    model = _tree_pipeline(_trees("random_forest")).fit(frame[list(project.features)], frame["LABEL"])
    from flows.steps import fairness

    bias = fairness.measure(model, project, frame)
    drawn = plots.figures(model, project, frame, bias.by_group, explain.global_importance(model, project, frame))
    expected = {"plots/confusion_matrix.png", "fairness/by_group.png", "explanations/global_importance.png"}
    if classes == 2:
        expected |= {"plots/roc.png", "plots/precision_recall.png", "plots/calibration.png"}
    assert set(drawn) == expected
    assert all(_rendered(figure).startswith(b"\x89PNG") for figure in drawn.values())


def test_anomaly_runs_get_score_distributions() -> None:
    from flows.steps import plots

    project = projects.load("irsn_siseri")
    frame = project.generate(1500, 0)
    frame = project.derive(frame) if project.derive else frame
    model = project.make_model(project.model_params()).fit(frame[list(project.features)])
    drawn = plots.figures(model, project, frame, pd.DataFrame(), None)
    assert set(drawn) == {"plots/score_distribution.png", "plots/precision_recall.png"}
    assert all(_rendered(figure).startswith(b"\x89PNG") for figure in drawn.values())


def _facts(gap: float = 0.06) -> object:
    from flows.steps import card

    project = projects.load("crmana_implantation")
    by_group = pd.DataFrame({
        "attribute": ["SEXE_DIRIGEANT"] * 2, "group": ["F", "M"], "size": [40.0, 60.0],
        "roc_auc": [0.70, 0.76], "selection_rate": [0.6, 0.7],
    })
    importance = pd.DataFrame({"feature": ["FORME_JURIDIQUE", "ACTIVITE"], "mean_abs_contribution": [0.4, 0.2]})
    evaluation = measured(
        "roc_auc", 0.76, 0.5, 0.75, gap, scores={"accuracy": 0.7, "f1.1": 0.8}, status_quo=0.6,
        by_group=by_group, importance=importance,
    )
    evaluation.baselines["trivial"]["accuracy"] = 0.66
    evaluation.seen = {"roc_auc": 0.8, "accuracy": 0.72}
    evaluation.intervals = {"model": Interval(0.71, 0.8), "gain": Interval(0.1, 0.2)}
    facts = card.Facts(
        project, "3", "abc123", "d41d8cd98f00b204e9800998ecf8427e", Origin(), {"data.rows": "6000", "data.seed": "0"},
        evaluation, 0.1,
    )
    return facts


def test_a_model_card_states_use_data_metrics_fairness_explanations_and_limits() -> None:
    from flows.steps import card

    readme = "# Title\n\nEstimates survival.\n\n## Ethics\n\nNever used alone.\n"
    text = card.markdown(_facts(), readme)
    for heading in ("Intended use", "Data", "Metrics against the baselines", "Fairness", "Explanations", "Limits",
                    "Champion history before this run"):
        assert f"## {heading}" in text
    assert "Empty: when this card was written, no version of crmana_implantation had held the champion alias" in text
    assert "Estimates survival." in text and "Never used alone." in text and "synthetic" in text
    assert "| **roc_auc** | 0.7600 [0.710, 0.800] | 0.8000 | 0.5000 | 0.6000 |" in text and "f1.1" not in text
    assert "Gain over the strongest baseline (status quo): +0.1600 [0.100, 0.200]" in text
    assert "0.0600, within the threshold 0.1" in text and "| SEXE_DIRIGEANT | F | 40 | 0.7000 | 0.6000 |" in text
    assert "above" in card.markdown(_facts(gap=0.2), readme)
    page = card.html(text, "crmana_implantation v3")
    assert "<table>" in page and "<h2>Fairness</h2>" in page
    assert len(card.description(text * 10, "card/model_card.md")) <= card.DESCRIPTION_LIMIT


def test_the_report_escapes_text_and_draws_trends() -> None:
    from flows.review import page as report

    row = {
        "name": "crmana_implantation", "title": "<script>alert(1)</script>", "season": 2, "administration": "CMA",
        "task": "classification", "metric": "roc_auc", "fairness_threshold": 0.1, "champion_version": "2",
        "champion_score": 0.76, "baseline_score": 0.5, "fairness_gap": 0.2, "trend": [0.7, 0.76, float("nan")],
        "validation": "passed", "validated_at": "2026-01-01 00:00", "decision": "kept", "reasons": "blocks: fairness",
    }
    page = report.render([row], "sqlite:///x.db")
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert 'data-project="crmana_implantation"' in page and "<polyline" in page and 'class="bad">0.200' in page
    spark = report.sparkline([0.5, 1.0], baseline=0.5)
    assert spark["baseline_y"] == 25.0 and spark["points"] == "3.0,25.0 117.0,3.0"


def _moved(state: Path, name: str = "crmana_implantation") -> list[history.Entry]:
    """A promotion by the schedule, a challenger approved by a reviewer, then a rollback whose reason holds a table's
    separator and markup; last, a move interrupted before the alias moved (an intent only, nothing happened)."""
    from tests.test_history import Registry

    registry = Registry()
    history.move(registry, state, history.Entry(name, Verdict.PROMOTED, "champion", "1", "", "schedule nightly",
                                                "gain +0.1200 | fairness gap 0.0400 ≤ threshold 0.1", "run-1"))
    history.move(registry, state, history.Entry(name, Verdict.AWAITING, history.CHALLENGER, "2", "", "schedule nightly",
                                                "gain +0.0300", "run-2"))
    history.move(registry, state, history.Entry(name, Verdict.APPROVED, "champion", "2", "", "Dr Martin",
                                                "better on grave reports"), delete=history.CHALLENGER)
    history.move(registry, state, history.Entry(name, Verdict.ROLLED_BACK, "champion", "1", "", "Mme Durand",
                                                "complaints | from <b>regional</b> agencies"))
    history.append(state, name, history.Entry(name, Verdict.PROMOTED, "champion", "3", "1", "schedule nightly", "x",
                                              "run-3", state=history.INTENDED))
    return history.read(state, name)


def test_a_model_card_keeps_the_champion_history_before_its_run(tmp_path: Path) -> None:
    from flows.steps import card

    text = card.markdown(replace(_facts(), history=tuple(_moved(tmp_path))))
    section = text.split("## Champion history before this run\n\n")[1]
    assert section.startswith("Versions that held the champion alias, in order: v1 → v2 → v1; champion when this card was written: v1.")
    rows = [line for line in section.splitlines() if line.startswith("| 20")]
    assert [row.split(" | ")[1:5] for row in rows] == [
        ["promoted", "champion", "v1", "—"], ["awaiting approval", "challenger", "v2", "—"],
        ["approved", "champion", "v2", "v1"], ["rolled back", "champion", "v1", "v2"],
    ]  # the interrupted move to v3 is not there: its alias never moved
    assert "| Mme Durand | complaints \\| from &lt;b&gt;regional&lt;/b&gt; agencies | — |" in rows[-1]
    assert "| schedule nightly | gain +0.1200 \\| fairness gap 0.0400 ≤ threshold 0.1 | `run-1` |" in rows[0]
    page = card.html(text, "crmana_implantation v3")
    assert "<td>complaints | from &lt;b&gt;regional&lt;/b&gt; agencies</td>" in page and "<b>regional" not in page
    assert "<h2>Champion history before this run</h2>" in page and "earlier event" not in text

    many = [history.Entry("crmana_implantation", Verdict.KEPT, "champion", str(v), "", "user ci", "tie") for v in range(12)]
    longer = card.markdown(replace(_facts(), history=tuple(many)))
    assert "2 earlier event(s): `socle history crmana_implantation`." in longer
    assert "in order: none; champion when this card was written: none." in longer


def _report_row(**changes: object) -> dict:
    return {
        "name": "crmana_implantation", "title": "Implantation", "season": 2, "administration": "CMA",
        "task": "classification", "metric": "roc_auc", "fairness_threshold": 0.1, "champion_version": "1",
        "champion_score": 0.76, "baseline_score": 0.5, "fairness_gap": 0.05, "trend": [0.7, 0.76],
        "validation": "passed", "validated_at": "2026-01-01 00:00", "decision": "promoted", "reasons": "", **changes,
    }


def _history_cell(page: str) -> str:
    return page.split('<td class="history">')[1].split("</td>")[0]


def test_the_report_shows_the_champion_s_latest_moves_newest_first(tmp_path: Path) -> None:
    from flows import review
    from flows.review import page as report

    moves = review.champion_moves(_moved(tmp_path), review.MOVES_SHOWN)
    assert [move["action"] for move in moves["moves"]] == [Verdict.ROLLED_BACK, Verdict.APPROVED, Verdict.AWAITING, Verdict.PROMOTED]
    cell = _history_cell(report.render([_report_row(**moves)], "sqlite:///x.db"))
    rollback, approval, awaiting, promotion = cell.split('<div class="move"')[1:]
    assert "<b>rétabli (retour arrière)</b> v1 (remplace v2)" in rollback
    assert "par Mme Durand : complaints | from &lt;b&gt;regional&lt;/b&gt; agencies" in rollback
    assert "<b>approuvé : champion</b> v2 (remplace v1)" in approval and "par Dr Martin : better on grave reports" in approval
    assert "<b>en attente d&#39;approbation</b> v2" in awaiting and "[challenger]" in awaiting
    assert "<b>promu champion</b> v1" in promotion and "remplace" not in promotion and "run run-1 :" in promotion
    assert "plus ancien" not in cell and "v3" not in cell

    older = report.render([_report_row(**review.champion_moves(_moved(tmp_path / "again"), 2))], "sqlite:///x.db")
    assert _history_cell(older).count('<div class="move"') == 2 and "2 plus ancien(s) : <code>socle history crmana_implantation</code>" in older
    empty = report.render([_report_row(**review.champion_moves([], review.MOVES_SHOWN))], "sqlite:///x.db")
    assert "pas de mouvement enregistré" in _history_cell(empty)
    assert "pas de mouvement enregistré" in _history_cell(report.render([_report_row()], "sqlite:///x.db"))


def test_the_portfolio_reads_each_history_and_says_a_broken_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from flows import review

    monkeypatch.setenv("SOCLE_STATE_DIR", str(tmp_path))
    monkeypatch.setattr(review, "_client", lambda settings: None)  # no registry: the history file alone
    _moved(tmp_path)
    crmana, dgs = review.portfolio(["crmana_implantation", "dgs_signalements"])
    assert [move["version"] for move in crmana["moves"]] == ["1", "2", "2", "1"] and crmana["history_error"] is None
    assert (dgs["moves"], dgs["earlier_moves"], dgs["history_error"]) == ([], 0, None)
    file = history.path(tmp_path, "crmana_implantation")
    file.write_text(file.read_text(encoding="utf-8").replace("Dr Martin", "Dr Other"), encoding="utf-8")
    (crmana,) = review.portfolio(["crmana_implantation"])
    assert crmana["moves"] == [] and "the chain is broken" in crmana["history_error"]


def test_linear_text_models_list_their_weighted_terms() -> None:
    project = projects.load("dgs_signalements")
    frame = project.generate(600, 0)
    model = project.make_model(project.model_params()).fit(frame[list(project.features)], frame[project.target])
    terms = explain.weighted_terms(model, top=5)
    classes = list(model.classes_) if len(model.classes_) > 2 else list(model.classes_[1:])
    assert list(terms["class"].unique()) == classes and len(terms) == 5 * len(classes)
    assert "DESCRIPTION_INCIDENT" in set(terms["column"]) and not terms["term"].str.contains("__").any()
    assert explain.weighted_terms(_tree_pipeline(_trees("random_forest"))) is None


def test_passthrough_columns_keep_their_names() -> None:
    from sklearn.compose import ColumnTransformer
    from sklearn.ensemble import RandomForestClassifier
    from sklearn.pipeline import Pipeline
    from sklearn.preprocessing import OneHotEncoder

    frame = _tabular(200, 2).fillna(0)
    project = _project()
    prepare = ColumnTransformer([("zone", OneHotEncoder(), ["ZONE"])], remainder="passthrough")
    model = Pipeline([("prepare", prepare), ("model", RandomForestClassifier(n_estimators=10, random_state=0))])
    model.fit(frame[list(project.features)], frame["LABEL"])
    base, table = explain.contributions(model, project, frame[list(project.features)])
    assert list(table.columns) == ["ZONE", "AGE", "MONTANT"]
    np.testing.assert_allclose(base + table.sum(axis=1), kinds.output(model, project, frame[list(project.features)]), atol=1e-9)


def test_a_group_too_small_is_reported_but_does_not_make_the_gap() -> None:
    from flows.steps import fairness

    frame = _tabular(300, 2)
    frame["GROUPE"] = np.where(frame.index < 8, "rare", np.where(frame.index % 2 == 0, "A", "B"))
    project = _project(sensitive=("GROUPE",), metric="accuracy")
    model = _tree_pipeline(_trees("random_forest")).fit(frame[list(project.features)], frame["LABEL"])
    every = fairness.measure(model, project, frame, min_group=1)
    counted = fairness.measure(model, project, frame, min_group=30)
    assert set(counted.by_group["group"]) == {"rare", "A", "B"}
    sizes = counted.by_group.set_index("group")["size"]
    scores = counted.by_group.set_index("group")["accuracy"]
    assert counted.gap == pytest.approx(abs(scores["A"] - scores["B"]))
    assert every.gap == pytest.approx(scores.max() - scores.min()) and sizes["rare"] == 8


def test_a_run_s_params_give_back_the_same_parameters_as_overrides() -> None:
    """`socle reproduce` sets a run's flat params back: mappings keyed by dotted metric names included."""
    from flows import params as params_file
    from flows import review
    from tests.conftest import REPO

    project = projects.load("dgs_signalements")
    params = params_file.resolve(project, params_file.read(REPO))
    assert params.promotion.min_scores, "the test needs a mapping keyed by a dotted metric name"
    again = params_file.resolve(project, params_file.read(REPO), review.overrides_of(params_file.flat(params)))
    assert again == params
