"""A linear-chain CRF (python-crfsuite) over the report's tokens, with word-shape features, tagging BIO labels.

Imported only by `make_model`, so that listing projects never imports crfsuite. The trained CRF is kept as the
bytes of crfsuite's model file (`model_bytes_`), a plain attribute that skops can store and MLflow can log.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from functools import lru_cache

import numpy as np
import pandas as pd
import pycrfsuite
from sklearn.base import BaseEstimator

TOKEN = re.compile(r"\w+|[^\w\s]")


def tokens(text: str) -> list[tuple[int, int, str]]:
    """Words and single punctuation marks with their offsets: "PD-L1 à 60 %" is PD, -, L1, à, 60, %."""
    return [(m.start(), m.end(), m.group()) for m in TOKEN.finditer(text)]


@lru_cache(maxsize=100_000)
def shape(word: str) -> str:
    """Word shape with runs collapsed: "cT2aN0M0" is "xXdxXdXd", "EGFR" is "X", "60" is "d"."""
    classes = re.sub(r"[A-ZÀ-Ý]", "X", re.sub(r"[a-zß-ÿ]", "x", re.sub(r"\d", "d", word)))
    return re.sub(r"(.)\1+", r"\1", classes)


@lru_cache(maxsize=100_000)
def own_features(word: str) -> tuple[str, ...]:
    """What a token says by itself: the word, its shape and affixes."""
    lower = word.lower()
    return (
        f"w={lower}", f"shape={shape(word)}", f"p3={lower[:3]}", f"s3={lower[-3:]}", f"s2={lower[-2:]}",
        f"len={min(len(word), 8)}", f"digit={any(c.isdigit() for c in word)}", f"upper={word.isupper()}",
    )


def sequence_features(words: list[str]) -> list[list[str]]:
    """Each token's own features and its neighbours' words and shapes within two tokens."""
    lowers = [word.lower() for word in words]
    shapes = [shape(word) for word in words]
    out = []
    for position, word in enumerate(words):
        features = list(own_features(word))
        for offset in (-2, -1, 1, 2):
            other = position + offset
            if 0 <= other < len(words):
                features += [f"{offset}:w={lowers[other]}", f"{offset}:shape={shapes[other]}"]
            else:
                features.append(f"{offset}:edge")
        out.append(features)
    return out


def bio(text_tokens: list[tuple[int, int, str]], spans: list[tuple[int, int, str]]) -> list[str]:
    """BIO label of each token: B- where an entity starts, I- inside it, O elsewhere."""
    labels = ["O"] * len(text_tokens)
    for start, end, kind in spans:
        inside = [i for i, (s, e, _) in enumerate(text_tokens) if s >= start and e <= end]
        for rank, i in enumerate(inside):
            labels[i] = ("B-" if rank == 0 else "I-") + kind
    return labels


def spans_of(text_tokens: list[tuple[int, int, str]], labels: list[str]) -> list[list]:
    """Entities of a BIO sequence as `[start, end, type]`; an I- after another type starts a new entity."""
    found: list[list] = []
    for (start, end, _), label in zip(text_tokens, labels, strict=True):
        prefix, _, kind = label.partition("-")
        if prefix == "B" or (prefix == "I" and (not found or found[-1][2] != kind or found[-1][3])):
            found.append([start, end, kind, False])
        elif prefix == "I":
            found[-1][1] = end
        elif found:
            found[-1][3] = True  # closed: a later I- cannot extend it
    return [[start, end, kind] for start, end, kind, _ in found]


class CrfTagger(BaseEstimator):
    """Entity tagger for the `entities` kind: `fit(X, spans)` on the first column's texts, `predict` → JSON spans."""

    def __init__(self, c1: float = 0.05, c2: float = 0.05, max_iterations: int = 80, min_frequency: int = 1) -> None:
        self.c1, self.c2, self.max_iterations, self.min_frequency = c1, c2, max_iterations, min_frequency

    def fit(self, X: pd.DataFrame, y: list[list[tuple[int, int, str]]]) -> CrfTagger:
        trainer = pycrfsuite.Trainer(verbose=False)
        for text, spans in zip(X.iloc[:, 0].fillna(""), y, strict=True):
            text_tokens = tokens(text)
            words = [word for _, _, word in text_tokens]
            trainer.append(sequence_features(words), bio(text_tokens, spans))
        trainer.set_params({
            "c1": self.c1, "c2": self.c2, "max_iterations": self.max_iterations,
            "feature.minfreq": self.min_frequency, "feature.possible_transitions": True,
        })
        with tempfile.TemporaryDirectory() as folder:  # crfsuite only trains to a file
            path = os.path.join(folder, "crf.model")
            trainer.train(path)
            with open(path, "rb") as model_file:
                self.model_bytes_ = model_file.read()
        return self

    def predict(self, X: pd.DataFrame) -> np.ndarray:
        tagger = pycrfsuite.Tagger()
        tagger.open_inmemory(self.model_bytes_)
        out = []
        for text in X.iloc[:, 0].fillna(""):
            text_tokens = tokens(text)
            words = [word for _, _, word in text_tokens]
            labels = tagger.tag(sequence_features(words)) if words else []
            out.append(json.dumps(spans_of(text_tokens, labels)))
        tagger.close()
        return np.array(out, dtype=object)
