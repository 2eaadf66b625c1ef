"""The structured summary of a tumour-board report, from its entities (CHU de Toulouse)."""

from __future__ import annotations

from projects.chu_toulouse_rcp.summary import summarise


def entity(text: str, surface: str, kind: str) -> tuple[int, int, str]:
    start = text.index(surface)
    return start, start + len(surface), kind


def test_summary_reads_each_field_as_the_board_fills_it() -> None:
    text = ("Biopsie : ADK. Biologie moléculaire : EGFR muté exon 21 L858R, ALK nég, PD-L1 : 35%. "
            "Classification : pT2a N2 M1c. État général : PS 1. Proposition RCP : osimertinib 80 mg/j.")
    spans = [entity(text, s, k) for s, k in [
        ("ADK", "HISTOLOGIE"), ("EGFR muté exon 21 L858R", "BIOMARQUEUR"), ("ALK nég", "BIOMARQUEUR"),
        ("PD-L1 : 35%", "BIOMARQUEUR"), ("pT2a N2 M1c", "STADE_TNM"), ("PS 1", "ETAT_GENERAL"),
        ("osimertinib 80 mg/j", "TRAITEMENT"),
    ]]
    summary = summarise(text, spans)
    assert summary["histologie"] == "adénocarcinome"
    assert summary["tnm"] == {"T": "2a", "N": "2", "M": "1c", "clinique": False}
    assert summary["biomarqueurs"] == {"EGFR": "positif (L858R)", "ALK": "négatif", "PD-L1 (%)": 35}
    assert summary["etat_general_oms"] == 1
    assert summary["traitements_proposes"] == ["osimertinib 80 mg/j"]


def test_a_report_without_entities_gives_an_empty_summary() -> None:
    assert summarise("Dossier à rediscuter.", []) == {
        "histologie": None, "tnm": None, "biomarqueurs": {}, "etat_general_oms": None, "traitements_proposes": [],
    }


# The doctor corrects every field before the board: at most one histology or stage in ten, one biomarker profile,
# performance status or treatment list in five, on reports by authors the tagger never read.
SUMMARY_FLOORS = {"histologie": 0.9, "tnm": 0.9, "biomarqueurs": 0.8, "etat_general_oms": 0.8, "traitements_proposes": 0.8}


def test_the_summary_is_scored_field_by_field_on_held_out_authors() -> None:
    from pathlib import Path

    from flows import lifecycle
    from flows.params import read, resolve
    from flows.steps.kinds import entities
    from projects.chu_toulouse_rcp import PROJECT
    from projects.chu_toulouse_rcp.summary import agreement

    params = resolve(PROJECT, read(Path(__file__).parents[1]))
    split = lifecycle.prepare(PROJECT, PROJECT.generate(600, 0), params)
    fitted = lifecycle.fit(PROJECT, params, split.train)
    test = split.test
    texts, gold = list(test[PROJECT.features[0]]), entities.gold_spans(PROJECT, test)
    scored = {
        name: agreement(texts, gold, entities.predicted_spans(model.predict(test[list(PROJECT.features)])))
        for name, model in {"model": fitted.model, **fitted.baselines}.items()
    }
    missed = {field: scored["model"][field] for field, floor in SUMMARY_FLOORS.items() if scored["model"][field] < floor}
    assert not missed, f"summary fields under their floor: {missed}"
    # Complete summaries: the CRF must do at least as well as the terminology patterns and the surface dictionary.
    assert scored["model"]["complete"] >= max(scored["status_quo"]["complete"], scored["trivial"]["complete"])
