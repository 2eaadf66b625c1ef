"""Mandatory mentions: which ones a document of a given type lacks.

Pure functions over the text of a document (all its clauses). The list per document type (`texts.REQUIRED`)
summarises the code de la consommation (identity of the professional, price TTC, médiateur L616-1, withdrawal
right L221-5 for distance and off-premises sales, quotes of repair and building work) and the code de commerce
for invoices (L441-9: number, VAT, payment terms). Each mention is recognised by the wordings professionals use.
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np
import pandas as pd

from .texts import REQUIRED

PATTERNS: dict[str, re.Pattern[str]] = {
    "identité du professionnel": re.compile(r"\b(?:SIRE[NT]|RCS)\b\s*[\w ]*?\d{9}", re.I),
    "médiateur de la consommation": re.compile(r"m[ée]diat(?:eur|ion) de la consommation", re.I),
    "prix TTC": re.compile(r"(?:TTC|toutes taxes comprises)\s*:?\s*\d", re.I),
    "taux de TVA": re.compile(r"\bTVA\b[^.]{0,40}?\d{1,2}(?:[,.]\d+)?\s*%|\d{1,2}(?:[,.]\d+)?\s*%[^.]{0,10}\bTVA\b", re.I),
    "durée de validité": re.compile(r"valable|validit[ée]", re.I),
    "décompte détaillé": re.compile(r"main[- ]d.(?:œ|oe)uvre", re.I),
    "numéro de facture": re.compile(r"(?:facture\s*n\s*°|n\s*°\s*de\s*facture)\s*:?\s*[\w/-]*\d", re.I),
    "conditions de paiement": re.compile(r"(?:[ée]ch[ée]ance|conditions de paiement)[^.]*\.?[^.]*p[ée]nalit[ée]s de retard", re.I),
    "droit de rétractation": re.compile(r"r[ée]tract(?:ation|er)[^.]{0,80}quatorze jours|quatorze jours[^.]{0,80}r[ée]tract", re.I),
}


def missing_mentions(document_type: str, text: str) -> list[str]:
    """The mandatory mentions of `document_type` that `text` does not carry, in the order of `REQUIRED`."""
    if document_type not in REQUIRED:
        raise KeyError(f"TYPE_DOCUMENT {document_type!r} unknown; known: {', '.join(REQUIRED)}")
    return [name for name in REQUIRED[document_type] if not PATTERNS[name].search(text)]


def check_documents(clauses: pd.DataFrame) -> pd.DataFrame:
    """One row per ID_DOCUMENT: its type, its missing mentions (a list) and how many, read in its header and footer
    (`MENTIONS_DOCUMENT`) and its clauses."""
    texts = clauses.groupby("ID_DOCUMENT", sort=False).agg(
        TYPE_DOCUMENT=("TYPE_DOCUMENT", "first"), MENTIONS=("MENTIONS_DOCUMENT", "first"),
        CLAUSES=("TEXTE_CLAUSE", lambda parts: " ".join(parts.dropna())),
    )
    texts["TEXTE"] = texts["MENTIONS"].fillna("") + " " + texts["CLAUSES"]
    missing = [missing_mentions(kind, text) for kind, text in zip(texts["TYPE_DOCUMENT"], texts["TEXTE"])]
    return pd.DataFrame({"TYPE_DOCUMENT": texts["TYPE_DOCUMENT"], "MENTIONS_MANQUANTES": missing,
                         "NB_MANQUANTES": [len(m) for m in missing]}, index=texts.index)


METRICS = ("mentions_missing_f1", "mentions_documents_exact")


def score(model: Any, project: Any, rows: pd.DataFrame) -> dict[str, float]:
    """The check of mandatory mentions against the investigators' finding (`MENTIONS_MANQUANTES`), per document:
    `mentions_missing_f1`, the F1 of "missing" over every (document, required mention); `mentions_documents_exact`,
    the share of documents whose list of missing mentions is exactly the investigator's. The check is a rule: its
    score is the same beside the model and every baseline (`model` is not read)."""
    if rows.empty:
        return dict.fromkeys(METRICS, float("nan"))
    checked = check_documents(rows)
    found = rows.groupby("ID_DOCUMENT", sort=False)["MENTIONS_MANQUANTES"].first().reindex(checked.index)
    truth = [set(filter(None, str(value).split(";"))) if isinstance(value, str) else set() for value in found]
    said = [set(missing) for missing in checked["MENTIONS_MANQUANTES"]]
    pairs = [(name in t, name in s) for kind, t, s in zip(checked["TYPE_DOCUMENT"], truth, said) for name in REQUIRED[kind]]
    hits = sum(t and s for t, s in pairs)
    flagged, actual = sum(s for _, s in pairs), sum(t for t, _ in pairs)
    f1 = 2 * hits / (flagged + actual) if flagged + actual else 1.0
    return {"mentions_missing_f1": float(f1), "mentions_documents_exact": float(np.mean([t == s for t, s in zip(truth, said)]))}
