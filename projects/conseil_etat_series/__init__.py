"""Conseil d'État: group the filings before administrative courts into litigation series, attach new ones."""

from projects.contract import Holdout, Project, StatusQuo

from .data import generate
from .model import FEATURES, Params, make_model


def _act_key():
    from .status_quo import ActKey

    return ActKey()


PROJECT = Project(
    name="conseil_etat_series",
    title="Regroupement des requêtes en séries contentieuses",
    administration="Conseil d'État",
    season=2,
    task="clustering",
    target="serie",
    metric="v_measure",
    features=FEATURES,
    generate=generate,
    make_model=make_model,
    model_params=Params,
    personal=("requerant", "avocat"),
    free_text=("moyens", "conclusions"),
    key="numero_requete",
    holdout=Holdout("question_droit", "the legal question the filings raise: series of questions never seen in training"),
    status_quo=StatusQuo(
        "regex key on the act",
        "filings whose subject matter and contested act read the same once the act's date and number are taken out "
        "(abbreviations spelled out, accents and case ignored) are one series",
        _act_key,
        columns=("matiere", "acte_conteste"),
    ),
)
