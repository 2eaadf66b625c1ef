"""DDTM de l'Hérault: which object appeared between two aerial shots of a sensitive zone (irregular land occupation)."""

from projects.contract import Holdout, Project, StatusQuo, lazy


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
    holdout=Holdout("DALLE_ORTHO", "the 1 km ortho-photo sheet each tile is cut from: its commune, zone and ground"),
    status_quo=StatusQuo(
        "colour key",
        "image differencing, then the photo-interpretation colour key: nothing below 6 changed pixels, else the object "
        "of the nearest typical colour (reference/couleurs_objets.json)",
        lazy("projects.ddtm_occupation_sols.status_quo:ColourKey"),
        ('AIRE_CHANGEMENT', 'ROUGE_CHANGE', 'VERT_CHANGE', 'BLEU_CHANGE'),  # status_quo.COLUMNS
    ),
)
