"""Synthetic extract of the CHU de Bordeaux warehouse: patients' records and clinicians' questions, in one frame.

A clinician searches **one patient's record**: a question is asked in the record of a patient (`PATIENT_NUM`, the
warehouse's surrogate key, as i2b2's patient_num) and its relevant documents are that patient's documents about
the information need asked (a pathology and an aspect: hospital stay, prescription, lab result, imaging, coded
diagnosis). A patient has 6–20 documents about one to three pathologies, so the other documents of the record are
the hard negatives: the same pathology under another aspect, another pathology under the same aspect. Documents and
questions name the pathology in different ways (full name, abbreviation, synonyms); abbreviations gain ground over
the years. Documents carry the patient's identity in their header; questions carry none.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from projects._shared.synthetic import NOMS, dates, people, phrase

from .texts import (
    ASPECTS,
    BODIES,
    CONTEXTS,
    HEADER,
    PATHOLOGIES,
    QUESTIONS,
    SERVICES,
    SIGNATURES,
)

DOCUMENT_SHARE = 0.7
ASPECT_WEIGHTS = {"hospitalisation": 3.0, "traitement": 3.0, "biologie": 3.0, "imagerie": 2.0, "codage": 1.5}
COLUMNS = [
    "ID_LIGNE", "NATURE", "PATIENT_NUM", "IPP", "NOM_PATIENT", "PRENOM_PATIENT", "DATE_NAISSANCE", "TYPE_DOCUMENT", "SERVICE",
    "CODE_CIM10", "DATE", "TEXTE", "DOCUMENTS_PERTINENTS",
]


def generate(rows: int, seed: int) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    n_docs = max(int(round(rows * DOCUMENT_SHARE)), 2)
    documents, needs = _documents(rng, n_docs)
    questions = _questions(rng, rows - n_docs, needs)
    return pd.concat([documents, questions], ignore_index=True)[COLUMNS]


def _needs(rng: np.random.Generator, n: int) -> pd.DataFrame:
    """Each document's patient and need: a patient has 6–20 documents about one to three of their pathologies."""
    names = list(PATHOLOGIES)
    weights = np.array([PATHOLOGIES[name]["weight"] for name in names], dtype=float)
    aspects, aspect_p = list(ASPECT_WEIGHTS), np.array(list(ASPECT_WEIGHTS.values()))
    rows: list[dict] = []
    patient = 0
    while len(rows) < n:
        own = rng.choice(names, int(rng.integers(1, 4)), replace=False, p=weights / weights.sum())
        context = str(rng.choice(list(CONTEXTS)))
        for _ in range(int(rng.integers(6, 21))):
            rows.append({
                "patient": patient, "pathology": str(rng.choice(own)), "context": context,
                "aspect": str(rng.choice(aspects, p=aspect_p / aspect_p.sum())),
            })
        patient += 1
    return pd.DataFrame(rows[:n])


def _surface(rng: np.random.Generator, pathology: str, p_abbr: float, p_syn: float) -> str:
    """How one writer names the pathology: its abbreviation, one of its synonyms, or its full name."""
    facts, draw = PATHOLOGIES[pathology], rng.random()
    if draw < p_abbr:
        return facts["abbr"]
    if draw < p_abbr + p_syn:
        return facts["syn"][rng.integers(len(facts["syn"]))]
    return pathology


def _fill(rng: np.random.Generator, template: str, pathology: str, context: str, written: str) -> str:
    facts = PATHOLOGIES[pathology]
    other = list(PATHOLOGIES)[rng.integers(len(PATHOLOGIES))]
    drugs = [facts["drugs"][j] for j in rng.permutation(len(facts["drugs"]))[: rng.integers(1, 4)]]
    return template.format(
        P=written, C=CONTEXTS[context][rng.integers(3)], OTHER=_surface(rng, other, 0.5, 0.1), cim=facts["cim"],
        bio=facts["bio"], imaging=facts["imaging"], drugs=", ".join(drugs),
    )


