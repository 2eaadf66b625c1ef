"""Explanations of single decisions (CRPA L311-3-1): how much each input column weighed, adding up exactly.

For every explained row: base value + sum of contributions = the model's output (`kinds.output`). Two shapes are
explained: a model with its own `explain(X)`, and a `Pipeline(prepare=ColumnTransformer, model=linear classifier)`,
whose contributions are the weights times the transformed values, summed back onto the input columns.
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
    by_column = _column_map(prepare)
    columns = list(dict.fromkeys(by_column))
    assign = sparse.csr_matrix(
        (np.ones(len(by_column)), (np.arange(len(by_column)), [columns.index(c) for c in by_column])),
        shape=(len(by_column), len(columns)),
    )
    table = pd.DataFrame((weighted @ assign).toarray(), index=X.index, columns=columns)
    return intercept[rows].astype(float), table


def _column_map(prepare: ColumnTransformer) -> list[str]:
    """For every output feature of the ColumnTransformer, the input column it comes from."""
    width = len(prepare.get_feature_names_out())
    owner = [""] * width
    for name, transformer, columns in prepare.transformers_:
        if name == "remainder" or transformer == "drop":
            continue
        block = prepare.output_indices_[name]
        for offset, column in enumerate(_owners(transformer, columns, block.stop - block.start)):
            owner[block.start + offset] = column
    return owner


def _owners(transformer: object, columns: object, width: int) -> list[str]:
    if isinstance(columns, str):
        return [columns] * width
    columns = list(columns)
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


def global_importance(model: BaseEstimator, project: Project, X: pd.DataFrame) -> pd.DataFrame:
    """Mean absolute contribution of each column over the rows: the model's weights, as a reviewer reads them."""
    _, table = contributions(model, project, X)
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
