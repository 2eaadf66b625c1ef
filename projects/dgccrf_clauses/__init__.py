"""DGCCRF with Inria: flag the unfair clauses of consumer contracts, quotes and invoices.

The model gives each clause its probability of being unfair (per the black and grey lists of the code de la
consommation and the Commission des clauses abusives); `mentions.py` checks each document's mandatory mentions.
"""

from projects.contract import Holdout, Objective, Project, StatusQuo

from . import mentions, status_quo
from .data import generate
from .model import FEATURES, TEXT, Params, make_model

PROJECT = Project(
    name="dgccrf_clauses",
    title="Détection des clauses abusives dans les contrats, devis et factures",
    administration="DGCCRF (avec Inria)",
    season=2,
    task="classification",
    target="ABUSIVE",  # "oui" sorts after "non": the unfair class is the positive one
    metric="f1",
    features=FEATURES,
    generate=generate,
    make_model=make_model,
    model_params=Params,
    free_text=(TEXT,),
    key="ID_CLAUSE",
    group="ID_DOCUMENT",  # a document's clauses share their author's habits: they stay on one side of the split
    holdout=Holdout("MODELE_REDACTION", "the wording each clause was drawn from: whole wordings unseen in training"),
    status_quo=StatusQuo(
        "black-list expressions",
        "unfair when the clause contains an expression of reference/lexique_clauses_abusives.csv, else licit",
        status_quo.make,
        columns=(TEXT,),
    ),
    objective=Objective(
        mentions.METRICS,
        "each document's mandatory mentions, present or missing, against the investigator's finding",
        mentions.score,
    ),
)
