"""Series of filings: TF-IDF of the contested act, grounds and claims, agglomerative clustering on cosine distance,
and attachment of new filings to the series learned on earlier ones.

`fit` clusters the known filings (average linkage, cut at `distance_threshold`) and keeps each series' centroid.
`predict` attaches each new filing to the nearest series when its cosine distance is under the threshold, and
clusters the filings left over among themselves: the new series they open get ids after the known ones.
"""

from __future__ import annotations

from functools import cache, lru_cache

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, ClusterMixin
from sklearn.cluster import AgglomerativeClustering
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics.pairwise import cosine_distances
from sklearn.preprocessing import normalize


@cache
def french():
    """spaCy's fr_core_news_md, loaded once per process, without the parser and the entities (lemmas need the
    morphologizer only); imported here so that listing projects never pays for spaCy."""
    import spacy

    return spacy.load("fr_core_news_md", exclude=["parser", "ner"])


@lru_cache(maxsize=200_000)
def lemmatised(text: str) -> str:
    """The lemmas of a text ("soutient" → "soutenir", "délibérations" → "délibération"), punctuation out."""
    return " ".join(token.lemma_ for token in french()(text) if not token.is_punct and not token.is_space)


class SeriesClusterer(ClusterMixin, BaseEstimator):
    def __init__(
        self, distance_threshold: float = 0.3, act_weight: float = 2.0, ngram_max: int = 2, min_df: int = 1,
        max_features: int = 5000, lemmas: bool = False,
    ) -> None:
        self.distance_threshold = distance_threshold
        self.act_weight = act_weight
        self.ngram_max = ngram_max
        self.min_df = min_df
        self.max_features = max_features
        self.lemmas = lemmas

    def fit(self, X: pd.DataFrame, y: object = None) -> SeriesClusterer:
        """Cluster the known filings; `y` is ignored (series labels serve to evaluate only)."""
        self.feature_names_in_ = np.asarray(X.columns, dtype=object)
        self.n_features_in_ = X.shape[1]
        self.vectorizer_ = TfidfVectorizer(
            ngram_range=(1, self.ngram_max), min_df=self.min_df, max_features=self.max_features, sublinear_tf=True,
            strip_accents="unicode", dtype=np.float32,
        ).fit(self._documents(X))
        vectors = self._vectors(X)
        self.labels_ = self._cluster(vectors)
        sums = np.zeros((self.labels_.max() + 1, vectors.shape[1]), dtype=np.float32)
        np.add.at(sums, self.labels_, vectors.toarray())
        self.centroids_ = normalize(sums)
        return self

    def predict(self, X: pd.DataFrame) -> np.ndarray:
        vectors = self._vectors(X)
        distance = 1 - np.asarray(vectors @ self.centroids_.T)
        nearest = distance.argmin(axis=1)
        attached = distance[np.arange(len(X)), nearest] <= self.distance_threshold
        labels = np.where(attached, nearest, -1)
        if (~attached).sum() > 0:
            labels[~attached] = len(self.centroids_) + self._cluster(vectors[~attached])
        return labels

    def _cluster(self, vectors) -> np.ndarray:
        if vectors.shape[0] < 2:
            return np.zeros(vectors.shape[0], dtype=int)
        clustering = AgglomerativeClustering(
            n_clusters=None, metric="precomputed", linkage="average", distance_threshold=self.distance_threshold
        )
        return clustering.fit_predict(cosine_distances(vectors))

    def _documents(self, X: pd.DataFrame) -> pd.Series:
        documents = X.fillna("").astype(str).agg(" ".join, axis=1)
        return documents.map(lemmatised) if self.lemmas else documents

    def _vectors(self, X: pd.DataFrame):
        """TF-IDF of all the text, plus the contested act again with `act_weight`: the act defines a series."""
        text = self.vectorizer_.transform(self._documents(X))
        acts = X["acte_conteste"].fillna("").astype(str)
        act = self.vectorizer_.transform(acts.map(lemmatised) if self.lemmas else acts)
        return normalize(text + self.act_weight * act)
