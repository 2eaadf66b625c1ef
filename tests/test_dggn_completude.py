"""DGGN's intake helper: what to ask the complainant, from the form fields and the story."""

from __future__ import annotations

import numpy as np

from projects.dggn_preplainte.completude import informations_manquantes


def test_a_blank_form_and_a_vague_story_miss_everything() -> None:
    row = {"RECIT": "On m'a volé mon téléphone.", "DATE_FAITS": None, "COMMUNE_FAITS": None, "MONTANT_PREJUDICE": np.nan}
    assert informations_manquantes(row, "vol_simple") == ["date des faits", "lieu des faits", "préjudice"]


def test_the_story_can_give_what_the_form_left_blank() -> None:
    row = {"RECIT": "Le 12/03 sur le parking de la gare, vol de mon sac pour 350 €.", "DATE_FAITS": None,
           "COMMUNE_FAITS": "", "MONTANT_PREJUDICE": None}
    assert informations_manquantes(row, "vol_simple") == []


def test_the_form_fields_count_even_when_the_story_is_silent() -> None:
    row = {"RECIT": "Ma voiture a été rayée.", "DATE_FAITS": "2023-05-02", "COMMUNE_FAITS": "Auch", "MONTANT_PREJUDICE": 800.0}
    assert informations_manquantes(row, "degradation") == []


def test_no_loss_is_asked_for_identity_theft_and_nothing_out_of_scope() -> None:
    row = {"RECIT": "Un crédit a été ouvert à mon nom.", "DATE_FAITS": None, "COMMUNE_FAITS": None, "MONTANT_PREJUDICE": None}
    assert informations_manquantes(row, "usurpation_identite") == ["date des faits", "lieu des faits"]
    assert informations_manquantes(row, "hors_perimetre") == []
