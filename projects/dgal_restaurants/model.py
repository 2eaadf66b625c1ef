"""TF-IDF of the reviews before the inspection, and the rating summary, into a logistic regression.

Words and word pairs catch the hygiene signals ("cafard", "toilettes sales", "malade après"); the mean rating, the
share of bad ratings and the (log) number of reviews say how much to trust them; the previous inspection's level
(one-hot: a past "à corriger" is not four times a "très satisfaisant") carries what inspectors already know. A linear model ranks the
establishments for the inspection plan and shows, for each, the words and figures that put it high on the list.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
from pydantic import Field

from projects.contract import Strict

TEXT = "AVIS_TEXTES"
NUMBERS = ("NOTE_MOYENNE", "PART_AVIS_NEGATIFS")
COUNTS = ("NB_AVIS",)
"""Review counts span two orders of magnitude: log1p before scaling."""
HISTORY = ("CODE_SYNTHESE_PRECEDENTE",)
"""The establishment's previous Alim'confiance level (1 très satisfaisant … 4 à corriger d'urgence, 0 none yet)."""
LEVEL_CODES = {"Très satisfaisant": 1, "Satisfaisant": 2, "A améliorer": 3, "A corriger de manière urgente": 4}


def derive(df: pd.DataFrame) -> pd.DataFrame:
    """The previous inspection's level of the same SIRET (earlier dates only: no look-ahead)."""
    order = df.sort_values("Date_inspection", kind="stable")
    previous = order.groupby("SIRET", sort=False)["Synthese_eval_sanit"].shift(1)
    codes = previous.map(LEVEL_CODES).fillna(0).astype("int64")
    return df.assign(CODE_SYNTHESE_PRECEDENTE=codes.reindex(df.index))


class Params(Strict):
    C: float = Field(1.0, gt=0, le=1000, description="inverse regularisation strength of the logistic regression")
    ngram_max: int = Field(1, ge=1, le=3, description="longest word n-gram of the TF-IDF")
    min_df: int = Field(2, ge=1, le=50, description="a term must appear in this many inspections' reviews to count")
    max_features: int = Field(20_000, ge=100, le=500_000, description="vocabulary cap of the TF-IDF")
    class_weight: str | None = Field(None, pattern="^balanced$", description="'balanced' reweights the rare bad inspections")
    max_iter: int = Field(1000, ge=50, le=20_000, description="iterations allowed to the solver")


def make_model(params: Params) -> Any:
    """The unfitted pipeline: `prepare` (TF-IDF of the reviews, scaled rating figures) then `model`."""
    import numpy as np
    from sklearn.compose import ColumnTransformer
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.impute import SimpleImputer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import Pipeline
    from sklearn.preprocessing import FunctionTransformer, OneHotEncoder, StandardScaler

    texte = TfidfVectorizer(
        strip_accents="unicode", lowercase=True, sublinear_tf=True, token_pattern=r"(?u)\b[^\W\d_]{2,}\b",  # no "4/5"
        ngram_range=(1, params.ngram_max), min_df=params.min_df, max_features=params.max_features,
    )
    numbers = Pipeline([("impute", SimpleImputer(strategy="median")), ("scale", StandardScaler())])
    counts = Pipeline([("log", FunctionTransformer(np.log1p, feature_names_out="one-to-one")), ("scale", StandardScaler())])
    prepare = ColumnTransformer(
        [("avis", texte, TEXT), ("notes", numbers, list(NUMBERS)), ("volume", counts, list(COUNTS)),
            ("historique", OneHotEncoder(handle_unknown="ignore"), list(HISTORY))],
        remainder="drop",
    )
    model = LogisticRegression(C=params.C, class_weight=params.class_weight, solver="newton-cg", max_iter=params.max_iter)
    return Pipeline([("prepare", prepare), ("model", model)])
