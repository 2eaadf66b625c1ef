"""The model reads the territorial source only, and the trade's rate is what the status quo knows."""

from __future__ import annotations

import pandas as pd

from projects.crmana_implantation import PROJECT
from projects.crmana_implantation.status_quo import TradeSurvivalRate

DECLARED = {"FORME_JURIDIQUE", "APPORT_PERSONNEL_EUR", "EXPERIENCE_SECTEUR_ANS", "ACCOMPAGNEMENT_CMA"}


def test_no_founder_declaration_is_a_column() -> None:
    frame = PROJECT.generate(300, 0)
    assert not DECLARED & set(frame.columns)
    assert frame["CODE_IRIS"].str[:5].eq(frame["CODE_COMMUNE"]).all()


def test_the_trade_rate_is_pulled_to_the_overall_rate_when_rare() -> None:
    X = pd.DataFrame({"ACTIVITE": ["coiffure"] * 40 + ["taxi"] * 2})
    y = [1] * 30 + [0] * 10 + [0, 0]
    rate = TradeSurvivalRate().fit(X, y).predict_proba(pd.DataFrame({"ACTIVITE": ["coiffure", "taxi", "inconnu"]}))[:, 1]
    assert rate[1] < rate[2] < rate[0]
    assert rate[1] > 0.3  # two failures do not make a trade hopeless
