"""Which acts had to be transmitted (article L2131-2 of the CGCT), and which transmitted acts to check first.

Pure functions of an act's nature, matière (reviewed or proposed by the model), title, amount and decision date.
The rules summarise L2131-2 and D2131-5-1 as a prefecture applies them to communes' acts; the wording of each
exception sits next to its pattern, and the prefecture's legal service owns the table.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from .texts import CONTRAT, CP, DELIBERATION, FIN, FP, INDIVIDUEL, POLICE, REGLEMENTAIRE, URBA

# Threshold of procurement contracts that must be transmitted (D2131-5-1: the European threshold of supplies and
# services of local authorities), in euros HT, by the year it took effect.
PROCUREMENT_THRESHOLDS = {2018: 221_000, 2020: 214_000, 2022: 215_000, 2024: 221_000}
LOI_ENGAGEMENT_PROXIMITE = pd.Timestamp("2019-12-29")  # excluded some staff deliberations from transmission

CIRCULATION = re.compile(r"circulation|stationne|sens unique|vitesse", re.I)
TEMPORARY_BAR = re.compile(r"d[ée]bit de boissons? temporaire", re.I)
STAFF_DELIBERATIONS_EXCLUDED = re.compile(r"taux de promotion|promus-promouvables|affiliation|centre de gestion", re.I)
CONTRACT_STAFF = re.compile(r"contractuel|contrat d'engagement|licenciement", re.I)
OCCASIONAL_STAFF = re.compile(r"saisonnier|occasionnel|remplacement", re.I)
LAND_USE = re.compile(
    r"permis|d[ée]claration pr[ée]alable|certificat d'urbanisme|\b(?:PC|DP|CU)\b|pr[ée]empt|sursis", re.I,
)
LOANS = re.compile(r"emprunt|pr[êe]t|ligne de tr[ée]sorerie", re.I)
CONCESSIONS = re.compile(r"d[ée]l[ée]gation de service public|concession|affermage", re.I)
PROCUREMENT = re.compile(r"march[ée]|accord-cadre|avenant", re.I)

# National priorities of the contrôle de légalité: procurement, planning and staff first.
PRIORITY = {CP: 3.0, URBA: 3.0, FP: 2.0, POLICE: 1.5, FIN: 1.0}


def procurement_threshold(day: pd.Timestamp) -> float:
    """The transmission threshold of procurement contracts in force on `day`."""
    years = [year for year in PROCUREMENT_THRESHOLDS if year <= day.year]
    return float(PROCUREMENT_THRESHOLDS[max(years) if years else min(PROCUREMENT_THRESHOLDS)])


def transmission(nature: str, matiere: str, objet: str, montant: float | None, day: pd.Timestamp) -> tuple[bool, str]:
    """Whether the act falls under the duty of transmission, and the rule that says so."""
    objet = objet if isinstance(objet, str) else ""
    if nature == DELIBERATION:
        if matiere == FP and day >= LOI_ENGAGEMENT_PROXIMITE and STAFF_DELIBERATIONS_EXCLUDED.search(objet):
            return False, "L2131-2 1° : délibération de taux de promotion ou d'affiliation au centre de gestion exclue"
        return True, "L2131-2 1° : délibération"
    if matiere == POLICE:
        if CIRCULATION.search(objet):
            return False, "L2131-2 2° : police de la circulation et du stationnement exclue"
        if TEMPORARY_BAR.search(objet):
            return False, "L2131-2 2° : débit de boissons temporaire d'association exclu"
        return True, "L2131-2 2° : décision de police"
    if nature == REGLEMENTAIRE:
        return True, "L2131-2 4° : acte réglementaire"
    if nature == INDIVIDUEL:
        return _individual(matiere, objet)
    if nature == CONTRAT:
        return _contract(objet, montant, day)
    return False, f"nature inconnue : {nature}"


def _individual(matiere: str, objet: str) -> tuple[bool, str]:
    if matiere == URBA and LAND_USE.search(objet):
        return True, "L2131-2 6° : autorisation d'utilisation du sol ou préemption"
    if matiere == FP and CONTRACT_STAFF.search(objet):
        if OCCASIONAL_STAFF.search(objet):
            return False, "L2131-2 5° : contractuel saisonnier, occasionnel ou de remplacement exclu"
        return True, "L2131-2 5° : recrutement ou licenciement d'un agent contractuel"
    return False, "décision individuelle hors liste de l'article L2131-2"


def _contract(objet: str, montant: float | None, day: pd.Timestamp) -> tuple[bool, str]:
    if LOANS.search(objet):
        return True, "L2131-2 4° : convention d'emprunt"
    if CONCESSIONS.search(objet):
        return True, "L2131-2 4° : concession ou affermage de service public"
    if PROCUREMENT.search(objet):
        threshold = procurement_threshold(day)
        if montant is None or np.isnan(montant) or montant >= threshold:  # unknown amount: transmit, to be safe
            return True, f"L2131-2 4° : marché d'au moins {threshold:,.0f} € HT (ou montant inconnu)".replace(",", " ")
        return False, f"D2131-5-1 : marché sous le seuil de {threshold:,.0f} € HT".replace(",", " ")
    return False, "convention hors liste de l'article L2131-2"


def transmissibility(acts: pd.DataFrame, matiere: pd.Series | None = None) -> pd.DataFrame:
    """TRANSMISSIBLE and MOTIF for each act; `matiere` replaces the acts' MATIERE (e.g. the model's proposal)."""
    matieres = acts["MATIERE"] if matiere is None else matiere
    decided = [
        transmission(nature, m, objet, montant, day)
        for nature, m, objet, montant, day in zip(
            acts["NATURE_ACTE"], matieres, acts["OBJET"], acts["MONTANT_HT"], acts["DATE_DECISION"], strict=True,
        )
    ]
    return pd.DataFrame(decided, index=acts.index, columns=["TRANSMISSIBLE", "MOTIF"])


def check_order(acts: pd.DataFrame, matiere: pd.Series | None = None, confidence: pd.Series | None = None) -> pd.Series:
    """Rank (1 = first) in which an agent should review the acts.

    Transmissible acts come first; among them, the matière's national priority, the amount at stake (each factor
    of ten counts as much as one step of priority), and acts sent late, whose deadline for a déféré runs out
    soonest. A low `confidence` of the model in the matière brings the act forward too: a human must read it.
    """
    matieres = acts["MATIERE"] if matiere is None else matiere
    transmissible = transmissibility(acts, matieres)["TRANSMISSIBLE"].to_numpy(dtype=bool)
    amount = np.log10(acts["MONTANT_HT"].fillna(0).clip(lower=0).to_numpy(dtype=float) + 1)
    delay = (acts["DATE_TRANSMISSION"] - acts["DATE_DECISION"]).dt.days.to_numpy(dtype=float)
    score = (
        np.asarray([PRIORITY.get(m, 0.5) for m in matieres]) + 0.5 * np.maximum(amount - 4, 0)
        + 0.5 * (delay > 30) + (0 if confidence is None else 1.0 - np.asarray(confidence, dtype=float))
    )
    score = np.where(transmissible, score + 100, score)
    order = np.argsort(-score, kind="stable")
    ranks = np.empty(len(order), dtype=int)
    ranks[order] = np.arange(1, len(order) + 1)
    return pd.Series(ranks, index=acts.index, name="RANG_CONTROLE")
