"""OFB – contrôles de police de l'environnement: which planned controls are likely to find a non-compliance."""

from projects.contract import Holdout, Project, StatusQuo

from .data import generate
from .model import FEATURES, Params, make_model
from .status_quo import COLUMNS, RiskGrid

PROJECT = Project(
    name="ofb_controles",
    title="Ciblage des contrôles de police de l'environnement",
    administration="Office français de la biodiversité (ex-Agence française pour la biodiversité)",
    season=1,
    task="classification",
    target="NON_CONFORMITE",
    metric="average_precision",
    features=FEATURES,
    generate=generate,
    make_model=make_model,
    model_params=Params,
    sensitive=("DEPARTEMENT",),
    personal=("EXPLOITANT",),
    key="NUMERO_CONTROLE",
    # The next delivery is next year's control plan: the latest controls are held out, as they will come.
    holdout=Holdout("DATE_CONTROLE", "the latest controls by date: the next control plan", ordered=True),
    status_quo=StatusQuo(
        "grille de risque",
        "the control plan's points grid (reference/grille_risque.json): a breach in the last five years, a "
        "third-party report, a follow-up control, a vulnerable zone, a riverside site… the sites with most points "
        "controlled first",
        RiskGrid,
        COLUMNS,
    ),
)
