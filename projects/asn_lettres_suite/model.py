"""TF-IDF of the paragraph and one-hot context fields, into one logistic regression per topic (one-vs-rest).

One binary model per topic is the usual first prototype for multi-label text: each topic has its own words, a
paragraph may carry several, and each topic's decision is explained word by word. The paragraph kind (section A, B
or C of the letter) is known from the letter's structure, so it is a feature, not something to predict.
"""

from __future__ import annotations

from typing import Any

from pydantic import Field

from projects.contract import Strict

TEXT = "TEXTE_PARAGRAPHE"
CATEGORIES = ("TYPE_PARAGRAPHE", "TYPE_INSTALLATION", "THEME_INSPECTION")


class Params(Strict):
    C: float = Field(10.0, gt=0, le=1000, description="inverse regularisation strength of each topic's logistic regression")
    ngram_max: int = Field(2, ge=1, le=3, description="longest word n-gram of the TF-IDF")
    min_df: int = Field(2, ge=1, le=50, description="a word must appear in this many paragraphs to count")
    max_features: int = Field(30_000, ge=100, le=500_000, description="vocabulary size cap of the TF-IDF")
    class_weight: str | None = Field("balanced", pattern="^balanced$", description="'balanced' weighs each topic's rare positives up; null: no weighting")
    max_iter: int = Field(500, ge=50, le=20_000, description="iterations allowed to each solver")


def make_model(params: Params) -> Any:
    """The unfitted pipeline: `prepare` (text and context fields) then `model` (one classifier per topic)."""
    from sklearn.compose import ColumnTransformer
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.impute import SimpleImputer
    from sklearn.linear_model import LogisticRegression
    from sklearn.multiclass import OneVsRestClassifier
    from sklearn.pipeline import Pipeline
    from sklearn.preprocessing import OneHotEncoder

    texte = TfidfVectorizer(
        strip_accents="unicode", lowercase=True, sublinear_tf=True,
        ngram_range=(1, params.ngram_max), min_df=params.min_df, max_features=params.max_features,
    )
    contexte = Pipeline([
        ("impute", SimpleImputer(strategy="constant", fill_value="(non renseigné)")),
        ("onehot", OneHotEncoder(handle_unknown="ignore")),
    ])
    prepare = ColumnTransformer([("texte", texte, TEXT), ("contexte", contexte, list(CATEGORIES))], remainder="drop")
    topic = LogisticRegression(C=params.C, class_weight=params.class_weight, solver="liblinear", max_iter=params.max_iter)
    return Pipeline([("prepare", prepare), ("model", OneVsRestClassifier(topic))])
