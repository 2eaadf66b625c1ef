"""Divergent answers: decisions brought together on one legal question whose solutions are opposite.

A cassation disapproves the answer the court of appeal gave; a rejection approves it. Two decisions of the Cour on
the same question, one casse and one rejette, are a signal that the case law may diverge (between chambers, or
over time): a reviewer of the documentation service reads both. It is a signal, not a finding: the two courts of
appeal may have answered in opposite ways, and then the two solutions agree.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

DIRECTION = {"Cassation": "cassation", "Cassation partielle": "cassation", "Rejet": "rejet"}
"""Solutions that take a side; others (irrecevabilité, non-lieu à statuer, désistement) answer no question."""


def opposite(first: str, second: str) -> bool:
    """Whether two solutions answer in opposite directions (a cassation, even partial, against a rejection)."""
    a, b = DIRECTION.get(first), DIRECTION.get(second)
    return a is not None and b is not None and a != b


def divergences(linked: Mapping[str, Sequence[str]], solutions: Mapping[str, str]) -> pd.DataFrame:
    """Each unordered pair of decisions brought together (a decision and the ones linked to it on the same legal
    question, e.g. its first results) whose solutions are opposite; one row per pair, sorted."""
    pairs = set()
    for decision, others in linked.items():
        group = [decision, *others]
        for i, first in enumerate(group):
            for second in group[i + 1:]:
                if first != second and opposite(solutions.get(first, ""), solutions.get(second, "")):
                    pairs.add(tuple(sorted((first, second))))
    rows = [(a, b, solutions[a], solutions[b]) for a, b in sorted(pairs)]
    return pd.DataFrame(rows, columns=["DECISION_A", "DECISION_B", "SOLUTION_A", "SOLUTION_B"])


DIVERGENT_SHARE = 0.3
"""A question's case law diverges when at least this share of its decisions that take a side take the other one:
below it, the odd decision is an accident of the facts; above it, two lines of case law coexist."""


def diverges(solutions: Sequence[str], share: float = DIVERGENT_SHARE) -> bool:
    """Whether decisions brought together answer both ways, the minority at least `share` of those taking a side."""
    sides = [DIRECTION[s] for s in solutions if s in DIRECTION]
    if len(sides) < 2:
        return False
    minority = min(sides.count("cassation"), sides.count("rejet"))
    return minority / len(sides) >= share


def divergence_scores(
    rankings: Sequence[Sequence[str]], relevant: Sequence[Sequence[str]], solutions: Mapping[str, str], depth: int = 10,
) -> dict[str, float]:
    """The laureate's goal, scored: for each query (an appeal decision), is its legal question's case law flagged
    as divergent from the `depth` decisions it was brought together with, as it truly is (from all the Cour's
    decisions on the question, its relevant ones)? Precision, recall and F1 of the flags over the queries."""
    truth = np.array([diverges([solutions[d] for d in right if d in solutions]) for right in relevant])
    flags = np.array([diverges([solutions[d] for d in ranked[:depth] if d in solutions]) for ranked in rankings])
    hits = float((truth & flags).sum())
    precision = hits / float(flags.sum()) if flags.any() else 0.0
    recall = hits / float(truth.sum()) if truth.any() else float("nan")
    f1 = 2 * precision * recall / (precision + recall) if precision + recall > 0 else 0.0
    return {"divergence_precision": precision, "divergence_recall": recall, "divergence_f1": f1}
