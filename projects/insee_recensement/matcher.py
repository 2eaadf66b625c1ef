"""Ranking SIRENE establishments for a census answer: field-by-field fuzzy similarities, weighed by what the
answers already matched teach.

Seven similarities between an answer and an establishment, each in [0, 1] (SIRENE's column names):
- name: TF-IDF character n-grams (within words) of the name said against the denomination (or the sole trader's
  name) + enseigne, or against the enseigne alone, whichever is closer, so that typos ("leeclerc") and partial names
  still meet;
- address: the same on the street address ("avenue", "av." against SIRENE's type "AV");
- place: the same on commune and postcode;
- name_words, address_words: rapidfuzz's token-set / token-sort ratios, words in any order;
- active: 1 for an establishment still open (`etatAdministratifEtablissement` A), 0 for a closed one;
- activity: the probability, from a NAF coder learned on the matched answers (character n-grams + naive Bayes on the
  activity text and the NAF labels), that the answer's activity is the establishment's NAF code — which is also a NAF coding of the
  answer (`predict_naf`).
A logistic regression on (right establishment, its closest wrong candidates) of the training answers gives the
weights; the score of a candidate is the weighted sum.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.naive_bayes import MultinomialNB

from projects.insee_recensement.nomenclature import naf_labels

FIELDS = ("name", "name_words", "address", "address_words", "place", "activity", "active")
NAME = ("denominationUniteLegale", "nomUniteLegale", "prenom1UniteLegale", "enseigne1Etablissement")
ADDRESS = ("numeroVoieEtablissement", "typeVoieEtablissement", "libelleVoieEtablissement")
PLACE = ("libelleCommuneEtablissement", "codePostalEtablissement")
NAF = "activitePrincipaleEtablissement"
ACTIVITY = "ACTIVITE_DECLAREE"


def _text(frame: pd.DataFrame, *columns: str) -> list[str]:
    parts = [frame[c].where(frame[c].notna(), "").astype(str).str.lower() for c in columns if c in frame]
    joined = parts[0]
    for part in parts[1:]:
        joined = joined + " " + part
    return [text.strip() for text in joined]


def _vectors(vectorizer: TfidfVectorizer, texts: list[str]):
    """The texts' vectors; an empty register gives an empty matrix (scikit-learn refuses to transform nothing)."""
    from scipy import sparse

    if not texts:
        return sparse.csr_matrix((0, len(vectorizer.vocabulary_)))
    return vectorizer.transform(texts).tocsr()


