"""Divergent answers: decisions brought together on one legal question whose solutions are opposite.

A cassation disapproves the answer the court of appeal gave; a rejection approves it. Two decisions of the Cour on
the same question, one casse and one rejette, are a signal that the case law may diverge (between chambers, or
over time): a reviewer of the documentation service reads both. It is a signal, not a finding: the two courts of
appeal may have answered in opposite ways, and then the two solutions agree.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

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
