"""Fake people planted in a project's data, and a search for them in any text or bytes.

Pure helpers of tests/reliability/test_privacy.py: nothing here starts a server.
"""

from __future__ import annotations

import json
import re
import unicodedata
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from projects.contract import Project


@dataclass(frozen=True)
class Person:
    """A fake person: every identifier is invented, distinctive, and in the format French records use."""

    first: str
    last: str
    phone: str
    nir: str
    email: str
    address: str
    birth: str
    ipp: str
    worker: str

    @property
    def full(self) -> str:
        return f"{self.first} {self.last}"


PERSONS = (
    Person(
        "Zéphyrin", "Quatrebarbe", "06 47 58 69 21", "1 84 07 75 116 042 57", "zephyrin.quatrebarbe@courriel-fictif.fr",
        "17 rue Clothaire Mirabolant", "03/11/1984", "900000417", "SIS990000417",
    ),
    Person(
        "Philomène", "Oudinotte", "+33 7 81 92 03 14", "2 91 12 2A 031 517 08", "p.oudinotte@exemple-fictif.fr",
        "4 bis allée Brunehilde Caradeuc", "21/12/1991", "900000533", "SIS990000533",
    ),
    Person(
        "Théodebert", "Kervrazic", "05.61.72.83.94", "1 67 03 31 555 123 45", "theodebert.kervrazic@boite-fictive.org",
        "112 chemin Ursule Pontbriand", "09/03/1967", "900000689", "SIS990000689",
    ),
)
ROWS_EACH = 6
"""Rows each person is planted in: enough for a word to pass a vectoriser's min_df and reach the test rows."""


@dataclass(frozen=True)
class Identifier:
    person: int
    kind: str
    value: str

    @property
    def pattern(self) -> re.Pattern[str]:
        """How the value is found in normalised text (lower case, no accents): numbers whatever their separators,
        words as whole words."""
        text = normalise(self.value)
        if self.kind in ("phone", "nir", "ipp", "birth"):
            digits = [c for c in text if c.isalnum()]
            if self.kind == "phone" and text.startswith("+33"):
                digits = digits[2:]  # "+33 7 81…" is also written "07 81…": search its national digits
            return re.compile(r"(?<![0-9a-z])" + r"[\s./+-]{0,2}".join(map(re.escape, digits)) + r"(?![0-9a-z])")
        words = re.split(r"[\s]+", text)
        return re.compile(r"(?<![0-9a-z])" + r"\W{1,3}".join(map(re.escape, words)) + r"(?![0-9a-z])")


