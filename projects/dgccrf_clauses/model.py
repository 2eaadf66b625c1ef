"""TF-IDF of the clause (words and word pairs) plus the document type and sector, into a logistic regression.

Unfair and licit clauses share their words; what differs is in pairs ("sans préavis", "font seuls", "à titre
indicatif", "sans frais"), hence bigrams. A logistic regression gives a probability per clause, so investigators
can read the likeliest unfair clauses first, and lets the base explain each flag exactly, column by column.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from projects.contract import Strict

TEXT = "TEXTE_CLAUSE"
CATEGORIES = ("TYPE_DOCUMENT", "SECTEUR")
FEATURES = (TEXT, *CATEGORIES)


class Params(Strict):
    C: float = Field(10.0, gt=0, le=1000, description="inverse regularisation strength of the logistic regression")
    ngram_max: int = Field(2, ge=1, le=3, description="longest word n-gram of the TF-IDF")
    min_df: int = Field(2, ge=1, le=50, description="a term must appear in this many clauses to count")
    max_features: int = Field(30_000, ge=100, le=500_000, description="vocabulary size cap of the TF-IDF")
    class_weight: Literal["balanced"] | None = Field(
        "balanced", description="'balanced' weighs the rare unfair clauses up",
    )
    max_iter: int = Field(1000, ge=50, le=20_000, description="iterations allowed to the solver")


def make_model(params: Params) -> Any:
    """The unfitted pipeline: `prepare` (TF-IDF of the clause, document type and sector) then `model`."""
    from sklearn.compose import ColumnTransformer
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.impute import SimpleImputer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import Pipeline
    from sklearn.preprocessing import OneHotEncoder

    texte = TfidfVectorizer(
        strip_accents="unicode", lowercase=True, sublinear_tf=True,
        ngram_range=(1, params.ngram_max), min_df=params.min_df, max_features=params.max_features,
    )
    categories = Pipeline([
        ("impute", SimpleImputer(strategy="constant", fill_value="(vide)")),
        ("onehot", OneHotEncoder(handle_unknown="ignore")),
    ])
    prepare = ColumnTransformer([("texte", texte, TEXT), ("document", categories, list(CATEGORIES))], remainder="drop")
    model = LogisticRegression(
        C=params.C, class_weight=params.class_weight, solver="liblinear", max_iter=params.max_iter,
    )
    return Pipeline([("prepare", prepare), ("model", model)])
