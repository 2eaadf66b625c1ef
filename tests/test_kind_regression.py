"""The regression kind: its errors by hand, its mean baseline, and the gate comparing errors the right way."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest
from sklearn.linear_model import LinearRegression

from tests.gate import measured
from flows.steps import kinds, promotion
from projects.contract import PromotionParams

PROJECT = SimpleNamespace(name="demo", task="regression", features=("x",), target="y", group=None)


class Fixed:
    def __init__(self, values: list[float]) -> None:
        self.values = np.asarray(values)

    def predict(self, X: pd.DataFrame) -> np.ndarray:
        return self.values


def test_errors_match_a_hand_computation() -> None:
    test = pd.DataFrame({"x": [0.0, 1.0, 2.0, 3.0], "y": [1.0, 2.0, 3.0, 4.0]})
    scores = kinds.score(Fixed([1.0, 2.0, 5.0, 4.0]), PROJECT, test)
    assert scores["mae"] == pytest.approx(0.5)
    assert scores["rmse"] == pytest.approx(1.0)  # sqrt(4 / 4)
    assert scores["r2"] == pytest.approx(1 - 4 / 5)  # residual 4, total (2.25 + 0.25) * 2 = 5


def test_mean_baseline_has_r2_zero_on_its_training_rows_and_a_line_beats_it() -> None:
    rng = np.random.default_rng(0)
    frame = pd.DataFrame({"x": rng.normal(size=200)}).assign(y=lambda f: 3 * f.x + rng.normal(0.5, 0.3, 200))
    baseline = kinds.fit(kinds.baseline(PROJECT), PROJECT, frame)
    assert kinds.score(baseline, PROJECT, frame)["r2"] == pytest.approx(0.0, abs=1e-12)
    line = kinds.fit(LinearRegression(), PROJECT, frame)
    assert kinds.score(line, PROJECT, frame)["rmse"] < 0.35 < kinds.score(baseline, PROJECT, frame)["rmse"]


def test_output_is_the_prediction() -> None:
    frame = pd.DataFrame({"x": [0.0, 1.0, 2.0], "y": [1.0, 3.0, 5.0]})
    line = kinds.fit(LinearRegression(), PROJECT, frame)
    np.testing.assert_allclose(kinds.output(line, PROJECT, frame[["x"]]), [1.0, 3.0, 5.0])


def test_errors_are_declared_lower_is_better_and_the_gate_follows() -> None:
    kind = kinds.get("regression")
    assert set(kind.lower_is_better) == {"rmse", "mae"}
    rules = PromotionParams(min_gain_over_baseline=0.1)
    assert promotion.decide(measured("rmse", 1.0, 2.0, greater_is_better=False), rules).promote
    assert not promotion.decide(measured("rmse", 1.95, 2.0, greater_is_better=False), rules).promote
    assert not promotion.decide(measured("rmse", 1.0, 2.0, 0.9, greater_is_better=False), rules).promote
    ceiling = rules.model_copy(update={"min_scores": {"mae": 0.5}})
    ok = promotion.decide(measured("rmse", 1.0, 2.0, greater_is_better=False, scores={"mae": 0.4}, lower_is_better=kind.lower_is_better), ceiling)
    too_high = promotion.decide(measured("rmse", 1.0, 2.0, greater_is_better=False, scores={"mae": 0.6}, lower_is_better=kind.lower_is_better), ceiling)
    assert ok.promote and not too_high.promote
    assert any("mae 0.6000 > ceiling 0.5" in reason for reason in too_high.reasons)
