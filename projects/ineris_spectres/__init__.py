"""INERIS: identify the contaminant molecule behind a high-resolution mass spectrum of a water sample."""

from projects.contract import Holdout, Project, StatusQuo, lazy

from .data import generate
from .model import FEATURES, Params, make_model

PROJECT = Project(
    name="ineris_spectres",
    title="Identification des molécules contaminantes dans les spectres de masse haute résolution",
    administration="INERIS",
    season=2,
    task="classification",
    target="molecule",
    metric="accuracy",
    features=FEATURES,
    generate=generate,
    make_model=make_model,
    model_params=Params,
    key="id_caracteristique",
    # Whole chemical families held out: their retention times were never learned, as for a newly listed family.
    holdout=Holdout("famille", "the chemical family of the molecule (or of its library relative)"),
    status_quo=StatusQuo(
        "match factor 700",
        "the best MS/MS library match within ±5 ppm of the precursor, accepted at a match factor of 700 or more as "
        "in NIST MS Search, else inconnu (reference/bibliotheque.csv, reference/recherche.csv)",
        lazy("projects.ineris_spectres.status_quo:MatchFactorThreshold"),
        columns=('mz_precurseur', 'pics_ms2'),  # what the rule reads (status_quo.READS)
    ),
)
