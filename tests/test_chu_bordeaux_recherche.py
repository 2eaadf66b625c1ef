"""CHU de Bordeaux: a question is asked in one patient's record, and the search never leaves it."""

import pandas as pd

from flows.steps.kinds import retrieval
from projects.chu_bordeaux_recherche import PROJECT
from projects.chu_bordeaux_recherche.data import generate
from projects.chu_bordeaux_recherche.model import Params, make_model


def test_relevant_documents_belong_to_the_record_the_question_is_asked_in() -> None:
    frame = generate(600, 0)
    patient_of = frame.set_index("ID_LIGNE")["PATIENT_NUM"]
    questions = frame[frame.NATURE == "question"]
    for patient, relevant in zip(questions.PATIENT_NUM, retrieval.relevant_ids(questions.DOCUMENTS_PERTINENTS), strict=True):
        assert {patient_of[doc] for doc in relevant} == {patient}


def test_the_search_ranks_the_open_record_first() -> None:
    frame = generate(600, 0)
    model = retrieval.fit(make_model(Params()), PROJECT, frame)
    rankings, _ = retrieval.rank(model, PROJECT, frame)
    patient_of = frame.set_index("ID_LIGNE")["PATIENT_NUM"]
    questions = frame[frame.NATURE == "question"]
    records = frame[frame.NATURE == "document"].groupby("PATIENT_NUM").size()
    for patient, ranked in zip(questions.PATIENT_NUM, rankings, strict=True):
        shown = ranked[: min(len(ranked), int(records[patient]))]
        assert set(pd.Series(shown).map(patient_of)) == {patient}
