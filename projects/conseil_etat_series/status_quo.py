"""What the registry does today: a regex key on the contested act.

A clerk spots a series when filings contest "the same act": the key is the subject matter and the act's wording
with its date and number taken out (they are each claimant's own when every OQTF or tax notice is individual), the
abbreviations of `reference/abreviations.csv` spelled out, accents and case ignored. Filings with one key form one
series. `act_key` with `keep_identity=True` is the former key (act date + number + matière), kept to show that
it no longer finds series made of individual acts.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, ClusterMixin

REFERENCE = Path(__file__).parent / "reference"
MONTHS = "janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre"
DATE = re.compile(rf"\b\d{{1,2}}(?:er)? (?:{MONTHS}) \d{{4}}\b|\b\d{{1,2}}/\d{{1,2}}/\d{{2,4}}\b")
NUMBER = re.compile(r"\b(?:n°\s*)?(?:[a-z]{1,2}\s)?\d[\d-]*\b")


@cache
def abbreviations() -> dict[str, str]:
    with (REFERENCE / "abreviations.csv").open(encoding="utf-8") as handle:
        return {row["abreviation"]: row["forme_longue"] for row in csv.DictReader(handle)}


def plain(text: str) -> str:
    return unicodedata.normalize("NFKD", text.lower()).encode("ascii", "ignore").decode()


def act_key(matiere: object, act: object, keep_identity: bool = False) -> str:
    """The registry's key of a filing: its subject matter and its act, without (or with only) the act's identity."""
    text = str(act) if isinstance(act, str) else ""
    for short, long in abbreviations().items():
        text = re.sub(rf"(?<!\w){re.escape(short)}(?!\w)", long, text)
    text = plain(text)
    if keep_identity:  # the former key: the act's date and number, and the subject matter
        return f"{matiere}|{'|'.join(DATE.findall(text))}|{'|'.join(NUMBER.findall(text))}"
    text = NUMBER.sub(" ", DATE.sub(" ", text))
    return f"{matiere}|{' '.join(re.findall(r'[a-z]+', text))}"


class ActKey(ClusterMixin, BaseEstimator):
    """Filings with the same key are one series (nothing is learned)."""

    def __init__(self, keep_identity: bool = False) -> None:
        self.keep_identity = keep_identity

    def fit(self, X: pd.DataFrame, y: object = None) -> ActKey:
        self.n_features_in_ = X.shape[1]
        return self

    def predict(self, X: pd.DataFrame) -> np.ndarray:
        keys = [act_key(m, a, self.keep_identity) for m, a in zip(X["matiere"], X["acte_conteste"], strict=True)]
        return pd.factorize(pd.Series(keys))[0]
