"""Reading a project's data file and pseudonymising it before anything else sees it."""

from __future__ import annotations

import hashlib
import hmac
import re
import unicodedata
from collections.abc import Collection
from pathlib import Path

import pandas as pd

from flows.steps import names as person_names
from projects.contract import Project

PLACEHOLDER = "[PERSONNE]"
# Identifiers that can appear in any free text, whoever wrote it; scrubbed before names, so that a name inside an
# e-mail address does not break the address in two and leave its other half.
PATTERNS = {
    # Starts where a run of address characters starts: tried from every position of a long word, it is quadratic.
    "[EMAIL]": re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+"),
    "[NIR]": re.compile(
        r"\b[12][\s.-]?\d{2}[\s.-]?(?:0[1-9]|1[0-2])[\s.-]?(?:\d{2}|2[AB])[\s.-]?\d{3}[\s.-]?\d{3}(?:[\s.-]?\d{2})?\b"
    ),
    "[TELEPHONE]": re.compile(r"(?:(?:\+|\b00)33[\s.-]?(?:\(0\)[\s.-]?)?|\b0)[1-9](?:[\s.-]?\d{2}){4}\b"),
}
_STREET = (
    r"(?i:rue|avenue|av|boulevard|bd|chemin|place|all[ée]e|impasse|route|quai|cours|square|r[ée]sidence|lotissement|"
    r"hameau|lieu-dit|voie|passage|sentier|esplanade|promenade|parvis|faubourg|cit[ée]|villa|sente|mail)"
)
_PARTICLE = r"(?:d['’]|l['’]|de|du|des|la|le|les|au|aux|en|sur|sous|et|à)"
_CAPITALISED = r"[A-ZÀ-ÖØ-Þ][\w'’-]*"
ADDRESS = re.compile(
    rf"\b\d{{1,4}}(?:\s?(?:bis|ter|quater))?,?\s+{_STREET}\.?\s+(?:{_PARTICLE}\s*)*{_CAPITALISED}"
    rf"(?:\s+(?:{_PARTICLE}\s*)*{_CAPITALISED})*(?:,?\s+\d{{5}}\s+{_CAPITALISED}(?:[\s-]+{_CAPITALISED})*)?"
)
"""A street address anyone writes in a text ("4 bis allée Jean-Jaurès, 31000 Toulouse"): a number, a kind of street,
capitalised words; scrubbed after the file's own names and addresses, which go whole."""
_NAME_PART = re.compile(r"[^\W\d_]{3,}")
EXAMPLES = 3


class DataUnreadable(ValueError):
    """The data file is missing, truncated or not Parquet, or a text column of it is not UTF-8."""


def read(path: Path) -> pd.DataFrame:
    """The project's Parquet file, or an error that names it (and the column, when one holds text that is not UTF-8).

    Text stored as Parquet binary (a writer that did not mark it as UTF-8) is decoded here: every column is text,
    numbers, dates or booleans, and text is UTF-8."""
    try:
        frame = pd.read_parquet(path)
    except FileNotFoundError:
        raise DataUnreadable(f"{path}: no such file") from None
    except Exception as error:  # pyarrow raises several unrelated types for truncated or foreign files
        _check_text(path)  # names the column when bad text is what failed
        raise DataUnreadable(f"{path}: cannot be read as Parquet ({type(error).__name__}: {error})") from None
    for column in _check_text(path):
        frame[column] = frame[column].map(lambda value: value.decode("utf-8") if isinstance(value, bytes) else value)
    return frame


TRUTH = {"true": True, "false": False, "1": True, "0": False}


def read_csv(path: Path, like: pd.DataFrame) -> pd.DataFrame:
    """A CSV file with the column types of `like` (a few rows in the source's shape). Read as text first, so that
    "33" stays a département and "007" a code; a value that does not convert names its column."""
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""], encoding="utf-8")
    except FileNotFoundError:
        raise DataUnreadable(f"{path}: no such file") from None
    except (OSError, ValueError, UnicodeDecodeError) as error:  # pandas' parser errors are ValueErrors
        raise DataUnreadable(f"{path}: cannot be read as UTF-8 CSV ({type(error).__name__}: {error})") from None
    for column in frame.columns.intersection(like.columns):
        frame[column] = _typed(frame[column], like[column].dtype, path)
    return frame


