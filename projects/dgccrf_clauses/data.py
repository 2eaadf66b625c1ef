"""Synthetic clauses of consumer contracts, quotes and invoices collected during DGCCRF investigations.

Each document (a gym contract, a removal quote, an online shop's CGV…) is drawn with its professional, who is more
or less careless: a careless one writes several unfair clauses. The share of unfair clauses depends on the sector
(gyms, campsites and removals high, online shops lower), and falls over 2019–2024 as the CCA recommendations and
the 2023 "résiliation en trois clics" spread. 8 % of unfair clauses and 1.5 % of licit ones carry the other label:
the grey zone where investigators disagree.
Each document carries, in its header and footer (`MENTIONS_DOCUMENT`, the same on each of its clause rows), the
mandatory mentions of its type, some of them missing; `MENTIONS_MANQUANTES` is the investigator's finding (the
missing ones, ";"-separated, empty when none), which `mentions.py` is scored against.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from projects._shared.synthetic import dates, draw

from .texts import MENTIONS, MENTIONS_UNUSUAL, REQUIRED, UNUSUAL_SHARE, clause, fill, noisy

START, END = "2019-01-01", "2024-12-31"
# Sector: share of documents, base rate of unfair clauses, the document types it produces.
SECTORS: dict[str, tuple[float, float, dict[str, float]]] = {
    "salles de sport": (10, 0.32, {"contrat": 0.8, "conditions générales de vente": 0.2}),
    "téléphonie et internet": (10, 0.18, {"contrat": 0.5, "conditions générales de vente": 0.4, "facture": 0.1}),
    "hôtellerie de plein air": (6, 0.3, {"contrat": 0.7, "conditions générales de vente": 0.3}),
    "déménagement": (7, 0.28, {"devis": 0.6, "contrat": 0.2, "facture": 0.2}),
    "travaux et rénovation": (14, 0.18, {"devis": 0.6, "facture": 0.3, "bon de commande": 0.1}),
    "vente de véhicules d'occasion": (8, 0.22, {"bon de commande": 0.6, "facture": 0.2, "conditions générales de vente": 0.2}),
    "commerce en ligne": (16, 0.12, {"conditions générales de vente": 0.8, "facture": 0.2}),
    "location immobilière": (9, 0.22, {"contrat": 0.9, "facture": 0.1}),
    "enseignement privé": (6, 0.25, {"contrat": 0.7, "conditions générales de vente": 0.3}),
    "dépannage à domicile": (8, 0.26, {"devis": 0.5, "facture": 0.5}),
    "services à la personne": (6, 0.12, {"contrat": 0.6, "devis": 0.2, "facture": 0.2}),
}
# Topics a document type covers, with relative weights.
TOPICS: dict[str, dict[str, float]] = {
    "contrat": {"résiliation": 3, "responsabilité": 2, "prix": 2, "durée": 3, "garantie": 1, "litiges": 2, "paiement": 2,
                "modification du contrat": 2, "données personnelles": 1, "livraison et exécution": 1},
    "conditions générales de vente": {"prix": 2, "livraison et exécution": 3, "garantie": 3, "rétractation": 2, "litiges": 2,
                                      "responsabilité": 2, "paiement": 2, "données personnelles": 1, "modification du contrat": 1},
    "bon de commande": {"prix": 2, "livraison et exécution": 3, "garantie": 2, "paiement": 2, "rétractation": 2, "litiges": 1},
    "devis": {"prix": 3, "livraison et exécution": 3, "paiement": 2, "responsabilité": 2, "garantie": 1},
    "facture": {"paiement": 3, "garantie": 2, "litiges": 1, "prix": 1},
}
# How much more unfair one topic's clauses are than average (CCA's most frequent findings).
TOPIC_RISK = {"résiliation": 1.5, "responsabilité": 1.4, "durée": 1.3, "modification du contrat": 1.4, "litiges": 1.1,
              "prix": 0.9, "garantie": 1.0, "paiement": 0.8, "livraison et exécution": 1.0, "rétractation": 0.8,
              "données personnelles": 0.7}
GREY_ZONE_UNFAIR, GREY_ZONE_LICIT = 0.08, 0.015
"""Labels investigators would dispute: an unfair clause a judge might tolerate, a licit one read as unfair."""
MISSING_MENTION = 0.12
"""Chance that each mandatory mention is missing from a document."""
COMPANIES = (
    "Forma'Zen", "TéléPlus", "Camping Les Pins", "Déménag'Express", "Rénov'Habitat", "Auto Occasions 33", "ShopMalin",
    "Immo Centre", "Cours Réussite", "SOS Dépann'", "Aide Famille Services", "FitClub Arena", "Box Net", "Toiture Pro",
)


def generate(rows: int, seed: int) -> pd.DataFrame:
    """About `rows` clauses (exactly `rows`), grouped in documents, sorted by collection date."""
    rng = np.random.default_rng(seed)
    documents = max(1, rows // 7)
    when = dates(rng, START, END, documents)
    sectors = draw(rng, {name: spec[0] for name, spec in SECTORS.items()}, documents)
    columns: dict[str, list] = {}
    for i, (day, sector) in enumerate(zip(when, sectors)):
        _extend(columns, _document(rng, i, day, sector))
    while len(columns["ID_CLAUSE"]) < rows:  # top up with more documents when the draw fell short
        _extend(columns, _document(rng, documents, when.iloc[-1], str(sectors[-1])))
        documents += 1
    return pd.DataFrame(columns).head(rows).astype({
        "ID_CLAUSE": "str", "ID_DOCUMENT": "str", "TYPE_DOCUMENT": "str", "SECTEUR": "str", "PROFESSIONNEL": "str",
        "THEME_CLAUSE": "str", "TEXTE_CLAUSE": "str", "ABUSIVE": "str", "DATE_COLLECTE": "datetime64[ns]",
        "MODELE_REDACTION": "str", "MENTIONS_DOCUMENT": "str", "MENTIONS_MANQUANTES": "str",
    })


def _extend(columns: dict[str, list], document: dict[str, list]) -> None:
    for name, values in document.items():
        columns.setdefault(name, []).extend(values)


def _document(rng: np.random.Generator, index: int, day: pd.Timestamp, sector: str) -> dict[str, list]:
    """One document's clauses, its topics each licit or unfair, with the document's mandatory mentions."""
    _, base_rate, types = SECTORS[sector]
    kind = str(draw(rng, types, 1)[0])
    progress = (day - pd.Timestamp(START)).days / (pd.Timestamp(END) - pd.Timestamp(START)).days
    careless = rng.beta(1.2, 3.0) * 2 * base_rate * (1 - 0.35 * progress)  # the professional's own habit
    count = int(rng.integers(3, 11)) if kind != "facture" else int(rng.integers(2, 5))
    topics = draw(rng, TOPICS[kind], count)
    company = COMPANIES[rng.integers(len(COMPANIES))]
    siren = f"{rng.integers(300_000_000, 999_999_999)}"
    values = {"societe": company, "siren": siren, "siren_espaces": f"{siren[:3]} {siren[3:6]} {siren[6:]}",
              "annee": str(day.year), "numero": f"{rng.integers(1, 9999):04d}"}
    unfair = rng.random(count) < np.clip(careless * np.array([TOPIC_RISK[t] for t in topics]), 0, 0.95)
    texts, wordings = zip(*(clause(rng, topic, bad, k + 1, values, sector) for k, (topic, bad) in enumerate(zip(topics, unfair))))
    grey = rng.random(count) < np.where(unfair, GREY_ZONE_UNFAIR, GREY_ZONE_LICIT)
    labels = np.where(unfair ^ grey, "oui", "non")
    mentions, missing = _mentions(rng, kind, values)
    document_id = f"ENQ{day.year}-{index:05d}"
    return {
        "ID_CLAUSE": [f"{document_id}-C{k:02d}" for k in range(1, count + 1)],
        "ID_DOCUMENT": [document_id] * count, "DATE_COLLECTE": [day] * count, "TYPE_DOCUMENT": [kind] * count,
        "SECTEUR": [sector] * count, "PROFESSIONNEL": [company] * count, "THEME_CLAUSE": list(topics),
        "TEXTE_CLAUSE": list(texts), "ABUSIVE": list(labels),
        "MODELE_REDACTION": list(wordings),  # the wording each clause was drawn from: held out whole
        "MENTIONS_DOCUMENT": [mentions] * count, "MENTIONS_MANQUANTES": [";".join(missing)] * count,
    }


def _mentions(rng: np.random.Generator, kind: str, values: dict[str, str]) -> tuple[str, list[str]]:
    """The mandatory mentions of the document's header and footer, some of them forgotten, and those forgotten."""
    present = [name for name in REQUIRED[kind] if rng.random() >= MISSING_MENTION]
    banks = [MENTIONS_UNUSUAL[name] if rng.random() < UNUSUAL_SHARE else MENTIONS[name] for name in present]
    lines = [fill(rng, bank[rng.integers(len(bank))], values) for bank in banks]
    header = f"{values['societe']} - {kind.capitalize()}"  # the trade name heads every document, with or without identity
    missing = [name for name in REQUIRED[kind] if name not in present]
    return noisy(rng, " ".join([header, *lines])), missing
