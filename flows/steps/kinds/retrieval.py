"""Retrieval: queries ranked against a corpus (a clinician's question against patient records, a decision against
case law, a census answer against the SIRENE register).

The data shape, the same for every retrieval project, in one file:
- corpus rows and query rows side by side, each with a unique id in `project.key`;
- a query row holds, in `project.target`, the ids of its relevant corpus rows separated by ";" (`"D00012;D00345"`);
  a corpus row leaves the target empty: that is how the two are told apart;
- the features are the columns the ranker reads, on both kinds of rows (a column may be empty on one kind).

The split keeps queries apart (whole groups when the project declares `group`, else whole queries) and puts every
corpus row on both sides: the corpus is what is searched, not a label. A ranker follows scikit-learn's contract,
with the corpus passed as a fit parameter:
- `fit(X, y, corpus=...)`: X the train queries' features, y their tuples of relevant ids, corpus the corpus rows'
  features indexed by their ids; it may learn from the queries (synonyms, weights) and indexes the corpus;
- `index(corpus)`: rebuild the searched corpus, keeping what was learned (a champion re-scored on a new corpus);
- `similarity(X)`: queries × corpus scores, columns in the order of `doc_ids_`;
- `predict(X)`: the id of the best document for each row (what a served model answers).

Metrics use binary relevance and the usual cut-offs; AP@k divides by min(|relevant|, k), so that a perfect ranking
scores 1 whatever the number of relevant documents.
"""

from __future__ import annotations

import copy
import re
import unicodedata
from collections.abc import Sequence

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator
from sklearn.model_selection import GroupShuffleSplit

from flows.steps.kinds import Kind, Scores
from projects.contract import Project, SplitParams

SEPARATOR = ";"
DEPTH = 10
"""Ranks looked at: a user reads the first page of results, no further."""
Ranking = Sequence[str]
Relevant = frozenset[str]


# ---- metrics on one query: `ranked` ids, best first; `relevant` the set of right ids ----

def precision_at(ranked: Ranking, relevant: Relevant, k: int) -> float:
    return sum(doc in relevant for doc in ranked[:k]) / k


def recall_at(ranked: Ranking, relevant: Relevant, k: int) -> float:
    return sum(doc in relevant for doc in ranked[:k]) / len(relevant) if relevant else float("nan")


def hit_at(ranked: Ranking, relevant: Relevant, k: int) -> float:
    return float(any(doc in relevant for doc in ranked[:k]))


def reciprocal_rank_at(ranked: Ranking, relevant: Relevant, k: int) -> float:
    return next((1.0 / rank for rank, doc in enumerate(ranked[:k], start=1) if doc in relevant), 0.0)


def average_precision_at(ranked: Ranking, relevant: Relevant, k: int) -> float:
    """Mean of the precisions at each relevant rank within k, over min(|relevant|, k)."""
    if not relevant:
        return float("nan")
    found, total = 0, 0.0
    for rank, doc in enumerate(ranked[:k], start=1):
        if doc in relevant:
            found += 1
            total += found / rank
    return total / min(len(relevant), k)


def ndcg_at(ranked: Ranking, relevant: Relevant, k: int) -> float:
    """Binary-gain nDCG: discounted gain over the gain of the ideal ranking."""
    if not relevant:
        return float("nan")
    gains = [1.0 / np.log2(rank + 1) for rank, doc in enumerate(ranked[:k], start=1) if doc in relevant]
    ideal = sum(1.0 / np.log2(rank + 1) for rank in range(1, min(len(relevant), k) + 1))
    return sum(gains) / ideal


AT_K = {
    "precision": precision_at, "recall": recall_at, "hit": hit_at, "mrr": reciprocal_rank_at,
    "map": average_precision_at, "ndcg": ndcg_at,
}


def mean_at(metric: str, rankings: Sequence[Ranking], relevant: Sequence[Relevant], k: int) -> float:
    """The metric averaged over queries (queries without any relevant document are skipped)."""
    values = [AT_K[metric](ranked, right, k) for ranked, right in zip(rankings, relevant, strict=True)]
    values = [value for value in values if not np.isnan(value)]
    return float(np.mean(values)) if values else float("nan")