def _typed(values: pd.Series, dtype: object, path: Path) -> pd.Series:
    try:
        if pd.api.types.is_datetime64_any_dtype(dtype):
            return pd.to_datetime(values).astype(dtype)
        if pd.api.types.is_bool_dtype(dtype):
            return values.map(lambda v: v if pd.isna(v) else TRUTH[v.strip().lower()])
        if pd.api.types.is_numeric_dtype(dtype):
            numbers = pd.to_numeric(values)
            whole = pd.api.types.is_integer_dtype(dtype) and numbers.notna().all()
            return numbers.astype(dtype) if whole else numbers.astype("float64")
    except (ValueError, TypeError, KeyError) as error:
        raise DataUnreadable(f"{path}: column {values.name} holds a value that is not {dtype} ({error})") from None
    return values


def _check_text(path: Path) -> list[str]:
    """Refuse the file when a text column (string or binary) holds bytes that are not UTF-8; return its binary
    columns. pyarrow reads a string column without checking its bytes, and fails later, far from the file.

    The message gives row numbers, never the bytes: they may be a name."""
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    try:
        schema = pq.read_schema(path)
    except Exception:  # not even a footer: the caller says the file cannot be read
        return []
    large = (pa.types.is_large_string, pa.types.is_large_binary)
    text = {
        field.name: pa.large_binary() if any(test(field.type) for test in large) else pa.binary()
        for field in schema
        if pa.types.is_string(field.type) or pa.types.is_binary(field.type) or any(test(field.type) for test in large)
    }
    if not text:
        return []
    try:
        table = pq.read_table(path, columns=list(text), schema=pa.schema(list(text.items())))
    except Exception:  # damaged beyond text: the caller's message says the file cannot be read
        return []
    for column in text:
        try:
            pc.cast(table.column(column), pa.string())
        except pa.ArrowInvalid:
            _refuse(path, column, table.column(column).to_pylist())
    return [field.name for field in schema if pa.types.is_binary(field.type) or pa.types.is_large_binary(field.type)]


def _refuse(path: Path, column: str, values: list[bytes | None]) -> None:
    bad = [row for row, value in enumerate(values) if value is not None and not _utf8(value)]
    rows = ", ".join(map(str, bad[:EXAMPLES])) + (", …" if len(bad) > EXAMPLES else "")
    raise DataUnreadable(f"{path}: column {column}: {len(bad)} value(s) are not UTF-8 text (rows {rows}); write the file in UTF-8")


def _utf8(value: bytes) -> bool:
    try:
        value.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def pseudonym(value: object, key: bytes) -> str:
    """A stable opaque token: the same person gets the same token under the same key, and no name leaves."""
    return "p_" + hmac.new(key, str(value).encode(), hashlib.sha256).hexdigest()[:16]


def pseudonymise(df: pd.DataFrame, project: Project, key: bytes) -> pd.DataFrame:
    """Scrub free text of identifier patterns, replace the persons a French recogniser finds in it by tokens
    (flows/steps/names.py), scrub every personal value of the file, every word of the persons found, and street
    addresses, then replace personal columns by tokens.

    A person of the file's personal columns becomes `PLACEHOLDER`, as before; the recogniser's tokens are for the
    others. A person found in one text is scrubbed from every text of the file: the recogniser misses some
    mentions ("Mon voisin Rachid Marchetti a tout vu"), rarely all of them."""
    out = df.copy()
    present = [column for column in project.personal if column in out.columns]
    texts = [column for column in project.free_text if column in out.columns]
    known = _name_pattern(out, present) if texts else None
    labelled = _labelled_terms(out, project) if texts else frozenset()
    masked = _mask_labelled(out, project, texts)  # the spans a task labels stay as written (see _mask_labelled)
    found: set[str] = set()

    def token(name: str) -> str | None:
        if known is not None and known.fullmatch(name):
            return None  # the file's own person: scrubbed with the file's names below
        if "\ue000" in name or any(name in term for term in labelled):
            return None  # a term the task labels (a histology, a stage): the recogniser took it for a person
        found.add(name)
        return pseudonym(name, key)

    for column in texts:
        out[column] = person_names.replace(identifiers(out[column]), token)
    names = _name_pattern(out, present, found, keep=labelled) if found else known
    for column in texts:
        out[column] = scrub(out[column], names)
    _unmask(out, masked)
    for column in present:
        values = out[column]
        tokens = {value: pseudonym(value, key) for value in values.dropna().unique()}
        out[column] = values.map(tokens).astype("str").where(values.notna())
    return out


