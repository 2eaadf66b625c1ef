"""DGDDI (Customs): read the goods description of each import declaration and say whether the declared heading is
likely wrong, so that controls go to the likeliest misdeclarations first.

`flags.py` turns the model's proposals into the officer's list, with the duty at stake.
"""

from projects.contract import Holdout, Project, StatusQuo, lazy

from .data import generate
from .model import FEATURES, TEXT, Params, make_model

PROJECT = Project(
    name="dgddi_douane",
    title="Détection des fausses déclarations tarifaires par fouille de texte",
    administration="DGDDI (Douane)",
    season=2,
    task="classification",
    target="REDRESSEMENT",
    metric="average_precision",  # controls go down the list: misdeclared lines must come first
    features=FEATURES,
    generate=generate,
    make_model=make_model,
    model_params=Params,
    sensitive=("PAYS_ORIGINE",),
    free_text=(TEXT,),
    key="NUMERO_DECLARATION",
    holdout=Holdout("DECLARANT", "the declarant (EORI) who lodged the declaration and wrote its descriptions"),
    status_quo=StatusQuo(
        "trust the declaration",
        "the declared heading is taken as right; the targeting rules' value profile flags a line whose value per kg "
        "is more than 5 times off its heading's typical one (reference/nomenclature.csv)",
        lazy("projects.dgddi_douane.status_quo:TrustTheDeclaration"),
        ('POSITION_TARIFAIRE_DECLAREE', 'VALEUR_EUR', 'MASSE_NETTE_KG'),  # status_quo.COLUMNS
    ),
)
