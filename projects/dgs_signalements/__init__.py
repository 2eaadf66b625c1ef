"""DGS with ANSM and ANS: grade the gravity of medical-device vigilance reports (matériovigilance).

Each report filed on the national portal is graded from 1 (mineure) to 5 (critique ou décès) by an evaluator;
the model proposes a grade from the declarant's text and form fields, so the gravest reports are read first.
"""

from projects.contract import Project

from .data import generate
from .model import CATEGORIES, TEXT, Params, make_model

PROJECT = Project(
    name="dgs_signalements",
    title="Triage des signalements d'événements sanitaires indésirables",
    administration="DGS (avec l'ANSM et l'ANS)",
    season=2,
    task="classification",
    target="GRAVITE",
    metric="balanced_accuracy",  # five imbalanced grades: the rare grave ones weigh as much as the frequent minor ones
    features=(TEXT, *CATEGORIES),
    generate=generate,
    make_model=make_model,
    model_params=Params,
    personal=("NOM_PATIENT", "NOM_DECLARANT"),
    free_text=(TEXT,),
    key="NUMERO_SIGNALEMENT",
)
