"""ACOSS (URSSAF caisse nationale): understand why a Chèque emploi associatif user calls, from the call transcript.

The voice bot answers the simple, frequent questions itself and routes the rest to an agent; the speech layer is out
of scope, the model reads transcripts. Besides macro F1, the base reports `coverage_at_95_precision`: the share of
calls the bot could answer while being right at least 95 % of the time.
"""

from projects.contract import Holdout, Project, StatusQuo

from . import status_quo
from .data import generate
from .model import CATEGORIES, TEXT, Params, make_model

PROJECT = Project(
    name="acoss_voicebot",
    title="Compréhension des appels des utilisateurs du Chèque emploi associatif",
    administration="ACOSS (caisse nationale du réseau des URSSAF)",
    season=1,
    task="classification",
    target="INTENTION",
    metric="f1_macro",  # eleven imbalanced intents: the rare ones (fin d'adhésion) count as much as the frequent ones
    features=(TEXT, *CATEGORIES),
    generate=generate,
    make_model=make_model,
    model_params=Params,
    personal=("NOM_APPELANT", "TELEPHONE_APPELANT"),
    free_text=(TEXT,),
    key="ID_APPEL",
    holdout=Holdout("MODELE_REDACTION", "the phrasing each caller's request was drawn from: whole phrasings unseen in training"),
    status_quo=StatusQuo(
        "keyword routing",
        "the intent whose keywords (reference/lexique_intentions.csv) the transcript contains most, else the most frequent",
        status_quo.make,
        columns=(TEXT,),
    ),
)
