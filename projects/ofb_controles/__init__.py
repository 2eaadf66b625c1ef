"""OFB – contrôles de police de l'environnement: which planned controls are likely to find a non-compliance."""

from projects.contract import Project

from .data import generate
from .model import FEATURES, Params, make_model

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
)
