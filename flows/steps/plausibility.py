"""What a reviewer checks in a delivery that a schema does not: its labels and its free text, from the declaration.

Written once for every project, not in 21 suites: the expectations follow from `Project.target`, `Project.task`,
`Project.free_text` and the classes the suite declares for the target (its `expect_column_values_to_be_in_set`).
- **labels**: a tenth of the targets filled, and at least two distinct ones (but for a change point, rare by
  design); where the target is one class per row, also no class beyond `MOST_COMMON_SHARE` of the rows and a
  normalised entropy above `ENTROPY_FLOOR`. A delivery whose target holds one class, or is empty, is refused here, not inside a fit.
- **free text**: no control character but tab and line breaks, at most half of the texts blank, a share of Latin
  letters and of rows holding a French function word: random Unicode, binary pasted as text or another language's corpus is refused.

Part of it is GX expectations added to the suite (`expectations`), part plain pandas (`review`): GX has no
expectation for a class's share or an entropy. Pure: no GX import here.
"""

from __future__ import annotations

import math
import re
from typing import Any

import pandas as pd

from projects.contract import Project

LABELLED_KINDS = frozenset({"classification", "anomaly"})
"""Task kinds whose target is one class per row."""
RARE_TARGET_KINDS = frozenset({"changepoint"})
"""A period of a station may hold no change point at all: one value of its target is plausible."""
LABELLED_SHARE = 0.1
"""Retrieval targets are often empty (a query without an answer): a tenth of them filled is the floor for all."""
MOST_COMMON_SHARE = 0.98
"""The largest plausible share of one class: above it, a delivery says nothing a model could learn from."""
ENTROPY_FLOOR = 0.1
"""Normalised entropy of the labels (0: one class, 1: uniform); 0.1 is a binary target at 98 / 2."""
CONTROL = r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]"
"""C0 and C1 control characters but tab, line feed and carriage return; bidirectional overrides, which make a text
read otherwise than it is written."""
LATIN_SHARE = 0.6
"""Share of a column's non-blank characters that are Latin letters (the projects' own texts: 0.85 to 0.97)."""
FRENCH_ROWS = 0.2
"""Share of a column's rows holding a French function word (the shortest texts, customs labels: 0.38)."""
FUNCTION_WORDS = frozenset(
    "le la les l de des du d un une et à au aux en dans pour par sur avec sans ne pas que qui est a été son sa ses "
    "ce cette il elle nous vous je j mon ma mes leur".split()
)
_LATIN = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿŒœ]")
_BLANK = re.compile(r"\s")
_WORD = re.compile(r"[^\W\d_]+")
BLANK_SHARE = 0.5
"""Share of a column's texts that may be only blanks (an unfilled form field)."""
SAMPLE = 5000
"""Rows of a free-text column read for its letters and words: enough for a share, bounded for 10⁵-character texts."""
LONGEST_READ = 2000
"""Characters of each sampled text read for its letters and words."""


def classes(project: Project, suite: dict[str, Any]) -> list[Any] | None:
    """The target's classes as the suite declares them, when the task kind reads one class per row."""
    if project.task not in LABELLED_KINDS:
        return None
    for entry in suite.get("expectations", []):
        kwargs = entry.get("kwargs") or {}
        if entry.get("type") == "expect_column_values_to_be_in_set" and kwargs.get("column") == project.target:
            return list(kwargs.get("value_set") or [])
    return None


def expectations(project: Project, suite: dict[str, Any]) -> list[dict[str, Any]]:
    """The GX expectations the declaration implies, in the suite's JSON form."""
    meta = {"notes": "generated from the project's declaration (flows/steps/plausibility.py)"}
    found = []
    if declares_target(project, suite):  # not a delivery to score, whose suite has its target taken out
        found.append(_entry("expect_column_values_to_not_be_null", column=project.target, mostly=LABELLED_SHARE))
        if project.task not in RARE_TARGET_KINDS:
            # one value in every row, whatever the kind (a class, a label set, a cluster): nothing to learn
            found.append(_entry("expect_column_unique_value_count_to_be_between", column=project.target, min_value=2))
    found += [_entry("expect_column_values_to_not_match_regex", column=column, regex=CONTROL) for column in project.free_text]
    return [entry | {"meta": meta} for entry in found]