def ranking_scores(rankings: Sequence[Ranking], relevant: Sequence[Relevant]) -> Scores:
    """Every metric of the kind, from the rankings of the queries and their relevant ids."""
    scores = {
        "top_1_accuracy": mean_at("hit", rankings, relevant, 1),
        "mrr_at_10": mean_at("mrr", rankings, relevant, DEPTH),
        "map_at_10": mean_at("map", rankings, relevant, DEPTH),
        "ndcg_at_10": mean_at("ndcg", rankings, relevant, DEPTH),
        "precision_at_5": mean_at("precision", rankings, relevant, 5),
        "hit_at_5": mean_at("hit", rankings, relevant, 5),
    }
    for k in (1, 5, 10):
        scores[f"recall_at_{k}"] = mean_at("recall", rankings, relevant, k)
    return scores


# ---- the data shape ----

def relevant_ids(target: pd.Series) -> list[Relevant]:
    """The target of query rows ("D1;D2") as sets of ids."""
    return [frozenset(part.strip() for part in str(value).split(SEPARATOR) if part.strip()) for value in target]


def roles(frame: pd.DataFrame, project: Project) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(corpus rows, query rows): a query row names its relevant documents in the target."""
    if not project.key:
        raise ValueError(f"{project.name}: a retrieval project declares `key`, the id of corpus and query rows")
    is_query = frame[project.target].notna()
    return frame.loc[~is_query], frame.loc[is_query]


def corpus_features(corpus: pd.DataFrame, project: Project) -> pd.DataFrame:
    """The corpus rows' features indexed by their ids, as rankers receive them."""
    return corpus[list(project.features)].set_axis(pd.Index(corpus[project.key].astype(str), name=project.key))


def split(df: pd.DataFrame, project: Project, params: SplitParams) -> tuple[pd.Index, pd.Index]:
    """Queries apart (by group, else one by one); the whole corpus on both sides. Test lists its queries first."""
    corpus, queries = roles(df, project)
    if queries.empty or corpus.empty:
        raise ValueError(f"{project.name}: retrieval needs query rows (target filled) and corpus rows (target empty)")
    groups = queries[project.group] if project.group else queries[project.key]
    splitter = GroupShuffleSplit(n_splits=1, test_size=params.test_size, random_state=params.seed)
    train, test = next(splitter.split(queries, groups=groups))
    return queries.index[train].append(corpus.index), queries.index[test].append(corpus.index)


def fit(estimator: BaseEstimator, project: Project, train: pd.DataFrame) -> BaseEstimator:
    corpus, queries = roles(train, project)
    relevant = pd.Series([tuple(sorted(ids)) for ids in relevant_ids(queries[project.target])], index=queries.index)
    return estimator.fit(queries[list(project.features)], relevant, corpus=corpus_features(corpus, project))


def rank(model: BaseEstimator, project: Project, frame: pd.DataFrame, depth: int = DEPTH) -> tuple[list[list[str]], list[Relevant]]:
    """The first `depth` corpus ids for each query of the frame, against the frame's whole corpus, and the right ids."""
    corpus, queries = roles(frame, project)
    searched = corpus_features(corpus, project)
    if list(getattr(model, "doc_ids_", [])) != list(searched.index):  # another corpus than the one it indexed
        model = copy.deepcopy(model).index(searched)
    similarity = np.asarray(model.similarity(queries[list(project.features)]), dtype=float)
    best = top_columns(similarity, depth)
    ids = np.asarray(model.doc_ids_, dtype=object)
    return [list(ids[row]) for row in best], relevant_ids(queries[project.target])


def top_columns(similarity: np.ndarray, depth: int) -> np.ndarray:
    """Per row, the columns of the `depth` highest scores, best first; ties keep the corpus order."""
    depth = min(depth, similarity.shape[1])
    return np.argsort(-similarity, axis=1, kind="stable")[:, :depth]


def score(model: BaseEstimator, project: Project, test: pd.DataFrame) -> Scores:
    return ranking_scores(*rank(model, project, test))


