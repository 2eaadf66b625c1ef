"""Neighbourhood features per tile, then gradient boosting over each point and its neighbours.

A point alone says little: a wreck's top and a fish can lie at the same depth. `derive` places every point among
the points of its own tile (dalle), never across tiles, so that train and test tiles stay independent: the local
seabed (median depth of the 3 m and 8 m cells), how far above or below it the point lies, how many points share its
height nearby (a wreck is a dense cluster, a fish or a glint is alone), and how rough its cell is. The boosted trees
classify the point from these and its own echo (intensity, return number, scan angle).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from pydantic import Field

from projects._shared.boosting import BoostingParams, make_boosting

CELLS_M = (3.0, 8.0)
"""Sizes of the square cells of the neighbourhoods: an object's footprint, and the surrounding seabed."""
SAME_HEIGHT_M = 0.75
"""Points of the same 3 m cell within this height of a point count as its neighbours."""
NUMBERS = (
    "PROFONDEUR_M", "INTENSITE", "NUMERO_RETOUR", "NOMBRE_RETOURS", "ANGLE_SCAN_DEG",
    "ECART_FOND_3M", "ECART_FOND_8M", "FRACTION_COLONNE_EAU", "DISPERSION_3M", "VOISINS_MEME_HAUTEUR",
    "POINTS_CELLULE_3M", "INTENSITE_RELATIVE",
)
FEATURES = NUMBERS


class Params(BoostingParams):
    max_leaf_nodes: int = Field(15, ge=2, le=255, description="leaves per tree: interactions the trees can capture")
    class_weight: str | None = Field("balanced", description="'balanced' reweights rare classes (objects, fish)")


def make_model(params: Params):
    return make_boosting(params, (), NUMBERS)


def derive(df: pd.DataFrame) -> pd.DataFrame:
    """Each point among the points of its own tile: local seabed, height above it, neighbours at the same height."""
    out = df.copy()
    depth = df["PROFONDEUR_M"]
    for size in CELLS_M:
        cell = _cell(df, size)
        median = depth.groupby(cell).transform("median")
        out[f"ECART_FOND_{size:.0f}M"] = depth - median
        if size == CELLS_M[0]:
            out["DISPERSION_3M"] = depth.groupby(cell).transform("std").fillna(0.0)
            out["POINTS_CELLULE_3M"] = depth.groupby(cell).transform("size").astype(float)
            out["VOISINS_MEME_HAUTEUR"] = _same_height(cell, depth)
        else:
            out["FRACTION_COLONNE_EAU"] = depth / median.clip(lower=0.5)
    tile_intensity = df["INTENSITE"].groupby(df["DALLE"]).transform("median")
    out["INTENSITE_RELATIVE"] = df["INTENSITE"] / tile_intensity
    return out


def _cell(df: pd.DataFrame, size: float) -> pd.Series:
    """A key per (tile, cell): neighbourhoods never cross a tile."""
    column = np.floor(df["X_M"] / size).astype(np.int64).astype(str)
    row = np.floor(df["Y_M"] / size).astype(np.int64).astype(str)
    return df["DALLE"].astype(str) + "|" + column + "|" + row


def _same_height(cell: pd.Series, depth: pd.Series) -> np.ndarray:
    """Other points of the same cell within SAME_HEIGHT_M of each point's depth (sorted search, no pair loop)."""
    codes = pd.factorize(cell)[0].astype(float)
    key = codes * 10_000 + depth.to_numpy()  # depths stay within ±5,000 m, so cells never overlap
    ordered = np.sort(key)
    above = np.searchsorted(ordered, key + SAME_HEIGHT_M, side="right")
    below = np.searchsorted(ordered, key - SAME_HEIGHT_M, side="left")
    return (above - below - 1).astype(float)
