"""Chances de survie à 3 ans d'une entreprise artisanale selon son implantation (CMA Nouvelle-Aquitaine).

For a founder and a place, the chance that a craft business is still active three years after its creation,
explained column by column so that the CMA adviser can say what weighs for or against the location.
"""

from projects.contract import FairnessCriterion, Holdout, Project, StatusQuo

from .data import generate
from .model import FEATURES, Params, make_model
from .status_quo import COLUMNS, TradeSurvivalRate

PROJECT = Project(
    name="crmana_implantation",
    title="Chances de survie à 3 ans d'une entreprise artisanale selon son implantation",
    administration="Chambre de métiers et de l'artisanat de Nouvelle-Aquitaine",
    season=2,
    task="classification",
    target="SURVIE_3_ANS",
    metric="roc_auc",
    features=FEATURES,
    generate=generate,
    make_model=make_model,
    model_params=Params,
    sensitive=("SEXE_DIRIGEANT", "TRANCHE_AGE_DIRIGEANT"),
    key="SIRET",
    # Founders ask about communes the model never saw: whole communes are held out.
    holdout=Holdout("CODE_COMMUNE", "the commune the business sets up in (INSEE code)"),
    status_quo=StatusQuo(
        "taux de survie du métier",
        "the adviser's sector table: the three-year survival rate of the trade, whatever the place",
        TradeSurvivalRate,
        COLUMNS,
    ),
    persons=True,
    fairness=(
        FairnessCriterion("selection_rate_difference", 0.1, "an adviser must not tell women or one age band more often "
                          "that their business will not last: predicted survivals differ by at most 10 points"),
        FairnessCriterion("equalized_odds_difference", 0.15, "founders whose businesses do last (or fail) get the same "
                          "forecast whatever their sex or age: true and false positive rates within 15 points"),
    ),
    requires_approval=True,  # decisions about persons: a human approves each new champion
)
