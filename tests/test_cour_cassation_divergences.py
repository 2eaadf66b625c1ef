"""Divergent answers on one legal question: the pure function the Cour de cassation's card describes."""

from __future__ import annotations

from projects.cour_cassation_jurisprudence.divergences import divergences, opposite


def test_opposite_solutions() -> None:
    assert opposite("Cassation", "Rejet") and opposite("Rejet", "Cassation partielle")
    assert not opposite("Cassation", "Cassation partielle")
    assert not opposite("Rejet", "Rejet")
    assert not opposite("Rejet", "Irrecevabilité"), "a solution that takes no side diverges from nothing"


def test_divergences_are_pairs_within_groups_found_once() -> None:
    solutions = {"A": "Rejet", "B": "Cassation", "C": "Rejet", "D": "Cassation partielle", "E": "Rejet"}
    linked = {"A": ["B", "C"], "B": ["A"], "E": ["C"]}
    found = divergences(linked, solutions)
    assert list(zip(found["DECISION_A"], found["DECISION_B"])) == [("A", "B"), ("B", "C")]
    assert set(found["SOLUTION_A"]) | set(found["SOLUTION_B"]) == {"Rejet", "Cassation"}


def test_no_divergence_when_the_answers_agree() -> None:
    assert divergences({"A": ["C"], "E": ["A"]}, {"A": "Rejet", "C": "Rejet", "E": "Rejet"}).empty