def declares_target(project: Project, suite: dict[str, Any]) -> bool:
    """Whether the suite reads the target: a labelled delivery's suite does, one for scoring does not."""
    for entry in suite.get("expectations", []):
        kwargs = entry.get("kwargs") or {}
        if kwargs.get("column") == project.target or project.target in (kwargs.get("column_set") or kwargs.get("column_list") or ()):
            return True
    return False


def _entry(kind: str, **kwargs: Any) -> dict[str, Any]:
    return {"type": kind, "kwargs": kwargs}


REVIEWED_BY_LABELS, REVIEWED_BY_TEXT = 2, 3
"""Checks each function below makes (for the report's count of expectations)."""


def review(project: Project, suite: dict[str, Any], frame: pd.DataFrame) -> tuple[int, list[str]]:
    """What GX cannot say, in the words of `validation.describe`: (checks made, failures, each naming its column)."""
    evaluated, failures = 0, []
    # Anomalies are rare by nature (IRSN: 0.6 % of worker-months): only their presence is checked, by the suite.
    if classes(project, suite) is not None and project.target in frame and project.task != "anomaly":
        evaluated, failures = REVIEWED_BY_LABELS, labels(frame[project.target])
    for column in project.free_text:
        if column in frame:
            evaluated, failures = evaluated + REVIEWED_BY_TEXT, failures + text(frame[column])
    return evaluated, failures


def labels(target: pd.Series) -> list[str]:
    """The largest class's share and the entropy of the labels (empty rows left out)."""
    counts = target.dropna().astype("str").value_counts()
    if len(counts) < 2:  # said by the generated GX expectation, with the class
        return []
    shares = counts / counts.sum()
    where = f"label distribution: column {target.name}"
    failures = []
    if shares.iloc[0] > MOST_COMMON_SHARE:
        failures.append(
            f"{where}: class {_shown(shares.index[0])} holds {shares.iloc[0]:.1%} of the rows (plausible at most "
            f"{MOST_COMMON_SHARE:.0%})"
        )
    entropy = -float((shares * shares.map(math.log)).sum()) / math.log(len(shares))
    if entropy < ENTROPY_FLOOR:
        failures.append(f"{where}: normalised entropy {entropy:.3f} < floor {ENTROPY_FLOOR} ({len(shares)} classes)")
    return failures


def text(values: pd.Series) -> list[str]:
    """Blank texts, Latin letters and French function words in a free-text column (a bounded sample of it)."""
    given = values.dropna()
    given = given[given.map(lambda value: isinstance(value, str))]
    texts = given[given.map(lambda value: bool(value.strip()))]
    where = f"text quality: column {values.name}"
    blank = 1 - len(texts) / len(given) if len(given) else 0.0
    failures = [f"{where}: {blank:.0%} of its texts are blank (at most {BLANK_SHARE:.0%})"] if blank > BLANK_SHARE else []
    if texts.empty:
        return failures
    sample = texts.sample(min(len(texts), SAMPLE), random_state=0).str.slice(0, LONGEST_READ)
    characters = sum(len(_BLANK.sub("", value)) for value in sample)
    latin = sum(len(_LATIN.findall(value)) for value in sample) / max(characters, 1)
    if latin < LATIN_SHARE:
        failures.append(f"{where}: {latin:.0%} of its characters are Latin letters (at least {LATIN_SHARE:.0%} expected)")
    french = float(sample.map(lambda value: any(word.lower() in FUNCTION_WORDS for word in _WORD.findall(value))).mean())
    if french < FRENCH_ROWS:
        failures.append(f"{where}: {french:.0%} of its rows hold a French word (at least {FRENCH_ROWS:.0%} expected)")
    return failures


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."