class EstablishmentMatcher(BaseEstimator):
    def __init__(self, ngram_min: int = 2, ngram_max: int = 4, negatives: int = 10, C: float = 1.0) -> None:
        self.ngram_min = ngram_min
        self.ngram_max = ngram_max
        self.negatives = negatives
        self.C = C

    def _vectorizer(self) -> TfidfVectorizer:
        return TfidfVectorizer(analyzer="char_wb", ngram_range=(self.ngram_min, self.ngram_max), sublinear_tf=True)

    def fit(self, X: pd.DataFrame, y: pd.Series, corpus: pd.DataFrame | None = None) -> EstablishmentMatcher:
        """Index the register, learn the NAF coder from the answers' activities, then the weights of the fields."""
        if corpus is None:
            raise ValueError("EstablishmentMatcher.fit needs the SIRENE corpus (a fit parameter)")
        self.feature_names_in_ = np.asarray(X.columns, dtype=object)
        self.n_features_in_ = X.shape[1]
        truth = [ids[0] if len(ids) else "" for ids in y]
        naf_of = corpus[NAF].astype(str)
        self._fit_naf_coder(X, naf_of.reindex(truth).to_numpy())
        self.index(corpus)
        self.weights_ = np.ones(len(FIELDS))
        self.weights_ = self._learn_weights(self.field_similarities(X), truth)
        return self

    def index(self, corpus: pd.DataFrame) -> EstablishmentMatcher:
        """Vectorise the register's names, addresses and places; keep each establishment's NAF code."""
        self.doc_ids_ = np.asarray(corpus.index.astype(str), dtype=object)
        self.vectorizers_, self.doc_vectors_ = {}, {}
        for field, columns in (("name", NAME), ("address", ADDRESS), ("place", PLACE)):
            texts = _text(corpus, *columns)
            # A register without that field (or without rows) weighs nothing, rather than failing.
            vectorizer = self._vectorizer().fit(texts if any(texts) else ["∅"])
            self.doc_vectors_[field] = _vectors(vectorizer, texts)
            self.vectorizers_[field] = vectorizer
        # The sign alone too: "carrefour market" is the whole of an enseigne, a small part of the full name.
        self.doc_vectors_["sign"] = _vectors(self.vectorizers_["name"], _text(corpus, "enseigne1Etablissement"))
        self.doc_naf_ = corpus[NAF].astype(str).to_numpy(dtype=object)
        self.doc_names_ = _text(corpus, *NAME)
        self.doc_addresses_ = _text(corpus, *ADDRESS)
        # A closed establishment (a former address) is rarely where someone works today.
        self.doc_active_ = (corpus["etatAdministratifEtablissement"] != "F").to_numpy(dtype=float)
        return self

    def field_similarities(self, X: pd.DataFrame) -> np.ndarray:
        """Fields × answers × establishments, each similarity in [0, 1]."""
        from rapidfuzz import fuzz, process

        queries = {"name": _text(X, "NOM_EMPLOYEUR"), "address": _text(X, "ADRESSE_EMPLOYEUR"),
                   "place": _text(X, "COMMUNE_EMPLOYEUR", "CODE_POSTAL_EMPLOYEUR")}
        ngrams = {f: np.asarray((self.vectorizers_[f].transform(queries[f]) @ self.doc_vectors_[f].T).todense())
                  for f in ("name", "address", "place")}
        sign = np.asarray((self.vectorizers_["name"].transform(queries["name"]) @ self.doc_vectors_["sign"].T).todense())
        ngrams["name"] = np.maximum(ngrams["name"], sign)
        # Word-level fuzzy scores (rapidfuzz): the words said, in any order, against the register's words.
        names = process.cdist(queries["name"], self.doc_names_, scorer=fuzz.token_set_ratio, workers=1) / 100.0
        streets = process.cdist(queries["address"], self.doc_addresses_, scorer=fuzz.token_sort_ratio, workers=1) / 100.0
        streets[[not q for q in queries["address"]]] = 0.0
        active = np.broadcast_to(self.doc_active_, names.shape)
        return np.stack([ngrams["name"], names, ngrams["address"], streets, ngrams["place"], self._activity_similarity(X), active])

    def similarity(self, X: pd.DataFrame) -> np.ndarray:
        return np.tensordot(self.weights_, self.field_similarities(X), axes=1)

    def predict(self, X: pd.DataFrame) -> np.ndarray:
        return self.doc_ids_[np.argmax(self.similarity(X), axis=1)]

    def predict_naf(self, X: pd.DataFrame) -> np.ndarray:
        """The NAF code of each answer's activity text (secondary output); None where no activity was written."""
        texts = _text(X, ACTIVITY)
        codes = self.naf_classes_[np.argmax(self.naf_coder_.predict_proba(self.naf_vectorizer_.transform(texts)), axis=1)]
        return np.where([bool(t) for t in texts], codes, None)

    def _fit_naf_coder(self, X: pd.DataFrame, naf: np.ndarray) -> None:
        texts = np.asarray(_text(X, ACTIVITY), dtype=object)
        known = np.array([bool(t) for t in texts]) & np.isin(naf, list(naf_labels()))
        # The coder reads the activity and the nomenclature's own labels, so that a code no answer used yet exists.
        labels = naf_labels()
        codes = sorted(set(naf[known]))
        train_text = list(texts[known]) + [labels[c].lower() for c in codes]
        train_naf = list(naf[known]) + codes
        self.naf_vectorizer_ = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4), sublinear_tf=True)
        self.naf_coder_ = MultinomialNB(alpha=0.1).fit(self.naf_vectorizer_.fit_transform(train_text), train_naf)
        self.naf_classes_ = np.asarray(self.naf_coder_.classes_, dtype=object)

    def _activity_similarity(self, X: pd.DataFrame) -> np.ndarray:
        """P(the establishment's NAF code | the answer's activity); 0 for every candidate when none was written."""
        texts = _text(X, ACTIVITY)
        proba = self.naf_coder_.predict_proba(self.naf_vectorizer_.transform(texts))
        column = {code: i for i, code in enumerate(self.naf_classes_)}
        padded = np.hstack([proba, np.zeros((len(texts), 1))])  # codes the coder never saw get 0
        out = padded[:, [column.get(code, proba.shape[1]) for code in self.doc_naf_]]
        out[[not t for t in texts]] = 0.0
        return out

    def _learn_weights(self, similarities: np.ndarray, truth: list[str]) -> np.ndarray:
        """Logistic regression on the right establishment against the closest wrong ones of each training answer."""
        position = {doc: i for i, doc in enumerate(self.doc_ids_)}
        total = similarities.sum(axis=0)
        rows, labels = [], []
        for q, right in enumerate(truth):
            if right not in position:
                continue
            closest = [d for d in np.argsort(-total[q], kind="stable")[: self.negatives + 1] if d != position[right]]
            for d, label in [(position[right], 1), *((d, 0) for d in closest[: self.negatives])]:
                rows.append(similarities[:, q, d])
                labels.append(label)
        model = LogisticRegression(C=self.C, max_iter=1000).fit(np.asarray(rows), np.asarray(labels))
        return np.maximum(model.coef_.ravel(), 0.0)  # a field can only add evidence, never reward a mismatch
