"""BM25 with a lexicon and learned expansion (projects/_shared/rankers.py), on hand-made documents."""

from __future__ import annotations

import numpy as np
import pandas as pd

from projects._shared.rankers import BM25Ranker, words

CORPUS = pd.DataFrame(
    {"TEXTE": ["Infarctus du myocarde, coronarographie.", "Asthme sévère, salbutamol.", "Fracture du col du fémur."]},
    index=pd.Index(["D1", "D2", "D3"]),
)


def test_words_drop_accents_function_words_and_plurals() -> None:
    assert words("Les fractures du Fémur") == ["fracture", "femur"]
    assert words(None) == []


def test_the_lexicon_bridges_an_abbreviation_on_either_side() -> None:
    queries = pd.DataFrame({"TEXTE": ["IDM"]})
    plain = BM25Ranker().fit(queries, pd.Series([("D1",)]), corpus=CORPUS)
    assert plain.similarity(queries).max() == 0.0
    lexicon = BM25Ranker(synonyms={"IDM": "infarctus du myocarde"}).fit(queries, pd.Series([("D1",)]), corpus=CORPUS)
    assert list(lexicon.predict(queries)) == ["D1"]
    abbreviated = CORPUS.assign(TEXTE=["ATCD d'IDM.", "Asthme.", "Fracture."])
    lexicon.index(abbreviated)
    assert list(lexicon.predict(pd.DataFrame({"TEXTE": ["infarctus"]}))) == ["D1"]


def test_expansion_is_learned_from_queries_and_their_documents() -> None:
    queries = pd.DataFrame({"TEXTE": ["crise cardiaque"] * 4 + ["crise d'asthme"] * 4})
    relevant = pd.Series([("D1",)] * 4 + [("D2",)] * 4)
    model = BM25Ranker(min_support=3, min_lift=1.5).fit(queries, relevant, corpus=CORPUS)
    assert "infarctu" in model.expansions_["cardiaque"]  # "infarctus", its final s off like a plural
    assert list(model.predict(pd.DataFrame({"TEXTE": ["cardiaque"]}))) == ["D1"]
    unlearned = BM25Ranker(expansion_weight=0.0).fit(queries, relevant, corpus=CORPUS)
    assert unlearned.similarity(pd.DataFrame({"TEXTE": ["cardiaque"]})).max() == 0.0


def test_bm25_prefers_the_rarer_term() -> None:
    model = BM25Ranker().fit(pd.DataFrame({"TEXTE": ["x"]}), pd.Series([("D1",)]), corpus=CORPUS)
    scores = model.similarity(pd.DataFrame({"TEXTE": ["col myocarde"]}))[0]
    assert np.isclose(scores[0], scores[2]) and scores[1] == 0.0  # each term once in the corpus: same weight
    df = CORPUS.assign(TEXTE=["fracture myocarde", "fracture", "fracture col"])
    model.index(df)
    scores = model.similarity(pd.DataFrame({"TEXTE": ["fracture col"]}))[0]
    assert scores[2] > scores[0] and scores[2] > scores[1]
