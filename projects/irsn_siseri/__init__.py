"""IRSN – SISERI: alerts on the monthly doses of workers exposed to ionising radiation, each one with its reasons."""

from projects.contract import Project

from .data import generate
from .model import FEATURES, Params, derive, make_model

PROJECT = Project(
    name="irsn_siseri",
    title="Alertes sur les doses des travailleurs exposés aux rayonnements ionisants (SISERI)",
    administration="IRSN",
    season=2,
    task="anomaly",
    target="ANOMALIE",
    metric="average_precision",
    features=FEATURES,
    generate=generate,
    make_model=make_model,
    model_params=Params,
    derive=derive,
    personal=("ID_TRAVAILLEUR", "NOM", "PRENOM"),
    group="ID_TRAVAILLEUR",
)
