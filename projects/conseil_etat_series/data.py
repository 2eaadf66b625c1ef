"""Synthetic filings (requêtes) registered by administrative courts, grouped into litigation series.

A series is one contested act attacked by many claimants with near-identical texts (the same grounds copied from a
model petition, an association's template, a lawyer's standard brief); about a third of the filings stand alone.
Filings of one series share the act and most grounds, but each drops or reorders some, adds its own, carries the
claimant's name, abbreviations and typos. Hard cases: two series against acts of the same kind and authority that
differ only by the city, date or number. Drift: immigration litigation grows over the years.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from projects._shared.synthetic import people, with_missing

from . import texts as t

JURIDICTIONS = (
    "TA de Paris", "TA de Montreuil", "TA de Nantes", "TA de Rennes", "TA de Bordeaux", "TA de Lyon",
    "TA de Toulouse", "TA de Nice", "TA de Marseille", "TA de Lille", "TA de Grenoble", "TA de Strasbourg",
    "TA de Montpellier", "Conseil d'État",
)
ISOLATED_SHARE = 0.35
START, END = pd.Timestamp("2018-01-01"), pd.Timestamp("2024-12-31")


def generate(rows: int, seed: int) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    series = _series_sizes(rng, rows)
    filings = [f for number, size in enumerate(series) for f in _series(rng, number, size)]
    frame = pd.DataFrame(filings[:rows]).sort_values("date_enregistrement", kind="stable").reset_index(drop=True)
    first, last = people(rng, rows)
    frame.insert(3, "requerant", [f"{p} {n}" for p, n in zip(first, last, strict=True)])
    lawyers = people(rng, rows)[1]
    frame.insert(4, "avocat", with_missing(rng, lawyers, 0.45).to_numpy())
    frame["conclusions"] = [
        _claimant(rng, name, lawyer, day) + " " + text
        for name, lawyer, day, text in zip(frame.requerant, frame.avocat, frame.date_enregistrement, frame.conclusions, strict=True)
    ]
    year = frame.date_enregistrement.dt.year.astype("int64") % 100
    frame.insert(0, "numero_requete", [f"{y:02d}{n:05d}" for y, n in zip(year, rng.permutation(99999)[:rows] + 1, strict=True)])
    return frame


def _series_sizes(rng: np.random.Generator, rows: int) -> list[int]:
    """Sizes of the series, heavy-tailed (a few mass series, many small ones), singletons for the lone filings."""
    sizes: list[int] = []
    while sum(sizes) < rows:
        alone = rng.random() < ISOLATED_SHARE / (ISOLATED_SHARE + (1 - ISOLATED_SHARE) / 8)
        sizes.append(1 if alone else int(min(2 + rng.zipf(1.7), max(3, rows // 12))))
    return sizes


def _series(rng: np.random.Generator, number: int, size: int) -> list[dict]:
    day = START + pd.Timedelta(days=int(rng.integers(0, (END - START).days - 120)))
    share = (day - START).days / (END - START).days
    weights = np.array([w * (1 + 1.5 * share if m == "étrangers" else 1) for m, w in t.MATIERES.items()])
    matiere = str(rng.choice(list(t.MATIERES), p=weights / weights.sum()))
    act = _act(rng, matiere, day)
    grounds = list(rng.choice(t.MOYENS[matiere], size=min(len(t.MOYENS[matiere]), int(rng.integers(2, 5))), replace=False))
    claim = str(rng.choice(t.CONCLUSIONS))
    court = str(rng.choice(JURIDICTIONS))
    label = f"S{number:05d}"
    spread = int(rng.integers(10, 120))  # a mass litigation arrives within weeks of the act
    return [
        {
            "juridiction": court if rng.random() < 0.9 else str(rng.choice(JURIDICTIONS)),
            "date_enregistrement": day + pd.Timedelta(days=int(rng.integers(0, spread))),
            "matiere": matiere,
            "acte_conteste": _noisy(rng, act),
            "moyens": _grounds(rng, matiere, grounds),
            "conclusions": _noisy(rng, claim.format(acte=act) + " " + str(rng.choice(t.FRAIS))).strip(),
            "serie": label,
        }
        for _ in range(size)
    ]


def _act(rng: np.random.Generator, matiere: str, day: pd.Timestamp) -> str:
    signed = day - pd.Timedelta(days=int(rng.integers(5, 60)))
    return str(rng.choice(t.ACTES[matiere])).format(
        ville=rng.choice(t.VILLES), departement=rng.choice(t.DEPARTEMENTS), date=f"{signed.day} {_MONTHS[signed.month - 1]} {signed.year}",
        numero=f"{rng.integers(100, 99999):05d}", annee=signed.year, objet=rng.choice(t.OBJETS), corps=rng.choice(t.CORPS),
        ministere=rng.choice(t.MINISTERES), objet_police=rng.choice(t.OBJETS_POLICE), objet_marche=rng.choice(t.OBJETS_MARCHE),
    )


def _grounds(rng: np.random.Generator, matiere: str, grounds: list[str]) -> str:
    """The series' grounds, some dropped, shuffled, sometimes one of the claimant's own added."""
    if rng.random() < 0.03:
        return "Requête sommaire : un mémoire complémentaire sera produit ultérieurement."
    kept = [g for g in grounds if rng.random() < 0.8] or [grounds[0]]
    if rng.random() < 0.3:
        kept.append(str(rng.choice(t.MOYENS[matiere])))
    rng.shuffle(kept)
    return _noisy(rng, (str(rng.choice(t.INTRO_MOYENS)) + " " + " ; ".join(dict.fromkeys(kept)) + ".").strip())


def _claimant(rng: np.random.Generator, name: str, lawyer: object, day: pd.Timestamp) -> str:
    template = str(rng.choice(t.DEMANDEURS))
    if "{avocat}" in template and not isinstance(lawyer, str):
        template = t.DEMANDEURS[0]
    return template.format(civilite=rng.choice(["M.", "Mme"]), nom=name, avocat=lawyer, jour=day.strftime("%d/%m/%Y"))


def _noisy(rng: np.random.Generator, text: str) -> str:
    """Abbreviations and the odd typo (a swapped pair of letters), as in texts typed in a hurry."""
    for long, short in t.ABREVIATIONS.items():
        if long in text and rng.random() < 0.3:
            text = text.replace(long, short)
    if rng.random() < 0.25 and len(text) > 10:
        i = int(rng.integers(1, len(text) - 2))
        text = text[:i] + text[i + 1] + text[i] + text[i + 2 :]
    return text


_MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre")
