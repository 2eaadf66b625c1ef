"""The declaration checker: the heading reader's answers, cross-fitted, against the declared heading."""

from __future__ import annotations

from typing import Any
import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator

from .model import DECLARED, OWNER, SIGNALS  # the columns the checker reads and the owners of its signals
from .model import heading_reader, nomenclature  # noqa: F401


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
