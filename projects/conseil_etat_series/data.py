"""Synthetic filings (requêtes) registered by administrative courts, grouped into litigation series.

A series is one legal question raised by many claimants (`texts.QUESTIONS`). Most often each claimant contests an
act of their own, with its own date and number (an OQTF, a tax notice, a refusal of a permit): what the filings
share is the ground, copied from a few model petitions, and the collective instrument it attacks (a delegation of
signature, a deliberation fixing a rate, a plan), named with its place and date. A few series are mass litigation
against one collective act (a wind farm, a tender). About a third of the filings stand alone. Each filing adds the
subject matter's usual grounds, the claimant's name, abbreviations and typos. Hard cases: two series of one
question that differ only by the place or the date of the instrument. Drift: immigration litigation grows.
`question_droit` names the question each filing raises: the held-out groups, never a feature.
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
QUESTION_ISOLEE = "isolée"
"""The question of a filing that raises no serial question."""
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
    """One series: a legal question raised by `size` claimants, each against their own act unless the question is
    a mass litigation against one collective act. A lone filing is a series of one, or a filing on grounds of its
    own against an act of its own (`QUESTION_ISOLEE`)."""
    day = START + pd.Timedelta(days=int(rng.integers(0, (END - START).days - 120)))
    if size == 1 and rng.random() < 0.5:
        return [_lone(rng, number, day)]
    question = _question(rng, day)
    facts = t.QUESTIONS[question]
    slots = _slots(rng, day)
    model = int(rng.integers(len(facts["moyens"])))  # the model petition most claimants copy
    court = str(rng.choice(JURIDICTIONS))
    spread = int(rng.integers(10, 240))  # a serial litigation arrives within weeks or months of the instrument
    filings = []
    for _ in range(size):
        filed = day + pd.Timedelta(days=int(rng.integers(0, spread)))
        act = _act(rng, facts, slots, filed)
        wording = model if rng.random() < 0.6 else int(rng.integers(len(facts["moyens"])))
        ground = facts["moyens"][wording].format(**slots)
        filings.append({
            "juridiction": court if rng.random() < 0.9 else str(rng.choice(JURIDICTIONS)),
            "date_enregistrement": filed,
            "matiere": facts["matiere"],
            "acte_conteste": _noisy(rng, act),
            "moyens": _grounds(rng, facts["matiere"], [ground]),
            "conclusions": _noisy(rng, str(rng.choice(t.CONCLUSIONS)).format(acte=act) + " " + str(rng.choice(t.FRAIS))).strip(),
            "question_droit": question,
            "serie": f"S{number:05d}",
        })
    return filings


def _question(rng: np.random.Generator, day: pd.Timestamp) -> str:
    """A legal question; immigration questions grow over the years (drift)."""
    share = (day - START).days / (END - START).days
    names = list(t.QUESTIONS)
    weights = np.array([t.MATIERES[t.QUESTIONS[q]["matiere"]] * (1 + 1.5 * share if q.startswith("etrangers") else 1) for q in names])
    return str(rng.choice(names, p=weights / weights.sum()))


def _slots(rng: np.random.Generator, day: pd.Timestamp) -> dict[str, object]:
    """What tells one series of a question from another: the place and the date of the instrument attacked."""
    signed = day - pd.Timedelta(days=int(rng.integers(20, 400)))
    return {
        "ville": _place(rng, t.VILLES), "departement": _place(rng, t.DEPARTEMENTS), "date_i": _french(signed),
        "annee": signed.year, "numero_i": f"{rng.integers(100, 9999)}", "corps": rng.choice(t.CORPS),
        "objet_marche": rng.choice(t.OBJETS_MARCHE),
    }


def _act(rng: np.random.Generator, facts: dict, slots: dict, filed: pd.Timestamp) -> str:
    """The contested act: the series' collective act, or the claimant's own (its own date and number)."""
    kinds = (facts["acte"],) if isinstance(facts["acte"], str) else facts["acte"]
    act = kinds[int(rng.integers(len(kinds)))]
    if facts.get("collective"):
        return act.format(**slots)
    signed = filed - pd.Timedelta(days=int(rng.integers(5, 60)))
    return act.format(**{**slots, "date": _french(signed), "numero": f"{rng.integers(100, 999999):06d}"})


def _lone(rng: np.random.Generator, number: int, day: pd.Timestamp) -> dict:
    """A filing that belongs to no series: an act of its own, grounds of the subject matter's usual stock."""
    matiere = str(rng.choice(list(t.MATIERES), p=np.array(list(t.MATIERES.values())) / sum(t.MATIERES.values())))
    act = str(rng.choice(t.ACTES[matiere])).format(
        ville=_place(rng, t.VILLES), departement=_place(rng, t.DEPARTEMENTS), date=_french(day - pd.Timedelta(days=int(rng.integers(5, 60)))),
        numero=f"{rng.integers(100, 99999):05d}", annee=day.year, objet=rng.choice(t.OBJETS), corps=rng.choice(t.CORPS),
        ministere=rng.choice(t.MINISTERES), objet_police=rng.choice(t.OBJETS_POLICE), objet_marche=rng.choice(t.OBJETS_MARCHE),
    )
    return {
        "juridiction": str(rng.choice(JURIDICTIONS)), "date_enregistrement": day, "matiere": matiere,
        "acte_conteste": _noisy(rng, act), "moyens": _grounds(rng, matiere, []),
        "conclusions": _noisy(rng, str(rng.choice(t.CONCLUSIONS)).format(acte=act) + " " + str(rng.choice(t.FRAIS))).strip(),
        "question_droit": QUESTION_ISOLEE, "serie": f"S{number:05d}",
    }


def _place(rng: np.random.Generator, places: tuple[str, ...]) -> str:
    """Litigation concentrates where people and acts do: the first places of the list weigh most (Zipf-like)."""
    weights = 1 / np.arange(1, len(places) + 1) ** 0.9
    return str(places[rng.choice(len(places), p=weights / weights.sum())])


def _french(day: pd.Timestamp) -> str:
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def _grounds(rng: np.random.Generator, matiere: str, own: list[str]) -> str:
    """The series' ground (if any), with one to three of the subject matter's usual grounds, shuffled; now and then
    a summary filing whose grounds come later."""
    if rng.random() < 0.03:
        return "Requête sommaire : un mémoire complémentaire sera produit ultérieurement."
    stock = t.MOYENS[matiere]
    usual = [str(g) for g in rng.choice(stock, size=int(rng.integers(1 if own else 2, 4)), replace=False)]
    kept = own + usual
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
