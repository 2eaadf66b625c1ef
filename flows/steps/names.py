"""Person names in free text, found by a French named-entity recogniser and replaced by the personal columns' tokens.

The file's own personal values are scrubbed by pattern (flows/steps/data.py); a third party named only in a text
(a neighbour in a pre-complaint, a physician in a report) is in no column. spaCy's `fr_core_news_md` finds them:
its `ner` and the `tok2vec` it listens to, nothing else (no parser, no lemmatizer), loaded from the installed
package once per process, on first use. Persons (`PER`) only: places and organisations stay, projects read them.

A name becomes `data.pseudonym(name, key)`, the token its person has in a personal column, so a person named in a
column and in a text is still one person; a civility before it ("M.", "Dr") stays in the text.

Any length: a text is read in chunks of at most `CHUNK` characters cut at a blank; a text without a capital letter
is not read (the recogniser finds no name there, and it costs most of the time).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import cache
from typing import Any

import pandas as pd

MODEL = "fr_core_news_md"
UNUSED = ("morphologizer", "parser", "attribute_ruler", "lemmatizer", "senter")
"""The package's components the recogniser does not listen to: its `ner` reads `tok2vec` only."""
PERSON = "PER"
CHUNK = 5000
"""Characters read at once: spaCy's cost grows with a document's length, and a name never spans 5,000 of them."""
BATCH = 256
_CAPITAL = re.compile(r"[A-ZÀ-ÖØ-Þ]")
_PLACEHOLDER = re.compile(r"\[[A-Z]+\]|\bp_[0-9a-f]{16}\b")
"""What pseudonymisation already wrote: never a name to replace again."""
_CIVILITY = re.compile(
    r"^(?:(?:m|mm|mme|mmes|mlle|mr|dr|pr|me|st|ste)\.?|monsieur|madame|mademoiselle|docteur|professeur|ma[iî]tre)\s+",
    re.IGNORECASE,
)


@cache
def recogniser() -> Any:
    """The French pipeline with only what its recogniser needs (once per process: loading it costs seconds)."""
    import importlib

    package = importlib.import_module(MODEL)  # the installed package, never a download
    return package.load(exclude=list(UNUSED))


def chunks(text: str, size: int = CHUNK) -> Iterator[tuple[int, str]]:
    """(offset, piece) of at most `size` characters, cut at the last blank before the limit when there is one."""
    start = 0
    while start < len(text):
        end = min(start + size, len(text))
        if end < len(text):
            blank = text.rfind(" ", start + size // 2, end)
            end = blank if blank > start else end
        yield start, text[start:end]
        start = end


def persons(texts: list[str], read: Callable[[list[str]], Iterator[Any]] | None = None) -> list[list[tuple[int, int]]]:
    """For each text, the (start, end) of the person names in it; `read` is the recogniser's `pipe` (a test's)."""
    read = read or (lambda pieces: recogniser().pipe(pieces, batch_size=BATCH))
    pieces = [(row, offset, piece) for row, text in enumerate(texts) if _CAPITAL.search(_PLACEHOLDER.sub("", text))
              for offset, piece in chunks(text)]
    found: list[list[tuple[int, int]]] = [[] for _ in texts]
    for (row, offset, _), doc in zip(pieces, read([piece for _, _, piece in pieces])):
        found[row] += [(offset + entity.start_char, offset + entity.end_char) for entity in doc.ents if entity.label_ == PERSON]
    return found


def replace(texts: pd.Series, token: Callable[[str], str | None]) -> pd.Series:
    """Every person name of each text replaced by `token(name)` (kept where it says None); non-text values left
    as they are."""
    present = texts.map(lambda value: isinstance(value, str) and bool(value))
    if not present.any():
        return texts
    values = texts[present].tolist()
    out = texts.copy()
    out[present] = [_replaced(text, spans, token) for text, spans in zip(values, persons(values))]
    return out


def _replaced(text: str, spans: list[tuple[int, int]], token: Callable[[str], str | None]) -> str:
    parts, last = [], 0
    for start, end in sorted(spans):
        name = text[start:end]
        civility = _CIVILITY.match(name)
        start += civility.end() if civility else 0
        name = text[start:end].strip()
        if start < last or not name or _PLACEHOLDER.search(name) or (replacement := token(name)) is None:
            continue
        parts += [text[last:start], replacement]
        last = end
    return "".join(parts) + text[last:]
