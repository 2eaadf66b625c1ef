"""The board's standard summary of one patient, built from the entities found in their report(s).

Pure functions over `(text, spans)`: what the CRF (or an annotator) found becomes the fields a pneumologist
fills before the board: histology, T/N/M, each biomarker's status and the PD-L1 score, the performance status,
and the treatments proposed. Unreadable values stay as written, so the doctor sees them, never a guess.
"""

from __future__ import annotations

import re
import unicodedata

TNM = re.compile(r"(?P<prefix>yp|p|c)?T(?P<T>[0-4][abc]?|is|x)\s*c?N(?P<N>[0-3x])\s*c?M(?P<M>0|1[abc]?|x)", re.IGNORECASE)
PERCENT = re.compile(r"(\d{1,3})\s*%")
PERFORMANCE = re.compile(r"(\d)")
HISTOLOGY_FAMILIES = (  # abbreviation or stem → family, most specific first
    ("petites cellules", "carcinome à petites cellules"), ("cbpc", "carcinome à petites cellules"),
    ("grandes cellules", "carcinome neuroendocrine à grandes cellules"), ("cnegc", "carcinome neuroendocrine à grandes cellules"),
    ("epidermoide", "carcinome épidermoïde"), ("ce", "carcinome épidermoïde"),
    ("adenocarcinome", "adénocarcinome"), ("adk", "adénocarcinome"),
    ("sarcomatoide", "carcinome sarcomatoïde"), ("adenosquameux", "carcinome adénosquameux"),
)
NEGATIVE = ("non mute", "sauvage", "negatif", "absence", "non rearrange", "neg")
POSITIVE = ("mute", "mutation", "rearrange", "rearrangement", "fusion", "positif", "g12")


def plain(text: str) -> str:
    """Lower case without accents: "Réarrangé" and "rearrange" read alike."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def summarise(text: str, spans: list[tuple[int, int, str]]) -> dict:
    """One patient's summary from a report's text and its `(start, end, type)` entities."""
    found: dict[str, list[str]] = {}
    for start, end, kind in sorted(spans):
        found.setdefault(kind, []).append(text[start:end])
    return {
        "histologie": _histology(found.get("HISTOLOGIE", [])),
        "tnm": _tnm(found.get("STADE_TNM", [])),
        "biomarqueurs": _biomarkers(found.get("BIOMARQUEUR", [])),
        "etat_general_oms": _performance(found.get("ETAT_GENERAL", [])),
        "traitements_proposes": list(dict.fromkeys(found.get("TRAITEMENT", []))),
    }


def _histology(mentions: list[str]) -> str | None:
    for mention in mentions:
        words = plain(mention)
        for stem, family in HISTOLOGY_FAMILIES:
            if re.search(rf"\b{stem}", words):
                return family
    return mentions[0] if mentions else None


def _tnm(mentions: list[str]) -> dict | None:
    for mention in mentions:
        match = TNM.search(mention)
        if match:
            return {"T": match["T"], "N": match["N"], "M": match["M"], "clinique": (match["prefix"] or "c").lower() == "c"}
    return {"texte": mentions[0]} if mentions else None


def _biomarkers(mentions: list[str]) -> dict:
    """Status of each of EGFR, ALK, ROS1, KRAS (the variant when written), and the PD-L1 score in %."""
    out: dict = {}
    for mention in mentions:
        words = plain(mention)
        if "pd-l1" in words or "tps" in words:
            percent = PERCENT.search(words)
            out["PD-L1 (%)"] = int(percent.group(1)) if percent else mention
            continue
        for marker in ("egfr", "alk", "ros1", "kras"):
            if marker in words:
                negative = any(term in words for term in NEGATIVE)
                variant = re.search(r"\b(g12[a-z]|l858r)\b", words) or re.search(r"\b(exon \d+)", words)
                status = "négatif" if negative else "positif" if any(term in words for term in POSITIVE) else mention
                out[marker.upper()] = f"{status} ({variant.group(1).upper()})" if variant and not negative else status
    return out


def _performance(mentions: list[str]) -> int | None:
    for mention in mentions:
        digit = PERFORMANCE.search(mention)
        if digit:
            return int(digit.group(1))
    return None


FIELDS = ("histologie", "tnm", "biomarqueurs", "etat_general_oms", "traitements_proposes")


def agreement(
    texts: list[str], gold: list[list[tuple[int, int, str]]], found: list[list[tuple[int, int, str]]]
) -> dict[str, float]:
    """Field by field, the share of reports whose summary from the entities found equals the summary from the
    annotated ones (a field the doctor would not have to correct); `complete`: every field right."""
    right = {field: 0 for field in (*FIELDS, "complete")}
    for text, expected_spans, found_spans in zip(texts, gold, found, strict=True):
        expected, proposed = summarise(text, expected_spans), summarise(text, found_spans)
        same = [expected[field] == proposed[field] for field in FIELDS]
        for field, ok in zip(FIELDS, same, strict=True):
            right[field] += ok
        right["complete"] += all(same)
    return {field: count / max(len(texts), 1) for field, count in right.items()}
