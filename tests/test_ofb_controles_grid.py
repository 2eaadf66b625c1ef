"""The risk grid is read from its file, adds its points, and refuses a criterion on an undeclared column."""

from __future__ import annotations

import pandas as pd
import pytest

from projects.ofb_controles import status_quo
from projects.ofb_controles.status_quo import RiskGrid

SITE = {"NB_MANQUEMENTS_5ANS": 0, "ORIGINE_CONTROLE": "plan de contrôle", "ZONE_VULNERABLE_NITRATES": False,
        "DISTANCE_COURS_EAU_M": 500.0, "SITE_NATURA_2000": False, "ACTIVITE": "viticulture"}


def test_points_add_up_and_rank() -> None:
    sites = pd.DataFrame([SITE, SITE | {"NB_MANQUEMENTS_5ANS": 2, "ORIGINE_CONTROLE": "signalement"}])
    grid = RiskGrid().fit(sites, [0, 1])
    assert grid.points(sites).tolist() == [0, 6]
    assert grid.predict(sites).tolist() == [0, 1]


def test_a_grid_reading_another_column_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(status_quo, "grid", lambda: {"alerte_a_partir_de": 1, "criteres": [
        {"colonne": "DEPARTEMENT", "si": "parmi", "valeur": ["22"], "points": 1}]})
    with pytest.raises(ValueError, match="DEPARTEMENT"):
        RiskGrid().fit(pd.DataFrame([SITE]), [0])
