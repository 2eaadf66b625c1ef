"""BM25 over French text, with a synonym lexicon and query expansion learned from past queries.

Shared by the retrieval projects whose corpus is prose (patient records, case law); imported only inside their
`make_model`. It follows the retrieval kind's ranker contract (flows/steps/kinds/retrieval.py): `fit(X, y, corpus)`,
`index(corpus)`, `similarity(X)`, `predict(X)`, `doc_ids_`.

- Words are lower-cased, stripped of accents and of a plural s/x; French function words are dropped.
- The lexicon (abbreviation or synonym → words) is applied to documents and queries alike, so that "IDM" in a
  question meets "infarctus du myocarde" in a report, and the other way round.
- Expansion is learned from the training queries: a query word is linked to the document words that appear in its
  relevant documents far more often than by chance (lift), seen in at least `min_support` query–document pairs.
  An expanded query carries these words with a smaller weight.
"""

from __future__ import annotations

import re
import unicodedata

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.base import BaseEstimator

STOPWORDS = frozenset(
    "a au aux avec ce ces cette chez dans de des du en et est il elle la le les leur lui ma mais me meme mes mon ne "
    "ni nous on ou par pas pour qu que qui sa se ses son sont sur ta te tes toi ton tu un une vos votre vous y d l "
    "j m n s t c qu quel quelle quels quelles ete etre avoir ont a apres avant tout tous".split()
)
PAIRS_PER_QUERY = 5
"""Relevant documents a query teaches expansions from: enough to find what they share, bounded in cost when a
question has dozens of relevant documents."""


def normalise(text: str) -> str:
    return unicodedata.normalize("NFKD", text.lower()).encode("ascii", "ignore").decode()


def words(text: object) -> list[str]:
    """Index terms of a text: plain lower-case words, function words out, a final plural s/x off."""
    if not isinstance(text, str):
        return []
    out = []
    for word in re.findall(r"[a-z0-9]+", normalise(text)):
        if word in STOPWORDS:
            continue
        out.append(word[:-1] if len(word) > 4 and word[-1] in "sx" else word)
    return out


def row_text(X: pd.DataFrame) -> list[str]:
    """The feature columns of each row as one text (empty cells skipped)."""
    return [" ".join(str(value) for value in row if isinstance(value, str)) for row in X.itertuples(index=False)]


