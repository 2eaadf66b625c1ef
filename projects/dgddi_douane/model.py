"""TF-IDF of the goods description (words and character n-grams) plus value and mass, into a linear SVM.

Descriptions are short, half in capitals, in French or in the exporter's English, abbreviated and misspelt:
character n-grams catch "TSHIRT", "T-SHIRTS" and "tee-shirts" alike, words catch the rest. Value and mass (on a
log scale) separate gold rings from fashion jewellery. The model never sees the country of origin nor the declared
heading, which it is there to check. A linear model lets the base explain each proposed chapter exactly, column by
column.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from pydantic import Field

from projects.contract import Strict

TEXT = "LIBELLE_MARCHANDISE"
AMOUNTS = ("VALEUR_EUR", "MASSE_NETTE_KG")
CATEGORIES = ("MODE_TRANSPORT",)
FEATURES = (TEXT, *AMOUNTS, *CATEGORIES)


class Params(Strict):
    C: float = Field(0.5, gt=0, le=1000, description="inverse regularisation strength of the linear SVM")
    char_ngram_max: int = Field(3, ge=2, le=6, description="longest character n-gram of the description")
    min_df: int = Field(2, ge=1, le=50, description="a term must appear in this many declarations to count")
    max_features: int = Field(30_000, ge=100, le=500_000, description="vocabulary size cap of each TF-IDF")
    max_iter: int = Field(2000, ge=50, le=20_000, description="iterations allowed to the solver")


def make_model(params: Params) -> Any:
    """The unfitted pipeline: `prepare` (two TF-IDF of the description, log amounts, transport mode) then `model`."""
    from sklearn.compose import ColumnTransformer
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.impute import SimpleImputer
    from sklearn.pipeline import Pipeline
    from sklearn.preprocessing import FunctionTransformer, OneHotEncoder, StandardScaler
    from sklearn.svm import LinearSVC

    common = {"strip_accents": "unicode", "lowercase": True, "sublinear_tf": True, "min_df": params.min_df,
              "max_features": params.max_features}
    words = TfidfVectorizer(**common)
    chars = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, params.char_ngram_max), **common)
    amounts = Pipeline([
        ("impute", SimpleImputer(strategy="median")),  # a missing mass on a parcel: a typical one
        ("log", FunctionTransformer(np.log1p, feature_names_out="one-to-one")),
        ("scale", StandardScaler()),
    ])
    prepare = ColumnTransformer([
        ("mots", words, TEXT), ("caracteres", chars, TEXT), ("montants", amounts, list(AMOUNTS)),
        ("transport", OneHotEncoder(handle_unknown="ignore"), list(CATEGORIES)),
    ], remainder="drop")
    # One-vs-rest liblinear: seconds on 22 chapters and 50,000 n-grams, where multinomial solvers take minutes.
    model = LinearSVC(C=params.C, class_weight="balanced", max_iter=params.max_iter)
    return Pipeline([("prepare", prepare), ("model", model)])
