"""TF-IDF of the complainant's story, on words and character n-grams, into a class-balanced logistic regression
(`projects/_shared/text.py`).

Word unigrams and bigrams carry the qualification ("porte forcée", "bon coin", "mon ex"); character n-grams within
words absorb the phone keyboard (no accents, "qqn", typos). The model stays linear so that the gendarme sees which
words led to "cambriolage" or "hors périmètre"; its probabilities let the intake screen ask a human when unsure.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from projects._shared import text

TEXT = "RECIT"

LEXICON = Path(__file__).parent / "reference" / "lexique_natures.csv"
"""Keywords per offence: the status quo's rule, and features of the model."""

Params = text.Params


def make_model(params: text.Params) -> Any:
    """The unfitted pipeline: `prepare` (word and character TF-IDF of RECIT) then `model`."""
    return text.make_model(params, TEXT, lexicon=str(LEXICON))
