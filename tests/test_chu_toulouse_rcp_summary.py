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
