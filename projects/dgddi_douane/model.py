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
from sklearn.base import BaseEstimator

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


class DeclarationChecker(BaseEstimator):
    """`predict` says "oui" where the declared heading is likely wrong; `decision_function` is the checker's logit."""

    def __init__(self, C: float = 0.5, char_ngram_max: int = 3, min_df: int = 2, max_features: int = 30_000,
                 max_iter: int = 2000, folds: int = 3, checker_C: float = 1.0) -> None:
        self.C, self.char_ngram_max, self.min_df, self.max_features = C, char_ngram_max, min_df, max_features
        self.max_iter, self.folds, self.checker_C = max_iter, folds, checker_C

    def _reader(self) -> Any:
        return heading_reader(self.C, self.char_ngram_max, self.min_df, self.max_features, self.max_iter)

    def fit(self, X: pd.DataFrame, y: pd.Series) -> DeclarationChecker:
        from sklearn.linear_model import LogisticRegression
        from sklearn.model_selection import KFold

        y = pd.Series(np.asarray(y), index=X.index).astype(str)
        self.classes_ = np.array(sorted(y.unique()), dtype=object)
        self.feature_names_in_, self.n_features_in_ = np.asarray(X.columns, dtype=object), X.shape[1]
        right = (y == "non").to_numpy()
        self.reader_ = self._reader().fit(X[right], X.loc[right, DECLARED].astype(str))
        signals = np.zeros((len(X), len(SIGNALS)))
        for train, held in KFold(self.folds, shuffle=True, random_state=0).split(X):
            fold_right = train[right[train]]
            reader = self._reader().fit(X.iloc[fold_right], X.iloc[fold_right][DECLARED].astype(str))
            signals[held] = self._signals(reader, X.iloc[held])
        self.scale_ = signals.std(axis=0) + 1e-9
        self.checker_ = LogisticRegression(C=self.checker_C, class_weight="balanced", max_iter=self.max_iter)
        self.checker_.fit(signals / self.scale_, (y == self.classes_[-1]).to_numpy())
        return self

    def _signals(self, reader: Any, X: pd.DataFrame) -> np.ndarray:
        """What the reader says about each line's declared heading (see the module's docstring)."""
        scores = np.asarray(reader.decision_function(X))
        headings = np.asarray(reader.classes_, dtype=object)
        column = {code: k for k, code in enumerate(headings)}
        declared = X[DECLARED].astype(str).to_numpy()
        floor = scores.min(axis=1)
        own = np.array([scores[i, column[c]] if c in column else floor[i] for i, c in enumerate(declared)])
        best = headings[scores.argmax(axis=1)]
        table = nomenclature()
        duty = table["droit_tiers_pct"]
        declared_duty = pd.Series(declared).map(duty).fillna(duty.max()).to_numpy()
        per_kg = (X["VALEUR_EUR"] / X["MASSE_NETTE_KG"]).to_numpy(dtype=float)
        typical = pd.Series(declared).map(table["valeur_typique_eur_kg"]).to_numpy(dtype=float)
        value_gap = np.nan_to_num(np.abs(np.log(per_kg / typical)), nan=0.0, posinf=0.0)
        return np.column_stack([
            own, scores.max(axis=1) - own,
            pd.Series(best).str[:2].to_numpy() != pd.Series(declared).str[:2].to_numpy(),
            np.clip(pd.Series(best).map(duty).to_numpy(dtype=float) - declared_duty, 0, None), value_gap,
        ]).astype(float)

    def decision_function(self, X: pd.DataFrame) -> np.ndarray:
        from sklearn.utils.validation import check_is_fitted

        check_is_fitted(self, "checker_")
        return self.checker_.decision_function(self._signals(self.reader_, X) / self.scale_)

    def predict_proba(self, X: pd.DataFrame) -> np.ndarray:
        positive = 1 / (1 + np.exp(-self.decision_function(X)))
        return np.column_stack([1 - positive, positive])

    def predict(self, X: pd.DataFrame) -> np.ndarray:
        return self.classes_[(self.decision_function(X) > 0).astype(int)]

    def explain(self, X: pd.DataFrame) -> tuple[float, pd.DataFrame]:
        """The checker's logit, term by term, each charged to the input column its signal reads most."""
        terms = self._signals(self.reader_, X) / self.scale_ * self.checker_.coef_.ravel()
        table = pd.DataFrame(0.0, index=X.index, columns=list(X.columns))
        for k, name in enumerate(SIGNALS):
            table[OWNER[name]] += terms[:, k]
        return float(self.checker_.intercept_[0]), table
