"""A first prototype without deep learning: engineered change features, then gradient boosting.

`derive` decodes both tiles, removes what a whole tile shares (season tint, sun, sensor) by subtracting each
channel's median, and keeps the pixels that changed much more than sensor noise. It then describes the changed blob
as a photo-interpreter would: its area, bounding box, elongation and fill (a caravan is a small filled rectangle, a
dump a wide ragged one), its colour and texture at the second date (a pool is turquoise, a roof terracotta), its
brightness change (a shadow or a cloud), how many separate pieces it has (scattered waste), plus the water and cloud
shares of the scene. The boosted trees learn the classes from these 22 numbers.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
from pydantic import Field

from projects._shared.boosting import BoostingParams, make_boosting

from .data import SIZE, decode

CHANGE_THRESHOLD = 45.0
"""Colour distance (0-441) above which a pixel counts as changed: about five times the sensor noise."""
NUMBERS = (
    "AIRE_CHANGEMENT", "CHANGEMENT_MAX", "CHANGEMENT_MOYEN", "HAUTEUR_BOITE", "LARGEUR_BOITE", "ALLONGEMENT",
    "REMPLISSAGE", "NB_MORCEAUX", "ROUGE_CHANGE", "VERT_CHANGE", "BLEU_CHANGE", "LUMINOSITE_CHANGE",
    "TEXTURE_CHANGE", "SATURATION_CHANGE", "VARIATION_LUMINOSITE", "PART_EAU", "PART_NUAGE_1", "PART_NUAGE_2",
    "DERIVE_TEINTE_ROUGE", "DERIVE_TEINTE_BLEU", "COUVERTURE_NUAGEUSE_PCT", "JOURS_ENTRE_PRISES",
)
CATEGORIES = ("TYPE_ZONE",)
FEATURES = CATEGORIES + NUMBERS


class Params(BoostingParams):
    learning_rate: float = Field(0.08, gt=0, le=1, description="shrinkage of each tree's contribution")
    max_iter: int = Field(120, ge=10, le=2000, description="boosting rounds (one tree per class each)")
    max_leaf_nodes: int = Field(8, ge=2, le=255, description="leaves per tree: interactions the trees can capture")


def make_model(params: Params):
    return make_boosting(params, CATEGORIES, NUMBERS)


def derive(df: pd.DataFrame) -> pd.DataFrame:
    """The change features of every tile pair, computed from that pair alone."""
    first = np.stack([decode(text) for text in df["TUILE_1"]]).astype(float)
    second = np.stack([decode(text) for text in df["TUILE_2"]]).astype(float)
    out = df.copy()
    for name, values in {**_change(first, second), **_scene(first, second)}.items():
        out[name] = values
    out["JOURS_ENTRE_PRISES"] = (df["DATE_PRISE_VUE_2"] - df["DATE_PRISE_VUE_1"]).dt.days.astype(float)
    return out


def _change(first: np.ndarray, second: np.ndarray) -> dict[str, np.ndarray]:
    """Size, shape, colour and texture of the changed pixels (NaN colours where nothing changed)."""
    centred = (second - np.median(second, axis=(1, 2), keepdims=True)) - (
        first - np.median(first, axis=(1, 2), keepdims=True)
    )
    distance = np.linalg.norm(centred, axis=3)
    mask = distance > CHANGE_THRESHOLD
    area = mask.sum(axis=(1, 2)).astype(float)
    height, width = _extent(mask.any(axis=2)), _extent(mask.any(axis=1))
    changed = np.where(mask[..., None], second, np.nan)
    with warnings.catch_warnings():  # tiles where nothing changed get NaN colours, on purpose
        warnings.simplefilter("ignore", RuntimeWarning)
        colour = np.nanmean(changed, axis=(1, 2))
        brightness = np.nanmean(changed, axis=3)
        saturation = np.nanmean(np.nanmax(changed, axis=3) - np.nanmin(changed, axis=3), axis=(1, 2))
        delta = np.where(mask, (second - first).mean(axis=3), np.nan)
        return {
            "AIRE_CHANGEMENT": area,
            "CHANGEMENT_MAX": distance.max(axis=(1, 2)),
            "CHANGEMENT_MOYEN": np.where(area > 0, (distance * mask).sum(axis=(1, 2)) / np.maximum(area, 1), 0.0),
            "HAUTEUR_BOITE": height,
            "LARGEUR_BOITE": width,
            "ALLONGEMENT": np.maximum(height, width) / np.maximum(np.minimum(height, width), 1),
            "REMPLISSAGE": area / np.maximum(height * width, 1),
            "NB_MORCEAUX": np.array([_pieces(m) for m in mask], dtype=float),
            "ROUGE_CHANGE": colour[:, 0],
            "VERT_CHANGE": colour[:, 1],
            "BLEU_CHANGE": colour[:, 2],
            "LUMINOSITE_CHANGE": np.nanmean(brightness, axis=(1, 2)),
            "TEXTURE_CHANGE": np.nanstd(brightness, axis=(1, 2)),
            "SATURATION_CHANGE": saturation,
            "VARIATION_LUMINOSITE": np.nanmean(delta, axis=(1, 2)),
        }


def _scene(first: np.ndarray, second: np.ndarray) -> dict[str, np.ndarray]:
    """Water and cloud shares, and the tint drift between shots (season, sensor)."""
    def cloudy(tile: np.ndarray) -> np.ndarray:
        return ((tile.min(axis=3) > 200) & (tile.max(axis=3) - tile.min(axis=3) < 30)).mean(axis=(1, 2))

    water = (first[..., 2] > first[..., 0] + 30).mean(axis=(1, 2))
    tint = np.median(second, axis=(1, 2)) / np.maximum(np.median(first, axis=(1, 2)), 1)
    return {
        "PART_EAU": water,
        "PART_NUAGE_1": cloudy(first),
        "PART_NUAGE_2": cloudy(second),
        "DERIVE_TEINTE_ROUGE": tint[:, 0],
        "DERIVE_TEINTE_BLEU": tint[:, 2],
    }


def _extent(profile: np.ndarray) -> np.ndarray:
    """Length of the span between the first and last True of each row of `profile` (0 when none)."""
    index = np.arange(profile.shape[1])
    first = np.where(profile, index, SIZE).min(axis=1)
    last = np.where(profile, index, -1).max(axis=1)
    return np.maximum(last - first + 1, 0).astype(float)


def _pieces(mask: np.ndarray) -> int:
    """Connected pieces (4-neighbourhood) of changed pixels in one tile."""
    from scipy import ndimage

    return int(ndimage.label(mask)[1])

