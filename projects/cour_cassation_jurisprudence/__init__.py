"""Cour de cassation with Inria: bring together decisions on the same legal question, flag divergent answers."""

from projects.contract import Project

from .data import generate
from .model import FEATURES, Params, make_model

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
)
