"""Keyword lexicons as estimators: the clerk's routing rule (`KeywordLexicon`, a status quo) and its weights as
model features (`LexiconHits`). Imported when a model is built, never when projects are listed (scikit-learn).
"""

from __future__ import annotations

import csv
import unicodedata
from typing import Any

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, ClassifierMixin, TransformerMixin


def normalised(text: object) -> str:
    """Lower case, accents stripped, apostrophes and hyphens as spaces: how a clerk's keyword search compares."""
    plain = unicodedata.normalize("NFKD", str(text) if isinstance(text, str) else "")
    plain = "".join(c for c in plain if not unicodedata.combining(c)).lower()
    return " " + " ".join(plain.replace("'", " ").replace("’", " ").replace("-", " ").split()) + " "


class KeywordLexicon(BaseEstimator, ClassifierMixin):
    """A clerk's routing rule: each label has its keywords (a CSV `libelle,mot_cle,poids` under the project's
    `reference/`); a text goes to the label whose keywords it contains with the largest total weight, and to the
    most frequent label of training when it contains none. Nothing is learned but that fallback.

    `predict_proba` spreads the weights over the labels (the fallback gets a small share), so that ranking metrics
    and the coverage of a confident answer can be computed for the rule too."""

    def __init__(self, lexicon: str = "", column: str = "") -> None:
        self.lexicon = lexicon
        self.column = column

    def fit(self, X: pd.DataFrame, y: Any) -> KeywordLexicon:
        entries = read_lexicon(self.lexicon)
        labels = pd.Series(y).astype(str)
        self.classes_ = np.array(sorted(set(labels) | {label for label, _, _ in entries}))
        self.fallback_ = labels.value_counts().idxmax()
        self.keywords_ = [(list(self.classes_).index(label), f" {normalised(word).strip()} ", weight)
                          for label, word, weight in entries]
        self.n_features_in_ = X.shape[1]
        return self

    def weights(self, X: pd.DataFrame) -> np.ndarray:
        """Rows × classes: the total weight of each label's keywords found in the text."""
        texts = [normalised(text) for text in X[self.column]]
        out = np.zeros((len(texts), len(self.classes_)))
        for position, word, weight in self.keywords_:
            out[:, position] += [weight * (word in text) for text in texts]
        return out

    def predict_proba(self, X: pd.DataFrame) -> np.ndarray:
        found = self.weights(X)
        found[:, list(self.classes_).index(self.fallback_)] += 0.1  # no keyword: the fallback wins
        return found / found.sum(axis=1, keepdims=True)

    def predict(self, X: pd.DataFrame) -> np.ndarray:
        return self.classes_[self.predict_proba(X).argmax(axis=1)]


def read_lexicon(path: str) -> list[tuple[str, str, float]]:
    """(label, keyword, weight) rows of a lexicon CSV; a blank weight counts 1."""
    with open(path, encoding="utf-8") as handle:
        return [(row["libelle"], row["mot_cle"], float(row.get("poids") or 1)) for row in csv.DictReader(handle)]


class LexiconHits(TransformerMixin, BaseEstimator):
    """Rows × labels: the weight of each label's keywords a text contains (the status quo's evidence, as features,
    so that the model starts from what the clerk knows and learns what the keywords miss)."""

    def __init__(self, lexicon: str = "") -> None:
        self.lexicon = lexicon

    def fit(self, X: pd.DataFrame, y: Any = None) -> LexiconHits:
        entries = read_lexicon(self.lexicon)
        self.labels_ = sorted({label for label, _, _ in entries})
        self.keywords_ = [(self.labels_.index(label), f" {normalised(word).strip()} ", weight) for label, word, weight in entries]
        self.n_features_in_ = X.shape[1]
        return self

    def transform(self, X: pd.DataFrame) -> np.ndarray:
        texts = [normalised(text) for text in np.asarray(X).ravel()]
        out = np.zeros((len(texts), len(self.labels_)))
        for position, word, weight in self.keywords_:
            out[:, position] += [weight * (word in text) for text in texts]
        return np.log1p(out)

    def get_feature_names_out(self, input_features: Any = None) -> np.ndarray:
        return np.asarray([f"lexique_{label}" for label in self.labels_], dtype=object)
