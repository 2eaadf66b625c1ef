"""The watch list is reference data, and the exact lookup is as blind to disguises as analysts' exact search."""

from __future__ import annotations

import pandas as pd

from projects.dge_sisse import PROJECT
from projects.dge_sisse.status_quo import ExactLookup
from projects.dge_sisse.watchlist import names


def test_the_watch_list_is_a_large_file() -> None:
    assert len(names()) >= 1000
    assert len(set(names())) == len(names())


def test_the_exact_lookup_ignores_case_and_legal_form_but_not_a_typo() -> None:
    listed = names()[0]
    asked = pd.DataFrame({
        "INVESTISSEUR": [listed.upper() + " GmbH", listed[:3] + listed[4] + listed[3] + listed[5:], "Atlas Delta Ltd"],
        "CHAINE_DETENTION": ["x", "y", "Atlas Delta Ltd > " + listed + " SA"],
    })
    found = ExactLookup().fit(asked, [0, 1, 1]).score(asked)
    assert found[0] == 1.0 and found[1] == 0.0 and 0 < found[2] < 1


def test_similarities_are_computed_against_the_file() -> None:
    frame = PROJECT.generate(200, 0)
    derived = PROJECT.derive(frame)
    assert derived["SIMILARITE_LISTE_CHAINE"].between(0, 1).all()
    assert (derived["SIMILARITE_LISTE_CHAINE"] >= derived["SIMILARITE_LISTE_INVESTISSEUR"]).all()
