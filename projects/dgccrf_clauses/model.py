"""TF-IDF of the clause (words and word pairs) plus the document type and sector, into a logistic regression
(`projects/_shared/text.py`).

Unfair and licit clauses share their words; what differs is in pairs ("sans préavis", "font seuls", "à titre
indicatif", "sans frais"), hence bigrams. A logistic regression gives a probability per clause, so investigators
can read the likeliest unfair clauses first, and lets the base explain each flag exactly, column by column.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from projects._shared import text

TEXT = "TEXTE_CLAUSE"
CATEGORIES = ("TYPE_DOCUMENT", "SECTEUR")
FEATURES = (TEXT, *CATEGORIES)

LEXICON = Path(__file__).parent / "reference" / "lexique_clauses_abusives.csv"
"""Expressions of the black and grey lists: the status quo's rule, and features of the model when asked."""

Params = text.Params


def make_model(params: text.Params) -> Any:
    """The unfitted pipeline: `prepare` (TF-IDF of the clause, document type and sector) then `model`."""
    return text.make_model(params, TEXT, categories=CATEGORIES, lexicon=str(LEXICON))
