"""French lemmas of the report texts with spaCy's `fr_core_news_md` (the real team's pipeline), for the TF-IDF.

Imported only by the model when `text_features` asks for it; the pipeline is loaded once per process without its
parser and entity recogniser (lemmas need the tagger, morphologizer and lemmatizer only), offline from the package
installed in the environment. Each text's lemmas are kept once computed: a run reads the same reports many times.
"""

from __future__ import annotations

from functools import cache

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, TransformerMixin


@cache
def pipeline():  # noqa: ANN201 — spaCy's Language, imported lazily
    import spacy

    return spacy.load("fr_core_news_md", exclude=["parser", "ner", "senter", "attribute_ruler"])


KNOWN: dict[str, str] = {}
"""Text → its lemmas, for this process (a run reads the same reports many times)."""


def lemmatised(texts: list[str]) -> list[str]:
    """Each text's lemmas joined by spaces; texts not seen yet go through spaCy in batches."""
    new = [text for text in dict.fromkeys(texts) if text not in KNOWN]
    for text, doc in zip(new, pipeline().pipe(new, batch_size=256), strict=True):
        KNOWN[text] = " ".join(token.lemma_.lower() for token in doc if not token.is_space)
    return [KNOWN[text] for text in texts]


class Lemmas(TransformerMixin, BaseEstimator):
    """Texts → their lemmas joined by spaces (a column or a 1-D array in, a 1-D array out)."""

    def fit(self, X: object, y: object = None) -> Lemmas:
        return self

    def transform(self, X: object) -> np.ndarray:
        texts = X.iloc[:, 0] if isinstance(X, pd.DataFrame) else pd.Series(np.asarray(X).ravel())
        return np.array(lemmatised([text if isinstance(text, str) else "" for text in texts]), dtype=object)

    def get_feature_names_out(self, input_features: object = None) -> np.ndarray:
        """One text column in, one out: the TF-IDF after it names the terms."""
        return np.asarray(["texte"] if input_features is None else input_features, dtype=object)
