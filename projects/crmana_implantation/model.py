"""A logistic regression over one-hot categories and scaled numbers: every decision is a sum of log-odds per column.

The founder needs to know why a location scores low, so the model stays linear: each prediction is explained exactly
by its contributions (coefficient × prepared value), column by column.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from projects.contract import Strict

CATEGORIES = ("DEPARTEMENT", "GRILLE_DENSITE", "TYPE_IRIS", "SECTEUR", "ACTIVITE")
SKEWED = ("IND", "INDICE_CONCURRENCE", "NB_EQUIPEMENTS_500M", "PRIX_M2_MEDIAN_EUR")
"""Counts, ratios and prices spread over orders of magnitude: log1p first, so one outlier does not set the scale."""
NUMBERS = ("NIVEAU_VIE_MOYEN_EUR", "PART_MENAGES_PAUVRES", "TAUX_CHOMAGE_IRIS")
FEATURES = CATEGORIES + SKEWED + NUMBERS


class Params(Strict):
    C: float = Field(0.1, gt=0, le=1000, description="inverse L2 strength; small keeps 400-row fits steady")
    class_weight: Literal["balanced"] | None = Field(None, description="'balanced' reweights failures vs survivals")
    log_skewed: bool = Field(True, description="log1p the money, density and count columns before scaling")
    max_iter: int = Field(1000, ge=100, le=10_000, description="iterations of the lbfgs solver")


def make_model(params: Params):
    """The unfitted pipeline: prepare (one-hot, impute, log1p, scale; one output per numeric column), then model."""
    import numpy as np
    from sklearn.compose import ColumnTransformer
    from sklearn.impute import SimpleImputer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import Pipeline
    from sklearn.preprocessing import FunctionTransformer, OneHotEncoder, StandardScaler

    skewed_steps = [("impute", SimpleImputer(strategy="median"))]
    if params.log_skewed:
        skewed_steps.append(("log", FunctionTransformer(np.log1p, feature_names_out="one-to-one")))
    prepare = ColumnTransformer(
        [
            ("categories", OneHotEncoder(handle_unknown="ignore"), list(CATEGORIES)),
            ("skewed", Pipeline([*skewed_steps, ("scale", StandardScaler())]), list(SKEWED)),
            ("numbers", Pipeline([("impute", SimpleImputer(strategy="median")), ("scale", StandardScaler())]),
             list(NUMBERS)),
        ],
        remainder="drop",
    )
    model = LogisticRegression(C=params.C, class_weight=params.class_weight, max_iter=params.max_iter)
    return Pipeline([("prepare", prepare), ("model", model)])
