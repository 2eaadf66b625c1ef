"""TF-IDF of the transcript, on words and on character n-grams, into a class-balanced logistic regression
(`projects/_shared/text.py`), with the caller type one-hot.

Character n-grams (within word boundaries) catch what the recogniser mangles ("adérer", "ursafe", "atestation") and
what callers spell several ways; word n-grams catch the phrasing ("mot de passe", "chômage partiel"). A linear model
keeps each intent explainable word by word and gives the probabilities the bot needs to decide when to answer.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from projects._shared import text

TEXT = "TRANSCRIPTION"
CATEGORIES = ("TYPE_APPELANT",)
FILLERS = ("euh", "ben", "bah", "hein", "bon", "voila", "alors", "enfin", "quoi", "coup", "du", "en", "fait")
"""Hesitations carry no intent: dropped from the word vocabulary (accents already stripped)."""

LEXICON = Path(__file__).parent / "reference" / "lexique_intentions.csv"
"""The routing table's keywords per intent: the status quo's rule, and features of the model."""

Params = text.Params


def make_model(params: text.Params) -> Any:
    """The unfitted pipeline: `prepare` (word and character TF-IDF of the transcript, caller type) then `model`."""
    return text.make_model(params, TEXT, categories=CATEGORIES, stop_words=FILLERS, lexicon=str(LEXICON))
