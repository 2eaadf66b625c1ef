"""The entity kind: anchors that survive scrubbing, exact-match scores on hand-checked cases, the dictionary baseline."""

from __future__ import annotations

import json
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from flows.steps.kinds import entities

PROJECT = SimpleNamespace(name="essai", task="entities", target="ENTITES", features=("TEXTE",))


class Fixed:
    def __init__(self, answers: list[list[list]]) -> None:
        self.answers = answers

    def predict(self, X: pd.DataFrame) -> np.ndarray:
        return np.array([json.dumps(a) for a in self.answers], dtype=object)


def test_anchors_find_the_same_entities_after_names_are_scrubbed() -> None:
    raw = "Mme Lefebvre : EGFR muté. Contrôle EGFR muté à 3 mois."
    gold = [("BIOMARQUEUR", "EGFR muté", 1)]
    scrubbed = raw.replace("Lefebvre", "[PERSONNE]")
    (start, end, kind), = entities.spans(scrubbed, gold)
    assert scrubbed[start:end] == "EGFR muté" and start > scrubbed.index("Contrôle")
    assert entities.anchor(scrubbed, (start, end, kind)) == gold[0]
    assert entities.anchor(raw, entities.spans(raw, gold)[0]) == gold[0]


def test_a_missing_anchor_names_the_column_and_the_row() -> None:
    rows = pd.DataFrame({"TEXTE": ["ALK négatif"], "ENTITES": [json.dumps([["BIOMARQUEUR", "ROS1", 0]])]}, index=[7])
    with pytest.raises(ValueError, match=r"ENTITES, row 7: .*ROS1.* not found in TEXTE"):
        entities.gold_spans(PROJECT, rows)


def test_scores_on_a_hand_checked_case() -> None:
    texts = ["adénocarcinome cT2aN0M0", "OMS 1, ALK négatif"]
    test = pd.DataFrame({
        "TEXTE": texts,
        "ENTITES": [
            json.dumps([["HISTOLOGIE", "adénocarcinome", 0], ["TNM", "cT2aN0M0", 0]]),
            json.dumps([["ETAT_GENERAL", "OMS 1", 0], ["BIOMARQUEUR", "ALK négatif", 0]]),
        ],
    })
    # right: histology, OMS; wrong type: TNM tagged HISTOLOGIE; wrong end: "ALK" alone; gold entities: 4, guessed: 4
    model = Fixed([[[0, 14, "HISTOLOGIE"], [15, 23, "HISTOLOGIE"]], [[0, 5, "ETAT_GENERAL"], [7, 10, "BIOMARQUEUR"]]])
    scores = entities.score(model, PROJECT, test)
    assert scores["entity_precision"] == pytest.approx(0.5) and scores["entity_recall"] == pytest.approx(0.5)
    assert scores["entity_f1"] == pytest.approx(0.5)
    assert scores["precision.HISTOLOGIE"] == pytest.approx(0.5) and scores["recall.HISTOLOGIE"] == 1.0
    assert scores["f1.TNM"] == 0.0 and scores["f1.ETAT_GENERAL"] == 1.0 and scores["f1.BIOMARQUEUR"] == 0.0


def test_finding_nothing_scores_zero_and_finding_everything_scores_one() -> None:
    test = pd.DataFrame({"TEXTE": ["carcinome épidermoïde"], "ENTITES": [json.dumps([["HISTOLOGIE", "carcinome épidermoïde", 0]])]})
    assert entities.score(Fixed([[]]), PROJECT, test)["entity_f1"] == 0.0
    assert entities.score(Fixed([[[0, 21, "HISTOLOGIE"]]]), PROJECT, test)["entity_f1"] == 1.0


def test_dictionary_baseline_tags_whole_surfaces_seen_in_training() -> None:
    train = pd.DataFrame({"TEXTE": ["EGFR muté, OMS 1", "EGFR muté"]})
    baseline = entities.SurfaceDictionary().fit(train, [[(0, 9, "BIOMARQUEUR"), (11, 16, "ETAT_GENERAL")], [(0, 9, "BIOMARQUEUR")]])
    got = entities.predicted_spans(baseline.predict(pd.DataFrame({"TEXTE": ["OMS 1 puis OMS 12 ; EGFR muté"]})))
    assert got == [[(0, 5, "ETAT_GENERAL"), (20, 29, "BIOMARQUEUR")]]  # "OMS 12" is no whole "OMS 1"
