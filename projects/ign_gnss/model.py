"""The break detector's parameters; the detector itself (`detector.GnssBreakDetector`, which imports `ruptures`) is
imported only in `make_model`."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from projects.contract import Strict

FEATURES = ("station", "date", "est_mm", "nord_mm", "haut_mm", "changement_sitelog")


class Params(Strict):
    penalty: float = Field(
        1.5, gt=0, le=100, description="cost of one more break, × log(days) × 3 coordinates, in units of daily noise"
    )
    min_size_days: int = Field(10, ge=2, le=180, description="shortest segment between two breaks, in observed days")
    clip_sigma: float = Field(
        4.0, gt=0, le=50, description="a day further than this (in daily noise) from its 11-day median is clipped"
    )
    method: Literal["pelt", "binseg"] = Field("pelt", description="ruptures search: exact PELT or binary segmentation")
    passes: int = Field(2, ge=1, le=4, description="seasonal fits, each with the steps of the previous pass")
    sitelog_penalty: float = Field(
        8.0, gt=0, le=1000, description="cost reduction, per coordinate and in units of daily noise, a logged change's step must reach"
    )
    snap_days: int = Field(5, ge=0, le=30, description="a break found this close to a logged change is moved onto it")


def make_model(params: Params):
    from projects.ign_gnss.detector import GnssBreakDetector

    return GnssBreakDetector(
        penalty=params.penalty,
        min_size_days=params.min_size_days,
        clip_sigma=params.clip_sigma,
        method=params.method,
        passes=params.passes,
        sitelog_penalty=params.sitelog_penalty,
        snap_days=params.snap_days,
    )
