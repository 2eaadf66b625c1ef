"""The previous result is read from earlier inspections only, and the last-result rule ranks by it."""

from __future__ import annotations

import pandas as pd

from projects.dgal_restaurants.model import derive
from projects.dgal_restaurants.status_quo import LastResult


def test_the_previous_level_comes_from_an_earlier_date_only() -> None:
    frame = pd.DataFrame({
        "SIRET": ["1", "1", "2", "1"],
        "Date_inspection": pd.to_datetime(["2021-01-01", "2019-01-01", "2020-01-01", "2023-01-01"]),
        "Synthese_eval_sanit": ["A corriger de manière urgente", "Très satisfaisant", "Satisfaisant", "Satisfaisant"],
    })
    assert derive(frame)["CODE_SYNTHESE_PRECEDENTE"].tolist() == [1, 0, 0, 4]


def test_the_last_result_rule_puts_a_bad_last_result_first() -> None:
    X = pd.DataFrame({"CODE_SYNTHESE_PRECEDENTE": [1] * 20 + [4] * 20})
    y = [0] * 18 + [1] * 2 + [1] * 12 + [0] * 8
    bad = LastResult().fit(X, y).predict_proba(pd.DataFrame({"CODE_SYNTHESE_PRECEDENTE": [1, 4, 0]}))[:, 1]
    assert bad[1] > bad[2] > bad[0]
