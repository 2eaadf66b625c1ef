"""Gendarmerie nationale (DGGN): qualify online pre-complaints for property offences with an unknown author.

The model proposes the nature of the offence, or "hors_perimetre" for the half of requests the service does not
cover, from the complainant's story. `completude.informations_manquantes` lists what to ask the complainant (date,
place, loss); it is a pure function for the intake screen, which the base does not call.
"""

from projects.contract import Bands, Holdout, Objective, Project, StatusQuo

from . import completude, status_quo
from .data import generate
from .model import TEXT, Params, make_model

PROJECT = Project(
    name="dggn_preplainte",
    title="Qualification des pré-plaintes en ligne",
    administration="Direction générale de la Gendarmerie nationale (DGGN)",
    season=2,
    task="classification",
    target="NATURE_INFRACTION",
    metric="f1_macro",  # "hors_perimetre" is over half the requests: macro F1 weighs each offence as much
    features=(TEXT,),
    generate=generate,
    make_model=make_model,
    model_params=Params,
    personal=("NOM_DECLARANT", "PRENOM_DECLARANT", "ADRESSE_DECLARANT", "TELEPHONE_DECLARANT"),
    free_text=(TEXT,),
    key="NUMERO_PREPLAINTE",
    holdout=Holdout("MODELE_REDACTION", "the story each pre-complaint was drawn from: whole stories unseen in training"),
    status_quo=StatusQuo(
        "keyword lexicon",
        "the offence whose keywords (reference/lexique_natures.csv) the story contains most, else hors_perimetre",
        status_quo.make,
        columns=(TEXT,),
    ),
    objective=Objective(
        ("completude.recall", "completude.precision"),
        "what the intake screen asks the complainant (date, place, loss), given the proposed nature, against what "
        "the gendarme really had to ask",
        completude.scored,
    ),
    # Whether a story is understood must not depend on who tells it: the metric's gap between age bands of the
    # declarants (young victims and the elderly write otherwise) is measured, and bounded by the gate.
    sensitive=("AGE_DECLARANT",),
    bands=(Bands("AGE_DECLARANT", (25, 55)),),
    requires_approval=True,  # decisions about persons: a human approves each new champion
)
