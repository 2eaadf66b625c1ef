"""Gradient boosting over tabular columns, shared by the projects whose first prototype is a boosted tree model.

`Pipeline([("prepare", ColumnTransformer), ("model", HistGradientBoostingClassifier)])`: categories one-hot encoded
(one output per category, so that contributions sum back onto their column), numbers passed as they are (the trees
need no scaling and route missing values themselves). scikit-learn is imported inside `make_boosting` only.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from pydantic import Field

from projects.contract import Strict


class BoostingParams(Strict):
    learning_rate: float = Field(0.08, gt=0, le=1, description="shrinkage of each tree's contribution")
    max_iter: int = Field(200, ge=10, le=2000, description="most boosting rounds (early stopping may stop sooner)")
    max_leaf_nodes: int = Field(15, ge=2, le=255, description="leaves per tree: interactions the trees can capture")
    min_samples_leaf: int = Field(20, ge=1, le=1000, description="rows per leaf; larger keeps small fits steady")
    l2_regularization: float = Field(1.0, ge=0, le=100, description="L2 penalty on leaf values")
    class_weight: Literal["balanced"] | None = Field(None, description="'balanced' reweights rare classes")
    early_stopping: bool = Field(False, description="stop on a 10 % validation split (only worth it on large data)")
    seed: int = Field(0, ge=0, description="random state of the boosting (subsampling, validation split)")


def make_boosting(params: BoostingParams, categories: Sequence[str], numbers: Sequence[str]):
    """The unfitted pipeline: one-hot categories and raw numbers, then histogram gradient boosting."""
    from sklearn.compose import ColumnTransformer
    from sklearn.ensemble import HistGradientBoostingClassifier
    from sklearn.pipeline import Pipeline
    from sklearn.preprocessing import OneHotEncoder

    blocks = [("numbers", "passthrough", list(numbers))]
    if categories:
        encoder = OneHotEncoder(handle_unknown="ignore", sparse_output=False)
        blocks.insert(0, ("categories", encoder, list(categories)))
    prepare = ColumnTransformer(blocks, remainder="drop", sparse_threshold=0.0, verbose_feature_names_out=False)
    model = HistGradientBoostingClassifier(
        learning_rate=params.learning_rate,
        max_iter=params.max_iter,
        max_leaf_nodes=params.max_leaf_nodes,
        min_samples_leaf=params.min_samples_leaf,
        l2_regularization=params.l2_regularization,
        class_weight=params.class_weight,
        early_stopping=params.early_stopping,
        random_state=params.seed,
    )
    return Pipeline([("prepare", prepare), ("model", model)])
