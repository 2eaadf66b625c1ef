"""Multi-label classification: each row carries a set of labels (the topics of an inspection paragraph).

The target column holds each row's labels joined by `|` (`"incendie|maintenance"`; an empty string: no label), as
one Parquet string column that a GX regex can check. A project's `make_model` returns a plain scikit-learn
multi-output classifier (for instance `Pipeline([("prepare", ColumnTransformer), ("model",
OneVsRestClassifier(LogisticRegression()))])`) that learns from a 0/1 indicator matrix. The kind wraps it in
`LabelSets`, which turns the `|` strings into that matrix, keeps the label names (`classes_`) and predicts `|`
strings again: the model answers in the format of the target column.

`hamming_loss` is the one metric where lower is better: a project that makes it its primary metric declares
`greater_is_better=False`. The output explained for a row is the sum of the decision scores of the labels it was given (the highest-scoring
label when it was given none): exact, for a linear one-vs-rest model, as the sum of each label's word weights.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn import metrics as skm
from sklearn.base import BaseEstimator
from sklearn.compose import ColumnTransformer
from sklearn.pipeline import Pipeline

from flows.steps.kinds import Kind, Scores, default_split
from projects.contract import Project

SEPARATOR = "|"


def label_sets(values: pd.Series | np.ndarray) -> list[list[str]]:
    """Each row's labels, from `|`-joined strings (a missing value or an empty string: no label)."""
    return [[label for label in str(value).split(SEPARATOR) if label] if isinstance(value, str) else [] for value in values]


def indicator(sets: list[list[str]], labels: list[str]) -> np.ndarray:
    """Rows × labels 0/1 matrix; labels outside `labels` are ignored."""
    position = {label: column for column, label in enumerate(labels)}
    matrix = np.zeros((len(sets), len(labels)), dtype=int)
    for row, labels_of_row in enumerate(sets):
        matrix[row, [position[label] for label in labels_of_row if label in position]] = 1
    return matrix


def joined(matrix: np.ndarray, labels: list[str]) -> np.ndarray:
    """The `|` strings of an indicator matrix, labels in `labels` order."""
    return np.array([SEPARATOR.join(label for label, on in zip(labels, row, strict=True) if on) for row in matrix], dtype=object)


class LabelSets(BaseEstimator):
    """A multi-output classifier taught from `|`-joined label strings, predicting them back."""

    def __init__(self, estimator: BaseEstimator) -> None:
        self.estimator = estimator

    def fit(self, X: pd.DataFrame, y: pd.Series) -> LabelSets:
        sets = label_sets(y)
        self.classes_ = sorted({label for labels_of_row in sets for label in labels_of_row})
        self.estimator_ = self.estimator.fit(X, indicator(sets, self.classes_))
        return self

    def predict_indicator(self, X: pd.DataFrame) -> np.ndarray:
        return np.asarray(self.estimator_.predict(X)).astype(int).reshape(len(X), len(self.classes_))

    def predict(self, X: pd.DataFrame) -> np.ndarray:
        return joined(self.predict_indicator(X), self.classes_)

    def decision_function(self, X: pd.DataFrame) -> np.ndarray:
        return np.asarray(self.estimator_.decision_function(X), dtype=float).reshape(len(X), len(self.classes_))

    def explained_labels(self, X: pd.DataFrame) -> np.ndarray:
        """Rows × labels mask of the labels whose scores make up the output: the predicted ones, else the top one."""
        mask = self.predict_indicator(X).astype(bool)
        empty = ~mask.any(axis=1)
        mask[empty, np.argmax(self.decision_function(X)[empty], axis=1)] = True
        return mask

    def explain(self, X: pd.DataFrame) -> tuple[np.ndarray, pd.DataFrame]:
        """Base values and per-column contributions of a `Pipeline(ColumnTransformer, one linear model per label)`."""
        from flows.steps.explain import NotExplainable, _column_map  # the base's own linear explanation

        model = self.estimator_
        per_label = getattr(model[-1], "estimators_", None) if isinstance(model, Pipeline) else None
        if not (per_label and isinstance(model[0], ColumnTransformer) and all(hasattr(m, "coef_") for m in per_label)):
            raise NotExplainable(f"{type(model).__name__} is not a ColumnTransformer and one linear model per label")
        mask = self.explained_labels(X).astype(float)
        coef = np.vstack([np.ravel(m.coef_) for m in per_label])
        intercept = np.array([float(np.ravel(m.intercept_)[0]) for m in per_label])
        transformed = sparse.csr_matrix(model[0].transform(X))
        weighted = transformed.multiply(mask @ coef).tocsr()
        owners = _column_map(model[0])
        columns = list(dict.fromkeys(owners))
        table = pd.DataFrame(0.0, index=X.index, columns=columns)
        for column in columns:
            table[column] = np.asarray(weighted[:, [i for i, o in enumerate(owners) if o == column]].sum(axis=1)).ravel()
        return mask @ intercept, table


