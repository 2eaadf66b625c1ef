"""Hostile input, for every project: bad deliveries, names and parameters carrying paths, malformed suites.

The corpus (tests/reliability/corpus.py) is generated from each project's declaration, suite and good data. Every
batch goes through what a run does to a delivered file before training (read, pseudonymise, validate), against the
part of the project's suite that reads the columns at fault (see `_narrowed`). A sample, a batch of each kind of
fault spread over several projects, goes through the real flow and the whole suite on a workspace whose projects
have a trained champion, to prove that a refused batch changes nothing.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from mlflow import MlflowClient
from typer.testing import CliRunner

import projects
from flows import params as params_file
from flows.orchestration import pipeline
from flows.cli import app
from flows.steps import data, validation, versioning
from projects.contract import Project
from tests.conftest import REPO, make_workspace
from tests.reliability import corpus
from tests.unchanged import assert_nothing_changed, delivered, last_run, state
from flows.steps.record import Tag

NAMES = projects.names()
ROWS, SEED = 150, 1
"""Good data of each project: enough rows for its suite's distribution checks, another seed than the contract's."""
KEY = b"hostile-test-key"
LONGEST_MESSAGE = 6000
"""A refusal is read by a person: a mebibyte value must never be pasted into it."""


def _suite(name: str, root: Path = REPO) -> dict[str, Any]:
    return json.loads((root / "expectations" / f"{name}.json").read_text(encoding="utf-8"))


def _good(project: Project) -> pd.DataFrame:
    """The project's good data as a delivered file reads back (types as Parquet keeps them)."""
    return pd.read_parquet(io.BytesIO(corpus.parquet(project.generate(ROWS, SEED))))


def _narrowed(name: str, columns: tuple[str, ...], folder: Path) -> Path:
    """The project's suite, keeping its table-level expectations and those that read these columns.

    A suite refuses a batch when any one of its expectations fails, and GX evaluates each expectation on its own:
    a batch this narrowed suite refuses, the whole suite refuses, with the same words for these columns. GX costs
    tens of milliseconds an expectation: the whole suites run on good data in test_contract.py and on a bad batch
    of each kind through the flow below."""
    suite = _suite(name)
    reads = [set(validation.columns_of(entry.get("kwargs") or {})) for entry in suite["expectations"]]
    kept = [entry for entry, read in zip(suite["expectations"], reads) if not read or read & set(columns)]
    path = folder / "narrowed" / f"{name}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({**suite, "expectations": kept}), encoding="utf-8")
    return path


def _refusal(batch: corpus.Batch, project: Project, folder: Path, check: Any) -> BaseException | None:
    """What a run does to a delivered file before training: read it, pseudonymise it, validate it."""
    path = folder / batch.project / corpus.FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(batch.content)
    try:
        frame = data.pseudonymise(data.read(path), project, KEY)
    except data.DataUnreadable as error:
        return error
    report = check(frame)
    return None if report.success else validation.ValidationFailed(report)


def _assert_refused_clearly(batch: corpus.Batch, error: BaseException | None) -> None:
    """Refused at the right step, in a short message naming the project and every column at fault; every failed
    expectation is about those columns (so the fault, not the good data, is what failed)."""
    where = f"{batch.project} / {batch.kind} ({batch.detail})"
    assert error is not None, f"{where}: accepted"
    message = str(error)
    assert isinstance(error, data.DataUnreadable if batch.on_read else validation.ValidationFailed), f"{where}: {message}"
    assert batch.project in message and len(message) < LONGEST_MESSAGE, f"{where}: {message[:500]}"
    assert all(name in message for name in batch.names), f"{where}: {batch.names} not all named in {message}"
    if isinstance(error, validation.ValidationFailed):
        assert message.startswith(f"{batch.project}: ")
        unrelated = [line for line in error.report.failures if not any(name in line for name in batch.names)]
        assert not unrelated, f"{where}: failures the fault does not explain: {unrelated}"


@pytest.fixture(scope="module", params=NAMES)
def project(request: pytest.FixtureRequest) -> Project:
    return projects.load(request.param)


def test_every_suite_declares_a_key_types_and_maximum_lengths(project: Project) -> None:
    assert corpus.gaps(project, _suite(project.name), _good(project)) == []


def test_every_bad_batch_of_every_project_is_refused_naming_the_column(project: Project, tmp_path: Path) -> None:
    batches = corpus.corpus(project, _suite(project.name), _good(project))
    assert {batch.kind for batch in batches} == set(corpus.KINDS), "every kind of fault applies to every project"
    checks: dict[tuple[str, ...], Any] = {}
    for batch in batches:
        if batch.names not in checks:
            checks[batch.names] = validation.validator(_narrowed(project.name, batch.names, tmp_path), project.name)
        _assert_refused_clearly(batch, _refusal(batch, project, tmp_path, checks[batch.names]))
    counts = pd.Series([batch.kind for batch in batches]).value_counts()
    print(f"\n{project.name}: {len(batches)} bad batches refused: {counts.to_dict()}")