def normalise(text: str) -> str:
    """Lower case without accents: vectorisers lower-case and may strip accents, so the search does both."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


# ── planting ─────────────────────────────────────────────────────────────────────────────────────────────────────


def _kind(column: str, project: Project) -> str:
    """Which identifier a personal column holds, from its name (the laureates' field names)."""
    upper = column.upper()
    for marker, kind in (("TELEPHONE", "phone"), ("ADRESSE", "address"), ("NAISSANCE", "birth"), ("IPP", "ipp"),
                         ("TRAVAILLEUR", "worker"), ("PRENOM", "first")):
        if marker in upper:
            return kind
    has_first = any("PRENOM" in other.upper() for other in project.personal)
    return "last" if upper.startswith("NOM") and has_first else "full"


def _value(person: Person, kind: str) -> str:
    return person.full if kind == "full" else getattr(person, kind)


def _rows(frame: pd.DataFrame, project: Project) -> list[list[int]]:
    """Positions of the rows each person takes: whole groups when the group is a person (a worker's months),
    else rows spread over the file."""
    if project.group in project.personal:
        groups = frame[project.group].drop_duplicates().tolist()
        chosen = groups[:: max(1, len(groups) // (len(PERSONS) + 1))][1 : len(PERSONS) + 1]
        return [list(frame.index[frame[project.group] == value]) for value in chosen]
    step = max(1, len(frame) // (len(PERSONS) * ROWS_EACH))
    return [list(range(i, len(frame), step * len(PERSONS)))[:ROWS_EACH] for i in range(len(PERSONS))]


def plant(frame: pd.DataFrame, project: Project) -> tuple[pd.DataFrame, list[Identifier]]:
    """The frame with each fake person in their rows: personal columns get their values, free texts mention them
    as the generator mentions the person it replaces, and end with a sentence of their phone, NIR, e-mail and
    address. Returns the identifiers planted."""
    out = frame.copy()
    planted: set[Identifier] = set()
    for number, (person, rows) in enumerate(zip(PERSONS, _rows(out, project), strict=False)):
        for row in rows:
            swaps = []
            for column in project.personal:
                kind = _kind(column, project)
                new = _value(person, kind)
                old = out.at[row, column]
                if isinstance(old, str) and old.strip():
                    swaps.append((old, new))
                out.at[row, column] = new
                planted.update(_identifiers(number, kind, person))
            for column in project.free_text:
                text = out.at[row, column]
                if isinstance(text, str):
                    out.at[row, column] = _mention(text, swaps) + _sentence(person, named=bool(project.personal))
            if project.free_text:
                kinds = ["phone", "nir", "email", "address"] + (["first", "last"] if project.personal else [])
                planted.update(identifier for kind in kinds for identifier in _identifiers(number, kind, person))
    return out, sorted(planted, key=lambda i: (i.person, i.kind))


def _identifiers(number: int, kind: str, person: Person) -> list[Identifier]:
    kinds = ("first", "last") if kind == "full" else (kind,)
    return [Identifier(number, k, _value(person, k)) for k in kinds]


def _mention(text: str, swaps: list[tuple[str, str]]) -> str:
    """The text with the replaced person's values (whole, word by word, in capitals too) turned into the new ones."""
    for old, new in sorted(swaps, key=lambda pair: -len(pair[0])):
        pairs = [(old, new)]
        old_words, new_words = old.split(), new.split()
        if len(old_words) == len(new_words) > 1:
            pairs += list(zip(old_words, new_words, strict=True))
        for before, after in pairs:
            text = text.replace(before.upper(), after.upper()).replace(before, after)
    return text


def _sentence(person: Person, named: bool) -> str:
    who = f"{person.first} {person.last.upper()}, " if named else ""
    return f" Contact : {who}tél. {person.phone}, NIR {person.nir}, {person.email}, {person.address}."


# ── searching ────────────────────────────────────────────────────────────────────────────────────────────────────


def texts_of_bytes(blob: bytes) -> Iterator[str]:
    """Every reading of a blob that could show a planted value: UTF-8 (JSON escapes undone), and UTF-16/32 at each
    alignment (numpy stores strings as UTF-32); a zip (skops models) is read member by member."""
    if blob[:4] == b"PK\x03\x04":
        try:
            import io

            with zipfile.ZipFile(io.BytesIO(blob)) as archive:
                for member in archive.namelist():
                    yield from texts_of_bytes(archive.read(member))
            return
        except zipfile.BadZipFile:
            pass
    text = blob.decode("utf-8", errors="ignore")
    yield text
    if "\\u" in text:
        yield re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), text)
    for encoding, width in (("utf-16-le", 2), ("utf-32-le", 4)):
        for offset in range(width):
            yield blob[offset:].decode(encoding, errors="ignore")


def texts_of_folder(folder: Path) -> Iterator[tuple[str, str]]:
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            for text in texts_of_bytes(path.read_bytes()):
                yield str(path.relative_to(folder)), text


def search(identifiers: Iterable[Identifier], sources: Iterable[tuple[str, str]]) -> dict[Identifier, list[str]]:
    """Where each identifier is found: the places (with a little context), empty lists for none."""
    identifiers = list(identifiers)
    found: dict[Identifier, list[str]] = {identifier: [] for identifier in identifiers}
    for where, text in sources:
        haystack = normalise(text)
        for identifier in identifiers:
            match = identifier.pattern.search(haystack)
            if match:
                found[identifier].append(f"{where}: …{haystack[max(0, match.start() - 40) : match.end() + 20]}…")
    return found


def frame_text(frame: pd.DataFrame) -> str:
    return frame.to_csv(index=False)


def as_json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, default=str)
