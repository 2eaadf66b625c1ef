"""dgcl_actes: the transmission rules of article L2131-2 and the order of review, on acts written by hand."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from projects.dgcl_actes import rules
from projects.dgcl_actes.data import generate
from projects.dgcl_actes.texts import CONTRAT, CP, DELIBERATION, DOMAINE, FIN, FP, INDIVIDUEL, POLICE, REGLEMENTAIRE, URBA

DAY = pd.Timestamp("2023-05-10")


@pytest.mark.parametrize(
    ("nature", "matiere", "objet", "montant", "expected"),
    [
        (DELIBERATION, FIN, "Budget primitif 2023", np.nan, True),
        (DELIBERATION, FP, "Fixation des ratios promus-promouvables (taux de promotion)", np.nan, False),
        (REGLEMENTAIRE, POLICE, "Réglementation temporaire de la circulation et du stationnement", np.nan, False),
        (INDIVIDUEL, POLICE, "Autorisation d'ouverture d'un débit de boissons temporaire - fête votive", np.nan, False),
        (REGLEMENTAIRE, POLICE, "Interdiction de la consommation d'alcool sur la voie publique", np.nan, True),
        (INDIVIDUEL, URBA, "Permis de construire PC 034123 23 00012", np.nan, True),
        (INDIVIDUEL, FP, "Recrutement d'un agent contractuel sur emploi permanent", np.nan, True),
        (INDIVIDUEL, FP, "Recrutement d'un agent contractuel pour accroissement saisonnier d'activité", np.nan, False),
        (INDIVIDUEL, FP, "Avancement d'échelon", np.nan, False),
        (CONTRAT, CP, "Attribution du marché de nettoyage", 250_000.0, True),
        (CONTRAT, CP, "Attribution du marché de nettoyage", 90_000.0, False),
        (CONTRAT, CP, "Attribution du marché de nettoyage", np.nan, True),
        (CONTRAT, FIN, "Contrat de prêt - financement des investissements", 300_000.0, True),
        (CONTRAT, DOMAINE, "Convention d'occupation temporaire du domaine public", 1_200.0, False),
    ],
)
def test_transmission_follows_article_l2131_2(nature, matiere, objet, montant, expected) -> None:
    transmissible, motif = rules.transmission(nature, matiere, objet, montant, DAY)
    assert transmissible is expected, motif
    assert motif


def test_staff_deliberations_were_transmitted_before_the_2019_law() -> None:
    objet = "Fixation des ratios promus-promouvables (taux de promotion)"
    assert rules.transmission(DELIBERATION, FP, objet, np.nan, pd.Timestamp("2019-06-01"))[0]


def test_procurement_threshold_follows_the_decrees() -> None:
    assert rules.procurement_threshold(pd.Timestamp("2021-03-01")) == 214_000
    assert rules.procurement_threshold(pd.Timestamp("2024-01-01")) == 221_000
    # 215 000 € is above the 2022 threshold, below the 2024 one
    assert rules.transmission(CONTRAT, CP, "Marché de voirie", 218_000.0, pd.Timestamp("2023-12-31"))[0]
    assert not rules.transmission(CONTRAT, CP, "Marché de voirie", 218_000.0, pd.Timestamp("2024-01-02"))[0]


def test_check_order_puts_transmissible_risky_acts_first() -> None:
    acts = pd.DataFrame({
        "NATURE_ACTE": [REGLEMENTAIRE, DELIBERATION, CONTRAT, CONTRAT],
        "MATIERE": [POLICE, FIN, CP, CP],
        "OBJET": ["Sens unique rue de la République", "Subventions aux associations", "Marché de voirie", "Marché de voirie"],
        "MONTANT_HT": [np.nan, 20_000.0, 2_500_000.0, 50_000.0],
        "DATE_DECISION": [DAY] * 4,
        "DATE_TRANSMISSION": [DAY] * 4,
    })
    ranks = rules.check_order(acts)
    assert list(ranks) == [4, 2, 1, 3]  # big contract, then the deliberation; small contract and traffic not due
    unsure = rules.check_order(acts, confidence=pd.Series([1.0, 0.2, 1.0, 1.0]))
    assert unsure.iloc[1] == 2 and sorted(unsure) == [1, 2, 3, 4]


def test_generated_acts_mix_transmissible_and_not() -> None:
    acts = generate(400, 5)
    decided = rules.transmissibility(acts)
    share = decided["TRANSMISSIBLE"].mean()
    assert 0.5 < share < 0.95, share
    assert decided["MOTIF"].str.startswith(("L2131-2", "D2131-5-1", "décision", "convention")).all()
