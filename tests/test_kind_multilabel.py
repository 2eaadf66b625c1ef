"""The multi-label kind: its metrics on hand-checked cases, its baseline, and exact explanations of a linear model."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest
from sklearn.compose import ColumnTransformer
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.multiclass import OneVsRestClassifier
from sklearn.pipeline import Pipeline

from flows.steps import explain, kinds
from flows.steps.kinds import multilabel

PROJECT = SimpleNamespace(name="essai", task="multilabel", target="THEMES", features=("TEXTE",))


class Fixed:
    """A fitted model that answers given label strings."""

    def __init__(self, answers: list[str], classes: list[str]) -> None:
        self.answers, self.classes_ = answers, classes

    def predict(self, X: pd.DataFrame) -> np.ndarray:
        return np.array(self.answers, dtype=object)


def frame(truth: list[str]) -> pd.DataFrame:
    return pd.DataFrame({"TEXTE": ["x"] * len(truth), "THEMES": truth})


def test_label_strings_round_trip_through_the_indicator_matrix() -> None:
    sets = multilabel.label_sets(pd.Series(["b|a", "", None, "c"]))
    assert sets == [["b", "a"], [], [], ["c"]]
    matrix = multilabel.indicator(sets, ["a", "b", "c"])
    assert matrix.tolist() == [[1, 1, 0], [0, 0, 0], [0, 0, 0], [0, 0, 1]]
    assert list(multilabel.joined(matrix, ["a", "b", "c"])) == ["a|b", "", "", "c"]


def test_scores_on_a_hand_checked_case() -> None:
    # truth: {a,b} {a} {c} {}; predicted: {a} {a,c} {c} {}  -> tp=3 (a, a, c), fp=1 (c), fn=1 (b)
    scores = multilabel.score(Fixed(["a", "a|c", "c", ""], ["a", "b", "c"]), PROJECT, frame(["a|b", "a", "c", ""]))
    assert scores["f1_micro"] == pytest.approx(2 * 3 / (2 * 3 + 1 + 1))
    assert scores["precision_micro"] == pytest.approx(3 / 4) and scores["recall_micro"] == pytest.approx(3 / 4)
    assert scores["hamming_loss"] == pytest.approx(2 / 12)  # 2 wrong cells out of 4 rows × 3 labels
    assert scores["subset_accuracy"] == pytest.approx(2 / 4)
    assert scores["f1.a"] == pytest.approx(1.0) and scores["f1.b"] == pytest.approx(0.0)
    assert scores["f1.c"] == pytest.approx(2 / 3)
    assert scores["f1_macro"] == pytest.approx((1 + 0 + 2 / 3) / 3)


def test_a_label_never_seen_in_training_counts_as_missed_and_absent_labels_leave_the_macro_average() -> None:
    scores = multilabel.score(Fixed(["a", "a"], ["a", "z"]), PROJECT, frame(["a", "a|new"]))
    assert scores["recall.new"] == 0.0 and scores["recall_micro"] == pytest.approx(2 / 3)
    assert scores["f1_macro"] == pytest.approx((1.0 + 0.0) / 2)  # "z": neither true nor predicted, left out


def test_baseline_gives_every_row_the_most_frequent_label_set() -> None:
    train = frame(["a|b", "a|b", "c", "a"])
    baseline = multilabel.fit(kinds.get("multilabel").baseline(PROJECT), PROJECT, train)
    assert list(baseline.predict(train[["TEXTE"]])) == ["a|b"] * 4
    np.testing.assert_allclose(baseline.decision_function(train[["TEXTE"]])[0], [0.75, 0.5, 0.25])


def test_linear_one_vs_rest_is_explained_exactly_by_the_labels_it_gives() -> None:
    texts = ["feu extincteur", "fuite confinement", "feu et fuite", "dosimètre zonage", "extincteur feu permis", "zonage"]
    train = pd.DataFrame({"TEXTE": texts * 5, "THEMES": ["incendie", "confinement", "confinement|incendie",
                                                          "radioprotection", "incendie", "radioprotection"] * 5})
    pipeline = Pipeline([
        ("prepare", ColumnTransformer([("texte", TfidfVectorizer(), "TEXTE")])),
        ("model", OneVsRestClassifier(LogisticRegression(C=10))),
    ])
    model = multilabel.fit(pipeline, PROJECT, train)
    assert model.classes_ == ["confinement", "incendie", "radioprotection"]
    X = pd.DataFrame({"TEXTE": ["feu et fuite", "rien de connu", "zonage dosimètre"]})
    base, table = explain.contributions(model, PROJECT, X)
    np.testing.assert_allclose(base + table.sum(axis=1).to_numpy(), multilabel.output(model, PROJECT, X), atol=1e-9)
    assert model.predict(X)[0] == "confinement|incendie"
    # A row given no label is explained by its best-scoring label, so it still has an output to read.
    assert model.explained_labels(X).sum(axis=1).min() >= 1
