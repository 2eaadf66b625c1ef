"""The letter for the person a decision concerns (`socle explain NAME --input FILE --for KEY`), on three shapes of
model: a linear pipeline (crmana), a tree ensemble (dge_sisse), a model with its own `explain` (ineris). No server;
the page is opened in Chromium."""

from __future__ import annotations

import json
import math
import subprocess
from pathlib import Path

import numpy as np
import pytest

import projects
from flows import lifecycle
from flows.review import letter as letters
from flows.steps import citizen

NAMES = ("crmana_implantation", "dge_sisse", "ineris_spectres")
CHROMIUM = Path("/usr/bin/chromium")


@pytest.fixture(scope="module", params=NAMES)
def explained(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple:
    """A model trained on generated rows, its held-out rows delivered as a CSV, the letter for the third of them."""
    project = projects.load(request.param)
    params = project.params_model()(evaluation={"bootstrap": 0})
    result = lifecycle.run(project, project.generate(900, 0), params)
    rows = result.split.test
    path = tmp_path_factory.mktemp(project.name) / "rows.csv"
    rows.to_csv(path, index=False)
    delivered = letters._delivered(path)
    key = delivered.iloc[2][project.key]
    position = citizen.find(delivered, project, key)
    provenance = citizen.Provenance(project.name, "7", "2026-12-01", "0123abcd")
    reference = citizen.reference_profile(result.split.train, project)
    found = citizen.explain_person(
        result.fitted.model, project, rows, position, provenance, reference, "la référence", delivered
    )
    return project, result.fitted.model, rows, position, key, found


def test_the_letter_names_the_person_by_key_with_decision_probability_and_threshold(explained: tuple) -> None:
    project, model, rows, position, key, found = explained
    assert position == 2 and found.key == str(key)
    X = rows[list(project.features)].iloc[[position]]
    assert found.decision == citizen._plain(model.predict(X)[0])
    text = found.text()
    assert f"{project.key} {key}" in text and f"Décision : {project.target} = {citizen.shown(found.decision)}" in text
    if found.probability is not None:  # binary: the probability of the positive class and the 0.5 rule
        probability = float(model.predict_proba(X)[0, 1])
        assert found.probability == pytest.approx(probability) and found.threshold == 0.5
        assert (probability >= found.threshold) == (found.decision == citizen._plain(model.classes_[1]))
        assert f"Probabilité estimée : {citizen.figure(probability * 100, 1)} %" in text and "seuil : 50 %" in text
    else:  # ineris: the best candidate's score against the model's own rejection threshold
        assert found.threshold == pytest.approx(model.threshold_)
        assert f"seuil : {citizen.figure(model.threshold_)}" in text


def test_each_data_item_has_its_value_as_delivered_a_weight_per_unit_and_an_effect(explained: tuple) -> None:
    project, model, rows, position, _, found = explained
    assert [item.column for item in found.items] != [] and {i.column for i in found.items} == set(project.features)
    data = json.loads(json.dumps(found.to_json(), default=str))
    assert data["contributions_add_up"], "the exact additive contributions are kept for audit"
    numbers = [i for i in data["items"] if i["unit_step"] is not None]
    assert numbers, "every project here reads numbers"
    for item in numbers:
        raw = rows.iloc[position][item["column"]]
        if float(raw).is_integer():  # integers as integers, never 3.0
            assert isinstance(item["value"], int) and f" : {citizen.figure(int(raw))}" in found.text()
        assert item["weight_per_unit"] is not None and item["unit"]
    text = found.text()
    assert "de plus" in text and "poids :" in text and "effet :" in text
    # An effect is what the decision's number would be with that item at the reference value.
    number, _ = citizen._scorer(model, project, found.decision)
    X = rows[list(project.features)].iloc[[position]]
    here = float(number(X)[0])
    item = next(i for i in found.items if i.effect is not None and abs(i.effect) > 1e-9)
    changed = X.copy().astype({item.column: object})
    changed[item.column] = [item.reference if not isinstance(item.reference, int) else float(item.reference)]
    assert item.effect == pytest.approx(here - float(number(changed.astype(X.dtypes.to_dict()))[0]), abs=1e-9)


def test_the_data_not_used_are_said_sensitive_attributes_first(explained: tuple) -> None:
    project, _, _, _, _, found = explained
    named = [column for column, _ in found.not_used]
    assert named[: len(project.sensitive)] == list(project.sensitive)
    assert not set(named) & set(project.features)
    text = found.text()
    for attribute in project.sensitive:
        assert f"- {attribute} : attribut sensible" in text
    assert "Modèle : " + project.name + " version 7, entraîné le 2026-12-01 sur les données de version 0123abcd." in text


def test_a_key_that_is_not_in_the_file_is_said(explained: tuple) -> None:
    project, _, rows, _, _, _ = explained
    with pytest.raises(citizen.PersonNotFound, match=f"no row of the file has {project.key} = nobody"):
        citizen.find(rows, project, "nobody")
    with pytest.raises(citizen.PersonNotFound, match="declares no key"):
        citizen.find(rows, projects.load("irsn_siseri"), "x")


@pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed")
def test_the_page_opens_in_chromium_with_key_probability_threshold_units_and_data_not_used(
    explained: tuple, tmp_path: Path
) -> None:
    project, _, _, _, key, found = explained
    page = citizen.written(found.html(), tmp_path / "lettre.html")
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", f"--user-data-dir={tmp_path / 'profile'}",
             "--enable-logging=stderr", "--v=0"]
    done = subprocess.run([str(CHROMIUM), *flags, "--dump-dom", page.as_uri()], capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr[-2000:]
    dom = done.stdout
    assert not [line for line in done.stderr.splitlines() if ":CONSOLE" in line]
    assert f"{project.key} {key}" in dom and 'id="probability"' in dom and 'id="threshold"' in dom
    threshold = found.threshold * 100 if found.probability is not None else found.threshold
    assert citizen.figure(threshold, 1 if found.probability is not None else 3) in dom.split('id="threshold"')[1][:40]
    assert dom.count("<tr data-column=") == len(project.features) and "de plus" in dom
    not_used = dom.split('id="not-used"')[1].split("</ul>")[0]
    for attribute in project.sensitive:
        assert attribute in not_used


def test_french_figures() -> None:
    assert citizen.figure(21825.0) == "21\u202f825" and citizen.figure(0.5) == "0,5" and citizen.figure(8.4) == "8,4"
    assert citizen.signed(0.0123, True) == "+1,2 point" and citizen.signed(-0.05, True) == "-5,0 points"
    assert citizen.signed(0.00002, True) == "+0,00 point" and citizen.figure(math.nan) == "—"
    assert citizen._step(21825.0, 20000, "€") == 1000 and citizen._step(7.0, 5, "an") == 1 and citizen._step(0.4, 0.2, "part") == 0.1
    assert citizen._plural("habitant/km²", 100) == "habitants/km²" and citizen._plural("€", 1000) == "€"
    assert np.isclose(citizen._step(0.0, None, "unité"), 1.0)


def test_the_file_is_read_as_delivered_and_the_reference_comes_from_the_training_data(tmp_path: Path) -> None:
    import pandas as pd

    from flows.steps import versioning

    project = projects.load("crmana_implantation")
    frame = project.generate(200, 0)
    path = tmp_path / "rows.csv"
    frame.assign(DEPARTEMENT="01").to_csv(path, index=False)
    delivered = letters._delivered(path)
    assert delivered["DEPARTEMENT"].iloc[0] == "01" and delivered["NB_EQUIPEMENTS_500M"].iloc[0] == str(frame["NB_EQUIPEMENTS_500M"].iloc[0])
    data = tmp_path / versioning.relative_data_path(project.name)
    data.parent.mkdir(parents=True)
    frame.to_parquet(data)
    training = frame.assign(NB_EQUIPEMENTS_500M=frame["NB_EQUIPEMENTS_500M"] + 1000)
    reference, what = letters._reference(tmp_path, project, versioning.md5_of(data), training, pd)
    assert reference["NB_EQUIPEMENTS_500M"] == float(frame["NB_EQUIPEMENTS_500M"].median()) and "d'apprentissage" in what
    reference, what = letters._reference(tmp_path, project, "another-version", training, pd)
    assert reference["NB_EQUIPEMENTS_500M"] == float(training["NB_EQUIPEMENTS_500M"].median())
    assert "ne sont pas disponibles" in what
    assert letters._day(1764720000000) == "2025-12-03" and letters._day(None) == "date inconnue"


def test_explain_for_a_person_without_a_champion_says_so(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from flows.cli import app
    from tests.conftest import REPO

    path = tmp_path / "rows.csv"
    projects.load("crmana_implantation").generate(60, 0).to_csv(path, index=False)
    env = {"SOCLE_ROOT": str(REPO), "MLFLOW_TRACKING_URI": f"sqlite:///{tmp_path / 'empty.db'}"}
    result = CliRunner().invoke(app, ["explain", "crmana_implantation", "--input", str(path), "--for", "1"], env=env)
    assert result.exit_code != 0
    assert "no champion registered yet" in result.output + str(result.exception)
