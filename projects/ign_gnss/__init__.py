"""IGN – RGP: breaks (equipment changes, earthquakes) in the daily positions of permanent GNSS stations."""

from projects.contract import Project

from .data import generate
from .model import FEATURES, Params, make_model

PROJECT = Project(
    name="ign_gnss",
    title="Détection des ruptures dans les séries de positions des stations GNSS permanentes",
    administration="IGN (avec Inria)",
    season=2,
    task="changepoint",
    target="rupture",
    metric="f1_tolerance",
    features=FEATURES,
    generate=generate,
    make_model=make_model,
    model_params=Params,
    group="station",
)
