"""What the gendarme must still ask the complainant: the date, the place and the loss, when neither the form nor the
story gives them. A pure function over one pre-complaint, for the intake screen; the training pipeline never calls it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import pandas as pd

MOIS = "janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|décembre|decembre"
DATE_CUES = re.compile(
    rf"\b(\d{{1,2}}/\d{{1,2}}(/\d{{2,4}})?|\d{{1,2}} (?:{MOIS})|hier|avant-hier|ce matin|cette nuit|ce soir|"
    r"dans la nuit|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|semaine dernière|semaine derniere|\d{1,2} ?h\d{0,2})\b",
    re.IGNORECASE,
)
PLACE_CUES = re.compile(
    r"\b(parking|gare|marché|marche|domicile|chez moi|maison|appartement|garage|cave|résidence|residence|centre|"
    r"école|ecole|bus|plage|façade|facade|portail|clôture|cloture|(?:à|a|de) [A-Z][\w-]+)\b"
)
OWN_ADDRESS = re.compile(r"demeurant [^,]*,", re.IGNORECASE)
"""The complainant's own address ("demeurant 12 rue Gambetta à Lunel,") says where they live, not where it happened."""
LOSS_CUES = re.compile(r"\d[\d\s.,]*\s?(?:€|euros?\b|eur\b)", re.IGNORECASE)
WITH_LOSS = frozenset({"vol_simple", "cambriolage", "vol_vehicule", "vol_dans_vehicule", "degradation", "escroquerie_en_ligne"})
OUT_OF_SCOPE = "hors_perimetre"


def informations_manquantes(preplainte: Mapping[str, object], nature: str) -> list[str]:
    """The missing pieces, in the order a gendarme asks them: "date des faits", "lieu des faits", "préjudice".

    `preplainte` holds RECIT, DATE_FAITS, COMMUNE_FAITS and MONTANT_PREJUDICE (blank values are None or NaN);
    `nature` is the predicted NATURE_INFRACTION. Out-of-scope requests are redirected: nothing to ask. The loss is
    asked only for the offences that have one (usurpation d'identité has none to declare on this form).
    """
    if nature == OUT_OF_SCOPE:
        return []
    text = OWN_ADDRESS.sub(" ", str(preplainte.get("RECIT") or ""))
    missing = []
    if _blank(preplainte.get("DATE_FAITS")) and not DATE_CUES.search(text):
        missing.append("date des faits")
    if _blank(preplainte.get("COMMUNE_FAITS")) and not PLACE_CUES.search(text):
        missing.append("lieu des faits")
    if nature in WITH_LOSS and _blank(preplainte.get("MONTANT_PREJUDICE")) and not LOSS_CUES.search(text):
        missing.append("préjudice")
    return missing


def _blank(value: object) -> bool:
    return value is None or (not isinstance(value, str) and bool(pd.isna(value))) or (isinstance(value, str) and not value.strip())


def scored(model: object, project: object, test: pd.DataFrame) -> dict[str, float]:
    """The laureate's second goal, scored on each run: the pieces `informations_manquantes` asks for, given the
    model's proposed nature, against what the gendarme really had to ask (COMPLEMENTS_DEMANDES), micro-averaged over
    the pieces of every request."""
    natures = model.predict(test[["RECIT"]])  # type: ignore[attr-defined]
    rows = test.to_dict("records")
    truth = [set(filter(None, str(row.get("COMPLEMENTS_DEMANDES") or "").split("|"))) for row in rows]
    asked = [set(informations_manquantes(row, nature)) for row, nature in zip(rows, natures, strict=True)]
    hits = sum(len(t & a) for t, a in zip(truth, asked, strict=True))
    needed, said = sum(map(len, truth)), sum(map(len, asked))
    return {
        "completude.recall": hits / needed if needed else float("nan"),
        "completude.precision": hits / said if said else float("nan"),
    }
