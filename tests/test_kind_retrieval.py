"""The retrieval kind: its metrics on hand-made rankings, its split, its baseline and its plot."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from flows.steps.kinds import retrieval
from projects.contract import Project, SplitParams, Strict


def test_reciprocal_rank_counts_the_first_relevant_document_only() -> None:
    assert retrieval.reciprocal_rank_at(["a", "b", "c"], frozenset({"c", "b"}), 10) == 0.5
    assert retrieval.reciprocal_rank_at(["a", "b", "c"], frozenset({"c"}), 2) == 0.0


def test_average_precision_by_hand() -> None:
    # Relevant at ranks 1 and 3 out of 3 relevant: (1/1 + 2/3) / 3.
    assert retrieval.average_precision_at(["a", "x", "b", "y"], frozenset({"a", "b", "c"}), 10) == pytest.approx((1 + 2 / 3) / 3)
    # More relevant documents than k: a perfect first page still scores 1.
    assert retrieval.average_precision_at(["a", "b"], frozenset({"a", "b", "c"}), 2) == 1.0


def test_ndcg_by_hand() -> None:
    # One relevant document at rank 2: (1/log2(3)) / (1/log2(2)).
    assert retrieval.ndcg_at(["x", "a", "y"], frozenset({"a"}), 10) == pytest.approx(1 / math.log2(3))
    assert retrieval.ndcg_at(["a", "b"], frozenset({"b", "a"}), 10) == pytest.approx(1.0)
    assert retrieval.ndcg_at(["x", "y"], frozenset({"a"}), 10) == 0.0


def test_recall_precision_and_hit_at_k() -> None:
    ranked, right = ["a", "x", "b", "y", "z", "c"], frozenset({"a", "b", "c"})
    assert retrieval.recall_at(ranked, right, 5) == pytest.approx(2 / 3)
    assert retrieval.precision_at(ranked, right, 5) == pytest.approx(2 / 5)
    assert retrieval.hit_at(["x", "a"], right, 1) == 0.0
    assert retrieval.hit_at(["x", "a"], right, 2) == 1.0


def test_ranking_scores_average_over_queries() -> None:
    rankings = [["a", "b"], ["x", "c"], ["y", "z"]]
    relevant = [frozenset({"a"}), frozenset({"c"}), frozenset({"w"})]
    scores = retrieval.ranking_scores(rankings, relevant)
    assert scores["top_1_accuracy"] == pytest.approx(1 / 3)
    assert scores["mrr_at_10"] == pytest.approx((1 + 0.5 + 0) / 3)
    assert scores["recall_at_5"] == pytest.approx(2 / 3)
    assert set(scores) == set(retrieval.KIND.metrics)


def test_queries_without_relevant_documents_are_skipped() -> None:
    assert retrieval.mean_at("recall", [["a"], ["b"]], [frozenset({"a"}), frozenset()], 5) == 1.0


def test_top_columns_keep_the_corpus_order_on_ties() -> None:
    np.testing.assert_array_equal(retrieval.top_columns(np.array([[1.0, 3.0, 3.0, 0.0]]), 3), [[1, 2, 0]])


def _project() -> Project:
    return Project(
        name="toy", title="t", administration="a", season=2, task="retrieval", target="PERTINENTS", metric="mrr_at_10",
        features=("TEXTE",), generate=lambda rows, seed: pd.DataFrame(), make_model=lambda params: None,
        model_params=Strict, key="ID", group="DOSSIER",
    )


def _frame() -> pd.DataFrame:
    docs = pd.DataFrame({"ID": ["D1", "D2", "D3"], "TEXTE": ["infarctus du myocarde", "asthme sévère", "fracture du col"],
                         "PERTINENTS": [None] * 3, "DOSSIER": [None] * 3})
    queries = pd.DataFrame({
        "ID": [f"Q{i}" for i in range(8)],
        "TEXTE": ["infarctus", "myocarde", "asthme", "crise d'asthme", "fracture", "fémur du patient", "infarctus ancien", "asthme"],
        "PERTINENTS": ["D1", "D1", "D2", "D2", "D3", "D3", "D1", "D2;D1"],
        "DOSSIER": ["A", "A", "B", "B", "C", "C", "D", "D"],
    })
    return pd.concat([queries, docs], ignore_index=True)


def test_split_keeps_groups_of_queries_apart_and_the_corpus_on_both_sides() -> None:
    frame, project = _frame(), _project()
    train, test = retrieval.split(frame, project, SplitParams(test_size=0.3, seed=1))
    corpus = set(frame.index[frame["PERTINENTS"].isna()])
    assert corpus <= set(train) and corpus <= set(test)
    train_groups = set(frame.loc[list(set(train) - corpus), "DOSSIER"])
    test_groups = set(frame.loc[list(set(test) - corpus), "DOSSIER"])
    assert train_groups and test_groups and not train_groups & test_groups
    assert frame.loc[test[0], "PERTINENTS"] is not None, "test queries come first (the logged input example)"


def test_baseline_ranks_by_shared_words_and_scores_on_the_test_corpus() -> None:
    frame, project = _frame(), _project()
    model = retrieval.fit(retrieval.TokenOverlap(), project, frame)
    assert list(model.predict(pd.DataFrame({"TEXTE": ["asthme"]}))) == ["D2"]
    scores = retrieval.score(model, project, frame)
    assert scores["top_1_accuracy"] == pytest.approx(7 / 8)  # "fémur du patient" ties D1 and D3 on "du": D1 first
    # A corpus other than the indexed one is re-indexed, the fitted model left alone.
    smaller = frame[frame["ID"] != "D1"]
    rankings, _ = retrieval.rank(model, project, smaller[smaller["PERTINENTS"] != "D1"])
    assert {doc for ranked in rankings for doc in ranked} == {"D2", "D3"}
    assert list(model.doc_ids_) == ["D1", "D2", "D3"]


def test_a_project_without_key_is_refused() -> None:
    project = _project()
    object.__setattr__(project, "key", None)
    with pytest.raises(ValueError, match="key"):
        retrieval.roles(_frame(), project)


def test_plot_draws_metrics_at_k() -> None:
    frame, project = _frame(), _project()
    model = retrieval.fit(retrieval.TokenOverlap(), project, frame)
    figures = retrieval.plot_at_k(model, project, frame)
    axes = figures["plots/metrics_at_k.png"].axes[0]
    assert len(axes.lines) == 5 and all(len(line.get_xdata()) == retrieval.DEPTH for line in axes.lines)


def test_per_query_values_average_to_the_scores() -> None:
    """The bootstrap resamples per-query values: their mean must be the kind's score."""
    import projects
    from flows import lifecycle
    from flows import params as params_file
    from flows.steps import kinds
    from tests.conftest import REPO

    project = projects.load("cour_cassation_jurisprudence")
    params = params_file.resolve(project, params_file.read(REPO))
    rows = lifecycle.prepare(project, project.generate(400, 1), params)
    model = lifecycle.fit(project, params, rows.train).model
    values = kinds.get("retrieval").per_unit(model, project, rows.test)
    scores = kinds.score(model, project, rows.test)
    for metric, value in scores.items():
        assert values[metric].mean() == pytest.approx(value), metric
