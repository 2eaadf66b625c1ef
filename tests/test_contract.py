"""The contract, checked on every project folder: adding a project adds its row to each of these tests."""

from __future__ import annotations

import json
import re

import numpy as np
import pandas as pd
import pytest

import projects
from flows import conformance
from flows import params as params_file
from flows.steps import data, explain, kinds, validation
from projects.contract import Project
from tests.conftest import REPO

NAMES = projects.names()
SAMPLE_ROWS = 600
SERIES_ROWS = 6000
"""A change point needs long series: 600 daily positions over 60 stations hold no break to find."""
CARD_HEADINGS = ["Administration", "Problem", "Data", "Synthetic data", "Task and metric", "Ethics", "Gains"]


@pytest.fixture(scope="module", params=NAMES)
def project(request: pytest.FixtureRequest) -> Project:
    return projects.load(request.param)


@pytest.fixture(scope="module")
def sample(project: Project) -> pd.DataFrame:
    """Generated data as the flow sees it: pseudonymised first."""
    rows = SERIES_ROWS if project.task == "changepoint" else SAMPLE_ROWS
    return data.pseudonymise(project.generate(rows, 3), project, b"test-key")


def test_declaration_is_consistent(project: Project) -> None:
    kind = kinds.get(project.task)
    assert kinds.scored(project, project.metric)
    assert project.greater_is_better == (project.metric not in kind.lower_is_better), "an error metric is minimised"
    assert all(kinds.scored(project, m) for m in params_file.resolve(project, params_file.read(REPO)).promotion.min_scores)
    assert project.target not in project.features
    assert not set(project.features) & set(project.sensitive), "sensitive attributes are never features"
    assert not set(project.features) & set(project.personal), "personal fields are never features"
    assert len(set(project.features)) == len(project.features)
    assert project.title and project.administration and project.season in (1, 2)


def test_the_summary_read_without_import_is_the_declaration(project: Project) -> None:
    assert projects.summary(project.name) == {field: getattr(project, field) for field in projects.SUMMARY}


def test_params_yaml_section_validates_and_refuses_unknown_keys(project: Project) -> None:
    raw = params_file.read(REPO)
    params = params_file.resolve(project, raw)
    assert params.data.rows >= 50
    with pytest.raises(params_file.ParamsError, match="model.no_such_parameter"):
        params_file.resolve(project, raw, ["model.no_such_parameter=1"])


def test_suite_is_named_after_its_file(project: Project) -> None:
    suite = json.loads((REPO / "expectations" / f"{project.name}.json").read_text(encoding="utf-8"))
    assert suite["name"] == project.name
    types = {expectation["type"] for expectation in suite["expectations"]}
    # An empty batch passes a GX suite unless it asks for a row count; a renamed column needs the column set.
    assert {"expect_table_row_count_to_be_between", "expect_table_columns_to_match_set"} <= types


def test_generator_is_seeded(project: Project) -> None:
    first, again, other = project.generate(300, 1), project.generate(300, 1), project.generate(300, 2)
    pd.testing.assert_frame_equal(first, again)
    assert len(first) == 300
    assert not first.equals(other)


def test_generated_columns_cover_the_declaration(project: Project, sample: pd.DataFrame) -> None:
    derived = project.derive(sample) if project.derive else sample
    declared = {project.target, *project.sensitive, *project.personal, *project.free_text}
    assert declared <= set(sample.columns)
    assert set(project.features) <= set(derived.columns)
    assert derived.index.equals(sample.index), "derive keeps rows and their order"


def test_generated_data_passes_its_suite(project: Project, sample: pd.DataFrame) -> None:
    report = validation.validate(sample, REPO / "expectations" / f"{project.name}.json", project.name)
    assert report.success, report.failures


def test_generated_data_fails_its_suite_when_empty(project: Project, sample: pd.DataFrame) -> None:
    report = validation.validate(sample.head(0), REPO / "expectations" / f"{project.name}.json", project.name)
    assert not report.success
    assert any("row_count" in failure for failure in report.failures)


