"""The clustering's parameters; `clusterer.SeriesClusterer` (scikit-learn) is imported only in `make_model`."""

from __future__ import annotations

from pydantic import Field

from projects.contract import Strict

FEATURES = ("acte_conteste", "moyens", "conclusions")


class Params(Strict):
    distance_threshold: float = Field(
        0.3, gt=0, lt=1, description="cosine distance under which two filings (or a filing and a series) belong together"
    )
    act_weight: float = Field(2.0, ge=0, le=10, description="extra weight of the contested act in a filing's vector")
    ngram_max: int = Field(2, ge=1, le=3, description="longest word n-gram of the TF-IDF")
    min_df: int = Field(1, ge=1, le=20, description="filings a term must appear in to enter the vocabulary")
    max_features: int = Field(5000, ge=100, le=50000, description="vocabulary size (centroids are series × vocabulary)")
    lemmas: bool = Field(False, description="TF-IDF of spaCy fr_core_news_md lemmas instead of the words as written")


def make_model(params: Params):
    from projects.conseil_etat_series.clusterer import SeriesClusterer

    return SeriesClusterer(**params.model_dump())
