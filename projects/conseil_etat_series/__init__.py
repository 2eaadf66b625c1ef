"""Conseil d'État: group the filings before administrative courts into litigation series, attach new ones."""

from projects.contract import Project

from .data import generate
from .model import FEATURES, Params, make_model

PROJECT = Project(
    name="conseil_etat_series",
    title="Regroupement des requêtes en séries contentieuses",
    administration="Conseil d'État",
    season=2,
    task="clustering",
    target="serie",
    metric="v_measure",
    features=FEATURES,
    generate=generate,
    make_model=make_model,
    model_params=Params,
    personal=("requerant", "avocat"),
    free_text=("moyens", "conclusions"),
    key="numero_requete",
)
