"""IGN – RGP: breaks (equipment changes, earthquakes) in the daily positions of permanent GNSS stations."""

from projects.contract import Holdout, Project, StatusQuo, lazy


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
    holdout=Holdout("numero_domes", "the permanent station (its IERS DOMES number) each daily position comes from: its noise, seasons and history"),
    status_quo=StatusQuo(
        "site log",
        "a break on every equipment change the station's site log records (antenna, receiver, radome), none elsewhere",
        lazy("projects.ign_gnss.status_quo:SitelogBreaks"),
        ('station', 'date', 'changement_sitelog'),  # status_quo.COLUMNS
    ),
)
