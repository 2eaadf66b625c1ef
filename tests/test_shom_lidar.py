"""shom_lidar: wrecks and rocks are counted per contact, not per point."""

from __future__ import annotations

import numpy as np
import pandas as pd

from projects.shom_lidar import objective
from projects.shom_lidar.data import generate


def test_a_large_wreck_does_not_hide_a_missed_rock() -> None:
    contacts = pd.Series(["wreck"] * 90 + ["rock"] * 10 + [None] * 5)
    predicted = np.array(["objet"] * 90 + ["fond"] * 10 + ["fond"] * 5, dtype=object)
    found = objective.found_contacts(predicted, contacts)
    assert found.to_dict() == {"rock": False, "wreck": True}  # per point the recall would read 0.9


def test_a_contact_is_found_when_half_its_points_are_kept_as_object() -> None:
    contacts = pd.Series(["c"] * 4)
    assert objective.found_contacts(np.array(["objet", "objet", "fond", "bruit"]), contacts).item()
    assert not objective.found_contacts(np.array(["objet", "fond", "fond", "bruit"]), contacts).item()


def test_generated_contacts_are_object_points_only() -> None:
    points = generate(3000, 1)
    assert (points["ID_OBJET"].notna() == (points["CLASSE"] == "objet")).all()
    assert points.groupby("DALLE").size().median() > 250  # a survey's density, not a sketch
