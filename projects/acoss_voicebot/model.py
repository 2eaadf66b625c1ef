"""TF-IDF of the transcript, on words and on character n-grams, into a class-balanced logistic regression.

Character n-grams (within word boundaries) catch what the recogniser mangles ("adérer", "ursafe", "atestation") and
what callers spell several ways; word n-grams catch the phrasing ("mot de passe", "chômage partiel"). A linear model
keeps each intent explainable word by word and gives the probabilities the bot needs to decide when to answer.
"""

from __future__ import annotations

from typing import Any

from pydantic import Field

from projects.contract import Strict

TEXT = "TRANSCRIPTION"
CATEGORIES = ("TYPE_APPELANT",)
FILLERS = ("euh", "ben", "bah", "hein", "bon", "voila", "alors", "enfin", "quoi", "coup", "du", "en", "fait")
"""Hesitations carry no intent: dropped from the word vocabulary (accents already stripped)."""


class Params(Strict):
    C: float = Field(5.0, gt=0, le=1000, description="inverse regularisation strength of the logistic regression")
    word_ngram_max: int = Field(2, ge=1, le=3, description="longest word n-gram")
    char_ngrams: bool = Field(True, description="add character 3–5-grams within words (spelling and recognition errors)")
    min_df: int = Field(2, ge=1, le=50, description="a term must appear in this many calls to count")
    max_features: int = Field(30_000, ge=100, le=500_000, description="vocabulary cap of each TF-IDF")
    max_iter: int = Field(500, ge=50, le=20_000, description="iterations allowed to the solver")


def make_model(params: Params) -> Any:
    """The unfitted pipeline: `prepare` (word and character TF-IDF of the transcript, caller type) then `model`."""
    from sklearn.compose import ColumnTransformer
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.impute import SimpleImputer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import Pipeline
    from sklearn.preprocessing import OneHotEncoder

    common = dict(strip_accents="unicode", lowercase=True, sublinear_tf=True, min_df=params.min_df,
                  max_features=params.max_features)
    blocks = [("mots", TfidfVectorizer(ngram_range=(1, params.word_ngram_max), stop_words=list(FILLERS), **common), TEXT)]
    if params.char_ngrams:
        blocks.append(("caracteres", TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), **common), TEXT))
    caller = Pipeline([
        ("impute", SimpleImputer(strategy="constant", fill_value="(inconnu)")),
        ("onehot", OneHotEncoder(handle_unknown="ignore")),
    ])
    prepare = ColumnTransformer([*blocks, ("appelant", caller, list(CATEGORIES))], remainder="drop")
    model = LogisticRegression(C=params.C, class_weight="balanced", solver="newton-cg", max_iter=params.max_iter)
    return Pipeline([("prepare", prepare), ("model", model)])