MASK = "\ue000{}\ue001"
"""A labelled span, while the persons are looked for: private-use characters that no pattern or name matches."""


def _mask_labelled(df: pd.DataFrame, project: Project, texts: list[str]) -> dict[tuple[str, object], list[str]]:
    """An entity-extraction target points at spans of its text ("cT4N0M0", "Radiothérapie palliative"): the
    recogniser and the name scrub must not rewrite them, or the labels point at nothing. They are masked in place,
    and put back by `_unmask`; a person inside a labelled span would be a labelling error, not a name to keep."""
    if project.task != "entities" or project.target not in df or not texts:
        return {}
    from flows.steps.kinds.entities import anchors

    column, masked = texts[0], {}
    for index, text, value in zip(df.index, df[column], df[project.target], strict=True):
        surfaces = sorted({surface for _, surface, _ in anchors(value)}, key=len, reverse=True)
        if not isinstance(text, str) or not surfaces:
            continue
        for number, surface in enumerate(surfaces):
            text = text.replace(surface, MASK.format(number))
        df.at[index, column] = text
        masked[(column, index)] = surfaces
    return masked


def _unmask(df: pd.DataFrame, masked: dict[tuple[str, object], list[str]]) -> None:
    for (column, index), surfaces in masked.items():
        text = df.at[index, column]
        for number, surface in enumerate(surfaces):
            text = text.replace(MASK.format(number), surface)
        df.at[index, column] = text


def _labelled_terms(df: pd.DataFrame, project: Project) -> frozenset[str]:
    """The surfaces an entity-extraction target labels in the texts: never a person to replace."""
    if project.task != "entities" or project.target not in df:
        return frozenset()
    from flows.steps.kinds.entities import anchors

    return frozenset(surface for value in df[project.target].dropna() for _, surface, _ in anchors(value))


def identifiers(texts: pd.Series) -> pd.Series:
    """Identifier patterns (e-mail, NIR, telephone) replaced by placeholders; non-text values left as they are."""
    if not (pd.api.types.is_string_dtype(texts) or texts.dtype == object):
        return texts
    out = texts
    for placeholder, pattern in PATTERNS.items():
        out = out.str.replace(pattern, placeholder, regex=True)
    return out


def scrub(texts: pd.Series, names: re.Pattern[str] | None) -> pd.Series:
    """Replace identifier patterns, then the file's personal words, then street addresses by placeholders;
    non-text values are left as they are."""
    if not (pd.api.types.is_string_dtype(texts) or texts.dtype == object):
        return texts
    out = identifiers(texts)
    if names is not None:
        out = out.str.replace(names, PLACEHOLDER, regex=True)
    return out.str.replace(ADDRESS, "[ADRESSE]", regex=True)


COMMON_WORDS = frozenset(
    "rue avenue boulevard chemin place allée allee impasse route quai cours square résidence residence lieu dit "
    "lotissement hameau bâtiment batiment appartement cedex des les del della van von bis ter aux sur sous".split()
)
"""Words of addresses and names that identify nobody: scrubbing them from every text would maim it ("rue", "des")."""


def _identifying(words: list[str]) -> bool:
    return any(_NAME_PART.fullmatch(word) and word.lower() not in COMMON_WORDS for word in words)