def _documents(rng: np.random.Generator, n: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    needs = _needs(rng, n)
    when = dates(rng, "2015-01-01", "2024-12-31", n)
    patient = needs["patient"].to_numpy()
    patients = int(patient.max()) + 1
    first, last = people(rng, patients)
    first, last = first[patient], last[patient]
    born = list((pd.Timestamp("1930-01-01") + pd.to_timedelta(rng.integers(0, 70 * 365, patients), unit="D")).strftime("%d/%m/%Y"))
    born = [born[p] for p in patient]
    abbreviated = 0.15 + 0.25 * (when - when.min()).dt.days.to_numpy() / 3650  # drift: more abbreviations lately
    texts, types, services, codes = [], [], [], []
    for i, need in enumerate(needs.itertuples(index=False)):
        written = _surface(rng, need.pathology, abbreviated[i], 0.2)
        body = " ".join(_fill(rng, phrase(rng, part), need.pathology, need.context, written) for part in BODIES[need.aspect])
        types.append(ASPECTS[need.aspect])
        services.append(SERVICES[need.pathology] if rng.random() > 0.04 else None)
        header = HEADER.format(
            TYPE=types[-1].upper(), SERVICE=services[-1] or "non renseigné", NOM=last[i].upper(), PRENOM=first[i],
            DDN=born[i], IPP=f"8{patient[i]:08d}",
        )
        signature = phrase(rng, SIGNATURES).format(DOCTOR=NOMS[rng.integers(len(NOMS))])
        texts.append(f"{header}{body} {signature}".strip())
        codes.append(PATHOLOGIES[need.pathology]["cim"] if need.aspect in ("codage", "hospitalisation") else None)
    frame = pd.DataFrame({
        "ID_LIGNE": [f"D{i:06d}" for i in range(n)], "NATURE": "document", "PATIENT_NUM": [_num(p) for p in patient],
        "IPP": [f"8{p:08d}" for p in patient],
        "NOM_PATIENT": last, "PRENOM_PATIENT": first, "DATE_NAISSANCE": born,
        "TYPE_DOCUMENT": types, "SERVICE": services, "CODE_CIM10": codes, "DATE": when, "TEXTE": texts,
        "DOCUMENTS_PERTINENTS": None,
    })
    return frame, needs.assign(ID_LIGNE=frame["ID_LIGNE"])


def _questions(rng: np.random.Generator, n: int, needs: pd.DataFrame) -> pd.DataFrame:
    """Questions asked in a patient's record about a need of that record (frequent needs are asked more), with the
    ids of the record's documents that answer them."""
    relevant = needs.groupby(["patient", "pathology", "aspect"])["ID_LIGNE"].agg(";".join)
    asked = needs.iloc[rng.integers(0, len(needs), n)].reset_index(drop=True)
    texts = []
    for need in asked.itertuples(index=False):
        written = _surface(rng, need.pathology, 0.45, 0.3)
        template = QUESTIONS[need.aspect][rng.integers(len(QUESTIONS[need.aspect]))]
        texts.append(_noisy(rng, _fill(rng, template, need.pathology, need.context, written)))
    keys = pd.MultiIndex.from_frame(asked[["patient", "pathology", "aspect"]])
    return pd.DataFrame({
        "ID_LIGNE": [f"Q{i:06d}" for i in range(n)], "NATURE": "question", "PATIENT_NUM": [_num(p) for p in asked["patient"]],
        "IPP": None, "NOM_PATIENT": None, "PRENOM_PATIENT": None, "DATE_NAISSANCE": None, "TYPE_DOCUMENT": None,
        "SERVICE": None, "CODE_CIM10": None, "DATE": dates(rng, "2023-01-01", "2024-12-31", n), "TEXTE": texts,
        "DOCUMENTS_PERTINENTS": relevant.reindex(keys).to_numpy(),
    })


def _num(patient: int) -> str:
    """The warehouse's surrogate key of a patient (not the IPP: it names no one outside the warehouse)."""
    return f"P{patient:07d}"


def _noisy(rng: np.random.Generator, text: str) -> str:
    """Questions are typed fast: lower case half the time, a swapped letter now and then."""
    if rng.random() < 0.5:
        text = text.lower()
    if rng.random() < 0.15:
        words = text.split()
        long = [i for i, word in enumerate(words) if len(word) > 5]
        if long:
            i = long[rng.integers(len(long))]
            j = rng.integers(1, len(words[i]) - 2)
            words[i] = words[i][:j] + words[i][j + 1] + words[i][j] + words[i][j + 2:]
            text = " ".join(words)
    return text
