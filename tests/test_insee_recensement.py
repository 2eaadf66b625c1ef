"""INSEE: the register has SIRENE's columns and codes, held-out establishments stay unseen, and the census's goal
(the NAF code each answer is coded to) is scored for the model and the status quo."""

from __future__ import annotations

import json

import pandas as pd
import pytest

import projects
from flows import lifecycle
from flows import params as params_file
from flows.steps import kinds, validation
from projects.insee_recensement import objective
from projects.insee_recensement.data import KINDS, REGISTER, luhn_completed
from projects.insee_recensement.nomenclature import naf_labels
from tests.conftest import REPO

SUITE = REPO / "expectations" / "insee_recensement.json"


@pytest.fixture(scope="module")
def run() -> tuple:
    project = projects.load("insee_recensement")
    params = params_file.resolve(project, params_file.read(REPO))
    frame = project.generate(900, 5)
    rows = lifecycle.prepare(project, frame, params)
    return project, frame, rows, lifecycle.fit(project, params, rows.train)


def _luhn_valid(number: str) -> bool:
    return luhn_completed(number[:-1]) == number


def test_every_naf_code_is_a_real_sub_class_and_there_are_many() -> None:
    labels = naf_labels()
    assert len(labels) == 732
    codes = {facts["naf"] for facts in KINDS.values()}
    assert codes <= set(labels) and len(codes) > 60 and len({code[:2] for code in codes}) > 25


def test_the_register_has_sirene_s_columns_and_valid_numbers(run: tuple) -> None:
    _, frame, _, _ = run
    register = frame[frame["SOURCE"] == "sirene"]
    assert {"siren", "siret", "denominationUniteLegale", "enseigne1Etablissement", "activitePrincipaleEtablissement",
            "codePostalEtablissement", "libelleCommuneEtablissement", "codeCommuneEtablissement",
            "trancheEffectifsEtablissement", "etatAdministratifEtablissement"} <= set(REGISTER)
    assert register["siret"].map(_luhn_valid).all() and register["siren"].map(_luhn_valid).all()
    assert (register["siret"].str[:9] == register["siren"]).all() and (register["IDENTIFIANT"] == register["siret"]).all()
    assert set(register["etatAdministratifEtablissement"]) == {"A", "F"}
    answers = frame[frame["SOURCE"] == "recensement"]
    active = register.set_index("siret")["etatAdministratifEtablissement"]
    assert (active.reindex(answers["ETABLISSEMENT"]) == "A").all()  # people work in open establishments


def test_the_suite_refuses_a_code_outside_the_nomenclature_and_a_renamed_column(run: tuple) -> None:
    project, frame, _, _ = run
    assert validation.validate(frame, SUITE, project.name).success
    register = frame["SOURCE"] == "sirene"
    wrong = frame.copy()
    wrong.loc[register[register].index[0], "activitePrincipaleEtablissement"] = "56.10Y"
    assert not validation.validate(wrong, SUITE, project.name).success
    assert not validation.validate(frame.rename(columns={"siret": "SIRET"}), SUITE, project.name).success
    codes = next(e for e in json.loads(SUITE.read_text(encoding="utf-8"))["expectations"]
                 if e["kwargs"].get("column") == "activitePrincipaleEtablissement" and "value_set" in e["kwargs"])
    assert set(codes["kwargs"]["value_set"]) == set(naf_labels())  # any real extract's codes, not only ours


def test_held_out_establishments_are_never_matched_in_training_nor_read(run: tuple) -> None:
    project, _, rows, _ = run
    train = rows.train["ETABLISSEMENT"].dropna()
    assert not set(rows.test["ETABLISSEMENT"].dropna()) & set(train)
    assert not {"siren", "nic", "siret", "IDENTIFIANT", "ETABLISSEMENT"} & set(project.features)


def test_naf_coding_is_scored_at_sub_class_and_division_for_the_model_and_the_status_quo(run: tuple) -> None:
    project, _, rows, fitted = run
    model = kinds.score(fitted.model, project, rows.test)
    status_quo = kinds.score(fitted.baselines[lifecycle.STATUS_QUO], project, rows.test)
    for scores in (model, status_quo):
        assert 0 < scores["naf_subclass_accuracy"] <= scores["naf_division_accuracy"] <= 1
    assert model["naf_subclass_accuracy"] > status_quo["naf_subclass_accuracy"]


def test_the_objective_counts_a_wrong_division_and_a_right_one() -> None:
    class Picks:
        def __init__(self, ids: list[str]) -> None:
            self.ids = ids

        def predict(self, X: pd.DataFrame) -> list[str]:
            return self.ids

    project = projects.load("insee_recensement")
    rows = pd.DataFrame({
        "IDENTIFIANT": ["A", "B", "C", "q1", "q2"], "ETABLISSEMENT": [None, None, None, "A", "A"],
        "activitePrincipaleEtablissement": ["56.10A", "56.10C", "47.11D", None, None],
    }).reindex(columns=["IDENTIFIANT", "ETABLISSEMENT", *project.features])
    scores = objective.score(Picks(["B", "C"]), project, rows)
    assert scores == {"naf_subclass_accuracy": 0.0, "naf_division_accuracy": 0.5}


def test_matcher_codes_the_activity_of_answers(run: tuple) -> None:
    project, frame, rows, fitted = run
    answers = rows.test[rows.test["ETABLISSEMENT"].notna() & rows.test["ACTIVITE_DECLAREE"].notna()]
    truth = frame.set_index("IDENTIFIANT")["activitePrincipaleEtablissement"].reindex(answers["ETABLISSEMENT"]).to_numpy()
    coded = fitted.model.predict_naf(answers[list(project.features)])
    assert (coded == truth).mean() > 0.6
    assert fitted.model.predict_naf(answers[list(project.features)].assign(ACTIVITE_DECLAREE=None))[0] is None
