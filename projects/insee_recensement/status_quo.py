"""The status quo: a search in SIRENE with everything the answer says — what a coder does by hand with the
register's search engine, active establishments first: TF-IDF of character n-grams on name, address, postcode and
commune, one text per row, cosine; nothing learned from the answers already coded."""

from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator
from sklearn.feature_extraction.text import TfidfVectorizer

QUERY = ("NOM_EMPLOYEUR", "ADRESSE_EMPLOYEUR", "CODE_POSTAL_EMPLOYEUR", "COMMUNE_EMPLOYEUR")
DOCUMENT = (
    "denominationUniteLegale", "nomUniteLegale", "prenom1UniteLegale", "enseigne1Etablissement",
    "numeroVoieEtablissement", "typeVoieEtablissement", "libelleVoieEtablissement", "codePostalEtablissement",
    "libelleCommuneEtablissement",
)


def _text(frame: pd.DataFrame, *columns: str) -> list[str]:
    parts = [frame[c].fillna("").astype(str).str.lower() for c in columns]
    joined = parts[0]
    for part in parts[1:]:
        joined = joined + " " + part
    return joined.str.strip().tolist()


class RegisterSearch(BaseEstimator):
    def fit(self, X: pd.DataFrame, y: object = None, corpus: pd.DataFrame | None = None) -> RegisterSearch:
        if corpus is None:
            raise ValueError("RegisterSearch.fit needs the SIRENE corpus (a fit parameter)")
        self.n_features_in_ = X.shape[1]
        return self.index(corpus)

    def index(self, corpus: pd.DataFrame) -> RegisterSearch:
        self.doc_ids_ = np.asarray(corpus.index.astype(str), dtype=object)
        self.vectorizer_ = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4), sublinear_tf=True)
        texts = _text(corpus, *DOCUMENT)
        self.doc_vectors_ = self.vectorizer_.fit(texts if any(texts) else ["∅"]).transform(texts)
        # The search engine's "établissements actifs" filter: a closed one comes after every open one.
        self.doc_closed_ = (corpus["etatAdministratifEtablissement"] == "F").to_numpy(dtype=float)
        return self

    def similarity(self, X: pd.DataFrame) -> np.ndarray:
        cosine = np.asarray((self.vectorizer_.transform(_text(X, *QUERY)) @ self.doc_vectors_.T).todense())
        return cosine - self.doc_closed_

    def predict(self, X: pd.DataFrame) -> np.ndarray:
        return self.doc_ids_[np.argmax(self.similarity(X), axis=1)]
