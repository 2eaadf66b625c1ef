"""Unit tests of the pure steps, without any server."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

import projects
from tests.gate import measured
from flows import params as params_file
from flows.steps import data, kinds, promotion, validation, versioning
from flows.steps.kinds import anomaly
from projects.contract import PromotionParams


@pytest.mark.parametrize("name", ["../etc", "/tmp/x", "%2e%2e", "Dgs", "dgs-signalements", "import", ""])
def test_names_that_are_not_identifiers_are_refused(name: str) -> None:
    with pytest.raises(projects.UnknownProject, match="not a project name"):
        projects.check_name(name)


def test_an_unknown_name_gets_the_closest_match() -> None:
    with pytest.raises(projects.UnknownProject, match="did you mean 'dgs_signalements'"):
        projects.check_name("dgs_signalement")


def test_overrides_keep_their_type_and_unknown_keys_are_refused() -> None:
    project = projects.load("dgs_signalements")
    raw = {"dgs_signalements": {"data": {"rows": 500}}}
    assert params_file.resolve(project, raw, ["data.rows=900"]).data.rows == 900
    with pytest.raises(params_file.ParamsError, match="data.rowz"):
        params_file.resolve(project, raw, ["data.rowz=900"])
    with pytest.raises(params_file.ParamsError, match="data.rows"):
        params_file.resolve(project, raw, ["data.rows=many"])
    with pytest.raises(params_file.ParamsError, match="section.key=value"):
        params_file.parse_override("rows")


def test_flat_params_are_dotted() -> None:
    project = projects.load("dgs_signalements")
    flat = params_file.flat(params_file.resolve(project, {}))
    assert flat["data.rows"] and flat["split.test_size"] == "0.25"


def test_pseudonymise_scrubs_names_phones_and_nir() -> None:
    project = replace(
        projects.load("dgs_signalements"), personal=("NOM",), free_text=("TEXTE",), features=("TEXTE",)
    )
    frame = pd.DataFrame(
        {
            "NOM": ["Jeanne Martin", None],
            "TEXTE": [
                "Mme Martin rappelle au 06 12 34 56 78, NIR 2 85 07 75 123 456 78, jeanne.martin@exemple.fr",
                "Patient stable, petit hématome.",
            ],
        }
    )
    clean = data.pseudonymise(frame, project, b"k")
    assert clean.loc[0, "NOM"].startswith("p_") and pd.isna(clean.loc[1, "NOM"])
    text = clean.loc[0, "TEXTE"]
    for secret in ("Martin", "06 12", "85 07", "jeanne.martin"):
        assert secret not in text
    assert "[TELEPHONE]" in text and "[NIR]" in text and "[EMAIL]" in text
    assert clean.loc[1, "TEXTE"] == "Patient stable, petit hématome."
    assert data.pseudonym("Jeanne Martin", b"k") == clean.loc[0, "NOM"]


def test_pseudonymise_scrubs_names_in_capitals_and_dates_of_birth() -> None:
    project = replace(
        projects.load("dgs_signalements"), personal=("NOM", "NAISSANCE"), free_text=("TEXTE",), features=("TEXTE",)
    )
    frame = pd.DataFrame({
        "NOM": ["Jean Da Silva", "Léa Petit"],
        "NAISSANCE": ["03/07/1954", "12/11/1961"],
        "TEXTE": ["M. Jean DA SILVA, né le 03/07/1954, revu le 04/07/2021.", "Mme PETIT : carcinome à petites cellules."],
    })
    clean = data.pseudonymise(frame, project, b"k")["TEXTE"]
    assert clean[0] == "M. [PERSONNE], né le [PERSONNE], revu le 04/07/2021."  # the whole name at once; the visit stays
    assert clean[1] == "Mme [PERSONNE] : carcinome à petites cellules."  # "petites" is no name


def test_pseudonymise_scrubs_whole_identifiers_copied_into_text() -> None:
    project = replace(projects.load("dgs_signalements"), personal=("IPP", "DATE_NAISSANCE"), free_text=("TEXTE",))
    frame = pd.DataFrame({"IPP": ["800000164"], "DATE_NAISSANCE": ["07/05/1988"],
                          "TEXTE": ["Patient né(e) le 07/05/1988, IPP 800000164. IDM en 2019."]})
    text = data.pseudonymise(frame, project, b"k").loc[0, "TEXTE"]
    assert "800000164" not in text and "07/05/1988" not in text and "IDM en 2019" in text


def test_unreadable_files_name_themselves(tmp_path: Path) -> None:
    broken = tmp_path / "dataset.parquet"
    broken.write_bytes(b"PAR1 not really")
    with pytest.raises(data.DataUnreadable, match="dataset.parquet: cannot be read as Parquet"):
        data.read(broken)
    with pytest.raises(data.DataUnreadable, match="no such file"):
        data.read(tmp_path / "missing.parquet")


def test_gate_promotes_only_a_better_fair_challenger() -> None:
    rules = PromotionParams(min_gain_over_baseline=0.05, max_fairness_gap=0.1)
    assert promotion.decide(measured("roc_auc", 0.8, 0.5, None, 0.05), rules).promote
    tie = promotion.decide(measured("roc_auc", 0.8, 0.5, 0.8), rules)
    assert not tie.promote and tie.blocked_by == ("champion",), "a tie keeps the champion"
    loose = rules.model_copy(update={"max_champion_loss": 0.01})
    assert promotion.decide(measured("roc_auc", 0.8, 0.5, 0.805), loose).promote
    kept = promotion.decide(measured("roc_auc", 0.8, 0.5, 0.82, 0.05), rules)
    assert not kept.promote and any("blocks: champion" in r for r in kept.reasons)
    unfair = promotion.decide(measured("roc_auc", 0.8, 0.5, None, 0.2), rules)
    assert not unfair.promote and any("blocks: fairness gap 0.2000 > threshold 0.1" in r for r in unfair.reasons)
    weak = promotion.decide(measured("roc_auc", 0.52, 0.5), rules)
    assert not weak.promote and weak.reasons[0].startswith("blocks:")
    assert promotion.decide(measured("rmse", 1.0, 2.0, 1.05, greater_is_better=False), rules).promote
    floors = rules.model_copy(update={"min_scores": {"recall.epave": 0.99}})
    missed = promotion.decide(measured("f1.bruit", 0.8, 0.5, scores={"recall.epave": 0.9}), floors)
    assert not missed.promote and any("blocks: recall.epave 0.9000 < floor 0.99" in r for r in missed.reasons)
    assert promotion.decide(measured("f1.bruit", 0.8, 0.5, scores={"recall.epave": 1.0}), floors).promote


def test_gate_measures_the_challenger_against_the_strongest_baseline() -> None:
    rules = PromotionParams(min_gain_over_baseline=0.05)
    beaten = promotion.decide(measured("accuracy", 0.89, 0.3, status_quo=0.97), rules)
    assert not beaten.promote and beaten.blocked_by == ("baselines",) and not beaten.beats_status_quo
    assert "strongest baseline (status_quo 0.9700)" in beaten.reasons[0] and "nothing is crowned" in beaten.reasons[0]
    close = promotion.decide(measured("accuracy", 0.99, 0.3, status_quo=0.97), rules)
    assert not close.promote, "a gain of 0.02 over the status quo is below the required 0.05"
    clear = promotion.decide(measured("accuracy", 0.99, 0.3, status_quo=0.9), rules)
    assert clear.promote and clear.beats_status_quo and "other baselines: trivial 0.3000" in clear.reasons[0]
    errors = promotion.decide(measured("rmse", 1.0, 2.0, status_quo=1.02, greater_is_better=False), rules)
    assert not errors.promote, "for an error the strongest baseline is the lowest"
    nan = promotion.decide(measured("accuracy", float("nan"), 0.3), rules)
    assert not nan.promote


def test_anomaly_baseline_scores_the_anomaly_rate() -> None:
    truth = pd.Series([True] * 5 + [False] * 95)
    X = pd.DataFrame({"x": np.arange(100.0)})
    project = SimpleNamespace(name="demo", task="anomaly", features=("x",), target="y")
    scores = kinds.score(anomaly.ConstantScore().fit(X), project, X.assign(y=truth))
    assert scores["average_precision"] == pytest.approx(0.05)
    assert scores["roc_auc"] == pytest.approx(0.5)


@pytest.fixture()
def suite(tmp_path: Path) -> Path:
    path = tmp_path / "demo.json"
    path.write_text(
        json.dumps(
            {
                "name": "demo",
                "expectations": [
                    {"type": "expect_table_row_count_to_be_between", "kwargs": {"min_value": 1}},
                    {"type": "expect_table_columns_to_match_set", "kwargs": {"column_set": ["GRAVITE"], "exact_match": True}},
                    {"type": "expect_column_values_to_be_in_set", "kwargs": {"column": "GRAVITE", "value_set": [1, 2, 3, 4, 5]}},
                ],
            }
        )
    )
    return path


def test_validation_failures_read_as_sentences(suite: Path) -> None:
    report = validation.validate(pd.DataFrame({"GRAVITE": [1, 7, 9, 2]}), suite, "demo")
    assert not report.success
    assert report.failures == [
        "expect_column_values_to_be_in_set: column GRAVITE: 2 of 4 rows fail (value_set=[1, 2, 3, 4, 5]), e.g. 7, 9"
    ]
    message = str(validation.ValidationFailed(report))
    assert message.startswith("demo: 1 of 3 expectations failed")


def test_missing_columns_are_named(suite: Path) -> None:
    report = validation.validate(pd.DataFrame({"GRAVITY": [1]}), suite, "demo")
    assert any("GRAVITE" in failure and "does not exist" in failure for failure in report.failures)
    assert any("'missing': ['GRAVITE']" in failure for failure in report.failures)


@pytest.mark.parametrize(
    ("content", "message"),
    [("{not json", "not valid JSON"), ('{"name": "demo", "expectations": []}', "non-empty"),
     ('{"name": "other", "expectations": [{"type": "x"}]}', "must be named 'demo'"),
     ('{"name": "demo", "expectations": [{"type": "expect_nothing_at_all", "kwargs": {}}]}', "expect_nothing_at_all not found")],
)
def test_broken_suites_are_refused(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "demo.json"
    path.write_text(content)
    with pytest.raises(validation.SuiteInvalid, match=message):
        validation.validate(pd.DataFrame({"a": [1]}), path, "demo")


def test_data_version_comes_from_dvc_lock_and_changes_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "data" / "demo" / "dataset.parquet"
    path.parent.mkdir(parents=True)
    path.write_bytes(b"version one")
    md5 = versioning.md5_of(path)
    (tmp_path / "dvc.lock").write_text(
        f"schema: '2.0'\nstages:\n  ingest@demo:\n    outs:\n    - path: data/demo/dataset.parquet\n      md5: {md5}\n"
    )
    assert versioning.resolve(tmp_path, "demo") == versioning.DataVersion(path, md5, "workspace")
    path.write_bytes(b"version two")
    with pytest.raises(versioning.DataChanged, match="differs from dvc.lock"):
        versioning.resolve(tmp_path, "demo")
    cached = versioning.cache_path(tmp_path, md5)
    cached.parent.mkdir(parents=True)
    cached.write_bytes(b"version one")
    path.unlink()
    assert versioning.resolve(tmp_path, "demo").source == "cache"
    assert path.read_bytes() == b"version one"
    with pytest.raises(versioning.DataNotVersioned, match="socle data ingest other"):
        versioning.locked_md5(tmp_path, "other")


def test_pseudonymise_leaves_the_common_words_of_addresses() -> None:
    project = replace(
        projects.load("dgs_signalements"), personal=("ADRESSE",), free_text=("TEXTE",), features=("TEXTE",)
    )
    frame = pd.DataFrame({
        "ADRESSE": ["12 rue des Lilas", "5 chemin de la Forge"],
        "TEXTE": ["Chute rue des Écoles ; domicile 12 rue des Lilas.", "Histoire de la maladie : voisin de la Forge."],
    })
    clean = data.pseudonymise(frame, project, b"k")["TEXTE"]
    assert clean[0] == "Chute rue des Écoles ; domicile [PERSONNE]."
    assert clean[1] == "Histoire de la maladie : voisin [PERSONNE]."


def test_a_fresh_clone_generates_synthetic_data_that_matches_dvc_lock(tmp_path: Path) -> None:
    """Neither the file nor its cache: the generator's bytes are taken when they have the md5 of dvc.lock; other
    bytes are never taken (the recorded version is pulled instead)."""
    import shutil

    from flows import ingest
    from flows.steps import versioning
    from tests.conftest import REPO

    shutil.copy(REPO / "params.yaml", tmp_path / "params.yaml")
    made = ingest.ingest("ign_gnss", tmp_path, tmp_path / "made.parquet")
    lock = "schema: '2.0'\nstages:\n  ingest@ign_gnss:\n    cmd: python -m flows.ingest ign_gnss\n    outs:\n"
    (tmp_path / "dvc.lock").write_text(lock + f"    - path: data/ign_gnss/dataset.parquet\n      md5: {versioning.md5_of(made)}\n")
    found = versioning.resolve(tmp_path, "ign_gnss")
    assert found.source == "generated" and versioning.md5_of(found.path) == found.md5
    found.path.unlink()
    (tmp_path / "dvc.lock").write_text(lock + "    - path: data/ign_gnss/dataset.parquet\n      md5: 0123456789abcdef0123456789abcdef\n")
    assert not versioning.generated(tmp_path, "ign_gnss", "0123456789abcdef0123456789abcdef", found.path)
    assert not found.path.exists() and not list(found.path.parent.glob("*.generated"))
