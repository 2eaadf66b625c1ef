"""Reading a project's data file and pseudonymising it before anything else sees it."""

from __future__ import annotations

import hashlib
import hmac
import re
from pathlib import Path

import pandas as pd

from projects.contract import Project

PLACEHOLDER = "[PERSONNE]"
# Identifiers that can appear in any free text, whoever wrote it.
PATTERNS = {
    "[EMAIL]": re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"),
    "[NIR]": re.compile(r"\b[12]\s?\d{2}\s?(?:0[1-9]|1[0-2])\s?(?:\d{2}|2[AB])\s?\d{3}\s?\d{3}(?:\s?\d{2})?\b"),
    "[TELEPHONE]": re.compile(r"(?:\+33\s?|\b0)[1-9](?:[\s.-]?\d{2}){4}\b"),
}
_NAME_PART = re.compile(r"[^\W\d_]{3,}")


class DataUnreadable(ValueError):
    """The data file is missing, truncated or not Parquet."""


def read(path: Path) -> pd.DataFrame:
    """The project's Parquet file, or an error that names it."""
    try:
        return pd.read_parquet(path)
    except FileNotFoundError:
        raise DataUnreadable(f"{path}: no such file") from None
    except Exception as error:  # pyarrow raises several unrelated types for truncated or foreign files
        raise DataUnreadable(f"{path}: cannot be read as Parquet ({type(error).__name__}: {error})") from None


def pseudonym(value: object, key: bytes) -> str:
    """A stable opaque token: the same person gets the same token under the same key, and no name leaves."""
    return "p_" + hmac.new(key, str(value).encode(), hashlib.sha256).hexdigest()[:16]


def pseudonymise(df: pd.DataFrame, project: Project, key: bytes) -> pd.DataFrame:
    """Scrub free text of every personal value and identifier pattern, then replace personal columns by tokens."""
    out = df.copy()
    present = [column for column in project.personal if column in out.columns]
    names = _name_pattern(out, present)
    for column in project.free_text:
        if column in out.columns:
            out[column] = scrub(out[column], names)
    for column in present:
        values = out[column]
        tokens = {value: pseudonym(value, key) for value in values.dropna().unique()}
        out[column] = values.map(tokens).astype("str").where(values.notna())
    return out


def scrub(texts: pd.Series, names: re.Pattern[str] | None) -> pd.Series:
    """Replace known personal words and identifier patterns by placeholders; non-text values are left as they are."""
    if not (pd.api.types.is_string_dtype(texts) or texts.dtype == object):
        return texts
    out = texts
    for placeholder, pattern in PATTERNS.items():
        out = out.str.replace(pattern, placeholder, regex=True)
    if names is not None:
        out = out.str.replace(names, PLACEHOLDER, regex=True)
    return out


def _name_pattern(df: pd.DataFrame, columns: list[str]) -> re.Pattern[str] | None:
    """One case-sensitive alternation of every personal value in the file (whole), of each run of 2+ of its words,
    and of each of its words of 3+ letters. Longest first, so that "Da Silva" goes as a whole, particle included."""
    words: set[str] = set()
    for column in columns:
        for value in df[column].dropna().astype(str).unique():
            parts = value.split()
            if len(value) >= 3:  # the whole value too: an IPP or a date of birth copied into a report
                words.add(value)
            words.update(" ".join(parts[i:j]) for i in range(len(parts)) for j in range(i + 2, len(parts) + 1))
            words.update(_NAME_PART.findall(value))
    if not words:
        return None
    alternation = "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))
    return re.compile(rf"\b(?:{alternation})\b")
