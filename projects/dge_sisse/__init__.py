"""DGE – SISSE: risk scoring of foreign-investment requests, names matched against watch lists, each score explained."""

from projects.contract import Project

from .data import generate
from .model import FEATURES, Params, derive, make_model

PROJECT = Project(
    name="dge_sisse",
    title="Détection des investissements étrangers à risque pour la sécurité économique",
    administration="Direction générale des entreprises, service de l'information stratégique et de la sécurité économiques (SISSE)",
    season=2,
    task="classification",
    target="RISQUE",
    metric="average_precision",
    features=FEATURES,
    generate=generate,
    make_model=make_model,
    model_params=Params,
    derive=derive,
    sensitive=("PAYS_INVESTISSEUR",),
    key="NUMERO_DOSSIER",
    requires_approval=True,  # decisions about persons: a human approves each new champion
)
