"""DGS with ANSM and ANS: grade the gravity of medical-device vigilance reports (matériovigilance).

Each report filed on the national portal is graded from NULLE to CRITI (five ANSM codes) by an evaluator;
the model proposes a grade from the declarant's text and form fields, so the gravest reports are read first.
"""

from projects.contract import Holdout, Project, Reference, StatusQuo, lazy

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
    # Whole declaring sites held out: each writes with its own header, shorthand and habits.
    holdout=Holdout("FINESS_DECLARANT", "the establishment (FINESS) whose correspondant wrote the report"),
    status_quo=StatusQuo(
        "alarm words",
        "the gravest grade among the evaluators' alarm words found in the description (reference/mots_gravite.csv) "
        "and the declared patient state (reference/etat_patient.csv); NULLE when none",
        lazy("projects.dgs_signalements.status_quo:AlarmWords"),
        columns=('DESCRIPTION_INCIDENT', 'ETAT_PATIENT'),  # what the rule reads (status_quo.READS)
    ),
    reference=Reference(
        "balanced_accuracy", 0.53,
        "Lab IA prototype (DGS, ANSM, ANS), TF-IDF + linear SVM on ANSM's matériovigilance base, five grades",
    ),
    requires_approval=True,  # decisions about persons: a human approves each new champion
)
