"""The clustering kind: partition metrics on hand-made partitions, and its two trivial baselines."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from flows.steps import kinds
from flows.steps.kinds import clustering

PROJECT = SimpleNamespace(name="demo", task="clustering", features=("texte",), target="serie", group=None)


class Given:
    def __init__(self, clusters: list) -> None:
        self.clusters = np.asarray(clusters)

    def predict(self, X: pd.DataFrame) -> np.ndarray:
        return self.clusters


TEST = pd.DataFrame({"texte": list("abcdef"), "serie": ["S1", "S1", "S1", "S2", "S2", "S3"]})


def test_a_perfect_partition_scores_one_whatever_its_ids() -> None:
    scores = kinds.score(Given([7, 7, 7, 0, 0, 3]), PROJECT, TEST)
    assert scores["v_measure"] == pytest.approx(1.0)
    assert scores["adjusted_rand"] == pytest.approx(1.0)
    assert scores["n_clusters"] == scores["n_clusters_true"] == 3


def test_baselines_each_row_alone_and_one_cluster() -> None:
    alone = kinds.score(clustering.EachRowAlone().fit(TEST[["texte"]]), PROJECT, TEST)
    assert alone["homogeneity"] == pytest.approx(1.0)
    assert alone["n_clusters"] == 6
    # completeness = 1 - H(K|C) / H(K): H(K) = log 6, H(K|C) = (3 log 3 + 2 log 2) / 6
    expected = 1 - (3 * np.log(3) + 2 * np.log(2)) / 6 / np.log(6)
    assert alone["completeness"] == pytest.approx(expected)
    assert alone["v_measure"] == pytest.approx(2 * expected / (1 + expected))
    one = kinds.score(clustering.OneCluster().fit(TEST[["texte"]]), PROJECT, TEST)
    assert one["v_measure"] == pytest.approx(0.0) and one["adjusted_rand"] == pytest.approx(0.0)
    assert kinds.baseline(PROJECT).__class__ is clustering.EachRowAlone


def test_a_merged_series_loses_homogeneity_not_completeness() -> None:
    scores = kinds.score(Given([0, 0, 0, 0, 0, 1]), PROJECT, TEST)
    assert scores["completeness"] == pytest.approx(1.0)
    assert scores["homogeneity"] < 1.0
    assert 0 < scores["v_measure"] < 1


def test_a_model_giving_the_wrong_number_of_ids_is_an_error() -> None:
    with pytest.raises(ValueError, match="demo: the model gave 2 cluster ids for 6 rows"):
        kinds.score(Given([0, 1]), PROJECT, TEST)
