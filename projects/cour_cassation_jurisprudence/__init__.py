"""Cour de cassation with Inria: bring together decisions on the same legal question, flag divergent answers."""

from projects.contract import Holdout, Project, StatusQuo

from .data import generate
from .model import FEATURES, Params, make_model, make_search_engine

PROJECT = Project(
    name="cour_cassation_jurisprudence",
    title="Rapprochement des décisions portant sur une même question de droit et détection des divergences",
    administration="Cour de cassation",
    season=2,
    task="retrieval",
    target="DECISIONS_SIMILAIRES",
    metric="map_at_10",
    features=FEATURES,
    generate=generate,
    make_model=make_model,
    model_params=Params,
    key="ID_DECISION",
    holdout=Holdout("QUESTION_DROIT", "the legal question of the decision: appeal decisions on questions never seen in training"),
    status_quo=StatusQuo(
        "case-law search engine (BM25)",
        "BM25 over the titrage, sommaire and text of the Cour's decisions, on the words as written, nothing learned",
        make_search_engine,
    ),
)