def test_personal_values_never_survive_pseudonymisation(project: Project) -> None:
    raw = project.generate(SAMPLE_ROWS, 3)
    clean = data.pseudonymise(raw, project, b"test-key")
    for column in project.personal:
        assert not set(raw[column].dropna().astype(str)) & set(clean[column].dropna())
    for column in project.free_text:
        for person in project.personal:
            words = {w for v in raw[person].dropna().astype(str) for w in re.findall(r"[^\W\d_]{3,}", v)}
            names = {word for word in words if word.lower() not in data.COMMON_WORDS}  # "rue" identifies nobody
            text = " ".join(clean[column].dropna())
            leaked = {name for name in names if re.search(rf"\b{re.escape(name)}\b", text)}
            assert not leaked, f"{column} still holds {sorted(leaked)[:5]}"


@pytest.fixture(scope="module")
def checked(project: Project, sample: pd.DataFrame) -> conformance.Report:
    """The conformance kit on the sample (what `socle check NAME --rows 600` prints)."""
    return conformance.check(project, sample, params_file.resolve(project, params_file.read(REPO)))


def test_the_model_follows_scikit_learn_habits(checked: conformance.Report) -> None:
    bad = [f"{f.name}: {f.detail}" for f in checked.findings if f.family == "estimator" and not f.ok]
    assert not bad, bad


def test_no_check_of_the_gate_is_void(checked: conformance.Report) -> None:
    bad = [f"{f.name}: {f.detail}" for f in checked.findings if f.family == "thresholds" and not f.ok]
    assert not bad, bad


def test_the_gate_refuses_degraded_challengers_with_their_reason(checked: conformance.Report) -> None:
    assert len(checked.refusals) == 3
    for name, decision in checked.refusals.items():
        assert not decision.promote, f"the gate crowned the {name} challenger: {decision.text()}"
        assert any(not check.ok and check.reason for check in decision.checks)
        if name.startswith(("status quo", "trivial")):  # a rule cannot beat itself by the required gain
            assert "baselines" in decision.blocked_by, f"{name}: {decision.text()}"


def test_the_evaluation_holds_out_groups_and_measures_the_gap(project: Project, checked: conformance.Report) -> None:
    evaluation = checked.result.evaluation
    assert project.holdout is not None, "declare `holdout`: what a row's wording or entity comes from"
    if not project.holdout.scopes:
        assert project.holdout.column not in project.features, "the held-out column is never a feature"
    split = checked.result.split
    units = lambda rows: rows.loc[~kinds.context(rows, project), project.holdout.column].astype(str)  # noqa: E731 (a corpus is on both sides)
    assert not set(units(split.train)) & set(units(split.test)), "a held-out group was trained on"
    assert evaluation.generalisation_gap is not None and evaluation.rows["seen"] > 0
    assert "model" in evaluation.intervals, "the primary metric has a bootstrap interval"


def test_the_status_quo_is_a_baseline(project: Project, checked: conformance.Report) -> None:
    assert project.status_quo is not None, "declare `status_quo`: what the administration does today, or the simplest strong rule"
    assert "status_quo" in checked.result.evaluation.baselines
    assert project.status_quo.what and project.status_quo.name


def test_explanations_add_up_to_the_model_output(project: Project, sample: pd.DataFrame) -> None:
    if kinds.get(project.task).output is kinds.no_output:
        pytest.skip(f"a {project.task} model makes no single decision per row to explain")
    frame = project.derive(sample) if project.derive else sample
    params = params_file.resolve(project, params_file.read(REPO))
    model = kinds.fit(project.make_model(params.model), project, frame)
    X = frame[list(project.features)].head(50)
    base, contributions = explain.contributions(model, project, X)
    assert set(contributions.columns) <= set(project.features)
    np.testing.assert_allclose(base + contributions.sum(axis=1).to_numpy(), kinds.output(model, project, X), atol=1e-6)


def test_card_says_what_is_synthetic(project: Project) -> None:
    card = projects.card(project.name).read_text(encoding="utf-8")
    headings = re.findall(r"^## (.+)$", card, flags=re.M)
    assert headings == CARD_HEADINGS
    assert "synthetic" in card.lower()
    assert project.metric in card or project.metric.replace("_", " ") in card.lower()
    for column in (*project.sensitive, *project.personal):
        assert column in card, f"the card must name the column {column}"
