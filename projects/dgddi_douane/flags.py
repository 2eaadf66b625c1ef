"""Flag declarations whose declared heading sits in another chapter than the one the description points to, and
pays less duty: the customs officer's list of items to check, the largest duty at stake first.

Pure functions of the declared heading, the predicted chapter and the customs value. The duty of the declared
heading is its own; the duty of a predicted chapter is the typical one of that chapter (`tariff.chapter_duty`),
since the model names a chapter, not a heading.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .tariff import HEADINGS, chapter_duty

UNKNOWN_HEADING = "position absente de la table des droits"


def heading_duty(heading: str) -> float:
    """Ad valorem duty of a declared 4-digit heading, NaN when the table does not know it."""
    known = HEADINGS.get(str(heading)[:4])
    return known.duty if known else float("nan")


def flag(declared: pd.Series, predicted: pd.Series, value: pd.Series, confidence: pd.Series | None = None,
         min_confidence: float = 0.0) -> pd.DataFrame:
    """One row per declaration: declared and predicted chapter, their duty rates, the duty at stake, the flag.

    A declaration is flagged when the predicted chapter differs from the declared heading's chapter, the predicted
    chapter's typical duty is higher, and the model's `confidence` (if given) reaches `min_confidence`. A heading
    the table does not know is flagged too, for a human to look at. `RANG` orders the flags by duty at stake.
    """
    typical = chapter_duty()
    declared = declared.astype("str")
    declared_chapter = declared.str[:2]
    declared_rate = declared.map(heading_duty).astype(float)
    predicted_rate = predicted.astype("str").map(typical).astype(float)
    value = value.astype(float)
    differs = (declared_chapter != predicted.astype("str")).to_numpy()
    confident = np.ones(len(declared), dtype=bool) if confidence is None else np.asarray(confidence) >= min_confidence
    cheaper = (predicted_rate > declared_rate).to_numpy()
    unknown = declared_rate.isna().to_numpy()
    stake = (value * (predicted_rate - declared_rate).clip(lower=0) / 100).fillna(0.0)
    flagged = (differs & cheaper & confident) | unknown
    out = pd.DataFrame({
        "CHAPITRE_DECLARE": declared_chapter, "CHAPITRE_PREDIT": predicted.astype("str"),
        "TAUX_DECLARE": declared_rate, "TAUX_PREDIT": predicted_rate,
        "DROITS_EN_JEU_EUR": stake.where(flagged, 0.0).round(2), "ALERTE": flagged,
        "MOTIF": np.where(unknown, UNKNOWN_HEADING, np.where(flagged, "chapitre prédit différent et plus taxé", "")),
    }, index=declared.index)
    order = np.lexsort((-out["DROITS_EN_JEU_EUR"].to_numpy(), ~flagged))
    ranks = np.empty(len(out), dtype=int)
    ranks[order] = np.arange(1, len(out) + 1)
    return out.assign(RANG=ranks)
