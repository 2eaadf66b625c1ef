"""Synthetic case law: Cour de cassation decisions (the corpus, with titrage and sommaire) and decisions of courts of
appeal (the queries), each about one legal question.

The relevant decisions of an appeal decision are the Cour de cassation decisions on the same question. Courts of
appeal state the facts in plain words; the Cour's decisions carry the titrage and the article, and restate the
facts with words dropped. Newer questions (télétravail) appear only from 2020 (drift). About a third of the Cour's
decisions are unpublished and have no sommaire; some have no titrage.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from projects._shared.synthetic import dates, draw, phrase

from .texts import (
    CLOSINGS_APPEL,
    COURS_APPEL,
    GRIEFS,
    MOTIFS_APPEL,
    MOTIFS_CASSATION,
    PARAPHRASES,
    PARTIES,
    QUESTIONS,
    SOLUTIONS_APPEL,
    SOMMAIRE_CASSATION,
    SOMMAIRE_REJET,
)

CORPUS_SHARE = 0.4
RECENT = {"teletravail_frais": "2020-03-01"}
REVIREMENT_SHARE = 0.3
"""Questions whose case law turns over (a revirement, or a chamber's line that others do not follow): before the
turn the Cour answers one way, after it the other way. The others are settled: the same answer nine times in ten."""
SETTLED = 0.9
COLUMNS = [
    "ID_DECISION", "JURIDICTION", "CHAMBRE", "NUMERO_AFFAIRE", "DATE_DECISION", "SOLUTION", "TITRAGE", "SOMMAIRE",
    "TEXTE", "QUESTION_DROIT", "DECISIONS_SIMILAIRES",
]


def generate(rows: int, seed: int) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    n_corpus = max(int(round(rows * CORPUS_SHARE)), 2)
    corpus = _cassation(rng, n_corpus)
    appeals = _appeals(rng, rows - n_corpus, corpus)
    # The question is recorded on the appeal decisions (the queries held out); the Cour's are the searched corpus,
    # on both sides of every split, and are tied to their question through DECISIONS_SIMILAIRES.
    return pd.concat([corpus.drop(columns="question").assign(QUESTION_DROIT=None), appeals], ignore_index=True)[COLUMNS]


def _questions(rng: np.random.Generator, when: pd.Series) -> np.ndarray:
    """One question per decision; a question born recently is never drawn before its time."""
    names = np.array(list(QUESTIONS))
    weights = rng.gamma(2.0, 1.0, len(names))  # some questions are litigated far more than others
    out = []
    for day in when:
        allowed = np.array([day >= pd.Timestamp(RECENT.get(name, "1900-01-01")) for name in names])
        p = weights * allowed
        out.append(names[rng.choice(len(names), p=p / p.sum())])
    return np.array(out)


def _solutions(rng: np.random.Generator, questions: np.ndarray, when: pd.Series) -> np.ndarray:
    """Each decision's solution from its question's line of case law: settled questions keep one answer nine times
    in ten; a question that turns over answers the other way after its turning date."""
    lines = {}
    for name in QUESTIONS:
        first = "Rejet" if rng.random() < 0.55 else "Cassation"
        turn = pd.Timestamp("2013-01-01") + pd.Timedelta(days=int(rng.integers(0, 9 * 365))) if rng.random() < REVIREMENT_SHARE else None
        lines[name] = (first, turn)
    out = []
    for question, day in zip(questions, when, strict=True):
        first, turn = lines[question]
        answer = first if turn is None or day < turn else ("Cassation" if first == "Rejet" else "Rejet")
        if rng.random() > SETTLED:
            answer = "Cassation" if answer == "Rejet" else "Rejet"
        if answer == "Cassation" and rng.random() < 0.2:
            answer = "Cassation partielle"
        out.append(answer)
    return np.array(out, dtype=object)


def _restate(rng: np.random.Generator, fact: str, keep: float) -> str:
    """The facts as another writer puts them: words replaced by their usual paraphrases, some dropped."""
    words = []
    for word in fact.split():
        if word in PARAPHRASES and rng.random() < 0.6:
            word = PARAPHRASES[word][rng.integers(len(PARAPHRASES[word]))]
        if rng.random() < keep:
            words.append(word)
    return " ".join(words) or fact


def _other_claim(rng: np.random.Generator, question: str) -> str:
    """A secondary point of the same chamber's law that the decision also answers (not its legal question)."""
    chamber = QUESTIONS[question][0]
    siblings = [name for name, facts in QUESTIONS.items() if facts[0] == chamber and name != question]
    other = QUESTIONS[siblings[rng.integers(len(siblings))]]
    return _restate(rng, other[3][rng.integers(len(other[3]))], 0.8)


def _cassation(rng: np.random.Generator, n: int) -> pd.DataFrame:
    when = dates(rng, "2010-01-01", "2024-12-31", n)
    questions = _questions(rng, when)
    solutions = _solutions(rng, questions, when)
    titrages, sommaires, texts = [], [], []
    for question, solution, day in zip(questions, solutions, when):
        chamber, titrage, article, facts = QUESTIONS[question]
        fact = _restate(rng, facts[rng.integers(len(facts))], 0.55)
        court = f"cour d'appel de {COURS_APPEL[rng.integers(len(COURS_APPEL))]}"
        bank = SOMMAIRE_REJET if solution == "Rejet" else SOMMAIRE_CASSATION
        sommaire = bank[rng.integers(len(bank))].format(fact=_restate(rng, fact, 0.6), article=article)
        head, *rest = titrage.split(" - ")  # the subject in capitals always leads; later keywords vary
        titrage = " - ".join([head, *(part for part in rest if rng.random() < 0.85)])
        motifs = phrase(rng, MOTIFS_CASSATION).format(
            court=court, date=(day - pd.Timedelta(days=int(rng.integers(300, 900)))).strftime("%d %B %Y"), fact=fact,
            party=PARTIES[rng.integers(len(PARTIES))], grief=GRIEFS[rng.integers(len(GRIEFS))], article=article,
        )
        dispositif = "PAR CES MOTIFS, la Cour : REJETTE le pourvoi." if solution == "Rejet" else (
            "PAR CES MOTIFS, la Cour : CASSE ET ANNULE" + (" mais seulement en ce qu'il" if "partielle" in solution else "")
            + " l'arrêt rendu ; remet l'affaire et les parties dans l'état où elles se trouvaient."
        )
        titrages.append(titrage if rng.random() > 0.08 else None)
        sommaires.append(sommaire if rng.random() > 0.33 else None)
        if rng.random() < 0.5:
            motifs += f" Sur le second moyen, il est soutenu que {_other_claim(rng, question)} ; ce moyen n'est pas fondé."
        texts.append(f"{motifs} {dispositif}")
    years = when.dt.year.to_numpy() % 100
    return pd.DataFrame({
        "ID_DECISION": [f"JURITEXT{i:012d}" for i in range(n)], "JURIDICTION": "Cour de cassation",
        "CHAMBRE": [QUESTIONS[q][0] for q in questions],
        "NUMERO_AFFAIRE": [f"{y - 1:02d}-{rng.integers(10, 99)}.{rng.integers(100, 999)}" for y in years],
        "DATE_DECISION": when, "SOLUTION": solutions, "TITRAGE": titrages, "SOMMAIRE": sommaires, "TEXTE": texts,
        "question": questions, "DECISIONS_SIMILAIRES": None,
    })


def _appeals(rng: np.random.Generator, n: int, corpus: pd.DataFrame) -> pd.DataFrame:
    """Decisions of courts of appeal, on questions the Cour has already decided."""
    when = dates(rng, "2021-01-01", "2024-12-31", n)
    questions = corpus["question"].to_numpy()[rng.integers(0, len(corpus), n)]
    similar = corpus.groupby("question")["ID_DECISION"].agg(";".join)
    courts = rng.choice(COURS_APPEL, n)
    texts = []
    for question in questions:
        chamber, _, article, facts = QUESTIONS[question]
        fact = _restate(rng, facts[rng.integers(len(facts))], 0.85)
        if rng.random() < 0.6:  # appeals decide several claims; one of them is the point of law at issue
            fact += f". Par ailleurs, {_other_claim(rng, question)}"
        text = phrase(rng, MOTIFS_APPEL, CLOSINGS_APPEL).format(fact=fact, party=PARTIES[rng.integers(len(PARTIES))])
        if rng.random() < 0.3:  # a court sometimes names the article it applies
            text = f"Au visa de l'{article}, {text[0].lower()}{text[1:]}"
        texts.append(text)
    years = when.dt.year.to_numpy() % 100
    return pd.DataFrame({
        "ID_DECISION": [f"JURICA{i:012d}" for i in range(n)], "JURIDICTION": [f"Cour d'appel de {c}" for c in courts],
        "CHAMBRE": [_appeal_chamber(QUESTIONS[q][0]) for q in questions],
        "NUMERO_AFFAIRE": [f"{y:02d}/{rng.integers(0, 99999):05d}" for y in years],
        "DATE_DECISION": when, "SOLUTION": draw(rng, SOLUTIONS_APPEL, n), "TITRAGE": None, "SOMMAIRE": None,
        "TEXTE": texts, "QUESTION_DROIT": questions, "DECISIONS_SIMILAIRES": similar.reindex(questions).to_numpy(),
    })


def _appeal_chamber(cassation_chamber: str) -> str:
    """The court of appeal's chamber that hears what this chamber of the Cour judges."""
    return {
        "Chambre sociale": "Chambre sociale", "Chambre criminelle": "Chambre des appels correctionnels",
        "Chambre commerciale": "Chambre commerciale",
    }.get(cassation_chamber, "Chambre civile")
