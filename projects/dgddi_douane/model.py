"""Is the declared heading the one the goods description points to? Two stages, both linear.

1. A heading reader: TF-IDF of the description (words and character n-grams) plus log value and mass into a linear
   SVM over the nomenclature's 4-digit headings, learned from the lines control found right (`REDRESSEMENT` "non":
   there the declared heading is the true one). A heading, not a chapter: shoes declared as shoe parts (6402 as
   6406) or cars as car parts stay in one chapter and are still seen.
2. A checker: logistic regression on what the reader says about the declared heading — its score, how far it is
   below the best heading's, whether the best heading is in another chapter, the duty the best heading would pay
   more (from `reference/nomenclature.csv`), and how far the declared value per kg is from that heading's typical
   one. Stage 1's scores for the training lines come from cross-fitting, so the checker learns on answers the
   reader gives about lines it never saw.
The model never sees the country of origin (sensitive) nor the declarant (held out).
"""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from pydantic import Field

from projects.contract import Strict

TEXT = "LIBELLE_MARCHANDISE"
DECLARED = "POSITION_TARIFAIRE_DECLAREE"
AMOUNTS = ("VALEUR_EUR", "MASSE_NETTE_KG")
CATEGORIES = ("MODE_TRANSPORT",)
FEATURES = (TEXT, DECLARED, *AMOUNTS, *CATEGORIES)
NOMENCLATURE = Path(__file__).parent / "reference" / "nomenclature.csv"
SIGNALS = ("score_declaree", "ecart_meilleure", "autre_chapitre", "droits_en_plus", "ecart_valeur_kg")
OWNER = {"score_declaree": TEXT, "ecart_meilleure": TEXT, "autre_chapitre": DECLARED, "droits_en_plus": DECLARED,
         "ecart_valeur_kg": "VALEUR_EUR"}
"""The input column each signal of the checker is charged to in an explanation."""


@cache
def nomenclature() -> pd.DataFrame:
    """The reference headings: chapter, third-country duty (%), typical value per kg, by 4-digit position."""
    with NOMENCLATURE.open(encoding="utf-8") as handle:
        table = pd.DataFrame(list(csv.DictReader(handle)))
    return table.astype({"droit_tiers_pct": float, "valeur_typique_eur_kg": float}).set_index("position")


class Params(Strict):
    C: float = Field(0.5, gt=0, le=1000, description="inverse regularisation strength of the heading reader's SVM")
    char_ngram_max: int = Field(3, ge=2, le=6, description="longest character n-gram of the description")
    min_df: int = Field(2, ge=1, le=50, description="a term must appear in this many declarations to count")
    max_features: int = Field(30_000, ge=100, le=500_000, description="vocabulary size cap of each TF-IDF")
    max_iter: int = Field(2000, ge=50, le=20_000, description="iterations allowed to the solvers")
    folds: int = Field(3, ge=2, le=10, description="cross-fitting folds for the reader's answers on training lines")
    checker_C: float = Field(1.0, gt=0, le=1000, description="inverse regularisation of the checker")


def make_model(params: Params) -> Any:
    from .checker import DeclarationChecker  # scikit-learn is imported when a model is built, not when listed

    return DeclarationChecker(params.C, params.char_ngram_max, params.min_df, params.max_features, params.max_iter,
                              params.folds, params.checker_C)


def heading_reader(C: float, char_ngram_max: int, min_df: int, max_features: int, max_iter: int) -> Any:
    """Description, amounts and transport mode → a score per heading (one-vs-rest linear SVM)."""
    from sklearn.compose import ColumnTransformer
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.impute import SimpleImputer
    from sklearn.pipeline import Pipeline
    from sklearn.preprocessing import FunctionTransformer, OneHotEncoder, StandardScaler
    from sklearn.svm import LinearSVC

    common = {"strip_accents": "unicode", "lowercase": True, "sublinear_tf": True, "min_df": min_df,
              "max_features": max_features}
    amounts = Pipeline([
        ("impute", SimpleImputer(strategy="median")),  # a missing mass on a parcel: a typical one
        ("log", FunctionTransformer(np.log1p, feature_names_out="one-to-one")),
        ("scale", StandardScaler()),
    ])
    prepare = ColumnTransformer([
        ("mots", TfidfVectorizer(**common), TEXT),
        ("caracteres", TfidfVectorizer(analyzer="char_wb", ngram_range=(2, char_ngram_max), **common), TEXT),
        ("montants", amounts, list(AMOUNTS)),
        ("transport", OneHotEncoder(handle_unknown="ignore"), list(CATEGORIES)),
    ], remainder="drop")
    return Pipeline([("prepare", prepare), ("model", LinearSVC(C=C, class_weight="balanced", max_iter=max_iter))])
