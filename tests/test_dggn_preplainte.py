"""completude.py against what the gendarme really had to ask (COMPLEMENTS_DEMANDES of the generated requests):
each piece must be asked when missing (a second contact with the complainant otherwise) and rarely for nothing."""

import numpy as np
import pytest

from projects.dggn_preplainte import PROJECT
from projects.dggn_preplainte.completude import informations_manquantes

PIECES = ("date des faits", "lieu des faits", "préjudice")
MIN_RECALL, MIN_PRECISION = 0.9, 0.75


@pytest.fixture(scope="module")
def asked():
    frame = PROJECT.generate(1500, 3)
    truth = [set(filter(None, value.split("|"))) for value in frame["COMPLEMENTS_DEMANDES"]]
    found = [set(informations_manquantes(row, row["NATURE_INFRACTION"])) for row in frame.to_dict("records")]
    return truth, found


@pytest.mark.parametrize("piece", PIECES)
def test_each_missing_piece_is_asked(asked, piece):
    truth, found = (np.array([piece in row for row in rows]) for rows in asked)
    assert truth.sum() >= 50, f"too few requests lack {piece} to measure it"
    recall, precision = (truth & found).sum() / truth.sum(), (truth & found).sum() / max(found.sum(), 1)
    assert recall >= MIN_RECALL, f"{piece}: recall {recall:.3f} < {MIN_RECALL}"
    assert precision >= MIN_PRECISION, f"{piece}: precision {precision:.3f} < {MIN_PRECISION}"


def test_out_of_scope_asks_nothing():
    assert informations_manquantes({"RECIT": "mon voisin m'a frappé"}, "hors_perimetre") == []
