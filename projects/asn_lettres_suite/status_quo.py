"""What an analyst does today without a model: a full-text search with a lexicon of keywords per topic.

A paragraph gets every topic of `reference/lexique_themes.csv` one of whose keywords it contains (accents and case
ignored, whole words); a paragraph that names none gets the inspection's theme, when the letter has one. The lexicon
is reference data written from the ASN's topics, not the generator's phrase banks: a real one replaces it.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, ClassifierMixin

LEXICON = Path(__file__).parent / "reference" / "lexique_themes.csv"


def plain(text: str) -> str:
    return unicodedata.normalize("NFKD", text.lower()).encode("ascii", "ignore").decode()


@cache
def lexicon() -> dict[str, re.Pattern[str]]:
    """Each topic and the pattern of its keywords (whole words, a plural s allowed)."""
    words: dict[str, list[str]] = {}
    with LEXICON.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            words.setdefault(row["theme"], []).append(re.escape(plain(row["mot_cle"])))
    return {theme: re.compile(rf"\b(?:{'|'.join(keys)})s?\b") for theme, keys in words.items()}


class KeywordTopics(ClassifierMixin, BaseEstimator):
    """Topics from keywords, the inspection's theme when no keyword is found; predicts `|`-joined label strings.

    Fitted by the multi-label kind like the model (`LabelSets` gives it the rows × topics indicator, topics in
    alphabetical order): it learns nothing and answers an indicator in the same order."""

    def fit(self, X: pd.DataFrame, y: np.ndarray | None = None) -> KeywordTopics:
        self.n_features_in_ = X.shape[1]
        self.classes_ = sorted(lexicon())
        if y is not None and np.asarray(y).shape[1] != len(self.classes_):
            raise ValueError(f"the lexicon names {len(self.classes_)} topics, the training labels {np.asarray(y).shape[1]}")
        return self

    def predict(self, X: pd.DataFrame) -> np.ndarray:
        column = {topic: i for i, topic in enumerate(self.classes_)}
        found = np.zeros((len(X), len(self.classes_)), dtype=int)
        for row, (text, theme) in enumerate(zip(X["TEXTE_PARAGRAPHE"], X["THEME_INSPECTION"], strict=True)):
            for topic, pattern in lexicon().items():
                found[row, column[topic]] = bool(pattern.search(plain(str(text))))
            if not found[row].any() and theme in column:
                found[row, column[theme]] = 1
        return found
