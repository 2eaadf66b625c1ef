"""SHOM – bathymetric LiDAR: classify every point (seabed, surface, noise, fish, object) without ever removing a wreck."""

from projects.contract import Holdout, Objective, Project, StatusQuo, lazy

from . import objective
from .data import generate
from .model import FEATURES, Params, derive, make_model

PROJECT = Project(
    name="shom_lidar",
    title="Classification des points LiDAR bathymétriques (fond, surface, bruit, poisson, objet)",
    administration="Service hydrographique et océanographique de la marine (SHOM), avec Inria",
    season=2,
    task="classification",
    target="CLASSE",
    metric="f1.bruit",
    features=FEATURES,
    generate=generate,
    make_model=make_model,
    model_params=Params,
    derive=derive,
    key="ID_POINT",
    group="DALLE",
    holdout=Holdout("DALLE", "the 15 m tile each point was surveyed in: its seabed, contacts and fish"),
    status_quo=StatusQuo(
        "height filter",
        "the processing chain's height filter: above the surface or deep below the local seabed is noise, near zero "
        "the surface, near the local seabed the seabed, above it a dense echo within 6 m an object (settings in "
        "reference/filtre_hauteurs.json)",
        lazy("projects.shom_lidar.status_quo:HeightFilter"),
        ('PROFONDEUR_M', 'ECART_FOND_8M', 'VOISINS_MEME_HAUTEUR'),  # status_quo.COLUMNS
    ),
    objective=Objective(
        objective.METRICS,
        "contacts (wrecks, rocks) found, counted per contact: at least half of a contact's points classified objet",
        objective.score,
    ),
)
