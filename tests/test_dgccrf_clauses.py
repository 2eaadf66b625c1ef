"""dgccrf_clauses: the mandatory mentions check, on documents written by hand and on generated ones."""

from __future__ import annotations

import pytest

from projects.dgccrf_clauses import data, mentions
from projects.dgccrf_clauses.texts import MENTIONS, REQUIRED, SLOTS

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
    values = {"societe": "Toiture Pro", "siren": "812345678", "annee": "2023", "numero": "0042"}
    for wording in MENTIONS[name]:
        slots = {slot: bank[0] for slot, bank in SLOTS.items()}
        assert mentions.PATTERNS[name].search(wording.format(**slots, **values)), wording


def test_generated_documents_lack_mentions_now_and_then() -> None:
    checked = mentions.check_documents(data.generate(1500, 2))
    share = (checked["NB_MANQUANTES"] > 0).mean()
    assert 0.2 < share < 0.7, share
    assert set(checked["TYPE_DOCUMENT"]) <= set(REQUIRED)
