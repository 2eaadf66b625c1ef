"""What reviewers read: the project list with champions, a dry validation, a comparison of recent runs, and the
explanation of single decisions for the people they concern (CRPA L311-3-1)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import projects
from flows.settings import Settings
from flows.steps import versioning
from flows.steps.record import Metric, Tag, Verdict
from projects.contract import Project

if TYPE_CHECKING:  # `socle list` must not import pandas: the steps that need it are imported where they run
    from flows.steps import mitigation, validation
    from flows.steps.history import Entry

MOVES_SHOWN = 5
"""How many of the champion's latest events the portfolio shows per project (`socle history NAME` has them all)."""
ACTION_WORDS = {
    Verdict.PROMOTED: "promu champion", Verdict.AWAITING: "en attente d'approbation", Verdict.APPROVED: "approuvé : champion",
    Verdict.REJECTED: "refusé par un humain", Verdict.ROLLED_BACK: "rétabli (retour arrière)",
    Verdict.KEPT: "écarté par la règle de promotion",
}
"""The history's actions (flows/steps/history.py) in the portfolio's words; an action not listed is shown as is."""


def _client(settings: Settings):
    """None when the embedded store does not exist yet: listing must not create (and migrate) a database."""
    if settings.tracking_uri is None and not (settings.root / "mlflow" / "mlflow.db").exists():
        return None
    from flows.steps import tracking

    return tracking.connect(settings.tracking, settings.registry_uri)


def overview(names: list[str]) -> list[tuple[str, ...]]:
    """One row per project: declaration, champion and last run, read without importing MLflow."""
    from flows.steps import registry_view

    settings = Settings()
    view = registry_view.open_view(settings.tracking, settings.registry_uri)
    rows = []
    for name in names:
        project = projects.summary(name)
        champion, last = ("—", "—") if view is None else _champion_and_last(view, name, project["metric"], settings)
        declared = (str(project["season"]), project["administration"], project["task"], project["metric"])
        rows.append((name, *declared, versioning.origin(settings.root, name).kind, champion, last))
    return rows


def _champion_and_last(view, name: str, metric: str, settings: Settings) -> tuple[str, str]:
    found = view.champion(name, settings.champion_alias, metric)
    champion = "—" if found is None else f"v{found.version}" + ("" if found.score is None else f" {found.score:.4f}")
    if found is not None and found.missing:
        champion += f" unusable: {found.missing}"
    last = view.last_run(name)
    if last is None:
        return champion, "—"
    decision = last.decision + (": the status quo wins" if last.beats_status_quo == "false" else "")
    return champion, f"{_when(last.start_time)} {last.status.lower()} {decision}".strip()


def portfolio(names: list[str], recent: int = 10, moves: int = MOVES_SHOWN) -> list[dict]:
    """One row per project for `socle report`: its declaration, champion against baseline, the metric over the
    `recent` last finished runs, the last validation, the champion's fairness gap, the last decision and the
    champion's `moves` latest events."""
    from flows import params as params_file

    settings = Settings()
    client = _client(settings)
    raw = params_file.read(settings.root)
    rows = []
    for name in names:
        project = projects.load(name)
        threshold = params_file.resolve(project, raw).promotion.max_fairness_gap
        row = {
            "name": name, "title": project.title, "season": project.season, "administration": project.administration,
            "task": project.task, "metric": project.metric, "fairness_threshold": threshold, "champion_version": None,
            "champion_score": None, "baseline_score": None, "status_quo_score": None, "seen_score": None,
            "generalisation_gap": None, "interval": None, "status_quo": project.status_quo and project.status_quo.name,
            "holdout": project.holdout and project.holdout.what, "beats_status_quo": None,
            "reference": None if project.reference is None else (
                f"{project.reference.metric} {project.reference.value} ({project.reference.source})"
            ),
            "fairness_gap": None, "trend": [], "validation": None, "validated_at": None, "decision": None, "reasons": "",
            "origin": versioning.origin(settings.root, name).kind, "champion_origin": None, "trend_origin": None,
            "other_origins": [],
            "persons": project.persons, "criteria": [], "criteria_of": None,
        }
        if client is not None:
            row |= _history(client, name, project.metric, settings.champion_alias, recent)
        row |= _champion_moves(settings, client, name, moves)
        rows.append(row)
    return rows


