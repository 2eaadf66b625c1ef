"""Cour de cassation: divergence detection, the laureate's goal, is scored on the decisions brought together."""

import numpy as np

from projects.cour_cassation_jurisprudence.data import generate
from projects.cour_cassation_jurisprudence.divergences import (
    divergence_scores,
    diverges,
)


def test_a_question_diverges_when_two_lines_of_case_law_coexist() -> None:
    assert diverges(["Rejet", "Cassation", "Rejet", "Cassation partielle"])
    assert not diverges(["Rejet"] * 9 + ["Cassation"])
    assert not diverges(["Rejet", "Irrecevabilité"])


def test_the_generator_plants_questions_that_turn_over_and_settled_ones() -> None:
    frame = generate(3000, 0)
    solutions = dict(zip(frame.ID_DECISION, frame.SOLUTION, strict=True))
    queries = frame[frame.DECISIONS_SIMILAIRES.notna()].drop_duplicates("QUESTION_DROIT")
    flags = [diverges([solutions[d] for d in value.split(";")]) for value in queries.DECISIONS_SIMILAIRES]
    assert 0.15 < sum(flags) / len(flags) < 0.7


def test_reading_all_the_decisions_of_the_question_finds_every_divergence_and_random_ones_do_worse() -> None:
    frame = generate(3000, 0)
    solutions = dict(zip(frame.ID_DECISION, frame.SOLUTION, strict=True))
    queries = frame[frame.DECISIONS_SIMILAIRES.notna()]
    relevant = [value.split(";") for value in queries.DECISIONS_SIMILAIRES]
    perfect = divergence_scores(relevant, relevant, solutions, depth=10_000)  # all of its decisions read
    assert perfect["divergence_f1"] == 1.0
    corpus = frame.loc[frame.DECISIONS_SIMILAIRES.isna(), "ID_DECISION"].to_numpy()
    rng = np.random.default_rng(0)
    random = divergence_scores([list(rng.choice(corpus, 10, replace=False)) for _ in relevant], relevant, solutions)
    assert random["divergence_f1"] < 0.8
