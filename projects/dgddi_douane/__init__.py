"""DGDDI (Customs): read the goods description of each import declaration and propose its tariff chapter.

Where the declared heading sits in another chapter and pays less duty than the proposed one, `flags.py` raises an
alert with the duty at stake, so that controls go to the likeliest misdeclarations first.
"""

from projects.contract import Project

from .data import generate
from .model import FEATURES, TEXT, Params, make_model

PROJECT = Project(
    name="dgddi_douane",
    title="Détection des fausses déclarations tarifaires par fouille de texte",
    administration="DGDDI (Douane)",
    season=2,
    task="classification",
    target="CHAPITRE",
    metric="accuracy",  # one right chapter per item, as the customs officer checks it
    features=FEATURES,
    generate=generate,
    make_model=make_model,
    model_params=Params,
    sensitive=("PAYS_ORIGINE",),
    free_text=(TEXT,),
    key="NUMERO_DECLARATION",
)