class BM25Ranker(BaseEstimator):
    """Okapi BM25 with lexicon synonyms on both sides and expansion terms learned from the training queries."""

    def __init__(
        self,
        k1: float = 1.2,
        b: float = 0.75,
        synonyms: dict[str, str] | None = None,
        expansion_weight: float = 0.3,
        min_support: int = 3,
        min_lift: float = 5.0,
        max_expansions: int = 5,
    ) -> None:
        self.k1 = k1
        self.b = b
        self.synonyms = synonyms
        self.expansion_weight = expansion_weight
        self.min_support = min_support
        self.min_lift = min_lift
        self.max_expansions = max_expansions

    # -- terms --
    def _lexicon(self) -> dict[str, list[str]]:
        return {normalise(key): words(value) for key, value in (self.synonyms or {}).items()}

    def _terms(self, text: str, lexicon: dict[str, list[str]]) -> list[str]:
        terms = words(text)
        plain = normalise(text)
        for key, expansion in lexicon.items():  # multi-word keys ("sca st+") are matched on the plain text
            if (" " in key and key in plain) or (" " not in key and key in terms):
                terms.extend(expansion)
        return terms

    # -- the contract --
    def fit(self, X: pd.DataFrame, y: pd.Series, corpus: pd.DataFrame | None = None) -> BM25Ranker:
        """Index the corpus, then learn expansions from the queries X and their relevant ids y."""
        if corpus is None:
            raise ValueError("BM25Ranker.fit needs the corpus (a fit parameter)")
        self.feature_names_in_ = np.asarray(X.columns, dtype=object)
        self.n_features_in_ = X.shape[1]
        lexicon = self._lexicon()
        doc_terms = {doc: set(self._terms(text, lexicon)) for doc, text in zip(corpus.index.astype(str), row_text(corpus))}
        query_terms = [set(self._terms(text, lexicon)) for text in row_text(X)]
        self.expansions_ = self._learn_expansions(query_terms, list(y), doc_terms)
        return self.index(corpus)

    def index(self, corpus: pd.DataFrame) -> BM25Ranker:
        """BM25 weights of every (document, term) of the corpus; what was learned from the queries is kept."""
        lexicon = self._lexicon()
        docs = [self._terms(text, lexicon) for text in row_text(corpus)]
        self.vocabulary_ = {term: i for i, term in enumerate(sorted({t for doc in docs for t in doc}))}
        counts = _count_matrix(docs, self.vocabulary_)
        lengths = np.asarray(counts.sum(axis=1)).ravel()
        df = np.bincount(counts.indices, minlength=len(self.vocabulary_))
        n = counts.shape[0]
        idf = np.log1p((n - df + 0.5) / (df + 0.5))
        norm = self.k1 * (1 - self.b + self.b * lengths / max(lengths.mean(), 1e-9))
        weights = counts.copy().astype(float)
        row_of = np.repeat(np.arange(n), np.diff(weights.indptr))
        tf = weights.data
        weights.data = idf[weights.indices] * tf * (self.k1 + 1) / (tf + norm[row_of])
        self.doc_weights_ = weights.tocsr()
        self.doc_ids_ = np.asarray(corpus.index.astype(str), dtype=object)
        return self

    def similarity(self, X: pd.DataFrame) -> np.ndarray:
        return np.asarray((self._query_matrix(X) @ self.doc_weights_.T).todense())

    def predict(self, X: pd.DataFrame) -> np.ndarray:
        return self.doc_ids_[np.argmax(self.similarity(X), axis=1)]

    # -- internals --
    def _query_matrix(self, X: pd.DataFrame) -> sparse.csr_matrix:
        """One row per query: weight 1 on its own terms (and lexicon synonyms), `expansion_weight` on learned ones."""
        lexicon = self._lexicon()
        rows, cols, values = [], [], []
        for row, text in enumerate(row_text(X)):
            weights = {term: 1.0 for term in self._terms(text, lexicon)}
            for term in list(weights):
                for extra in self.expansions_.get(term, []):
                    weights.setdefault(extra, self.expansion_weight)
            for term, weight in weights.items():
                if term in self.vocabulary_:
                    rows.append(row)
                    cols.append(self.vocabulary_[term])
                    values.append(weight)
        return sparse.csr_matrix((values, (rows, cols)), shape=(len(X), len(self.vocabulary_)))

    def _learn_expansions(
        self, query_terms: list[set[str]], relevant: list[tuple[str, ...]], doc_terms: dict[str, set[str]]
    ) -> dict[str, list[str]]:
        """Query term → document terms over-represented in its relevant documents (lift ≥ min_lift)."""
        pairs = [
            (terms, doc_terms[doc])
            for terms, ids in zip(query_terms, relevant)
            for doc in [doc for doc in ids if doc in doc_terms][:PAIRS_PER_QUERY]
        ]
        if not pairs:
            return {}
        vocabulary = {t: i for i, t in enumerate(sorted({t for q, d in pairs for t in q | d}))}
        queries = _count_matrix([list(q) for q, _ in pairs], vocabulary).astype(bool).astype(float)
        documents = _count_matrix([list(d) for _, d in pairs], vocabulary).astype(bool).astype(float)
        together = (queries.T @ documents).tocoo()
        n_query = np.asarray(queries.sum(axis=0)).ravel()
        n_doc = np.asarray(documents.sum(axis=0)).ravel()
        lift = together.data * len(pairs) / (n_query[together.row] * n_doc[together.col])
        keep = (together.data >= self.min_support) & (lift >= self.min_lift) & (together.row != together.col)
        terms = np.asarray(sorted(vocabulary, key=vocabulary.get), dtype=object)
        found = pd.DataFrame({"query": terms[together.row[keep]], "doc": terms[together.col[keep]], "lift": lift[keep]})
        found = found.sort_values(["query", "lift"], ascending=[True, False]).groupby("query").head(self.max_expansions)
        return {str(term): [str(t) for t in group["doc"]] for term, group in found.groupby("query")}


def _count_matrix(docs: list[list[str]], vocabulary: dict[str, int]) -> sparse.csr_matrix:
    """Documents × vocabulary term counts (terms outside the vocabulary are dropped)."""
    rows, cols = [], []
    for row, doc in enumerate(docs):
        for term in doc:
            column = vocabulary.get(term)
            if column is not None:
                rows.append(row)
                cols.append(column)
    data = np.ones(len(rows))
    matrix = sparse.csr_matrix((data, (rows, cols)), shape=(len(docs), len(vocabulary)))
    matrix.sum_duplicates()
    return matrix
