"""INERIS: identify the contaminant molecule behind a high-resolution mass spectrum of a water sample."""

from projects.contract import Project

from .data import generate
from .model import FEATURES, Params, make_model

PROJECT = Project(
    name="ineris_spectres",
    title="Identification des molécules contaminantes dans les spectres de masse haute résolution",
    administration="INERIS",
    season=2,
    task="classification",
    target="molecule",
    metric="accuracy",
    features=FEATURES,
    generate=generate,
    make_model=make_model,
    model_params=Params,
    key="id_caracteristique",
)