def per_query(model: BaseEstimator, project: Project, test: pd.DataFrame) -> pd.DataFrame:
    """Each query's value of every metric (NaN where it has no relevant document): `score` is their mean."""
    rankings, relevant = rank(model, project, test)
    queries = roles(test, project)[1]
    at = {
        "top_1_accuracy": ("hit", 1), "mrr_at_10": ("mrr", DEPTH), "map_at_10": ("map", DEPTH),
        "ndcg_at_10": ("ndcg", DEPTH), "precision_at_5": ("precision", 5), "hit_at_5": ("hit", 5),
        **{f"recall_at_{k}": ("recall", k) for k in (1, 5, 10)},
    }
    values = {
        name: [AT_K[metric](ranked, right, k) for ranked, right in zip(rankings, relevant, strict=True)]
        for name, (metric, k) in at.items()
    }
    return pd.DataFrame(values, index=queries.index, dtype=float)


# ---- the baseline ----

def tokens(text: object) -> set[str]:
    """Lower-case words without accents: what an exact keyword search matches."""
    if text is None or (isinstance(text, float) and np.isnan(text)):
        return set()
    plain = unicodedata.normalize("NFKD", str(text).lower()).encode("ascii", "ignore").decode()
    return set(re.findall(r"[a-z0-9]+", plain))


def row_tokens(X: pd.DataFrame) -> list[set[str]]:
    return [set().union(*(tokens(value) for value in row)) for row in X.itertuples(index=False)]


class TokenOverlap(BaseEstimator):
    """The trivial ranker: documents ordered by how many distinct words they share with the query, exactly as
    typed (no weighting, no synonyms, nothing learned from the queries)."""

    def fit(self, X: pd.DataFrame, y: object = None, corpus: pd.DataFrame | None = None) -> TokenOverlap:
        if corpus is None:
            raise ValueError("TokenOverlap.fit needs the corpus (a fit parameter)")
        self.n_features_in_ = X.shape[1]
        return self.index(corpus)

    def index(self, corpus: pd.DataFrame) -> TokenOverlap:
        self.doc_ids_ = np.asarray(corpus.index.astype(str), dtype=object)
        self.doc_tokens_ = row_tokens(corpus)
        return self

    def similarity(self, X: pd.DataFrame) -> np.ndarray:
        queries = row_tokens(X)
        return np.array([[len(query & doc) for doc in self.doc_tokens_] for query in queries], dtype=float)

    def predict(self, X: pd.DataFrame) -> np.ndarray:
        return self.doc_ids_[top_columns(self.similarity(X), 1)[:, 0]]


# ---- plots ----

def plot_at_k(model: BaseEstimator, project: Project, test: pd.DataFrame) -> dict[str, object]:
    """Recall, nDCG, MAP, MRR and precision at k = 1..10 on the test queries: where the right documents land."""
    from matplotlib.figure import Figure  # no pyplot: no backend, no global state

    rankings, relevant = rank(model, project, test)
    ks = np.arange(1, DEPTH + 1)
    figure = Figure(figsize=(6, 4))
    axes = figure.subplots()
    for metric in ("recall", "ndcg", "map", "mrr", "precision"):
        axes.plot(ks, [mean_at(metric, rankings, relevant, k) for k in ks], marker="o", label=f"{metric}@k")
    axes.set(xlabel="k (documents lus)", ylabel="score", ylim=(0, 1.02), xticks=ks, title=f"{project.name}: métriques à k")
    axes.grid(alpha=0.3)
    axes.legend(loc="lower right")
    return {"plots/metrics_at_k.png": figure}


KIND = Kind(
    metrics=(
        "top_1_accuracy", "mrr_at_10", "map_at_10", "ndcg_at_10", "precision_at_5", "hit_at_5",
        "recall_at_1", "recall_at_5", "recall_at_10",
    ),
    baseline=lambda project: TokenOverlap(),
    score=score,
    fit=fit,
    split=split,
    per_unit=per_query,
    context=lambda df, project: df[project.target].isna(),  # the corpus is searched, not scored
    plots=plot_at_k,
)
