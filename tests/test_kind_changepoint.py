"""The change-point kind: matching within the tolerance, pooled metrics over series, and its no-break baseline."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from flows.steps import kinds
from flows.steps.kinds import changepoint

PROJECT = SimpleNamespace(
    name="demo", task="changepoint", features=("station", "jour", "haut"), target="rupture", group="station"
)


def test_each_true_break_is_matched_once_within_the_tolerance() -> None:
    # Two detections near one true break: only one counts. 30 is too far from 20 (tolerance 5).
    errors = changepoint.match_breaks(np.array([10.0, 20.0]), np.array([11.0, 12.0, 30.0]), 5.0)
    assert sorted(errors) == [1.0]
    # The matching maximises the matches before the error: 14 goes to 10, 16 to 20 (not 14 to 20).
    errors = changepoint.match_breaks(np.array([10.0, 20.0]), np.array([14.0, 16.0]), 5.0)
    assert sorted(errors) == [4.0, 4.0]
    assert changepoint.match_breaks(np.array([]), np.array([3.0]), 5.0).size == 0


def test_scores_by_hand() -> None:
    scores = changepoint.break_scores(true_count=4, found_count=2, errors=np.array([1.0, 3.0]))
    assert scores["precision"] == 1.0 and scores["recall"] == 0.5
    assert scores["f1_tolerance"] == pytest.approx(2 / 3)
    assert scores["mean_date_error_days"] == pytest.approx(2.0)


class Given:
    def __init__(self, flags: list[int]) -> None:
        self.flags = np.asarray(flags)

    def predict(self, X: pd.DataFrame) -> np.ndarray:
        return self.flags


def _two_stations() -> pd.DataFrame:
    days = pd.date_range("2020-01-01", periods=20, freq="D")
    frame = pd.DataFrame({"station": ["BRST"] * 20 + ["TLSE"] * 20, "jour": list(days) * 2, "haut": 0.0})
    frame["rupture"] = 0
    frame.loc[[5, 20 + 12], "rupture"] = 1  # BRST breaks on day 5, TLSE on day 12
    return frame


def test_detections_only_match_breaks_of_their_own_series() -> None:
    test = _two_stations()
    flags = np.zeros(40, dtype=int)
    flags[[7, 12]] = 1  # day 7 of BRST (2 days late), day 12 of BRST: TLSE's date, wrong station
    scores = kinds.score(Given(list(flags)), PROJECT, test)
    assert scores["precision"] == 0.5 and scores["recall"] == 0.5
    assert scores["mean_date_error_days"] == pytest.approx(2.0)
    assert scores["breaks_true"] == 2 and scores["breaks_found"] == 2


def test_no_break_baseline_scores_zero() -> None:
    test = _two_stations()
    baseline = kinds.fit(kinds.baseline(PROJECT), PROJECT, test)
    scores = kinds.score(baseline, PROJECT, test)
    assert scores["f1_tolerance"] == 0.0 and scores["recall"] == 0.0
    assert np.isnan(scores["mean_date_error_days"])


def test_a_project_without_group_or_dates_is_refused() -> None:
    test = _two_stations()
    with pytest.raises(TypeError, match="demo: a change-point project declares `group`"):
        kinds.score(Given([0] * 40), SimpleNamespace(**{**vars(PROJECT), "group": None}), test)
    no_dates = SimpleNamespace(**{**vars(PROJECT), "features": ("station", "haut")})
    with pytest.raises(TypeError, match="needs a datetime column"):
        kinds.score(Given([0] * 40), no_dates, test)
