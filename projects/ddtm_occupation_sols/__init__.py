"""DDTM de l'Hérault: which object appeared between two aerial shots of a sensitive zone (irregular land occupation)."""

from projects.contract import Project

from .data import generate
from .model import FEATURES, Params, derive, make_model

PROJECT = Project(
    name="ddtm_occupation_sols",
    title="Détection des occupations irrégulières des sols sur images aériennes",
    administration="Direction départementale des territoires et de la mer (DDTM) de l'Hérault",
    season=1,
    task="classification",
    target="OBJET_APPARU",
    metric="f1_macro",
    features=FEATURES,
    generate=generate,
    make_model=make_model,
    model_params=Params,
    derive=derive,
    key="ID_TUILE",
)
