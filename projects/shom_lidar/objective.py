"""The hydrographer's rule, scored: a wreck or rock must never be removed, counted per contact, not per point.

A contact (`ID_OBJET`) is found when at least `FOUND_SHARE` of its points are classified `objet`: then it stays on
the chart as an object for the hydrographer to validate, with its least depth. Per point, a large wreck would hide a
missed small rock; per contact, each one counts once.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

CONTACT = "ID_OBJET"
FOUND_SHARE = 0.5
METRICS = ("recall_per_object",)


def found_contacts(predicted: np.ndarray, contacts: pd.Series) -> pd.Series:
    """For each contact of the rows, whether enough of its points were classified as an object."""
    kept = pd.Series(np.asarray(predicted) == "objet", index=contacts.index)
    known = contacts.notna()
    return kept[known].groupby(contacts[known]).mean() >= FOUND_SHARE


def score(model: Any, project: Any, rows: pd.DataFrame) -> dict[str, float]:
    found = found_contacts(model.predict(rows[list(project.features)]), rows[CONTACT])
    return {"recall_per_object": float(found.mean()) if len(found) else float("nan")}
