"""TF-IDF of the complainant's story, on words and character n-grams, into a class-balanced logistic regression.

Word unigrams and bigrams carry the qualification ("porte forcée", "bon coin", "mon ex"); character n-grams within
words absorb the phone keyboard (no accents, "qqn", typos). The model stays linear so that the gendarme sees which
words led to "cambriolage" or "hors périmètre"; its probabilities let the intake screen ask a human when unsure.
"""

from __future__ import annotations

from typing import Any

from pydantic import Field

from projects.contract import Strict

TEXT = "RECIT"


class Params(Strict):
    C: float = Field(5.0, gt=0, le=1000, description="inverse regularisation strength of the logistic regression")
    word_ngram_max: int = Field(2, ge=1, le=3, description="longest word n-gram")
    char_ngrams: bool = Field(True, description="add character 3–5-grams within words (typos, missing accents)")
    min_df: int = Field(2, ge=1, le=50, description="a term must appear in this many pre-complaints to count")
    max_features: int = Field(30_000, ge=100, le=500_000, description="vocabulary cap of each TF-IDF")
    max_iter: int = Field(500, ge=50, le=20_000, description="iterations allowed to the solver")


def make_model(params: Params) -> Any:
    """The unfitted pipeline: `prepare` (word and character TF-IDF of RECIT) then `model`."""
    from sklearn.compose import ColumnTransformer
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import Pipeline

    common = dict(strip_accents="unicode", lowercase=True, sublinear_tf=True, min_df=params.min_df,
                  max_features=params.max_features)
    blocks = [("mots", TfidfVectorizer(ngram_range=(1, params.word_ngram_max), **common), TEXT)]
    if params.char_ngrams:
        blocks.append(("caracteres", TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), **common), TEXT))
    model = LogisticRegression(C=params.C, class_weight="balanced", solver="newton-cg", max_iter=params.max_iter)
    return Pipeline([("prepare", ColumnTransformer(blocks, remainder="drop")), ("model", model)])
