"""dgccrf_clauses: the mandatory mentions check, on documents written by hand and on generated ones, and scored
against the investigators' finding; clauses only in the clause rows, held-out wordings many enough to mean something."""

from __future__ import annotations

import pandas as pd
import pytest

from projects.dgccrf_clauses import data, mentions
from projects.dgccrf_clauses.texts import LICIT, MENTIONS, MENTIONS_UNUSUAL, REQUIRED, SLOTS, UNFAIR

FULL_INVOICE = (
    "Dépann'Plus - SIRET 81234567800017 - Lyon. Facture n° F2024-0042. Remplacement du chauffe-eau. "
    "Taux de TVA applicable : 10 %. Total TTC : 1 240,00 €. Date d'échéance : paiement à réception. "
    "Pénalités de retard au taux légal."
)


def test_a_complete_invoice_lacks_nothing() -> None:
    assert mentions.missing_mentions("facture", FULL_INVOICE) == []


def test_an_invoice_without_number_nor_vat_rate_lacks_both() -> None:
    text = FULL_INVOICE.replace("Facture n° F2024-0042. ", "").replace("Taux de TVA applicable : 10 %. ", "")
    assert mentions.missing_mentions("facture", text) == ["numéro de facture", "taux de TVA"]


def test_a_gym_contract_without_mediator_is_caught() -> None:
    text = "FitClub SAS, RCS Paris 812345678. Prix toutes taxes comprises : 39,90 € par mois."
    assert mentions.missing_mentions("contrat", text) == ["médiateur de la consommation"]
    assert mentions.missing_mentions("contrat", text + " Médiateur de la consommation : CM2C.") == []


def test_a_withdrawal_clause_of_seven_days_is_no_withdrawal_mention() -> None:
    text = "ShopMalin - SIRET 81234567800017. Médiateur de la consommation : FEVAD. Délai de rétractation de sept jours."
    assert mentions.missing_mentions("conditions générales de vente", text) == ["droit de rétractation"]


def test_unknown_document_type_names_the_column() -> None:
    with pytest.raises(KeyError, match="TYPE_DOCUMENT"):
        mentions.missing_mentions("ordonnance", "")


@pytest.mark.parametrize("name", sorted(MENTIONS))
def test_every_wording_of_a_mention_is_recognised(name: str) -> None:
    values = {"societe": "Toiture Pro", "siren": "812345678", "siren_espaces": "812 345 678", "annee": "2023", "numero": "0042"}
    for wording in MENTIONS[name]:
        slots = {slot: bank[0] for slot, bank in SLOTS.items()}
        assert mentions.PATTERNS[name].search(wording.format(**slots, **values)), wording


def test_generated_documents_lack_mentions_now_and_then() -> None:
    clauses = data.generate(1500, 2)
    checked = mentions.check_documents(clauses)
    share = (checked["NB_MANQUANTES"] > 0).mean()
    assert 0.2 < share < 0.8, share
    assert set(checked["TYPE_DOCUMENT"]) <= set(REQUIRED)
    found = clauses.groupby("ID_DOCUMENT")["MENTIONS_MANQUANTES"].nunique()
    assert (found == 1).all()  # one finding per document, on each of its clause rows


def test_no_row_is_a_block_of_mentions_labelled_licit() -> None:
    clauses = data.generate(1500, 2)
    assert "mentions obligatoires" not in set(clauses["THEME_CLAUSE"])
    assert set(clauses["MODELE_REDACTION"].str.split(".").str[0]) <= set(LICIT)


def test_every_topic_has_many_wordings_on_each_side() -> None:
    for bank in (LICIT, UNFAIR):
        assert all(len(wordings) >= 7 for wordings in bank.values()), {t: len(w) for t, w in bank.items()}


def test_the_check_is_scored_against_the_investigators_finding() -> None:
    rows = pd.DataFrame({
        "ID_DOCUMENT": ["D1", "D1", "D2"], "TYPE_DOCUMENT": ["contrat", "contrat", "facture"],
        "TEXTE_CLAUSE": ["Le contrat est conclu pour un an.", "Résiliable à tout moment.", "Paiement à réception."],
        "MENTIONS_DOCUMENT": ["FitClub SAS, RCS Paris 812345678. Total TTC : 39,90 €"] * 2 + ["Dépann'Plus"],
        "MENTIONS_MANQUANTES": ["médiateur de la consommation"] * 2 + ["identité du professionnel"],
    })
    scores = mentions.score(None, None, rows)
    # D1 exactly right; D2 (an invoice with nothing) is said to lack all five, the investigator found one.
    assert scores["mentions_documents_exact"] == 0.5
    assert scores["mentions_missing_f1"] == pytest.approx(2 * 2 / (6 + 2))


def test_unusual_wordings_are_other_ways_of_the_same_mentions() -> None:
    assert set(MENTIONS_UNUSUAL) == set(MENTIONS)
