"""Fuzzy matching of every name of the chain of control against the watch list, then gradient boosting.

`derive` scores, row by row, how close the direct investor and the closest entity of its chain come to a listed
name (rapidfuzz's token-sort ratio, legal forms removed, so that typos, reordered words and another legal form
still match), and counts the sensitive technologies. The boosted trees combine these scores with the target and the
operation. The investor's country is never a feature.
"""

from __future__ import annotations

import pandas as pd
from pydantic import Field

from projects._shared.boosting import BoostingParams, make_boosting

from .watchlist import bare
from .watchlist import names as watch_list

CATEGORIES = ("SECTEUR_CIBLE",)
NUMBERS = (
    "SIMILARITE_LISTE_INVESTISSEUR", "SIMILARITE_LISTE_CHAINE", "NB_NIVEAUX_CHAINE", "JURIDICTION_OPAQUE_DANS_CHAINE",
    "ACTIONNAIRE_ETATIQUE", "NB_TECHNOLOGIES_SENSIBLES", "CIBLE_FOURNISSEUR_DEFENSE", "EFFECTIF_CIBLE",
    "PART_CAPITAL_VISEE_PCT", "MONTANT_OPERATION_MEUR",
)
FEATURES = CATEGORIES + NUMBERS


class Params(BoostingParams):
    learning_rate: float = Field(0.05, gt=0, le=1, description="shrinkage of each tree's contribution")
    max_leaf_nodes: int = Field(6, ge=2, le=255, description="leaves per tree: interactions the trees can capture")


def make_model(params: Params):
    return make_boosting(params, CATEGORIES, NUMBERS)


def derive(df: pd.DataFrame) -> pd.DataFrame:
    """Watch-list similarities (0-1) of the direct investor and of the closest entity of the chain; tech count."""
    from rapidfuzz import fuzz, process, utils

    chains = df["CHAINE_DETENTION"].fillna("").str.split(" > ")
    asked = sorted({name for names in chains for name in names} | set(df["INVESTISSEUR"].fillna("")))
    listed = [bare(name) for name in watch_list()]
    # one matrix for every distinct name against the whole list: the cost grows with names, not with requests
    scores = process.cdist([bare(name) for name in asked], listed, scorer=fuzz.token_sort_ratio,
                           processor=utils.default_process, workers=1)
    best = dict(zip(asked, scores.max(axis=1) / 100 if len(asked) else [], strict=True))
    out = df.copy()
    out["SIMILARITE_LISTE_INVESTISSEUR"] = df["INVESTISSEUR"].fillna("").map(best).astype(float)
    out["SIMILARITE_LISTE_CHAINE"] = chains.map(lambda names: max(best[name] for name in names)).astype(float)
    technologies = df["TECHNOLOGIES_SENSIBLES"].fillna("aucune")
    out["NB_TECHNOLOGIES_SENSIBLES"] = technologies.str.count(";").add(1).where(technologies != "aucune", 0)
    return out
