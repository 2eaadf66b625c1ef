"""TF-IDF of one text column (words, optionally character n-grams) plus one-hot categories, into a logistic
regression: the first prototype of the projects that classify a free text (a call, a story, a clause, an act).

`Pipeline([("prepare", ColumnTransformer), ("model", LogisticRegression)])`. Word n-grams catch the phrasing
("mot de passe", "sans préavis"); character n-grams within words absorb typos, missing accents and recognition
errors ("adérer", "ursafe"). A linear model explains each decision word by word and gives the probabilities a
triage needs to know when to hand over to a human.

`KeywordLexicon` is the status quo of these projects: a clerk's keyword routing rule, read from a reference CSV.

A project declares `Params = text.Params` (or a subclass) and its own `make_model(params)` calling
`text.make_model(params, TEXT, categories=…, stop_words=…)`; its params.yaml `model:` section sets the values.
"""

from __future__ import annotations

import csv
import unicodedata
from collections.abc import Sequence
from typing import Any, Literal

import numpy as np
import pandas as pd
from pydantic import Field
from sklearn.base import BaseEstimator, ClassifierMixin, TransformerMixin

from projects.contract import Strict


class Params(Strict):
    C: float = Field(5.0, gt=0, le=1000, description="inverse regularisation strength of the logistic regression")
    word_ngram_max: int = Field(2, ge=1, le=3, description="longest word n-gram")
    char_ngrams: bool = Field(True, description="add character 3–5-grams within words (typos, missing accents, mishearing)")
    min_df: int = Field(2, ge=1, le=50, description="a term must appear in this many texts to count")
    max_features: int = Field(30_000, ge=100, le=500_000, description="vocabulary cap of each TF-IDF")
    class_weight: Literal["balanced"] | None = Field("balanced", description="'balanced' weighs rare classes up")
    max_iter: int = Field(500, ge=50, le=20_000, description="iterations allowed to the solver")
    lexicon_features: bool = Field(
        True, description="add the clerk's keyword weights per label (the status quo's lexicon) as features"
    )


def make_model(
    params: Params, column: str, categories: Sequence[str] = (), stop_words: Sequence[str] = (), lexicon: str = "",
    one_vs_rest: bool = False,
) -> Any:
    """The unfitted pipeline: `prepare` (word and character TF-IDF of `column`, one-hot `categories`, blanks as their
    own category, and with `lexicon` and `params.lexicon_features` the weights of each label's keywords found, a
    block named `lexique`) then `model`. `stop_words` are dropped from the word vocabulary only. `one_vs_rest`: one
    logistic regression per label, for the multi-label kind (which hands the model a 0/1 indicator matrix)."""
    from sklearn.compose import ColumnTransformer
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.impute import SimpleImputer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import Pipeline
    from sklearn.preprocessing import OneHotEncoder

    common = dict(strip_accents="unicode", lowercase=True, sublinear_tf=True, min_df=params.min_df,
                  max_features=params.max_features)
    words = TfidfVectorizer(ngram_range=(1, params.word_ngram_max), stop_words=list(stop_words) or None, **common)
    blocks: list[tuple[str, Any, Any]] = [("mots", words, column)]
    if params.char_ngrams:
        blocks.append(("caracteres", TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), **common), column))
    if categories:
        onehot = Pipeline([
            ("impute", SimpleImputer(strategy="constant", fill_value="(vide)")),
            ("onehot", OneHotEncoder(handle_unknown="ignore")),
        ])
        blocks.append(("categories", onehot, list(categories)))
    if lexicon and params.lexicon_features:
        blocks.append(("lexique", LexiconHits(lexicon), [column]))
    model: Any = LogisticRegression(
        C=params.C, class_weight=params.class_weight, solver="newton-cg", max_iter=params.max_iter
    )
    if one_vs_rest:
        from sklearn.multiclass import OneVsRestClassifier

        model = OneVsRestClassifier(model)
    return Pipeline([("prepare", ColumnTransformer(blocks, remainder="drop")), ("model", model)])


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
