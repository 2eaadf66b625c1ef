"""TF-IDF of one text column (words, optionally character n-grams) plus one-hot categories, into a logistic
regression: the first prototype of the projects that classify a free text (a call, a story, a clause, an act).

`Pipeline([("prepare", ColumnTransformer), ("model", LogisticRegression)])`. Word n-grams catch the phrasing
("mot de passe", "sans préavis"); character n-grams within words absorb typos, missing accents and recognition
errors ("adérer", "ursafe"). A linear model explains each decision word by word and gives the probabilities a
triage needs to know when to hand over to a human.

`KeywordLexicon` is the status quo of these projects: a clerk's keyword routing rule, read from a reference CSV.

A project declares `Params = text.Params` (or a subclass) and its own `make_model(params)` calling
`text.make_model(params, TEXT, categories=…, stop_words=…)`; its params.yaml `model:` section sets the values.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal

from pydantic import Field

from projects.contract import Strict


class Params(Strict):
    C: float = Field(5.0, gt=0, le=1000, description="inverse regularisation strength of the logistic regression")
    word_ngram_max: int = Field(2, ge=1, le=3, description="longest word n-gram")
    char_ngrams: bool = Field(True, description="add character 3–5-grams within words (typos, missing accents, mishearing)")
    min_df: int = Field(2, ge=1, le=50, description="a term must appear in this many texts to count")
    max_features: int = Field(30_000, ge=100, le=500_000, description="vocabulary cap of each TF-IDF")
    class_weight: Literal["balanced"] | None = Field("balanced", description="'balanced' weighs rare classes up")
    max_iter: int = Field(500, ge=50, le=20_000, description="iterations allowed to the solver")
    lexicon_features: bool = Field(
        True, description="add the clerk's keyword weights per label (the status quo's lexicon) as features"
    )


def make_model(
    params: Params, column: str, categories: Sequence[str] = (), stop_words: Sequence[str] = (), lexicon: str = "",
    one_vs_rest: bool = False,
) -> Any:
    """The unfitted pipeline: `prepare` (word and character TF-IDF of `column`, one-hot `categories`, blanks as their
    own category, and with `lexicon` and `params.lexicon_features` the weights of each label's keywords found, a
    block named `lexique`) then `model`. `stop_words` are dropped from the word vocabulary only. `one_vs_rest`: one
    logistic regression per label, for the multi-label kind (which hands the model a 0/1 indicator matrix)."""
    from sklearn.compose import ColumnTransformer

    from projects._shared.lexicon import LexiconHits
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.impute import SimpleImputer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import Pipeline
    from sklearn.preprocessing import OneHotEncoder

    common = dict(strip_accents="unicode", lowercase=True, sublinear_tf=True, min_df=params.min_df,
                  max_features=params.max_features)
    words = TfidfVectorizer(ngram_range=(1, params.word_ngram_max), stop_words=list(stop_words) or None, **common)
    blocks: list[tuple[str, Any, Any]] = [("mots", words, column)]
    if params.char_ngrams:
        blocks.append(("caracteres", TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), **common), column))
    if categories:
        onehot = Pipeline([
            ("impute", SimpleImputer(strategy="constant", fill_value="(vide)")),
            ("onehot", OneHotEncoder(handle_unknown="ignore")),
        ])
        blocks.append(("categories", onehot, list(categories)))
    if lexicon and params.lexicon_features:
        blocks.append(("lexique", LexiconHits(lexicon), [column]))
    model: Any = LogisticRegression(
        C=params.C, class_weight=params.class_weight, solver="newton-cg", max_iter=params.max_iter
    )
    if one_vs_rest:
        from sklearn.multiclass import OneVsRestClassifier

        model = OneVsRestClassifier(model)
    return Pipeline([("prepare", ColumnTransformer(blocks, remainder="drop")), ("model", model)])
