"""DGCL: legality review of the acts local authorities transmit to prefectures through @ctes.

The model proposes each act's matière from its title, its text, its nature and the type of authority; rules
(`rules.py`) then say whether the act had to be transmitted at all (article L2131-2 of the CGCT) and rank the
transmissible ones so that the prefecture's agents check the riskiest first.
"""

from projects.contract import Holdout, Project, StatusQuo

from . import status_quo
from .data import generate
from .model import FEATURES, TEXTS, Params, make_model

PROJECT = Project(
    name="dgcl_actes",
    title="Contrôle de légalité des actes des collectivités territoriales (@ctes)",
    administration="DGCL (ministère de l'Intérieur)",
    season=2,
    task="classification",
    target="MATIERE",
    metric="f1_macro",  # seven matières of very unequal volume: police or institutions matter as much as procurement
    features=FEATURES,
    generate=generate,
    make_model=make_model,
    model_params=Params,
    personal=("NOM_BENEFICIAIRE",),
    free_text=TEXTS,
    key="NUMERO_ACTE",
    holdout=Holdout("MODELE_REDACTION", "the kind of act and title wording each act was drawn from: whole wordings unseen in training"),
    status_quo=StatusQuo(
        "title keywords",
        "the matière whose keywords (reference/lexique_matieres.csv) the title contains most, else the most frequent",
        status_quo.make,
        columns=(status_quo.TITLE,),
    ),
)