def test_a_binary_text_column_that_is_utf8_reads_as_text(tmp_path: Path) -> None:
    """The reverse of the non-UTF-8 fault: text a writer stored as Parquet binary is good text."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    path = tmp_path / corpus.FILE
    pq.write_table(pa.table({"TEXTE": pa.array(["Réclamation".encode(), None], pa.binary()), "N": [1, 2]}), path)
    frame = data.read(path)
    assert frame["TEXTE"].iloc[0] == "Réclamation" and frame["TEXTE"].isna().iloc[1]


# Names and parameters carrying paths ---------------------------------------------------------------------------

HOSTILE_NAMES = [
    "../x", "../../etc/passwd", "/etc/passwd", "%2e%2e%2fetc%2fpasswd", "data%2F..", "..%5c..%5cwindows",
    "dgs_signalements/../irsn_siseri", "dgs_signalements\\..", "dgs_signalements\x00", "dgs\x00signalements",
    "dgs_signalements\n", "~root", ".", "", "DGS_SIGNALEMENTS", "dgs-signalements", "x" * 300, "[bold]x",
]
HOSTILE_OVERRIDES = [
    "../x=1", "model/../C=1", "model.C\x00=1", "data%2F..=1", "model..C=1", "=1", "model.C",
    "model.C=../../etc/passwd", "model.C=/etc/passwd", "model.C=x%2e%2e%2fy", "model.C=a\\b", "model.C=~/x",
    "model.C=[1, /tmp/x]", "promotion.min_scores={../x: 1}", "model.C=!!python/object/apply:os.system [id]",
]


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_a_name_that_is_not_a_plain_identifier_is_refused_by_the_command(name: str) -> None:
    result = CliRunner().invoke(app, ["run", name], env={"COLUMNS": "300"})
    assert result.exit_code == 2, result.output
    assert "is not a project name" in result.output and "Traceback" not in result.output
    assert repr(name)[:60] in result.output.replace("\n", ""), "the name is shown as typed (escaped, never as markup)"


@pytest.mark.parametrize("name", ["dgs_signalements\n", "dgs_signalements\x00", "evil\n"])
def test_a_name_with_a_control_character_is_never_valid(name: str) -> None:
    assert not projects.is_valid_name(name)
    with pytest.raises(projects.UnknownProject, match="is not a project name"):
        projects.check_name(name)


@pytest.mark.parametrize("override", HOSTILE_OVERRIDES)
def test_an_override_carrying_a_path_is_refused_before_anything_runs(override: str) -> None:
    with pytest.raises(params_file.ParamsError, match="override"):
        params_file.parse_override(override)
    result = CliRunner().invoke(app, ["run", "dgs_signalements", "--set", override], env={"COLUMNS": "300"})
    assert result.exit_code == 2, result.output
    assert "error:" in result.output and "Traceback" not in result.output


def test_params_yaml_values_carrying_paths_are_refused() -> None:
    project = projects.load("shom_lidar")  # its class_weight is a free text parameter
    raw = params_file.read(REPO)
    assert params_file.resolve(project, raw, ["model.class_weight=balanced"]).model.class_weight == "balanced"
    section = {**raw["shom_lidar"], "model": {**raw["shom_lidar"]["model"], "class_weight": "../../etc/passwd"}}
    with pytest.raises(params_file.ParamsError, match="looks like a path"):
        params_file.resolve(project, {**raw, "shom_lidar": section})
    promotion = {**raw["shom_lidar"].get("promotion", {}), "min_scores": {"..%2fx": 0.5}}
    with pytest.raises(params_file.ParamsError, match="looks like a path"):
        params_file.resolve(project, {**raw, "shom_lidar": {**raw["shom_lidar"], "promotion": promotion}})


# Malformed suites ----------------------------------------------------------------------------------------------


def _malformed(name: str, other: str) -> dict[str, str]:
    """Each way a suite file can be wrong, derived from the project's own suite."""
    suite = _suite(name)
    first = suite["expectations"][0]
    unknown = {**suite, "expectations": [{**first, "type": "expect_column_values_to_be_hostile"}]}
    bad_kwargs = {**suite, "expectations": [*suite["expectations"], {"type": "expect_column_values_to_be_between", "kwargs": {"column": "X", "min_value": "a", "no_such_kwarg": 1}}]}
    return {
        "invalid JSON": json.dumps(suite)[:-40],
        "not a suite": json.dumps([suite]),
        "no expectations": json.dumps({**suite, "expectations": {}}),
        "unknown expectation": json.dumps(unknown),
        "bad kwargs": json.dumps(bad_kwargs),
        "kwargs not an object": json.dumps({**suite, "expectations": [{**first, "kwargs": ["column"]}]}),
        "another project's": json.dumps({**suite, "name": other}),
    }


SUITE_FAULTS = list(_malformed(NAMES[0], NAMES[1]))


@pytest.mark.parametrize("fault", SUITE_FAULTS)
def test_a_malformed_suite_is_refused_naming_its_file(fault: str, tmp_path: Path) -> None:
    for position, name in enumerate(NAMES):  # every project's suite, spoiled the same way
        path = tmp_path / f"{name}.json"
        path.write_text(_malformed(name, NAMES[position - 1])[fault], encoding="utf-8")
        with pytest.raises(validation.SuiteInvalid) as refused:
            validation.validator(path, name)
        assert str(refused.value).startswith(f"{path}: "), refused.value


