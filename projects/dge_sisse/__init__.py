"""DGE – SISSE: risk scoring of foreign-investment requests, names matched against watch lists, each score explained."""

from projects.contract import Holdout, Project, StatusQuo

from .data import generate
from .model import FEATURES, Params, derive, make_model
from .status_quo import COLUMNS, ExactLookup

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
    # The next filings come from investor groups never seen: whole groups are held out.
    holdout=Holdout("GROUPE_INVESTISSEUR", "the investor group filing the request (its chain of control)"),
    status_quo=StatusQuo(
        "liste, nom exact",
        "each name of the chain looked up exactly in the watch list (reference/liste_surveillance.csv), legal form, "
        "accents and case aside: a listed direct investor first, a listed owner further up next",
        ExactLookup,
        COLUMNS,
    ),
    requires_approval=True,  # decisions about persons: a human approves each new champion
)
