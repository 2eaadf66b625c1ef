"""dgddi_douane: the misdeclaration flags, on declarations written by hand and on generated ones."""

from __future__ import annotations

import pandas as pd

from projects.dgddi_douane import flags, tariff
from projects.dgddi_douane import PROJECT
from projects.dgddi_douane.data import generate
from projects.dgddi_douane.model import Params, make_model


def test_a_television_declared_as_a_computer_is_flagged_with_the_duty_at_stake() -> None:
    out = flags.flag(pd.Series(["8471"]), pd.Series(["85"]), pd.Series([10_000.0]))
    assert out["ALERTE"].item()
    expected = 10_000 * (tariff.chapter_duty()["85"] - tariff.HEADINGS["8471"].duty) / 100
    assert out["DROITS_EN_JEU_EUR"].item() == round(expected, 2)


def test_no_flag_when_the_chapter_agrees_or_the_declared_heading_pays_more() -> None:
    out = flags.flag(pd.Series(["6109", "6406", "0805"]), pd.Series(["61", "64", "09"]), pd.Series([500.0, 500.0, 500.0]))
    # same chapter twice (6406 evasion is invisible at chapter level), then oranges (16 %) predicted as coffee (~0.6 %)
    assert not out["ALERTE"].any()
    assert (out["DROITS_EN_JEU_EUR"] == 0).all()


def test_unknown_heading_is_flagged_for_a_human() -> None:
    out = flags.flag(pd.Series(["9999"]), pd.Series(["61"]), pd.Series([100.0]))
    assert out["ALERTE"].item() and out["MOTIF"].item() == flags.UNKNOWN_HEADING


def test_low_confidence_predictions_raise_no_flag() -> None:
    declared, predicted, value = pd.Series(["3924", "3924"]), pd.Series(["69", "69"]), pd.Series([1_000.0, 1_000.0])
    out = flags.flag(declared, predicted, value, confidence=pd.Series([0.9, 0.2]), min_confidence=0.5)
    assert list(out["ALERTE"]) == [True, False]


def test_flags_are_ranked_by_duty_at_stake() -> None:
    out = flags.flag(pd.Series(["8471", "3924", "6109"]), pd.Series(["85", "69", "61"]), pd.Series([1_000.0, 50_000.0, 9e6]))
    assert list(out["RANG"]) == [2, 1, 3]


def test_generated_lines_are_labelled_misdeclared_at_a_realistic_rate() -> None:
    items = generate(2000, 4)
    share = (items["REDRESSEMENT"] == "oui").mean()
    assert 0.04 < share < 0.15
    assert items["DECLARANT"].nunique() >= 20


def test_the_checker_flags_a_television_declared_as_a_computer_and_not_as_a_television() -> None:
    items = generate(1500, 2)
    features = list(PROJECT.features)
    model = make_model(Params()).fit(items[features], items[PROJECT.target])
    line = {"LIBELLE_MARCHANDISE": "LED TV 55 inch smart", "VALEUR_EUR": 40_000.0, "MASSE_NETTE_KG": 2_000.0,
            "MODE_TRANSPORT": "maritime"}
    asked = pd.DataFrame([{**line, "POSITION_TARIFAIRE_DECLAREE": code} for code in ("8471", "8528")])[features]
    assert list(model.predict(asked)) == ["oui", "non"]
