"""Entity extraction: typed spans of a text (histology, TNM stage, biomarkers in a tumour-board report).

The text is the project's first feature column. Gold entities survive pseudonymisation: the base scrubs names from
free text before any step, which shifts character offsets, so the target column does not store offsets. It stores,
as a JSON list, each entity as `[type, surface, occurrence]`: its type, its exact text, and which whole-word occurrence
of that text it is (0 for the first). Scrubbing replaces names, never medical words, so the k-th occurrence of a surface is
the same place before and after; `spans` turns the anchors into `(start, end, type)` offsets of the scrubbed text.

A project's model is taught from those offsets (`fit(X, spans)`, one list of `(start, end, type)` per row) and
predicts, per row, a JSON list of `[start, end, type]` on the text it was given. Scores are exact-match: an entity
counts when its start, end and type are all right (micro over entities), with precision, recall and F1 per type.
The baseline is a dictionary: every surface seen as an entity in training, tagged wherever it appears.
"""

from __future__ import annotations

import json
import re
from collections import Counter

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator

from flows.steps.kinds import Kind, Scores, default_split
from projects.contract import Project

Span = tuple[int, int, str]


def anchors(value: object) -> list[tuple[str, str, int]]:
    """The `[type, surface, occurrence]` entities of one target cell (missing: none)."""
    if not isinstance(value, str) or not value.strip():
        return []
    return [(str(kind), str(surface), int(occurrence)) for kind, surface, occurrence in json.loads(value)]


def occurrences(text: str, surface: str) -> list[int]:
    """Starts of the whole-word occurrences of `surface`: "CE" is not counted inside "VINCENT", whose scrubbing
    would otherwise shift the count."""
    before = r"(?<!\w)" if surface[:1].isalnum() else ""
    after = r"(?!\w)" if surface[-1:].isalnum() else ""
    return [match.start() for match in re.finditer(before + re.escape(surface) + after, text)]


def spans(text: str, entities: list[tuple[str, str, int]]) -> list[Span]:
    """Offsets of anchored entities in `text`; a KeyError says which entity is not there."""
    found = []
    for kind, surface, occurrence in entities:
        starts = occurrences(text, surface)
        if occurrence >= len(starts):
            raise KeyError(f"{kind} {surface!r} (occurrence {occurrence})")
        found.append((starts[occurrence], starts[occurrence] + len(surface), kind))
    return sorted(found)


def anchor(text: str, span: Span) -> tuple[str, str, int]:
    """The `[type, surface, occurrence]` of an offset span: how to store a new annotation."""
    start, end, kind = span
    return kind, text[start:end], occurrences(text, text[start:end]).index(start)


def gold_spans(project: Project, rows: pd.DataFrame) -> list[list[Span]]:
    """Every row's gold offsets, in the text as the model sees it (after scrubbing)."""
    text = project.features[0]
    out = []
    for index, content, value in zip(rows.index, rows[text], rows[project.target], strict=True):
        try:
            out.append(spans(content if isinstance(content, str) else "", anchors(value)))
        except (KeyError, ValueError, TypeError) as error:
            raise ValueError(f"{project.name}: column {project.target}, row {index}: {error} not found in {text}") from None
    return out


def predicted_spans(values: np.ndarray) -> list[list[Span]]:
    return [[(int(s), int(e), str(k)) for s, e, k in json.loads(value)] if value else [] for value in values]


def fit(estimator: BaseEstimator, project: Project, train: pd.DataFrame) -> BaseEstimator:
    return estimator.fit(train[list(project.features)], gold_spans(project, train))


def score(model: BaseEstimator, project: Project, test: pd.DataFrame) -> Scores:
    """Exact span-and-type matches: micro precision, recall, F1 over entities, then the same per type."""
    gold = gold_spans(project, test)
    predicted = predicted_spans(np.asarray(model.predict(test[list(project.features)])))
    truth = {(row, *span) for row, row_spans in enumerate(gold) for span in row_spans}
    guess = {(row, *span) for row, row_spans in enumerate(predicted) for span in row_spans}
    scores = _prf(truth, guess, "entity_precision", "entity_recall", "entity_f1")
    for kind in sorted({entity[3] for entity in truth | guess}):
        truth_of_kind, guess_of_kind = ({entity for entity in found if entity[3] == kind} for found in (truth, guess))
        scores |= _prf(truth_of_kind, guess_of_kind, f"precision.{kind}", f"recall.{kind}", f"f1.{kind}")
    return scores


def _prf(truth: set, guess: set, precision: str, recall: str, f1: str) -> Scores:
    hits = len(truth & guess)
    p = hits / len(guess) if guess else float(not truth)  # nothing to find and nothing found: perfect
    r = hits / len(truth) if truth else float(not guess)
    return {precision: p, recall: r, f1: 2 * p * r / (p + r) if p + r else 0.0}


class SurfaceDictionary(BaseEstimator):
    """The trivial tagger: each surface seen as an entity in training, with its most frequent type, tagged wherever
    it appears whole (longest first)."""

    def fit(self, X: pd.DataFrame, y: list[list[Span]]) -> SurfaceDictionary:
        seen: dict[str, Counter] = {}
        for text, row_spans in zip(X.iloc[:, 0], y, strict=True):
            for start, end, kind in row_spans:
                seen.setdefault(text[start:end], Counter())[kind] += 1
        self.types_ = {surface: counts.most_common(1)[0][0] for surface, counts in seen.items()}
        return self

    def predict(self, X: pd.DataFrame) -> np.ndarray:
        if not self.types_:
            return np.array(["[]"] * len(X), dtype=object)
        pattern = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, sorted(self.types_, key=len, reverse=True))) + r")(?!\w)")
        texts = X.iloc[:, 0].fillna("")
        return np.array(
            [json.dumps([[m.start(), m.end(), self.types_[m.group()]] for m in pattern.finditer(text)]) for text in texts],
            dtype=object,
        )


KIND = Kind(
    metrics=("entity_f1", "entity_precision", "entity_recall", "f1.*", "precision.*", "recall.*"),
    baseline=lambda project: SurfaceDictionary(),
    score=score,
    fit=fit,
    split=lambda df, project, params: default_split(df, project, params, stratify=False),
)