def _history(client, name: str, metric: str, alias: str, recent: int) -> dict:
    from flows.steps import tracking

    found = {}
    experiment = client.get_experiment_by_name(name)
    runs = [] if experiment is None else client.search_runs(
        [experiment.experiment_id], order_by=["attributes.start_time DESC"], max_results=recent
    )
    champion = tracking.champion(client, name, alias)
    if champion is not None:
        metrics = client.get_run(champion.run_id).data.metrics
        low, high = metrics.get(Metric.interval("model", "low")), metrics.get(Metric.interval("model", "high"))
        found |= {
            "champion_version": str(champion.version), "champion_score": metrics.get(Metric.TEST + metric),
            "baseline_score": metrics.get(Metric.baseline("trivial") + metric),
            "status_quo_score": metrics.get(Metric.baseline("status_quo") + metric),
            "seen_score": metrics.get(Metric.SEEN + metric), "generalisation_gap": metrics.get(Metric.GENERALISATION_GAP),
            "interval": None if low is None or high is None else (low, high),
            "fairness_gap": metrics.get(Metric.FAIRNESS_GAP),
            "champion_origin": origin_of(client.get_run(champion.run_id)),
        }
    judged = client.get_run(champion.run_id) if champion is not None else next(
        (run for run in runs if recorded_criteria(run.data.metrics)), None
    )  # the champion's criteria, else those of the last run that recorded some
    if judged is not None:
        found["criteria_of"] = "champion" if champion is not None else f"run {judged.info.run_id[:8]}"
        found["criteria"] = [
            {"name": name, "value": said.value, "tolerance": said.tolerance, "holds": said.holds,
             "pair": judged.data.tags.get(Tag.criterion(*name.split(".", 1)), "")}
            for name, said in recorded_criteria(judged.data.metrics).items()
        ]
    found |= trend(runs, metric)
    validated = next((run for run in runs if Tag.VALIDATION in run.data.tags), None)
    if validated is not None:
        found |= {"validation": validated.data.tags[Tag.VALIDATION], "validated_at": _when(validated.info.start_time)}
    if runs:
        tags = runs[0].data.tags
        found["decision"] = tags.get(Tag.DECISION) or ("failed" if runs[0].info.status == "FAILED" else runs[0].info.status.lower())
        found["reasons"] = tags.get(Tag.DECISION_REASONS) or tags.get(Tag.ERROR, "")
        if Tag.BEATS_STATUS_QUO in tags:
            found["beats_status_quo"] = tags[Tag.BEATS_STATUS_QUO] == "true"
    return found


def _champion_moves(settings: Settings, client, name: str, shown: int) -> dict:
    """The project's history, checked (its chain, and its head against the registry's when there is one): a broken
    one is said in the row rather than stopping the report of every project."""
    from flows.steps import history

    try:
        entries = history.read(history.state_folder(settings.root), name)
        if client is not None:
            history.check_head(client, name, entries)
    except history.HistoryTampered as error:
        return {"moves": [], "earlier_moves": 0, "history_error": str(error)}
    return champion_moves(entries, shown)


def champion_moves(entries: list[Entry], shown: int) -> dict:
    """The row's view of a history: its `shown` latest settled events, newest first, each with its time to the
    minute and its action in words; how many older ones there are."""
    from flows.steps import history

    events = history.settled(entries)
    latest = events[::-1][:shown]
    words = ACTION_WORDS | {history.OUTSIDE: "déplacé hors de Socle"}
    moves = [asdict(entry) | {"when": entry.at[:16].replace("T", " "), "words": words.get(entry.action, entry.action)}
             for entry in latest]
    return {"moves": moves, "earlier_moves": len(events) - len(latest), "history_error": None}


def origin_of(run) -> str:
    """The data origin a run recorded; runs from before origins were recorded all trained on synthetic data."""
    return run.data.tags.get(Tag.DATA_ORIGIN, versioning.SYNTHETIC)


