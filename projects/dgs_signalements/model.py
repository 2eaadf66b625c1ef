"""TF-IDF on the incident description plus one-hot form fields, into a class-balanced logistic regression.

The prototype used TF-IDF and a linear SVM; a logistic regression keeps the same linear shape, gives
probabilities, and lets the base explain each decision word by word and field by field.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from projects.contract import Strict

TEXT = "DESCRIPTION_INCIDENT"
# What the declarant fills: the typology (TYPE_DYSFONCTIONNEMENT, CONSEQUENCE, TYPE_EFFET) is coded by the
# evaluator after reading the report, so a model proposing the grade before that reading cannot see it.
CATEGORIES = ("ETAT_PATIENT", "FABRICANT", "DCO")


class Params(Strict):
    C: float = Field(1.0, gt=0, le=1000, description="inverse regularisation strength of the logistic regression")
    ngram_max: int = Field(1, ge=1, le=3, description="longest word n-gram of the TF-IDF")
    min_df: int = Field(2, ge=1, le=50, description="a word must appear in this many reports to count")
    max_features: int = Field(20_000, ge=100, le=500_000, description="vocabulary size cap of the TF-IDF")
    max_iter: int = Field(500, ge=50, le=20_000, description="iterations allowed to the solver")
    text_features: Literal["words", "lemmas"] = Field(
        "words", description="TF-IDF of the words, or of their spaCy fr_core_news_md lemmas (the real team's pipeline)"
    )


def make_model(params: Params) -> Any:
    """The unfitted pipeline: `prepare` (text and categories) then `model`."""
    from sklearn.compose import ColumnTransformer
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.impute import SimpleImputer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import Pipeline
    from sklearn.preprocessing import OneHotEncoder

    texte = TfidfVectorizer(
        strip_accents="unicode", lowercase=True, sublinear_tf=True,  # "réa" and "rea" are the same word
        ngram_range=(1, params.ngram_max), min_df=params.min_df, max_features=params.max_features,
    )
    # A blank form field is information of its own ("non renseigné"), not a value to guess.
    categories = Pipeline([
        ("impute", SimpleImputer(strategy="constant", fill_value="(vide)")),
        ("onehot", OneHotEncoder(handle_unknown="ignore")),
    ])
    if params.text_features == "lemmas":
        from projects.dgs_signalements.lemmas import Lemmas

        texte = Pipeline([("lemmes", Lemmas()), ("tfidf", texte)])
    prepare = ColumnTransformer(
        [("texte", texte, TEXT), ("categories", categories, list(CATEGORIES))], remainder="drop",
    )
    # newton-cg reaches the same optimum as lbfgs in a few iterations; lbfgs crawls when cores are shared.
    model = LogisticRegression(C=params.C, class_weight="balanced", solver="newton-cg", max_iter=params.max_iter)
    return Pipeline([("prepare", prepare), ("model", model)])
