"""ASN: the letters' plan and the keyword status quo."""

import numpy as np

from projects.asn_lettres_suite.data import NEW_PLAN, generate
from projects.asn_lettres_suite.status_quo import KeywordTopics, lexicon


def test_sections_follow_the_plan_of_their_date() -> None:
    frame = generate(1500, 0)
    new = frame.DATE_INSPECTION >= NEW_PLAN
    assert set(frame.loc[new, "SECTION"]) <= {"I", "II", "III"}
    assert set(frame.loc[~new, "SECTION"]) <= {"A", "B", "C"}
    assert (frame.loc[frame.TYPE_PARAGRAPHE == "observation", "SECTION"].isin({"C", "III"})).all()


def test_the_keyword_search_finds_a_topic_by_its_words_else_the_inspection_theme() -> None:
    rows = generate(60, 0).head(3).assign(
        TEXTE_PARAGRAPHE=["Une porte coupe-feu était calée ouverte.", "Rien à signaler.", "Le dosimètre n'était pas porté."],
        THEME_INSPECTION=[None, "transport", None],
    )
    rule = KeywordTopics().fit(rows[["TEXTE_PARAGRAPHE", "THEME_INSPECTION"]])
    found = rule.predict(rows[["TEXTE_PARAGRAPHE", "THEME_INSPECTION"]])
    names = np.array(rule.classes_)
    assert [list(names[row.astype(bool)]) for row in found] == [["incendie"], ["transport"], ["radioprotection"]]
    assert len(lexicon()) == 9
