"""INSEE: the employer's establishment in the census, ranked among SIRENE establishments."""

from projects.contract import Project

from .data import generate
from .model import FEATURES, Params, make_model

PROJECT = Project(
    name="insee_recensement",
    title="Codage de l'établissement employeur dans le recensement de la population",
    administration="INSEE",
    season=2,
    task="retrieval",
    target="ETABLISSEMENT",
    metric="top_1_accuracy",
    features=FEATURES,
    generate=generate,
    make_model=make_model,
    model_params=Params,
    personal=("NOM_REPONDANT", "PRENOM_REPONDANT"),
    key="IDENTIFIANT",
)
