"""BM25 over the titrage, the sommaire and the text of each decision, with expansion learned from the appeal
decisions already linked to the Cour's case law: plain words of the facts ("échafaudage", "garde-corps") come to
call the titrage's vocabulary ("faute inexcusable")."""

from __future__ import annotations

from pydantic import Field

from projects.contract import Strict

FEATURES = ("TITRAGE", "SOMMAIRE", "TEXTE")


class Params(Strict):
    k1: float = Field(1.2, ge=0, le=3, description="BM25 term-frequency saturation")
    b: float = Field(0.75, ge=0, le=1, description="BM25 length normalisation (0: none, 1: full)")
    expansion_weight: float = Field(0.3, ge=0, le=1, description="weight of the words learned from linked decisions")
    min_support: int = Field(4, ge=1, le=100, description="decision pairs needed to learn an expansion")
    min_lift: float = Field(2.0, ge=1, le=1000, description="how much more often than chance an expansion must occur")
    max_expansions: int = Field(5, ge=0, le=50, description="learned words added per word of the decision")


def make_model(params: Params):
    from projects._shared.rankers import BM25Ranker

    return BM25Ranker(
        k1=params.k1, b=params.b, expansion_weight=params.expansion_weight, min_support=params.min_support,
        min_lift=params.min_lift, max_expansions=params.max_expansions,
    )


def make_search_engine():
    """The status quo: the case-law search engine, plain BM25 on the words as written (nothing learned)."""
    from projects._shared.rankers import BM25Ranker

    return BM25Ranker(expansion_weight=0.0, max_expansions=0)
