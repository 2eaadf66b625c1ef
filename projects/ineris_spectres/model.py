"""The matcher's parameters; `matcher.LibraryMatcher` (scikit-learn, scipy) is imported only in `make_model`."""

from __future__ import annotations

from pydantic import Field

from projects.contract import Strict

FEATURES = ("mz_precurseur", "temps_retention_min", "pics_ms1", "pics_ms2")


class Params(Strict):
    ppm_tolerance: float = Field(5.0, gt=0, le=50, description="precursor mass agreement scale, ppm")
    rt_tolerance_min: float = Field(0.2, gt=0, le=5, description="retention time agreement scale, minutes")
    bin_width: float = Field(0.01, ge=0.001, le=1, description="width of the m/z bins of the binned spectra, Da")
    weight_mass: float = Field(1.0, ge=0, le=10, description="weight of the precursor mass agreement")
    weight_ms1: float = Field(0.5, ge=0, le=10, description="weight of the isotope pattern cosine")
    weight_ms2: float = Field(1.5, ge=0, le=10, description="weight of the MS/MS fragments cosine")
    weight_rt: float = Field(1.0, ge=0, le=10, description="weight of the retention time agreement")
    reject: bool = Field(True, description="reject the best match under the threshold fitted on train (inconnu)")


def make_model(params: Params):
    from projects.ineris_spectres.matcher import LibraryMatcher

    return LibraryMatcher(**params.model_dump())
