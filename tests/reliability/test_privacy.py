"""Privacy: fake people planted in every project that holds personal data never come out of a run.

Every project with personal columns or free text (`personal`, `free_text` of its declaration) runs, in this process,
through its real `project` flow (`pipeline.run`), reporting to the Prefect API of the session's stack, on its data
seeded with three fake people: names, phone numbers, NIR, e-mail addresses, street addresses, dates of birth and
record numbers, in its personal columns and inside its free texts (as the generator mentions a person, in capitals,
in lower case, without accents). Then every param, tag and metric key of every run, every artifact of every run and
logged model (model files, input examples, cards, explanations, the GX result), every model version's description
and tags, and the Prefect logs, flow runs and task runs of those runs are searched for them: nothing may be found.

The search cannot pass by being blind: it finds every identifier in the raw data, and finds them in MLflow, in GX
results and in Prefect logs when a control puts them there.
"""

from __future__ import annotations

import io
import json
import re
import sys
import tempfile
import unicodedata
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import pandas as pd
import pytest
from threadpoolctl import threadpool_limits

import projects
from flows.steps import data
from projects.contract import Project
from tests.conftest import make_workspace, run
from tests.server.stack_fixture import Stack
from flows.steps.record import Tag
from datetime import UTC

pytestmark = pytest.mark.timeout(1800)  # the session's stack may start in this module

ROWS = 120
"""Rows per project: small and quick, enough for every project's model to train and be registered."""


@dataclass(frozen=True)
class Person:
    """A fake person: every identifier invented and distinctive, in the formats French records use."""

    first: str
    last: str
    phone: str
    nir: str
    email: str
    address: str
    birth: str
    ipp: str
    worker: str

    @property
    def full(self) -> str:
        return f"{self.first} {self.last}"


PERSONS = (
    Person("Zéphyrin", "Quatrebarbe", "06 47 58 69 21", "1 84 07 75 116 042 57", "zephyrin.quatrebarbe@courriel-fictif.fr",
           "17 rue Clothaire Mirabolant", "03/11/1984", "900000417", "SIS990000417"),
    Person("Philomène", "Oudinotte", "+33 7 81 92 03 14", "2 91 12 2A 031 517 08", "p.oudinotte@exemple-fictif.fr",
           "4 bis allée Brunehilde Caradeuc", "21/12/1991", "900000533", "SIS990000533"),
    Person("Théodebert", "Kervrazic", "05.61.72.83.94", "1 67 03 31 555 123 45", "theodebert.kervrazic@boite-fictive.org",
           "112 chemin Ursule Pontbriand", "09/03/1967", "900000689", "SIS990000689"),
)
ROWS_EACH = 6
"""Rows each person is planted in: enough for a word to pass a vectoriser's min_df and to reach the test rows."""
NUMBERS = ("phone", "nir", "ipp", "birth")


@dataclass(frozen=True)
class Identifier:
    person: int
    kind: str
    value: str

    @property
    def pattern(self) -> str:
        """The value in normalised text (lower case, no accents): numbers whatever their separators, words whole."""
        text = normalise(self.value)
        if self.kind in NUMBERS:
            digits = [character for character in text if character.isalnum()]
            if text.startswith("+33"):
                digits = digits[2:]  # "+33 7 81…", also written "07 81…" or "7 81…": its national digits
            body = r"[\s./+-]{0,2}".join(map(re.escape, digits))
        else:
            body = r"\W{1,3}".join(map(re.escape, text.split()))
        return rf"(?<![0-9a-z]){body}(?![0-9a-z])"


