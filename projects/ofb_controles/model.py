"""Gradient boosting over the site, its water and its past controls: interactions (nitrates matter in vulnerable
zones, pesticides near crops) and thresholds (distance to the watercourse) without hand-made terms.

The département is never a feature: it is the sensitive attribute, and its effect reaches the model only through
the water measures it explains. Explanations per site come from the base (SHAP values of the boosted trees).
"""

from __future__ import annotations

from pydantic import Field

from projects._shared.boosting import BoostingParams, make_boosting

CATEGORIES = ("ACTIVITE", "THEME_CONTROLE", "ORIGINE_CONTROLE")
NUMBERS = (
    "SURFACE_HA", "DISTANCE_COURS_EAU_M", "ZONE_VULNERABLE_NITRATES", "SITE_NATURA_2000", "DISTANCE_STATION_KM",
    "NITRATES_MG_L", "PHOSPHATES_MG_L", "PESTICIDES_UG_L", "NB_CONTROLES_5ANS", "NB_MANQUEMENTS_5ANS",
    "ANNEES_DEPUIS_DERNIER_CONTROLE",
)
FEATURES = CATEGORIES + NUMBERS


class Params(BoostingParams):
    learning_rate: float = Field(0.03, gt=0, le=1, description="shrinkage of each tree's contribution")
    max_iter: int = Field(150, ge=10, le=2000, description="boosting rounds")
    max_leaf_nodes: int = Field(4, ge=2, le=255, description="leaves per tree: interactions the trees can capture")
    min_samples_leaf: int = Field(30, ge=1, le=1000, description="rows per leaf; larger keeps small fits steady")


def make_model(params: Params):
    return make_boosting(params, CATEGORIES, NUMBERS)
