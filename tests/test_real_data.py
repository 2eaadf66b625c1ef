"""Real data in place of the synthetic one: reading a delivery, the real-only part of a suite, the stage that keeps a
real file, the origin on the card and in the trends, and the card's text in the fingerprint."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import pytest

import projects
from flows import ingest, review
from flows.steps import card, data, identity, validation, versioning
from flows.steps.record import Metric, Tag
from tests.test_review import _facts

REPO = Path(__file__).resolve().parents[1]
NAME = "crmana_implantation"


def test_a_csv_delivery_gets_the_source_s_column_types(tmp_path: Path) -> None:
    project = projects.load(NAME)
    source = project.generate(50, 3)
    source.to_csv(tmp_path / "livraison.csv", index=False)
    read = ingest.read(tmp_path / "livraison.csv", project)
    assert dict(read.dtypes) == dict(source.dtypes)
    assert read["DEPARTEMENT"].equals(source["DEPARTEMENT"])  # "09" stays a département, not the number 9
    pd.testing.assert_frame_equal(read, source, check_exact=False)


def test_a_value_that_does_not_convert_names_its_column(tmp_path: Path) -> None:
    project = projects.load(NAME)
    frame = project.generate(20, 3).astype({"IND": "object"})
    frame.loc[4, "IND"] = "beaucoup"
    frame.to_csv(tmp_path / "livraison.csv", index=False)
    with pytest.raises(data.DataUnreadable, match="column IND holds a value that is not int64"):
        ingest.read(tmp_path / "livraison.csv", project)


@pytest.mark.parametrize("suffix", [".pkl", ".pickle", ".joblib", ""])
def test_only_csv_and_parquet_are_imported_never_unpickled(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"dataset{suffix}"
    path.write_bytes(b"\x80\x04\x95 not even looked at")
    with pytest.raises(data.DataUnreadable, match="give a CSV or Parquet file"):
        ingest.read(path, projects.load(NAME))


def _suite(tmp_path: Path) -> Path:
    path = tmp_path / "demo.json"
    path.write_text(json.dumps({"name": "demo", "expectations": [
        {"type": "expect_column_values_to_be_between", "kwargs": {"column": "MONTANT", "min_value": 0}},
        {"type": "expect_table_row_count_to_be_between", "kwargs": {"min_value": 5}, "meta": {"real_only": True}},
    ]}))
    return path


def test_real_only_expectations_apply_to_real_data_only(tmp_path: Path) -> None:
    few = pd.DataFrame({"MONTANT": [1.0, 2.0]})
    synthetic = validation.validate(few, _suite(tmp_path), "demo")
    assert synthetic.success and synthetic.evaluated == 1
    real = validation.validate(few, _suite(tmp_path), "demo", real=True)
    assert not real.success  # the row count is about the shape: checked first, alone
    assert real.failures == ["expect_table_row_count_to_be_between: observed 2 (min_value=5)"]


def _real_workspace(root: Path, with_file: bool) -> versioning.Origin:
    found = versioning.Origin(versioning.REAL, "livraison.csv", "CMA NA", "2026-01-05T10:00:00+00:00", "ab" * 16, 1200)
    (root / "data" / NAME).mkdir(parents=True)
    versioning.record_origin(root, NAME, found)
    if with_file:
        (root / versioning.relative_data_path(NAME)).write_bytes(b"the real bytes")
    return found


def test_the_stage_keeps_a_real_file_and_says_why(tmp_path: Path) -> None:
    found = _real_workspace(tmp_path, with_file=True)
    assert versioning.origin(tmp_path, NAME) == found
    said = ingest.stage(NAME, tmp_path)
    assert said.startswith(f"{NAME}: real (`livraison.csv`, 1200 rows, imported by CMA NA on 2026-01-05), kept as it is")
    assert (tmp_path / versioning.relative_data_path(NAME)).read_bytes() == b"the real bytes"
    assert not versioning.generated(tmp_path, NAME, found.md5, tmp_path / "elsewhere.parquet")


def test_missing_real_data_is_pulled_never_generated(tmp_path: Path) -> None:
    _real_workspace(tmp_path, with_file=False)
    with pytest.raises(ingest.RealDataMissing, match=f"`socle data pull {NAME}`"):
        ingest.stage(NAME, tmp_path)
    assert not (tmp_path / versioning.relative_data_path(NAME)).exists()


def test_without_an_origin_file_the_data_is_synthetic(tmp_path: Path) -> None:
    assert versioning.origin(tmp_path, NAME) == versioning.Origin() and not versioning.Origin().real


def test_the_card_of_real_data_says_real_and_not_synthetic() -> None:
    real = versioning.Origin(versioning.REAL, "livraison.csv", "CMA NA", "2026-01-05T10:00:00+00:00", "ab" * 16, 1200)
    text = card.markdown(replace(_facts(), origin=real))
    assert "- origin: real (`livraison.csv`, 1200 rows, imported by CMA NA on 2026-01-05)" in text
    assert "synthetic" not in text
    assert "Trained and evaluated on synthetic data" in card.markdown(_facts())


def _run(run_id: str, score: float, origin: str | None) -> SimpleNamespace:
    tags = {} if origin is None else {Tag.DATA_ORIGIN: origin}
    return SimpleNamespace(info=SimpleNamespace(run_id=run_id, start_time=0, status="FINISHED"), data=SimpleNamespace(
        tags=tags, metrics={Metric.TEST + "roc_auc": score}, params={},
    ))


def test_the_trend_is_drawn_over_one_data_origin() -> None:
    newest_first = [_run("r4", 0.61, "real"), _run("r3", 0.64, "real"), _run("r2", 0.81, None), _run("r1", 0.8, "synthetic")]
    assert review.trend(newest_first, "roc_auc") == {"trend": [0.64, 0.61], "trend_origin": "real", "other_origins": ["synthetic"]}
    assert review.trend([], "roc_auc") == {"trend": [], "trend_origin": None, "other_origins": []}


def test_compare_gives_no_delta_across_origins() -> None:
    champion = _run("c", 0.8, "synthetic")
    real, synthetic = review._compared(_run("r", 0.6, "real"), champion, "roc_auc", False), review._compared(
        _run("s", 0.7, "synthetic"), champion, "roc_auc", False)
    # columns: run, started, status, data, origin, score, interval, seen, gap, trivial, status quo, Δ champion…
    assert (real[4], real[11]) == ("real", "≠ origin") and (synthetic[4], synthetic[11]) == ("synthetic", "-0.1000")


@pytest.fixture()
def copied(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of projects/ whose fingerprints `identity.code_digest` computes."""
    copy = tmp_path / "projects"
    shutil.copytree(REPO / "projects", copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(projects, "__file__", str(copy / "__init__.py"))
    return copy


def test_an_edited_card_changes_the_fingerprint(copied: Path) -> None:
    copy, suite = copied, REPO / "expectations" / f"{NAME}.json"
    before = identity.code_digest(NAME, suite, "classification")
    readme = copy / NAME / "README.md"
    readme.write_text(readme.read_text(encoding="utf-8") + "\nA sentence for the next version.\n", encoding="utf-8")
    assert identity.code_digest(NAME, suite, "classification") != before


def test_a_committed_sample_stands_in_for_a_generator(tmp_path: Path) -> None:
    from projects._shared import fixture

    source = projects.load(NAME).generate(40, 5)
    source.to_parquet(tmp_path / "sample.parquet", index=False)
    generate = fixture.sample(tmp_path / "sample.parquet")
    drawn = generate(30, 1)
    assert len(drawn) == 30 and drawn["SIRET"].is_unique and set(drawn["SIRET"]) <= set(source["SIRET"])
    assert drawn.equals(generate(30, 1)) and not drawn.equals(generate(30, 2))  # seeded
    assert dict(drawn.dtypes) == dict(source.dtypes)
    assert len(generate(100, 1)) == 40  # never a row twice


def test_an_edited_sample_fixture_changes_the_fingerprint(copied: Path) -> None:
    suite, fixture_file = REPO / "expectations" / f"{NAME}.json", copied / NAME / "sample.parquet"
    projects.load(NAME).generate(20, 0).to_parquet(fixture_file, index=False)
    before = identity.code_digest(NAME, suite, "classification")
    projects.load(NAME).generate(20, 1).to_parquet(fixture_file, index=False)
    assert identity.code_digest(NAME, suite, "classification") != before