class MostFrequentLabelSet(BaseEstimator):
    """The trivial multi-label model: every row gets the training's most frequent label set; each label's score is
    its training frequency."""

    def fit(self, X: pd.DataFrame, y: np.ndarray) -> MostFrequentLabelSet:
        rows, counts = np.unique(np.asarray(y), axis=0, return_counts=True)
        self.label_set_ = rows[np.argmax(counts)]
        self.frequencies_ = np.asarray(y).mean(axis=0)
        return self

    def predict(self, X: pd.DataFrame) -> np.ndarray:
        return np.tile(self.label_set_, (len(X), 1))

    def decision_function(self, X: pd.DataFrame) -> np.ndarray:
        return np.tile(self.frequencies_, (len(X), 1))


def fit(estimator: BaseEstimator, project: Project, train: pd.DataFrame) -> LabelSets:
    return LabelSets(estimator).fit(train[list(project.features)], train[project.target])


def score(model: LabelSets, project: Project, test: pd.DataFrame) -> Scores:
    """Micro and macro F1, Hamming loss (lower is better), subset accuracy, and F1/precision/recall per label.

    Labels the model never saw count as missed; macro averages skip labels with neither truth nor prediction."""
    truth_sets = label_sets(test[project.target])
    labels = sorted(set(model.classes_) | {label for row in truth_sets for label in row})
    truth = indicator(truth_sets, labels)
    predicted = indicator(label_sets(model.predict(test[list(project.features)])), labels)
    precision, recall, f1, _ = skm.precision_recall_fscore_support(truth, predicted, zero_division=np.nan)
    scores = {
        "f1_micro": skm.f1_score(truth, predicted, average="micro", zero_division=0),
        "precision_micro": skm.precision_score(truth, predicted, average="micro", zero_division=0),
        "recall_micro": skm.recall_score(truth, predicted, average="micro", zero_division=0),
        "f1_macro": float(np.nanmean(np.where(truth.any(0) | predicted.any(0), np.nan_to_num(f1), np.nan))),
        "f1_samples": skm.f1_score(truth, predicted, average="samples", zero_division=1),
        "hamming_loss": skm.hamming_loss(truth, predicted),
        "subset_accuracy": skm.accuracy_score(truth, predicted),
    }
    for label, p, r, f in zip(labels, precision, recall, f1, strict=True):
        scores |= {f"precision.{label}": p, f"recall.{label}": r, f"f1.{label}": f}
    return scores


def output(model: LabelSets, project: Project, X: pd.DataFrame) -> np.ndarray:
    return (model.decision_function(X) * model.explained_labels(X)).sum(axis=1)


KIND = Kind(
    metrics=(
        "f1_micro", "precision_micro", "recall_micro", "f1_macro", "f1_samples", "hamming_loss", "subset_accuracy",
        "f1.*", "precision.*", "recall.*",
    ),
    baseline=lambda project: MostFrequentLabelSet(),
    score=score,
    fit=fit,
    split=lambda df, project, params: default_split(df, project, params, stratify=False),
    output=output,
    predictions=lambda model, project, X: model.predict(X),
)
