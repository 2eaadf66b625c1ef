"""IRSN – SISERI: alerts on the monthly doses of workers exposed to ionising radiation, each one with its reasons."""

from projects.contract import Holdout, Project, StatusQuo, lazy

from .data import generate
from .model import FEATURES, Params, derive, make_model

PROJECT = Project(
    name="irsn_siseri",
    title="Alertes sur les doses des travailleurs exposés aux rayonnements ionisants (SISERI)",
    administration="IRSN",
    season=2,
    task="anomaly",
    target="ANOMALIE",
    metric="average_precision",
    features=FEATURES,
    generate=generate,
    make_model=make_model,
    model_params=Params,
    derive=derive,
    personal=("ID_TRAVAILLEUR", "NOM", "PRENOM"),
    group="ID_TRAVAILLEUR",
    # Whole workers held out: the detector is judged on people whose history it never saw.
    holdout=Holdout("ID_TRAVAILLEUR", "the worker each monthly dose belongs to"),
    status_quo=StatusQuo(
        "regulatory thresholds",
        "a worker-month is flagged when its 12-month cumulative dose reaches a limit of the Code du travail (20 and "
        "500 mSv for category A, R.4451-6; the 6 and 150 mSv of category B, R.4451-57) or its monthly dose the "
        "employer's investigation level; ranked by the largest share of a threshold reached",
        lazy("projects.irsn_siseri.status_quo:RegulatoryThresholds"),
        columns=('CATEGORIE', 'DOSE_HP10_MSV', 'DOSE_HP007_MSV', 'DOSE_12M_HP10_MSV', 'DOSE_12M_HP007_MSV'),  # what the rule reads (status_quo.READS)
    ),
    requires_approval=True,  # decisions about persons: a human approves each new champion
)
