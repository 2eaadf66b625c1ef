"""Explanations of single decisions (CRPA L311-3-1): how much each input column weighed, adding up exactly.

For every explained row: base value + sum of contributions = the model's output (`kinds.output`). Three shapes are
explained: a model with its own `explain(X)`; a `Pipeline(prepare=ColumnTransformer, model=linear model)`, whose
contributions are the weights times the transformed values; and a tree ensemble (alone or after a ColumnTransformer),
whose contributions are SHAP values from `shap.TreeExplainer`, exact in the model's raw output (log-odds for gradient
boosting, probabilities for forests). Contributions of a transformer's outputs (one-hot columns, TF-IDF terms) are
summed back onto the input column they come from.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.base import BaseEstimator
from sklearn.compose import ColumnTransformer
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder

from flows.steps import kinds
from projects.contract import Project


class NotExplainable(TypeError):
    """The model has neither `explain` nor the linear-pipeline shape."""


def contributions(model: BaseEstimator, project: Project, X: pd.DataFrame) -> tuple[np.ndarray, pd.DataFrame]:
    """Per row: the base value, and one contribution per feature column."""
    if hasattr(model, "explain"):
        base, table = model.explain(X)
        return np.broadcast_to(np.asarray(base, dtype=float), (len(X),)).copy(), table
    if isinstance(model, Pipeline) and isinstance(model[0], ColumnTransformer) and hasattr(model[-1], "coef_"):
        return _linear(model, X)
    if _is_tree_ensemble(model[-1] if isinstance(model, Pipeline) else model):
        return _trees(model, X)
    raise NotExplainable(f"{project.name}: {type(model).__name__} offers no exact explanation")


def _linear(model: Pipeline, X: pd.DataFrame) -> tuple[np.ndarray, pd.DataFrame]:
    prepare, linear = model[0], model[-1]
    transformed = sparse.csr_matrix(prepare.transform(X))
    coef = np.atleast_2d(linear.coef_)
    intercept = np.atleast_1d(linear.intercept_)
    if coef.shape[0] == 1:
        rows = np.zeros(len(X), dtype=int)
    else:  # multiclass: explain the score of the class each row was given
        rows = np.searchsorted(linear.classes_, model.predict(X))
    weighted = transformed.multiply(coef[rows]).tocsr()
    return intercept[rows].astype(float), _onto_columns(weighted, _column_map(prepare), X.index)


def _onto_columns(values: np.ndarray | sparse.spmatrix, owners: list[str], index: pd.Index) -> pd.DataFrame:
    """Contributions per transformed feature, summed onto the input column each feature comes from."""
    columns = list(dict.fromkeys(owners))
    position = {column: i for i, column in enumerate(columns)}
    assign = sparse.csr_matrix(
        (np.ones(len(owners)), (np.arange(len(owners)), [position[c] for c in owners])),
        shape=(len(owners), len(columns)),
    )
    return pd.DataFrame(np.asarray(sparse.csr_matrix(values) @ assign.toarray()), index=index, columns=columns)


TREE_ENSEMBLES = (
    "RandomForest", "ExtraTrees", "GradientBoosting", "HistGradientBoosting", "DecisionTree", "ExtraTree",
)


def _is_tree_ensemble(estimator: object) -> bool:
    """A scikit-learn tree model that shap's TreeExplainer reads exactly (classifier or regressor)."""
    name = type(estimator).__name__
    return type(estimator).__module__.startswith("sklearn.") and name.removesuffix("Classifier").removesuffix(
        "Regressor"
    ) in TREE_ENSEMBLES


def _trees(model: BaseEstimator, X: pd.DataFrame) -> tuple[np.ndarray, pd.DataFrame]:
    """SHAP values of a tree model in its raw output, for the score `kinds.output` explains: the positive class of a
    binary classifier, the class given to each row of a multiclass one, the value of a regressor."""
    import shap  # costs seconds: only runs that explain trees pay it

    if isinstance(model, Pipeline):
        prepare, trees = model[:-1], model[-1]
        transformed = prepare.transform(X)
        owners = _column_map(model[0]) if len(model) == 2 and isinstance(model[0], ColumnTransformer) else None
    else:
        trees, transformed, owners = model, X, list(X.columns)
    dense = transformed.toarray() if sparse.issparse(transformed) else np.asarray(transformed, dtype=float)
    if owners is None or len(owners) != dense.shape[1]:
        raise NotExplainable(f"cannot map the {dense.shape[1]} prepared features of {type(model).__name__} onto {list(X.columns)}")
    try:
        explainer = shap.TreeExplainer(trees)  # tree_path_dependent: exact, needs no background data
    except Exception as error:  # shap's own InvalidModelError, e.g. multiclass GradientBoostingClassifier
        raise NotExplainable(f"shap cannot explain {type(trees).__name__}: {error}") from None
    values = np.asarray(explainer.shap_values(dense, check_additivity=False), dtype=float)
    base = np.atleast_1d(np.asarray(explainer.expected_value, dtype=float))
    if values.ndim == 3:  # one slice per class
        if values.shape[2] == 2:  # binary: the positive class, as decision_function and predict_proba[:, 1]
            chosen = np.ones(len(X), dtype=int)
        else:
            chosen = np.searchsorted(trees.classes_, model.predict(X))
        values = values[np.arange(len(X)), :, chosen]
        base = base[chosen]
    return np.broadcast_to(base, (len(X),)).astype(float), _onto_columns(values, owners, X.index)


