"""BM25 over the documents of the patient's record, with the hospital's lexicon of abbreviations and synonyms
(`reference/lexique_medical.csv`) applied to documents and questions alike, and query expansion learned from past
questions and the documents that answered them."""

from __future__ import annotations

from pydantic import Field

from projects.contract import Strict

FEATURES = ("TEXTE", "PATIENT_NUM")


class Params(Strict):
    k1: float = Field(1.2, ge=0, le=3, description="BM25 term-frequency saturation")
    b: float = Field(0.75, ge=0, le=1, description="BM25 length normalisation (0: none, 1: full)")
    use_lexicon: bool = Field(True, description="apply the lexicon of abbreviations and synonyms")
    expansion_weight: float = Field(0.3, ge=0, le=1, description="weight of the words learned from past questions")
    min_support: int = Field(4, ge=1, le=100, description="question–document pairs needed to learn an expansion")
    min_lift: float = Field(2.0, ge=1, le=1000, description="how much more often than chance an expansion must occur")
    max_expansions: int = Field(5, ge=0, le=50, description="learned words added per question word")


def make_model(params: Params):
    from projects._shared.rankers import BM25Ranker
    from projects.chu_bordeaux_recherche.ranker import PatientRecordSearch, lexicon

    return PatientRecordSearch(BM25Ranker(
        k1=params.k1, b=params.b, synonyms=lexicon() if params.use_lexicon else None,
        expansion_weight=params.expansion_weight, min_support=params.min_support, min_lift=params.min_lift,
        max_expansions=params.max_expansions,
    ))


def make_search_box():
    """The status quo: the record's search box, plain BM25 on the words as typed (no lexicon, nothing learned)."""
    from projects._shared.rankers import BM25Ranker
    from projects.chu_bordeaux_recherche.ranker import PatientRecordSearch

    return PatientRecordSearch(BM25Ranker(synonyms=None, expansion_weight=0.0, max_expansions=0))
