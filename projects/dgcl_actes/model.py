"""TF-IDF of the act's title and body plus its declared nature and authority type, into a logistic regression.

Titles are short and telling ("Permis de construire…", "Budget primitif…"); bodies are long and share boilerplate,
so each has its own vocabulary. A linear model lets the base explain each proposed matière exactly, column by column.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from pydantic import Field

from projects.contract import Strict

TEXTS = ("OBJET", "TEXTE")
CATEGORIES = ("NATURE_ACTE", "TYPE_COLLECTIVITE")
FEATURES = (*TEXTS, *CATEGORIES)


class Params(Strict):
    C: float = Field(5.0, gt=0, le=1000, description="inverse regularisation strength of the logistic regression")
    ngram_max: int = Field(1, ge=1, le=3, description="longest word n-gram of the TF-IDF")
    min_df: int = Field(2, ge=1, le=50, description="a word must appear in this many acts to count")
    max_features: int = Field(30_000, ge=100, le=500_000, description="vocabulary size cap of each TF-IDF")
    max_iter: int = Field(500, ge=50, le=20_000, description="iterations allowed to the solver")


def blank_to_empty(texts: Any) -> np.ndarray:
    """A missing text (a scanned act without a text layer) as an empty string, for the vectoriser."""
    return np.asarray([value if isinstance(value, str) else "" for value in np.asarray(texts, dtype=object).ravel()])


def one_text(transformer: Any, input_features: Any) -> np.ndarray:
    """The name of the single text column `blank_to_empty` hands on (the vectoriser names its own outputs)."""
    return np.asarray(["texte"], dtype=object)


def make_model(params: Params) -> Any:
    """The unfitted pipeline: `prepare` (two TF-IDF and the declared categories) then `model`."""
    from sklearn.compose import ColumnTransformer
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.impute import SimpleImputer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import Pipeline
    from sklearn.preprocessing import FunctionTransformer, OneHotEncoder

    def text(column: str) -> tuple[str, Any, str]:
        vectoriser = TfidfVectorizer(
            strip_accents="unicode", lowercase=True, sublinear_tf=True,  # "délib" and "delib" are one word
            ngram_range=(1, params.ngram_max), min_df=params.min_df, max_features=params.max_features,
        )
        blank = FunctionTransformer(blank_to_empty, feature_names_out=one_text)
        return column.lower(), Pipeline([("blank", blank), ("tfidf", vectoriser)]), column

    categories = Pipeline([
        ("impute", SimpleImputer(strategy="constant", fill_value="(vide)")),
        ("onehot", OneHotEncoder(handle_unknown="ignore")),
    ])
    prepare = ColumnTransformer(
        [*(text(c) for c in TEXTS), ("categories", categories, list(CATEGORIES))], remainder="drop",
    )
    model = LogisticRegression(C=params.C, class_weight="balanced", solver="newton-cg", max_iter=params.max_iter)
    return Pipeline([("prepare", prepare), ("model", model)])