def _column_map(prepare: ColumnTransformer) -> list[str]:
    """For every output feature of the ColumnTransformer, the input column it comes from."""
    width = len(prepare.get_feature_names_out())
    owner = [""] * width
    for name, transformer, columns in prepare.transformers_:
        if isinstance(transformer, str) and transformer == "drop":
            continue
        if name == "remainder":  # passthrough of the columns no transformer named (by name, or by position)
            columns = [prepare.feature_names_in_[c] if isinstance(c, (int, np.integer)) else c for c in columns]
        block = prepare.output_indices_[name]
        for offset, column in enumerate(_owners(transformer, columns, block.stop - block.start)):
            owner[block.start + offset] = column
    return owner


def _owners(transformer: object, columns: object, width: int) -> list[str]:
    if isinstance(columns, str):
        return [columns] * width
    columns = list(columns)
    if width == 0:
        return []
    if len(columns) == 1:
        return columns * width
    encoder = transformer[-1] if isinstance(transformer, Pipeline) else transformer
    if isinstance(encoder, OneHotEncoder):
        dropped = encoder.drop_idx_ if encoder.drop_idx_ is not None else [None] * len(columns)
        sizes = [len(cats) - (drop is not None) for cats, drop in zip(encoder.categories_, dropped, strict=True)]
        return [column for column, size in zip(columns, sizes, strict=True) for _ in range(size)]
    if width == len(columns):
        return columns
    raise NotExplainable(f"cannot map {width} outputs of {type(transformer).__name__} onto {columns}")


def decisions(model: BaseEstimator, project: Project, rows: pd.DataFrame, top: int | None = None) -> list[dict]:
    """Each row's decision with its base value, output and largest contributions, ready to print or log."""
    X = rows[list(project.features)]
    base, table = contributions(model, project, X)
    outputs = kinds.output(model, project, X)
    decided = kinds.predictions(model, project, X)
    explained = []
    for position, (index, row) in enumerate(table.iterrows()):
        ranked = row.reindex(row.abs().sort_values(ascending=False).index)
        explained.append(
            {
                "row": _plain(index),
                "decision": _plain(decided[position]),
                "output": float(outputs[position]),
                "base_value": float(base[position]),
                "contributions": [
                    {"feature": feature, "value": _plain(X.at[index, feature]), "contribution": float(weight)}
                    for feature, weight in ranked.head(top or project.explain_top).items()
                ],
            }
        )
    return explained


IMPORTANCE_ROWS = 500
"""Rows that global importance averages over: SHAP on a deep forest costs tens of milliseconds a row."""


def global_importance(model: BaseEstimator, project: Project, X: pd.DataFrame) -> pd.DataFrame:
    """Mean absolute contribution of each column over (a seeded sample of) the rows: the model's weights, as a
    reviewer reads them."""
    sample = X.sample(IMPORTANCE_ROWS, random_state=0) if len(X) > IMPORTANCE_ROWS else X
    _, table = contributions(model, project, sample)
    importance = table.abs().mean().sort_values(ascending=False)
    return importance.rename("mean_abs_contribution").rename_axis("feature").reset_index()


def _plain(value: object) -> object:
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, pd.Timestamp):
        return value.isoformat()
    if isinstance(value, str) and len(value) > 120:
        return value[:117] + "..."
    return None if pd.isna(value) else value


def weighted_terms(model: BaseEstimator, top: int = 15) -> pd.DataFrame | None:
    """For a linear pipeline: the prepared features (a TF-IDF term, a one-hot value) with the largest weights toward
    each class, with the input column they come from. None for other models."""
    if not (isinstance(model, Pipeline) and isinstance(model[0], ColumnTransformer) and hasattr(model[-1], "coef_")):
        return None
    prepare, linear = model[0], model[-1]
    names, owners = prepare.get_feature_names_out(), _column_map(prepare)
    coef = np.atleast_2d(linear.coef_)
    classes = list(linear.classes_[1:]) if coef.shape[0] == 1 else list(linear.classes_)
    tables = []
    for label, weights in zip(classes, coef, strict=True):
        order = np.argsort(-np.abs(weights), kind="stable")[:top]
        tables.append(pd.DataFrame({
            "class": _plain(label), "term": [names[i].partition("__")[2] or names[i] for i in order],
            "column": [owners[i] for i in order], "weight": weights[order],
        }))
    return pd.concat(tables, ignore_index=True)