def trend(runs: list, metric: str) -> dict:
    """The metric over the runs (newest first) that trained on the same data origin as the latest: scores on
    synthetic and on real data are not one series, and no line is drawn from one to the other."""
    scored = [run for run in reversed(runs) if Metric.TEST + metric in run.data.metrics]
    current = origin_of(scored[-1]) if scored else None
    return {
        "trend": [run.data.metrics[Metric.TEST + metric] for run in scored if origin_of(run) == current],
        "trend_origin": current,
        "other_origins": sorted({origin_of(run) for run in scored} - {current}),
    }


def validate(name: str) -> validation.Report:
    """The dry run of the data contract: the versioned data, pseudonymised, against the suite; no MLflow run."""
    from flows.steps import data, validation

    settings = Settings()
    project = projects.load(name)
    version = versioning.resolve(settings.root, name)
    frame = data.pseudonymise(data.read(version.path), project, settings.pseudonym_key.get_secret_value().encode())
    return validation.validate(frame, settings.suite_file(name), name, real=version.origin.real)


@dataclass
class Comparison:
    columns: list[str]
    rows: list[tuple[str, ...]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    fairness: Comparison | None = None
    """The same runs, one column per fairness criterion and attribute: value, tolerance, holds, worst pair."""


def comparison(name: str, limit: int) -> Comparison:
    """The champion first, then the most recent runs (the challengers): the primary metric and its delta to the
    champion, the fairness gap, the data version, the params that differ from the champion's, and the address of
    MLflow's comparison page for these runs."""
    settings = Settings()
    project = projects.load(name)
    metric = project.metric
    view = Comparison([
        "run", "started", "status", "data", "origin", f"{metric} held-out", "interval", "seen groups", "gap", "trivial",
        "status quo", "Δ champion", "fairness gap", "decision", "params ≠ champion",
    ])
    client = _client(settings)
    experiment = client and client.get_experiment_by_name(name)
    if not experiment:
        view.notes.append(f"{name}: no run yet — `socle run {name}`")
        return view
    from flows.steps import tracking

    champion = tracking.champion(client, name, settings.champion_alias)
    runs = client.search_runs([experiment.experiment_id], order_by=["attributes.start_time DESC"], max_results=limit)
    if champion is not None:
        runs = [client.get_run(champion.run_id), *(run for run in runs if run.info.run_id != champion.run_id)]
    reference = runs[0] if champion is not None else None
    crowned = None if champion is None else champion.run_id
    for run in runs:
        view.rows.append(_compared(run, reference, metric, is_champion=run.info.run_id == crowned))
    view.fairness = _criteria_table(runs, crowned)
    view.notes += _mitigations(runs, project)
    origins = sorted({origin_of(run) for run in runs})
    if len(origins) > 1:
        view.notes.append(
            f"these runs trained on {' and '.join(origins)} data: two origins, whose scores are not one series; "
            "Δ is left out (≠ origin) between a run and a champion of the other origin"
        )
    view.notes.append(
        "★ champion; held-out: groups the model never saw (" + (project.holdout.what if project.holdout else "random rows")
        + "); seen groups: rows of trained groups kept out of training; gap: seen − held-out; Δ: the run's score minus "
        "the champion's (each on its own test data)."
    )
    if project.status_quo is not None:
        view.notes.append(f"status quo: {project.status_quo.what}")
    if project.reference is not None:
        ref = project.reference
        view.notes.append(f"reference (the real prototype, other data): {ref.metric} {ref.value} — {ref.source}")
    view.notes.append(f"MLflow comparison: {compare_url(settings.tracking, experiment.experiment_id, [r.info.run_id for r in runs])}")
    return view


def _compared(run, reference, metric: str, is_champion: bool) -> tuple[str, ...]:
    params, metrics, tags = run.data.params, run.data.metrics, run.data.tags
    score = metrics.get(Metric.TEST + metric)
    reference_score = None if reference is None else reference.data.metrics.get(Metric.TEST + metric)
    delta = "—" if is_champion or score is None or reference_score is None else f"{score - reference_score:+.4f}"
    if reference is not None and not is_champion and origin_of(run) != origin_of(reference):
        delta = "≠ origin"  # a score on synthetic data minus one on real data measures nothing
    differs = {} if reference is None else {k: v for k, v in params.items() if reference.data.params.get(k) != v}
    low, high = metrics.get(Metric.interval("model", "low")), metrics.get(Metric.interval("model", "high"))
    return (
        run.info.run_id[:8] + (" ★" if is_champion else ""), _when(run.info.start_time), run.info.status.lower(),
        tags.get(Tag.DATA_VERSION, "")[:8], origin_of(run), _number(score),
        "—" if low is None or high is None else f"[{low:.3f}, {high:.3f}]",
        _number(metrics.get(Metric.SEEN + metric)), _number(metrics.get(Metric.GENERALISATION_GAP)),
        _number(metrics.get(Metric.baseline("trivial") + metric)), _number(metrics.get(Metric.baseline("status_quo") + metric)),
        delta, _number(metrics.get(Metric.FAIRNESS_GAP)), tags.get(Tag.DECISION) or tags.get(Tag.ERROR, "—").split(":")[0],
        ", ".join(f"{k}={v}" for k, v in sorted(differs.items())) or "—",
    )


def recorded_criteria(metrics: dict[str, float]) -> dict[str, mitigation.Criterion]:
    """The fairness criteria a run recorded (`Metric.criterion`), by `criterion.attribute`."""
    from flows.steps import mitigation

    suffix = ".holds"
    names = [key[len(Metric.FAIRNESS):-len(suffix)] for key in metrics if key.startswith(Metric.FAIRNESS) and key.endswith(suffix)]
    return {
        name: mitigation.Criterion(metrics.get(Metric.criterion(*name.split(".", 1))),
                                   metrics[Metric.criterion(*name.split(".", 1), "tolerance")], metrics[key] == 1.0)
        for name in names if (key := Metric.criterion(*name.split(".", 1), "holds"))
    }


def _criteria_table(runs: list, champion_run: str | None) -> Comparison | None:
    """One row per run, one column per criterion: `0.1014 > 0.1 ✗` and the worst pair of groups."""
    found = [(run, recorded_criteria(run.data.metrics)) for run in runs]
    names = list(dict.fromkeys(name for _, criteria in found for name in criteria))
    if not names:
        return None
    table = Comparison(["run", "mitigation", *(name.replace(".", "\n", 1) for name in names)])
    for run, criteria in found:
        cells = []
        for name in names:
            said = criteria.get(name)
            pair = run.data.tags.get(Tag.criterion(*name.split(".", 1)), "")
            cells.append("—" if said is None else f"{_held(name, said)}\n{pair}")
        mitigated = "ExponentiatedGradient" if Tag.MITIGATION in run.data.tags else "—"
        table.rows.append((run.info.run_id[:8] + (" ★" if run.info.run_id == champion_run else ""), mitigated, *cells))
    return table


def _held(name: str, said: mitigation.Criterion) -> str:
    if said.value is None:
        return "not measured"
    ratio = name.split(".")[0].endswith("_ratio")
    sign = ("≥" if said.holds else "<") if ratio else ("≤" if said.holds else ">")
    return f"{said.value:.4f} {sign} {said.tolerance:g} {'✓' if said.holds else '✗'}"


def _mitigations(runs: list, project: Project) -> list[str]:
    """Each mitigated run beside the plain run it mitigates (the latest one on the same data): the cost in the
    primary metric, the gain on every criterion."""
    from flows.steps import mitigation

    score = Metric.TEST + project.metric
    lines = []
    for run in runs:
        if Tag.MITIGATION not in run.data.tags or score not in run.data.metrics:
            continue
        data = run.data.tags.get(Tag.DATA_VERSION)
        plain = next((other for other in runs if Tag.MITIGATION not in other.data.tags and score in other.data.metrics
                      and other.data.tags.get(Tag.DATA_VERSION) == data), None)
        if plain is None:
            lines.append(f"mitigated run {run.info.run_id[:8]}: no plain run on the same data to compare it with")
            continue
        trade = mitigation.trade_off(
            project.metric, project.greater_is_better,
            (plain.data.metrics[score], recorded_criteria(plain.data.metrics)),
            (run.data.metrics[score], recorded_criteria(run.data.metrics)),
        )
        lines.append(f"mitigated run {run.info.run_id[:8]} ({run.data.tags[Tag.MITIGATION]}) against run "
                     f"{plain.info.run_id[:8]} on the same data:")
        lines += trade.lines()
    return lines


UI = "http://127.0.0.1:5000"
"""Where `make ui-mlflow` serves an embedded (SQLite) store."""


def compare_url(tracking_uri: str, experiment_id: str, run_ids: list[str]) -> str:
    """MLflow's run comparison page for these runs: on the tracking server itself (never with the credentials a URI
    may carry: browsers refuse them), or on `make ui-mlflow`."""
    import json
    from urllib.parse import quote

    from flows.profile import public_url

    base = public_url(tracking_uri).rstrip("/") if tracking_uri.startswith(("http://", "https://")) else UI
    runs, experiments = quote(json.dumps(run_ids)), quote(json.dumps([experiment_id]))
    return f"{base}/#/compare-runs?runs={runs}&experiments={experiments}"


class RowsUnreadable(ValueError):
    """The rows to explain cannot be read, or lack the model's columns."""


@dataclass(frozen=True)
class Explanation:
    """Decisions of one registered version on given rows, each with every column's contribution."""

    name: str
    version: str
    data_version: str
    run_id: str
    decisions: list[dict]


def explanation(name: str, rows_file: Path, version: str | None = None) -> Explanation:
    """The champion's (or `version`'s) decision on each row of a CSV or JSON file, explained column by column."""
    from flows.steps import explain, tracking

    settings = Settings()
    project = projects.load(name)
    client = _client(settings)
    registered = None if client is None else _version(client, name, version, settings.champion_alias)
    if registered is None:
        raise LookupError(f"{name}: no {'version ' + version if version else 'champion'} registered yet — `socle run {name}`")
    rows = _rows(rows_file, project, settings, _source_schema(project) | _schema(registered.source))
    model = tracking.load(client, registered)
    decided = explain.decisions(model, project, rows, top=len(project.features))
    return Explanation(name, str(registered.version), registered.tags.get(Tag.DATA_VERSION, "unknown"), registered.run_id, decided)


def _version(client, name: str, version: str | None, alias: str):
    from flows.steps import tracking

    if version is None:
        return tracking.champion(client, name, alias)
    try:
        return client.get_model_version(name, version)
    except Exception:  # MLflow answers a missing version with its own exception type
        return None


def _source_schema(project: Project) -> dict[str, str]:
    """Types of the source's columns (dates, numbers, flags) that `derive` reads and the signature does not list,
    taken from a few rows of the project's generator, which writes the columns of the real source."""
    import pandas as pd

    sample = project.generate(60, 0)
    kinds = {}
    for column, dtype in sample.dtypes.items():
        if pd.api.types.is_datetime64_any_dtype(dtype):
            kinds[column] = "datetime"
        elif pd.api.types.is_bool_dtype(dtype):
            kinds[column] = "boolean"
        elif pd.api.types.is_numeric_dtype(dtype):
            kinds[column] = "double"
        else:
            kinds[column] = "string"
    return kinds


def _schema(model_uri: str) -> dict[str, str]:
    """Column → type name (string, double, long, boolean, datetime) of the logged model's input signature."""
    import mlflow

    signature = mlflow.models.get_model_info(model_uri).signature
    return {} if signature is None else {spec.name: spec.type.name for spec in signature.inputs.inputs}


def _rows(path: Path, project: Project, settings: Settings, schema: dict[str, str]):
    """The rows as the model saw its training data: read with the model's column types, pseudonymised, derived."""
    import pandas as pd

    from flows.steps import data

    json_rows = path.suffix.lower() == ".json"
    try:  # read as text first: "33" is a département, not the number 33
        frame = pd.read_json(path, orient="records", dtype=False) if json_rows else pd.read_csv(path, dtype=str)
    except (OSError, ValueError) as error:
        raise RowsUnreadable(f"{path}: cannot be read as {'JSON rows' if json_rows else 'CSV'} ({error})") from None
    frame = _typed(frame, schema, path)
    frame = data.pseudonymise(frame, project, settings.pseudonym_key.get_secret_value().encode())
    missing = [column for column in project.features if column not in frame.columns]
    if missing and project.derive is not None:
        frame = project.derive(frame)
        missing = [column for column in project.features if column not in frame.columns]
    if missing:
        raise RowsUnreadable(f"{path}: missing column(s) {', '.join(missing)} that {project.name}'s model reads")
    return frame


def _typed(frame, schema: dict[str, str], path: Path):
    """Each column of the signature converted to its type; a value that does not convert names its column."""
    import pandas as pd

    out = frame.copy()
    for column, kind in schema.items():
        if column not in out.columns:
            continue
        values = out[column]
        try:
            if kind in {"double", "float", "long", "integer"}:
                out[column] = pd.to_numeric(values).astype("float64")
            elif kind == "boolean":
                truth = {"true": True, "false": False, "1": True, "0": False}
                out[column] = values.map(lambda v: v if isinstance(v, bool) or pd.isna(v) else truth[str(v).strip().lower()])
            elif kind == "datetime":
                out[column] = pd.to_datetime(values)
            else:
                out[column] = values.astype("str").where(values.notna())
        except (ValueError, KeyError, TypeError) as error:
            raise RowsUnreadable(f"{path}: column {column} holds a value that is not {kind} ({error})") from None
    return out


class NotReproducible(ValueError):
    """The workspace is not at the run's code or data version."""


@dataclass(frozen=True)
class Reproduction:
    name: str
    metric: str
    score: float
    overrides: list[str]


def reproduction(run_id: str) -> Reproduction:
    """What it takes to re-run `run_id`: its project and params, once the workspace has its commit and data."""
    from flows.steps import tracking

    settings = Settings()
    client = tracking.connect(settings.tracking, settings.registry_uri)
    try:
        recorded = client.get_run(run_id)
    except Exception as error:  # MLflow answers a missing run with its own exception type
        raise NotReproducible(f"no run {run_id} in {settings.tracking}: {error}") from None
    tags, params = recorded.data.tags, recorded.data.params
    name = projects.check_name(tags.get(Tag.PROJECT, ""))
    metric = tags.get(Tag.METRIC) or projects.load(name).metric
    commit, _ = tracking.git_state(settings.root)
    if commit != tags.get("mlflow.source.git.commit"):
        raise NotReproducible(f"run {run_id} ran at commit {tags.get('mlflow.source.git.commit')}, the workspace is at {commit}: `git checkout` it first")
    data_version = versioning.locked_md5(settings.root, name)
    if data_version != tags.get(Tag.DATA_VERSION):
        raise NotReproducible(
            f"run {run_id} trained on data {tags.get(Tag.DATA_VERSION)}, dvc.lock has {data_version}: "
            f"`git checkout {tags.get('mlflow.source.git.commit')} -- dvc.lock && socle data pull {name}` first"
        )
    score = recorded.data.metrics[Metric.TEST + metric]
    return Reproduction(name, metric, score, overrides_of(params))


DICT_PARAMS = ("promotion.min_scores.", "promotion.fairness_tolerance.")
"""Parameters that are mappings keyed by metric names, themselves dotted (`recall.CRITI`): set back whole."""


def overrides_of(params: dict[str, str]) -> list[str]:
    """The `--set` overrides that give back a run's flat params."""
    import json

    import yaml

    plain = [f"{key}={value}" for key, value in sorted(params.items()) if not key.startswith(DICT_PARAMS)]
    for prefix in DICT_PARAMS:
        found = {key[len(prefix):]: yaml.safe_load(value) for key, value in params.items() if key.startswith(prefix)}
        if found:
            plain.append(f"{prefix[:-1]}={json.dumps(found)}")
    return plain


def _when(millis: int | None) -> str:
    if not millis:
        return "—"
    return datetime.fromtimestamp(millis / 1000, tz=UTC).strftime("%Y-%m-%d %H:%M")


def _number(value: float | None) -> str:
    return "—" if value is None else f"{value:.4f}"

