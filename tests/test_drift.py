"""Drift of a delivery against the champion's training data: a shifted column is named, an unchanged one is not."""

from __future__ import annotations

import numpy as np
import pandas as pd

from flows.steps import drift


def _frame(rows: int, seed: int, mean: float = 0.0, categories: str = "abc", missing: float = 0.0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    amount = rng.normal(mean, 1.0, rows)
    amount[rng.random(rows) < missing] = np.nan
    return pd.DataFrame({
        "amount": amount,
        "steady": rng.normal(0.0, 1.0, rows),
        "sector": rng.choice(list(categories), rows),
        "grade": rng.integers(1, 4, rows),
        "text": rng.choice(["court", "un texte bien plus long"], rows),
    })


COLUMNS = ["amount", "steady", "sector", "grade", "text"]


def test_the_same_distribution_does_not_move() -> None:
    table = drift.measure(_frame(3000, 0), _frame(500, 1), COLUMNS, ("text",))
    verdict = drift.judge(table, warn=0.1, block=None)
    assert verdict.level == drift.NONE and verdict.moved == (), verdict.reasons


def test_a_small_delivery_of_the_same_distribution_does_not_move() -> None:
    """PSI alone on 80 rows exceeds 0.1 by chance: the significance test keeps such columns still."""
    table = drift.measure(_frame(3000, 0), _frame(80, 2), COLUMNS, ("text",))
    assert drift.judge(table, warn=0.1, block=0.25).moved == ()


def test_a_shifted_delivery_names_the_columns_that_moved() -> None:
    shifted = _frame(500, 1, mean=1.0, categories="abd", missing=0.3)
    table = drift.measure(_frame(3000, 0), shifted, COLUMNS, ("text",)).set_index("column")
    verdict = drift.judge(table.reset_index(), warn=0.1, block=None)
    assert set(verdict.moved) == {"amount", "sector"} and verdict.level == drift.WARN
    assert table.at["amount", "p_value"] < 1e-6 and table.at["amount", "psi"] > 0.25
    assert table.at["sector", "new_categories"] == "d"
    assert abs(table.at["amount", "missing_delivery"] - 0.3) < 0.06
    said = " ".join(verdict.reasons)
    assert "missing 0.0% →" in said and "new categories: d" in said


def test_a_block_threshold_refuses_and_says_why() -> None:
    table = drift.measure(_frame(3000, 0), _frame(500, 1, mean=2.0), ["amount", "steady"])
    verdict = drift.judge(table, warn=0.1, block=0.25)
    assert verdict.level == drift.BLOCK and verdict.moved == ("amount",)
    assert "blocks at PSI 0.25" in verdict.reasons[0]
    assert set(drift.metrics(table)) >= {"drift.psi.amount", "drift.js.amount", "drift.missing.steady"}


def test_psi_of_identical_shares_is_zero_and_grows_with_the_shift() -> None:
    same = np.array([0.25, 0.25, 0.5])
    assert drift.psi(same, same) == 0.0
    assert 0 < drift.psi(same, np.array([0.3, 0.2, 0.5])) < drift.psi(same, np.array([0.6, 0.1, 0.3]))


def test_a_challenger_trained_on_shifted_data_waits_for_a_reviewer_where_the_project_says_so() -> None:
    """The gate's drift check: the challenger's data against the champion's training data (issue 20, item 3)."""
    from types import SimpleNamespace

    from flows.steps import promotion
    from projects.contract import PromotionParams

    project = SimpleNamespace(features=COLUMNS, free_text=("text",))
    before, shifted, same = _frame(3000, 0), _frame(3000, 1, mean=1.5), _frame(3000, 2)
    evaluation = lambda verdict: SimpleNamespace(extra={drift.EXTRA: verdict}, champion_version="4")  # noqa: E731
    blocking = PromotionParams(drift_block=0.5)
    (check,) = promotion.steady_inputs(evaluation(drift.between(project, before, shifted, 0.1, 0.5)), blocking)
    assert not check.ok and "champion v4" in check.reason and "amount" in check.reason and "steady" not in check.reason
    (check,) = promotion.steady_inputs(evaluation(drift.between(project, before, shifted, 0.1, None)), PromotionParams())
    assert check.ok and "inputs moved" in check.reason and "amount" in check.reason  # said, never blocking by default
    (check,) = promotion.steady_inputs(evaluation(drift.between(project, before, same, 0.1, 0.5)), blocking)
    assert check.ok and "inputs steady" in check.reason
    assert promotion.steady_inputs(SimpleNamespace(extra={}), blocking) == []
    assert promotion.steady_inputs in promotion.CHECKS
