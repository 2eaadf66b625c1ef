"""The classification kind's own metrics, on hand-made cases whose answers are known."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from sklearn.linear_model import LogisticRegression

from flows.steps.kinds import classification
from projects.contract import Project


def test_coverage_stops_where_precision_falls_below_the_floor() -> None:
    # By decreasing confidence: 19 right answers, then a wrong one (19/20 = 0.95 still holds), then two wrong.
    confidence = np.linspace(1.0, 0.5, 22)
    correct = np.array([True] * 19 + [False] + [False, False])
    assert classification.coverage_at_precision(confidence, correct) == pytest.approx(20 / 22)


def test_coverage_sorts_by_confidence_not_by_row_order() -> None:
    confidence = np.array([0.2, 0.9, 0.8, 0.3])
    correct = np.array([False, True, True, False])
    assert classification.coverage_at_precision(confidence, correct) == pytest.approx(0.5)


def test_coverage_is_zero_when_the_surest_answer_is_wrong_and_full_when_all_are_right() -> None:
    assert classification.coverage_at_precision(np.array([0.9, 0.8]), np.array([False, True])) == 0.0
    assert classification.coverage_at_precision(np.array([0.4, 0.9, 0.6]), np.ones(3, bool)) == 1.0
    assert np.isnan(classification.coverage_at_precision(np.array([]), np.array([], bool)))


def test_coverage_is_scored_for_every_probabilistic_classifier() -> None:
    rng = np.random.default_rng(0)
    x = rng.normal(size=400)
    frame = pd.DataFrame({"x": x, "y": np.where(x + rng.normal(0, 0.3, 400) > 0, "b", "a")})
    project = Project(
        name="demo", title="t", administration="a", season=1, task="classification", target="y", metric="f1_macro",
        features=("x",), generate=lambda rows, seed: frame, make_model=lambda params: None, model_params=object,
    )
    model = LogisticRegression().fit(frame[["x"]], frame["y"])
    coverage = classification.score(model, project, frame)["coverage_at_95_precision"]
    # Far from the boundary the answers are sure and right, near it they are not: a share strictly inside (0, 1).
    assert 0.5 < coverage < 1.0


@pytest.mark.parametrize("seed", range(6))
def test_numpy_metrics_are_scikit_learns(seed: int) -> None:
    """The kind computes its metrics in numpy for speed: they must be scikit-learn's figures, ties included."""
    from sklearn import metrics as skm

    from flows.steps.kinds import classification

    rng = np.random.default_rng(seed)
    truth = rng.integers(0, 2, 300).astype(bool)
    score = np.round(rng.random(300) + truth * 0.3, 1)  # rounded: many ties
    assert classification.roc_auc(truth, score) == pytest.approx(skm.roc_auc_score(truth, score))
    assert classification.average_precision(truth, score) == pytest.approx(skm.average_precision_score(truth, score))
    y, predicted = rng.integers(0, 4, 300), rng.integers(0, 3, 300)
    precision, recall, f1 = classification.per_class(classification.confusion(y, predicted, 4))
    sk_p, sk_r, sk_f, _ = skm.precision_recall_fscore_support(y, predicted, labels=range(4), zero_division=0)
    np.testing.assert_allclose([precision, recall, f1], [sk_p, sk_r, sk_f])


def test_many_classes_are_counted_without_overflow() -> None:
    """Label codes come as int8 from pandas: 60 classes squared would overflow them."""
    from flows.steps.kinds import score

    labels = [f"c{i:02d}" for i in range(60)]
    frame = pd.DataFrame({"x": np.arange(600.0), "y": [labels[i % 60] for i in range(600)]})
    project = Project(
        name="demo", title="t", administration="a", season=1, task="classification", target="y", metric="accuracy",
        features=("x",), generate=lambda rows, seed: frame, make_model=lambda params: None, model_params=None,
    )

    class Echo:
        classes_ = np.array(labels)

        def predict(self, X: pd.DataFrame) -> np.ndarray:
            return np.array([labels[int(v) % 60] for v in X["x"]])

    assert score(Echo(), project, frame)["accuracy"] == 1.0
