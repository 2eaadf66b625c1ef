"""What a departmental service does today: a points grid of the control plan (reference/grille_risque.json), the
sites with the most points controlled first. The grid is read, never learnt: `fit` only records the classes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

GRID = Path(__file__).parent / "reference" / "grille_risque.json"
TESTS = {
    "supérieur à": lambda column, value: column.to_numpy(dtype=float) > value,
    "inférieur à": lambda column, value: column.to_numpy(dtype=float) < value,
    "parmi": lambda column, value: column.isin(value).to_numpy(),
}


def grid() -> dict[str, Any]:
    return json.loads(GRID.read_text(encoding="utf-8"))


COLUMNS = (
    "NB_MANQUEMENTS_5ANS", "ORIGINE_CONTROLE", "ZONE_VULNERABLE_NITRATES", "DISTANCE_COURS_EAU_M", "SITE_NATURA_2000",
    "ACTIVITE",
)
"""What the grid may read (declared here, since a project is read without opening files); `fit` refuses a grid that
names another column."""


class RiskGrid:
    """Points per known fact, scaled to [0, 1] as a score; an alert from the grid's own threshold."""

    def fit(self, X: pd.DataFrame, y: Any = None) -> RiskGrid:
        self.grid_ = grid()
        unknown = {rule["colonne"] for rule in self.grid_["criteres"]} - set(COLUMNS)
        if unknown:
            raise ValueError(f"the risk grid reads columns the status quo does not declare: {sorted(unknown)}")
        self.classes_ = np.unique(np.asarray(y)) if y is not None else np.array([0, 1])
        return self

    def points(self, X: pd.DataFrame) -> np.ndarray:
        total = np.zeros(len(X))
        for rule in self.grid_["criteres"]:
            total += rule["points"] * TESTS[rule["si"]](X[rule["colonne"]], rule["valeur"])  # NaN compares False
        return total

    def predict_proba(self, X: pd.DataFrame) -> np.ndarray:
        most = sum(rule["points"] for rule in self.grid_["criteres"])
        score = self.points(X) / most
        return np.column_stack([1 - score, score])

    def predict(self, X: pd.DataFrame) -> np.ndarray:
        return np.where(self.points(X) >= self.grid_["alerte_a_partir_de"], self.classes_[-1], self.classes_[0])
