"""The watch list the analysts check names against (reference/liste_surveillance.csv: 1,500 fictitious entities, in
the shape of the Trésor's registre national des gels — identifier, name, nature, regime, date of listing).

Read by the generator (to hide listed entities in chains) and by the model and the status quo (to match names); a
real deployment replaces the file with the current lists, without code change."""

from __future__ import annotations

import csv
import re
import unicodedata
from functools import cache
from pathlib import Path

LIST = Path(__file__).parent / "reference" / "liste_surveillance.csv"
LEGAL_FORMS = ("Ltd", "SA", "SAS", "GmbH", "BV", "LLC", "Inc.", "AG", "Holding", "Group", "Co.", "S.à r.l.")
_LEGAL_FORM = re.compile(r"\s+(?:" + "|".join(re.escape(form) for form in LEGAL_FORMS) + r")$", re.IGNORECASE)


@cache
def names() -> tuple[str, ...]:
    with LIST.open(encoding="utf-8", newline="") as file:
        return tuple(row["NOM"] for row in csv.DictReader(file))


def bare(name: str) -> str:
    """The name without its legal form (Ltd, SAS, GmbH…), which says nothing about who owns it."""
    return _LEGAL_FORM.sub("", name.strip())


def key(name: str) -> str:
    """The exact-lookup key: legal form removed, accents and case folded, spaces collapsed."""
    plain = unicodedata.normalize("NFKD", bare(name)).encode("ascii", "ignore").decode()
    return " ".join(re.sub(r"[^\w\s-]", " ", plain).lower().split())
