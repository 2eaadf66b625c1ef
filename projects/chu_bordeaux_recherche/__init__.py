"""CHU de Bordeaux: semantic search in the patient record, across abbreviations and synonyms."""

from projects.contract import Holdout, Project, StatusQuo

from .data import generate
from .model import FEATURES, Params, make_model, make_search_box

PROJECT = Project(
    name="chu_bordeaux_recherche",
    title="Recherche d'information dans le dossier patient informatisé",
    administration="CHU de Bordeaux",
    season=2,
    task="retrieval",
    target="DOCUMENTS_PERTINENTS",
    metric="mrr_at_10",
    features=FEATURES,
    generate=generate,
    make_model=make_model,
    model_params=Params,
    personal=("IPP", "NOM_PATIENT", "PRENOM_PATIENT", "DATE_NAISSANCE"),
    free_text=("TEXTE",),
    key="ID_LIGNE",
    holdout=Holdout(
        "PATIENT_NUM", "the patient whose record is searched: questions in records never seen in training",
        scopes=True,  # the search stays inside the open record: the model reads the number to restrict, not to learn
    ),
    status_quo=StatusQuo(
        "record search box (BM25)",
        "BM25 over the words of the patient's documents as typed: no lexicon, nothing learned from past questions",
        make_search_box,
    ),
)