def normalise(text: str) -> str:
    """Lower case without accents: vectorisers lower-case and may strip accents, so the search does both."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(character for character in decomposed if not unicodedata.combining(character)).lower()


# ── planting ─────────────────────────────────────────────────────────────────────────────────────────────────────


def _kind(column: str, project: Project) -> str:
    """Which identifier a personal column holds, from its name (the laureates' field names)."""
    upper = column.upper()
    for marker, kind in (("TELEPHONE", "phone"), ("ADRESSE", "address"), ("NAISSANCE", "birth"), ("IPP", "ipp"),
                         ("TRAVAILLEUR", "worker"), ("PRENOM", "first")):
        if marker in upper:
            return kind
    has_first = any("PRENOM" in other.upper() for other in project.personal)
    return "last" if upper.startswith("NOM") and has_first else "full"


def _value(person: Person, kind: str) -> str:
    return person.full if kind == "full" else getattr(person, kind)


def _rows(frame: pd.DataFrame, project: Project) -> list[list[int]]:
    """Rows each person takes: whole groups when a group is a person (a worker's months), else rows spread out."""
    if project.group in project.personal:
        groups = frame[project.group].drop_duplicates().tolist()
        chosen = groups[1 :: max(1, len(groups) // len(PERSONS))][: len(PERSONS)]
        return [list(frame.index[frame[project.group] == value]) for value in chosen]
    step = max(1, len(frame) // (len(PERSONS) * ROWS_EACH))
    return [list(range(i * step, len(frame), step * len(PERSONS)))[:ROWS_EACH] for i in range(len(PERSONS))]


def plant(frame: pd.DataFrame, project: Project) -> tuple[pd.DataFrame, list[Identifier]]:
    """The frame with each fake person in their rows: personal columns hold their values, free texts mention them
    where the generator mentioned the person they replace, and end with a sentence of their identifiers."""
    out = frame.copy()
    planted: set[Identifier] = set()
    for number, (person, rows) in enumerate(zip(PERSONS, _rows(out, project), strict=True)):
        for row in rows:
            swaps = []
            for column in project.personal:
                kind = _kind(column, project)
                old, new = out.at[row, column], _value(person, kind)
                if isinstance(old, str) and old.strip():
                    swaps.append((old, new))
                out.at[row, column] = new
                planted.update(_identifiers(number, kind, person))
            for column in project.free_text:
                if isinstance(out.at[row, column], str):
                    out.at[row, column] = _mention(out.at[row, column], swaps) + _sentence(person, bool(project.personal))
        if project.free_text:
            kinds = ["phone", "nir", "email", "address"] + (["first", "last"] if project.personal else [])
            planted.update(identifier for kind in kinds for identifier in _identifiers(number, kind, person))
    return out, sorted(planted, key=lambda identifier: (identifier.person, identifier.kind))


def _identifiers(number: int, kind: str, person: Person) -> list[Identifier]:
    return [Identifier(number, k, _value(person, k)) for k in (("first", "last") if kind == "full" else (kind,))]


def _mention(text: str, swaps: list[tuple[str, str]]) -> str:
    """The text with the replaced person's values (whole, word by word, in capitals too) turned into the new ones."""
    for old, new in sorted(swaps, key=lambda pair: -len(pair[0])):
        pairs = [(old, new)]
        if len(old.split()) == len(new.split()) > 1:
            pairs += list(zip(old.split(), new.split(), strict=True))
        for before, after in pairs:
            text = re.sub(rf"\b{re.escape(before.upper())}\b", after.upper(), text)
            text = re.sub(rf"\b{re.escape(before)}\b", after, text)
    return text


def _sentence(person: Person, named: bool) -> str:
    """Identifiers as agents type them: the name in capitals, in lower case, without accents; numbers as dictated."""
    names = f"{person.first} {person.last.upper()} (dit {normalise(person.full)}, {person.last.lower()}), " if named else ""
    return f" Contact : {names}tél. {person.phone}, NIR {person.nir}, {person.email}, {person.address}, 31999 Vaucreuse."


# ── searching ────────────────────────────────────────────────────────────────────────────────────────────────────


def readings(blob: bytes) -> Iterator[str]:
    """Every reading of a file that could show a planted value: UTF-8 (JSON escapes undone, binary bytes skipped);
    a zip (a skops model) member by member; a numpy array of strings as the UTF-32 numpy stores them in."""
    if blob[:4] == b"PK\x03\x04":
        with zipfile.ZipFile(io.BytesIO(blob)) as archive:
            for member in archive.namelist():
                yield from readings(archive.read(member))
        return
    if blob[:6] == b"\x93NUMPY":
        yield from _array_readings(blob)
        return
    text = blob.decode("utf-8", errors="ignore")
    yield re.sub(r"\\u([0-9a-fA-F]{4})", lambda match: chr(int(match.group(1), 16)), text) if "\\u" in text else text


def _array_readings(blob: bytes) -> Iterator[str]:
    """Strings of a .npy file: UTF-32 for unicode arrays, bytes for byte strings; numbers hold no text."""
    import numpy as np

    stream = io.BytesIO(blob)
    try:
        major, _ = np.lib.format.read_magic(stream)
        header = np.lib.format.read_array_header_1_0 if major == 1 else np.lib.format.read_array_header_2_0
        dtype = header(stream)[2]
    except ValueError:  # a header this numpy cannot read: every reading
        yield blob.decode("utf-8", errors="ignore")
        yield blob.decode("utf-32-le", errors="ignore")
        return
    if dtype.kind == "U":
        yield blob[stream.tell() :].decode("utf-32-le", errors="ignore")
    elif dtype.kind in "SOV":
        yield blob[stream.tell() :].decode("utf-8", errors="ignore")


def files(folder: Path, label: str) -> Iterator[tuple[str, str]]:
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            for text in readings(path.read_bytes()):
                yield f"{label}/{path.relative_to(folder)}", text


def search(identifiers: Iterable[Identifier], sources: Iterable[tuple[str, str]]) -> dict[Identifier, list[str]]:
    """Where each identifier is found, with a little context; one pass of one regex over each text."""
    identifiers = list(identifiers)
    combined = re.compile("|".join(f"(?P<i{n}>{identifier.pattern})" for n, identifier in enumerate(identifiers)))
    found: dict[Identifier, list[str]] = {identifier: [] for identifier in identifiers}
    for where, text in sources:
        haystack = normalise(text)
        for match in combined.finditer(haystack):
            identifier = identifiers[int(match.lastgroup[1:])]
            found[identifier].append(f"{where}: …{haystack[max(0, match.start() - 50) : match.end() + 20]}…")
    return found


def mlflow_sources(client, name: str) -> Iterator[tuple[str, str]]:
    """Everything MLflow holds about a project: its runs (params, tags, metric keys, every artifact), its logged
    models (params, tags, every file), its registered model and versions (descriptions, tags, sources)."""
    import mlflow

    experiment = client.get_experiment_by_name(name)
    scratch = Path(tempfile.mkdtemp(prefix="privacy-"))
    for run_ in client.search_runs([experiment.experiment_id]):
        recorded = run_.data
        yield f"run {run_.info.run_id} params/tags/metrics", _json(recorded.params, recorded.tags, sorted(recorded.metrics))
        folder = Path(client.download_artifacts(run_.info.run_id, "", str(scratch / run_.info.run_id)))
        yield from files(folder, f"run {run_.info.run_id}")
    for logged in client.search_logged_models([experiment.experiment_id]):
        yield f"logged model {logged.model_id}", _json(logged.params, logged.tags, logged.name)
        folder = Path(mlflow.artifacts.download_artifacts(logged.artifact_location, dst_path=str(scratch / logged.model_id)))
        yield from files(folder, f"logged model {logged.model_id}")
    for model in client.search_registered_models(f"name = '{name}'"):
        yield f"registered model {name}", _json(model.description, model.tags, model.aliases)
    for version in client.search_model_versions(f"name = '{name}'"):
        yield f"{name} v{version.version}", _json(version.description, version.tags, version.source, version.run_id)


def prefect_sources(client, flow_run_ids: list[str]) -> Iterator[tuple[str, str]]:
    """The flow runs (name, parameters, state message), their task runs, and every log line, read from the API."""
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterId, LogFilter, LogFilterFlowRunId

    ids = FlowRunFilterId(any_=flow_run_ids)
    for flow_run in client.read_flow_runs(flow_run_filter=FlowRunFilter(id=ids)):
        yield f"flow run {flow_run.name}", _json(flow_run.name, flow_run.parameters, flow_run.state.message if flow_run.state else "")
    for task_run in client.read_task_runs(flow_run_filter=FlowRunFilter(id=ids), limit=200):
        yield f"task run {task_run.name}", _json(task_run.name, task_run.state.message if task_run.state else "")
    offset = 0
    while logs := client.read_logs(LogFilter(flow_run_id=LogFilterFlowRunId(any_=flow_run_ids)), limit=200, offset=offset):
        offset += len(logs)
        yield "prefect logs", "\n".join(log.message for log in logs)


def _json(*values: object) -> str:
    return json.dumps(values, ensure_ascii=False, default=str)


# ── the runs ─────────────────────────────────────────────────────────────────────────────────────────────────────


def holders_of_personal_data() -> list[str]:
    return [name for name in projects.names() if (project := projects.load(name)).personal or project.free_text]


@dataclass
class Seeded:
    workspace: Path
    planted: dict[str, list[Identifier]]
    raw: dict[str, str]


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Seeded:
    """A workspace of every project holding personal data, its files generated here (one process, not one per
    project) and seeded with the fake people, recorded in dvc.lock and committed: an administration's real files."""
    from flows import params as params_file
    from flows.ingest import write

    names = holders_of_personal_data()
    folder = tmp_path_factory.mktemp("privacy") / "workspace"
    workspace = make_workspace(folder, {name: ROWS for name in names}, only=names, ingest=[])
    listed = params_file.read(workspace)
    planted, raw = {}, {}
    for name in names:
        project = projects.load(name)
        frame, planted[name] = plant(project.generate(ROWS, listed[name]["data"]["seed"]), project)
        write(frame, workspace / "data" / name / "dataset.parquet")
        raw[name] = frame.to_csv(index=False)
    run(sys.executable, "-m", "dvc", "commit", "-q", "-f", cwd=workspace)
    run("git", "add", "-A", cwd=workspace)
    run("git", "commit", "-q", "-m", "data seeded with fake people", cwd=workspace)
    return Seeded(workspace, planted, raw)


@dataclass
class Ran:
    outcomes: dict[str, object]
    flow_runs: dict[str, str]
    mlflow: object
    prefect: object


@pytest.fixture(scope="module")
def ran(seeded: Seeded, stack: Stack) -> Iterator[Ran]:
    """Every seeded project through its flow, in this process, on the stack's Prefect server (the auth string
    sent), tracked in the workspace's MLflow store."""
    import mlflow
    from mlflow import MlflowClient
    from prefect.client.orchestration import SyncPrefectClient
    from prefect.logging.handlers import APILogWorker
    from prefect.settings import PREFECT_API_AUTH_STRING, PREFECT_API_URL, temporary_settings

    from flows.orchestration import pipeline

    settings = stack.settings()
    auth = settings.prefect_auth_string.get_secret_value()
    uri = f"sqlite:///{seeded.workspace / 'mlflow' / 'mlflow.db'}"
    (seeded.workspace / "mlflow").mkdir(exist_ok=True)
    with pytest.MonkeyPatch.context() as patch, temporary_settings({PREFECT_API_URL: settings.prefect_url, PREFECT_API_AUTH_STRING: auth}):
        patch.setenv("SOCLE_ROOT", str(seeded.workspace))
        patch.setenv("MLFLOW_TRACKING_URI", uri)
        patch.setenv("MLFLOW_ALLOW_PICKLE_DESERIALIZATION", "false")  # as `socle` and the worker run
        with threadpool_limits(1):  # as the nightly's workers: OpenMP threads on a busy 2-core machine only wait
            outcomes = dict(pipeline.run(list(seeded.planted)))
        APILogWorker.drain_all(timeout=30)
        client = MlflowClient(uri)
        flow_runs = {
            name: run_.data.tags[Tag.PREFECT_FLOW_RUN]
            for name in seeded.planted
            for run_ in client.search_runs([client.get_experiment_by_name(name).experiment_id])
        }
        with SyncPrefectClient(settings.prefect_url, auth_string=auth) as prefect:
            yield Ran(outcomes, flow_runs, client, prefect)
        mlflow.set_tracking_uri(None)  # the runs set MLflow's global URI: leave none to the next modules


# ── the tests ────────────────────────────────────────────────────────────────────────────────────────────────────


def test_scrubbing_catches_names_whatever_their_case_accents_or_hyphens() -> None:
    project = replace(projects.load("dgs_signalements"), personal=("NOM",), free_text=("TEXTE",), features=("TEXTE",))
    frame = pd.DataFrame({
        "NOM": ["Jérémie Lefèvre-Martin", "Léa Petit"],
        "TEXTE": ["appel de jeremie lefevre martin, rappeler JÉRÉMIE au standard", "Mme PETIT : petit hématome."],
    })
    clean = data.pseudonymise(frame, project, b"k")["TEXTE"]
    assert clean[0] == "appel de [PERSONNE], rappeler [PERSONNE] au standard"
    assert clean[1] == "Mme [PERSONNE] : [PERSONNE] hématome."  # "petit" is the name of someone in this file


@pytest.mark.parametrize(
    ("text", "scrubbed"),
    [
        ("domicile : 4 bis allée Brunehilde Caradeuc, 31999 Vaucreuse.", "domicile : [ADRESSE]."),
        ("vu au 112 chemin de la Côte d'Or ce matin", "vu au [ADRESSE] ce matin"),
        ("12 RUE DU Général Leclerc", "[ADRESSE]"),
        ("a mangé 3 cours de chimiothérapie", "a mangé 3 cours de chimiothérapie"),  # no capitalised name: no street
        ("appeler le 0033 6 47 58 69 21 ou +33 (0)6 47 58 69 21", "appeler le [TELEPHONE] ou [TELEPHONE]"),
        ("NIR 1.84.07.75.116.042.57 ou 2-91-12-2A-031-517-08", "NIR [NIR] ou [NIR]"),
        ("courriel : P.Oudinotte@Exemple-Fictif.fr.", "courriel : [EMAIL]."),
    ],
)
def test_scrubbing_catches_identifiers_of_nobody_in_the_file(text: str, scrubbed: str) -> None:
    assert data.scrub(pd.Series([text]), None)[0] == scrubbed


@pytest.mark.server
def test_every_planted_identifier_is_in_the_raw_data(seeded: Seeded) -> None:
    """The search sees what it looks for: every identifier planted is found in the data files as written."""
    for name, identifiers in seeded.planted.items():
        found = search(identifiers, [("raw", seeded.raw[name])])
        assert identifiers and all(found.values()), (name, [i for i, where in found.items() if not where])


@pytest.mark.server
def test_no_planted_identifier_comes_out_of_any_run(seeded: Seeded, ran: Ran) -> None:
    failed = {name: outcome for name, outcome in ran.outcomes.items() if isinstance(outcome, BaseException)}
    assert not failed, failed
    table, leaks = [], {}
    for name, identifiers in seeded.planted.items():
        sources = list(mlflow_sources(ran.mlflow, name))
        places = {where.split("/", 1)[-1] for where, _ in sources}
        assert {"validation/result.json", "card/model_card.md", "input_example.json", "MLmodel"} <= places, (name, sorted(places))
        sources += list(prefect_sources(ran.prefect, [ran.flow_runs[name]]))
        found = {identifier: where for identifier, where in search(identifiers, sources).items() if where}
        leaks |= {f"{name} {identifier.kind} {identifier.value!r}": where[:3] for identifier, where in found.items()}
        table.append(f"{name:<28} planted {len(identifiers):>3}  found {len(found)}  ({len(sources)} texts searched)")
    total = sum(len(identifiers) for identifiers in seeded.planted.values())
    print("\n".join([f"identifiers planted and found, per project ({total} planted, {len(leaks)} found):", *table]))
    assert not leaks, json.dumps(leaks, ensure_ascii=False, indent=1)


@pytest.mark.server
def test_the_search_finds_identifiers_that_do_reach_mlflow_gx_and_prefect(
    seeded: Seeded, ran: Ran, stack: Stack, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Controls, so that the search can fail: a run whose pseudonymisation is switched off, GX on the raw file, and a
    log line naming the people, each searched exactly as the real runs are."""
    from datetime import datetime

    from mlflow import MlflowClient
    from prefect.client.schemas.actions import LogCreate
    from prefect.settings import PREFECT_API_AUTH_STRING, PREFECT_API_URL, temporary_settings

    from flows.orchestration import pipeline
    from flows.steps import validation

    name = "dgs_signalements"
    identifiers = seeded.planted[name]
    uri = f"sqlite:///{tmp_path / 'control.db'}"
    monkeypatch.setenv("SOCLE_ROOT", str(seeded.workspace))
    monkeypatch.setenv("MLFLOW_TRACKING_URI", uri)
    monkeypatch.setenv("MLFLOW_ALLOW_PICKLE_DESERIALIZATION", "false")
    monkeypatch.setattr(data, "pseudonymise", lambda frame, project, key: frame)
    settings = stack.settings()
    auth = settings.prefect_auth_string.get_secret_value()
    with temporary_settings({PREFECT_API_URL: settings.prefect_url, PREFECT_API_AUTH_STRING: auth}), threadpool_limits(1):
        ((_, outcome),) = pipeline.run([name], force=True)
    assert not isinstance(outcome, BaseException), outcome
    control = MlflowClient(uri)
    in_mlflow = {i for i, where in search(identifiers, mlflow_sources(control, name)).items() if where}
    assert {i.kind for i in in_mlflow} >= {"first", "last"}, in_mlflow

    chu = "chu_toulouse_rcp"
    raw = pd.read_parquet(seeded.workspace / "data" / chu / "dataset.parquet")
    report = validation.validate(raw, seeded.workspace / "expectations" / f"{chu}.json", chu)
    in_gx = {i for i, where in search(seeded.planted[chu], [("gx", _json(report.result))]).items() if where}
    assert {i.kind for i in in_gx} >= {"last"}, in_gx

    flow_run = control.get_run(outcome.run_id).data.tags[Tag.PREFECT_FLOW_RUN]
    line = "contrôle : " + ", ".join(identifier.value for identifier in identifiers)
    ran.prefect.create_logs([LogCreate(name="privacy-control", level=20, message=line, timestamp=datetime.now(UTC),
                                       flow_run_id=flow_run)])
    in_prefect = {i for i, where in search(identifiers, prefect_sources(ran.prefect, [flow_run])).items() if where}
    assert in_prefect == set(identifiers), set(identifiers) - in_prefect
    print(f"controls found: MLflow {len(in_mlflow)}/{len(identifiers)} ({name}, not pseudonymised), "
          f"GX {len(in_gx)}/{len(seeded.planted[chu])} ({chu}), Prefect logs {len(in_prefect)}/{len(identifiers)}")
