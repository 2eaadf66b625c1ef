"""INSEE: the employer's establishment in the census, ranked among SIRENE establishments."""

from projects.contract import Holdout, Objective, Project, StatusQuo, lazy

from . import objective

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
    holdout=Holdout("ETABLISSEMENT", "the register entry (SIRET) each answer describes: establishments never matched in training"),
    status_quo=StatusQuo(
        "register search",
        "SIRENE's active establishments searched with all the answer says (character n-gram TF-IDF cosine on name,"
        " address, postcode, commune)",
        lazy("projects.insee_recensement.status_quo:RegisterSearch"),
    ),
    objective=Objective(
        objective.METRICS,
        "the NAF rév. 2 code each answer is coded to (its establishment's activitePrincipaleEtablissement), right or"
        " wrong against the true establishment's, at sub-class and at division level",
        objective.score,
    ),
)
