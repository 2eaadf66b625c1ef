"""A CRF tagger with word-shape features: the classic first model for clinical entity extraction.

A CRF learns from a few hundred annotated reports, generalises from shapes ("cT2aN0M0", "PD-L1 à 35 %" with an
unseen number) and context (a histology after "pas d'argument pour un" is not the patient's), and trains in
seconds on a CPU. The tagger lives in `tagger.py`, imported only here, so listing projects never imports crfsuite.
"""

from __future__ import annotations

from typing import Any

from pydantic import Field

from projects.contract import Strict

TEXT = "COMPTE_RENDU"


class Params(Strict):
    c1: float = Field(0.1, ge=0, le=10, description="L1 penalty of the CRF (drops rare features)")
    c2: float = Field(0.05, ge=0, le=10, description="L2 penalty of the CRF")
    max_iterations: int = Field(40, ge=5, le=2000, description="L-BFGS iterations of the CRF training")
    min_frequency: int = Field(1, ge=1, le=50, description="a feature must occur this often in training to count")


def make_model(params: Params) -> Any:
    """The unfitted CRF tagger."""
    from projects.chu_toulouse_rcp.tagger import CrfTagger

    return CrfTagger(c1=params.c1, c2=params.c2, max_iterations=params.max_iterations, min_frequency=params.min_frequency)