# Through the real flow: nothing changes ------------------------------------------------------------------------

FLOW_NAMES = ["irsn_siseri", "dgcl_actes", "insee_recensement"]
FLOW_ROWS = 400
ROUNDS = [corpus.KINDS[start : start + len(FLOW_NAMES)] for start in range(0, len(corpus.KINDS), len(FLOW_NAMES))]
"""Kinds of fault in rounds: in a round each trained project gets a batch of another kind (one DVC command)."""


@pytest.fixture(scope="module")
def trained(tmp_path_factory: pytest.TempPathFactory, prefect_api: None) -> Iterator[tuple[Path, MlflowClient]]:
    """A workspace of a few projects, each with a champion; SOCLE_ROOT and MLflow pointed at it."""
    root = make_workspace(tmp_path_factory.mktemp("hostile") / "workspace", dict.fromkeys(FLOW_NAMES, FLOW_ROWS), FLOW_NAMES)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOCLE_ROOT", str(root))
        patch.setenv("MLFLOW_TRACKING_URI", f"sqlite:///{root / 'mlflow' / 'mlflow.db'}")
        (root / "mlflow").mkdir(exist_ok=True)
        failures = {name: result for name, result in pipeline.run(FLOW_NAMES) if isinstance(result, BaseException)}
        assert not failures, failures
        yield root, MlflowClient(f"sqlite:///{root / 'mlflow' / 'mlflow.db'}")


def _sample(kinds: tuple[str, ...], root: Path) -> list[corpus.Batch]:
    """For each kind, the first batch of it for one trained project (a different one for each kind)."""
    batches = []
    for name, kind in zip(FLOW_NAMES, kinds):
        good = pd.read_parquet(root / versioning.relative_data_path(name))
        made = corpus.corpus(projects.load(name), _suite(name, root), good)
        batches.append(next(batch for batch in made if batch.kind == kind))
    return batches


@pytest.mark.parametrize("kinds", ROUNDS, ids=", ".join)
def test_refused_batches_change_nothing_through_the_flow(kinds: tuple[str, ...], trained: tuple[Path, MlflowClient]) -> None:
    root, client = trained
    batches = _sample(kinds, root)
    before = {batch.project: state(client, batch.project) for batch in batches}
    with delivered(root) as deliver:
        deliver({batch.project: batch.content for batch in batches})
        results = dict(pipeline.run([batch.project for batch in batches]))
    for batch in batches:
        error = results[batch.project]
        _assert_refused_clearly(batch, error)
        assert_nothing_changed(client, batch.project, before[batch.project], error)
        last = last_run(client, batch.project)
        if not batch.on_read:  # the whole GX result is kept on the failed run
            assert last.data.tags[Tag.VALIDATION] == "failed"
            assert "validation" in {item.path for item in client.list_artifacts(last.info.run_id)}


@pytest.mark.parametrize("fault", ["invalid JSON", "another project's"])
def test_a_malformed_suite_changes_nothing_through_the_flow(fault: str, trained: tuple[Path, MlflowClient]) -> None:
    root, client = trained
    name = FLOW_NAMES[SUITE_FAULTS.index(fault) % len(FLOW_NAMES)]
    path = root / "expectations" / f"{name}.json"
    good = path.read_bytes()
    before = state(client, name)
    try:
        other = next(project for project in FLOW_NAMES if project != name)
        path.write_text(_malformed(name, other)[fault], encoding="utf-8")
        ((_, error),) = pipeline.run([name])
    finally:
        path.write_bytes(good)
    assert isinstance(error, validation.SuiteInvalid), error
    assert str(error).startswith(f"{path}: ")
    assert_nothing_changed(client, name, before, error)


def test_hostile_names_and_overrides_given_to_the_flow_are_refused_and_touch_nothing(
    trained: tuple[Path, MlflowClient]
) -> None:
    """What a deployment triggered with any parameter would do: the flow refuses before any data or run."""
    root, client = trained
    experiments = {experiment.experiment_id: len(client.search_runs([experiment.experiment_id])) for experiment in client.search_experiments()}
    files = sorted(str(path) for path in root.rglob("*") if ".git" not in path.parts)
    names = ["../x", "%2e%2e%2fetc\\x\x00"]
    results = pipeline.run(names) + pipeline.run([FLOW_NAMES[0]], ["model.C=../../etc/passwd"])
    for _name, error in results[: len(names)]:
        assert isinstance(error, projects.UnknownProject) and "is not a project name" in str(error), error
    ((_, refused),) = results[len(names) :]
    assert isinstance(refused, params_file.ParamsError) and "looks like a path" in str(refused), refused
    assert {experiment.experiment_id: len(client.search_runs([experiment.experiment_id])) for experiment in client.search_experiments()} == experiments
    assert sorted(str(path) for path in root.rglob("*") if ".git" not in path.parts) == files