def _name_pattern(
    df: pd.DataFrame, columns: list[str], persons: Collection[str] = (), keep: Collection[str] = ()
) -> re.Pattern[str] | None:
    """One prefix-tree alternation of every personal value in the file (whole: an IPP or a date of birth, which has
    no letters, goes too), of each run of 2 to `LONGEST_RUN` of its words and of each of its words of 3+ letters
    (those that identify nobody, as "rue des", left). It ignores case, accents, and hyphens between words: a report
    writes "Jean MARTIN", a speech-to-text layer "jean martin", a hurried note "Jeremie" for "Jérémie". A surname
    that is also a word ("Petit") goes wherever the file holds such a person: privacy over a few words. Longest
    first, so that "Da Silva" goes as a whole, particle included.

    Any value length is safe: runs are bounded (all the runs of a value of n words would be n² of them), and an
    entry longer than `LONGEST_IN_TREE` goes beside the tree, as its first characters and the rest of their token
    (its other words are in the tree): the tree's depth stays bounded (a deeper one exhausts Python's and the
    regex compiler's recursion), and a value of 10⁵ characters compiles in milliseconds."""
    words: set[str] = set()
    for column in columns:
        for value in df[column].dropna().astype(str).unique():
            words.update(_entries(value))
    for person in persons:  # the names found in the texts, as if a column held them
        words.update(_entries(person))
    if keep:  # words of the terms a task labels are never taken for a person found by the recogniser
        kept = {_fold(word) for term in keep for word in term.split()}
        words = {word for word in words if _fold(word) not in kept}
    if not words:
        return None
    folded = {_fold(word) for word in words}
    short = {word for word in folded if len(word) <= LONGEST_IN_TREE}
    flat = {"".join(map(_character, word[:LONGEST_IN_TREE])) + r"\S*" for word in folded - short}
    body = "|".join(([_trie(short)] if short else []) + sorted(flat))
    return re.compile(rf"\b(?:{body})\b", re.IGNORECASE)  # fullmatch too: the bounds hold at a text's ends


LONGEST_RUN = 5
"""Words of a name run: "Jean-Pierre de la Fontaine" is four."""
LONGEST_IN_TREE = 100
"""Characters of a prefix-tree entry; longer personal values (a pasted paragraph) are matched flat."""


def _entries(value: str) -> set[str]:
    """What a personal value scrubs from free text: its runs of words, its identifying words, itself whole."""
    parts = value.split()
    runs = (parts[i:j] for i in range(len(parts)) for j in range(i + 2, min(i + LONGEST_RUN, len(parts)) + 1))
    found = {" ".join(run) for run in runs if _identifying(run)}
    found.update(word for word in _NAME_PART.findall(value) if _identifying([word]))
    if len(value.strip()) >= 3:  # the whole value too: an IPP or a date of birth copied into a report
        found.add(" ".join(parts))
    return found


_VARIANTS = {"a": "aàâäá", "c": "cç", "e": "eéèêë", "i": "iîïí", "n": "nñ", "o": "oôöó", "u": "uùûüú", "y": "yÿ"}


def _fold(word: str) -> str:
    """Lower case, without accents, hyphens as spaces, one kind of apostrophe: the key of a word in the tree."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c)).lower()
    return " ".join(plain.replace("-", " ").split()).replace("’", "'")


def _character(folded: str) -> str:
    """What a folded character matches in a text: its accented forms, any run of spaces or hyphens, either apostrophe."""
    if folded == " ":
        return r"[\s-]+"
    if folded == "'":
        return "['’]"
    if folded in _VARIANTS:
        return f"[{_VARIANTS[folded]}]"
    return re.escape(folded)


def _trie(words: set[str]) -> str:
    """The words as one prefix-tree regex: thousands of names (every address of a file) scrub in one quick pass,
    where a flat alternation tries each name at each position. Longer words are tried first at each branch."""
    root: dict = {}
    for word in words:
        node = root
        for character in word:
            node = node.setdefault(character, {})
        node[""] = {}

    def emit(node: dict) -> str:
        branches = [_character(character) + emit(child) for character, child in sorted(node.items()) if character]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(root)
