"""SHOM – bathymetric LiDAR: classify every point (seabed, surface, noise, fish, object) without ever removing a wreck."""

from projects.contract import Project

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
)
