"""The MLflow adapter: one experiment and one registered model per project, runs logged in batches, the champion alias.

Everything goes through an explicit `MlflowClient` and run id, never MLflow's thread-local active run, so that
Prefect may run the steps in any thread or process.
"""

from __future__ import annotations

import json
import logging
import os
import subprocess
import time
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

import mlflow
import pandas as pd
from mlflow import MlflowClient
from mlflow.entities import Metric, Param, RunTag
from mlflow.entities.model_registry import ModelVersion
from mlflow.exceptions import MlflowException

from flows.steps.record import Tag

if TYPE_CHECKING:  # `socle list` reads the registry through this module and needs no scikit-learn
    from sklearn.base import BaseEstimator

# skops refuses to load a type nobody vouched for. This is the reviewed list of third-party types our models may
# hold; our own classes (module `projects.…`) are reviewed with the project's code.
TRUSTED_TYPES = (
    "sklearn.tree._tree.Tree",
    "sklearn.ensemble._hist_gradient_boosting.predictor.TreePredictor",
    "sklearn.ensemble._hist_gradient_boosting.binning._BinMapper",
    "sklearn._loss.link.Interval",
    "sklearn._loss.loss.HalfBinomialLoss",
    "sklearn._loss.loss.HalfMultinomialLoss",
    "sklearn._loss.link.LogitLink",
    "sklearn._loss.link.MultinomialLogit",
    "numpy.dtype",
    "numpy.float64",
    "numpy.int64",
    "builtins.slice",
    "flows.steps.kinds.multilabel.LabelSets",  # the multi-label kind's wrapper: label names and a scikit-learn model
    "flows.steps.mitigation.Reduced",  # a mitigated model: fairlearn's mixture of refits, as weights and estimators
    "flows.steps.mitigation.Weighted",  # each refit of that mixture: the project's own estimator
    "scipy.sparse._csr.csr_matrix",  # plain data (values, indices, pointers): corpus matrices of retrieval models
)
OWN_TYPES = "projects."
REQUIREMENTS = ("scikit-learn", "numpy", "pandas", "scipy", "skops", "socle-ia")
TAG_LIMIT = 5000


NOT_FOUND = ("RESOURCE_DOES_NOT_EXIST", "INVALID_PARAMETER_VALUE")
CLASSICAL_ML = "custom_model_development"
"""MLflow's experiment kind for trained models (its UI opens other experiments on GenAI views: traces, prompts)."""
"""What MLflow answers for a registered model or an alias that does not exist (any other error is an outage)."""


class UntrustedModel(TypeError):
    """The model holds a type outside the reviewed list, or is not saved with skops."""


class ForeignModel(UntrustedModel):
    """The model's source is not a version of our registry stored in its project's artifact store."""


class ForeignExperiment(UntrustedModel):
    """An experiment of a project's name that the pipeline did not create."""


class TrackingUnavailable(ConnectionError):
    """The tracking or registry server did not answer, even after MLflow's retries."""


class ModelNotStored(ConnectionError):
    """The model's files did not reach the artifact store (the tracking server's, e.g. S3): nothing to register."""


def connect(tracking_uri: str, registry_uri: str | None = None) -> MlflowClient:
    """A client of the store, after checking that a tracking server answers: a server that is down fails here,
    naming its address, rather than deep inside a step. MLflow's retry policy comes from our settings."""
    from flows.settings import Settings

    os.environ.update(Settings().mlflow_http_env())  # MLflow reads these at each request
    for uri in dict.fromkeys(filter(None, (tracking_uri, registry_uri))):
        check_answers(uri)
    mlflow.set_tracking_uri(tracking_uri)
    if registry_uri:
        mlflow.set_registry_uri(registry_uri)
    return MlflowClient(tracking_uri, registry_uri)


def check_answers(uri: str) -> None:
    """Raise TrackingUnavailable when the MLflow server at `uri` does not answer its health check (retried with
    MLflow's backoff). Stores that are not servers (SQLite, a folder) have nothing to check."""
    if not uri.startswith(("http://", "https://")):
        return
    from mlflow.utils.credentials import get_default_host_creds
    from mlflow.utils.rest_utils import http_request

    started = time.monotonic()
    try:
        http_request(get_default_host_creds(uri), "/health", "GET")
    except MlflowException as error:
        retries = os.environ["MLFLOW_HTTP_REQUEST_MAX_RETRIES"]
        raise TrackingUnavailable(
            f"MLflow server {uri} does not answer: {_reason(error)} after 1 + {retries} attempts in "
            f"{time.monotonic() - started:.1f} s; start it, or point MLFLOW_TRACKING_URI at one that runs "
            "(MLFLOW_HTTP_REQUEST_MAX_RETRIES, _BACKOFF_FACTOR and _TIMEOUT set how long runs insist)"
        ) from None


def _reason(error: Exception) -> str:
    """The cause of a failed request in a few words, not urllib3's nested repr."""
    text = str(error)
    for marker, reason in (("Connection refused", "connection refused"), ("timed out", "timed out"),
                           ("Connection reset", "connection reset"), ("too many", "server errors")):
        if marker in text:
            return reason
    return text[:300]


def experiment(client: MlflowClient, name: str, artifact_root: str | None) -> str:
    """The project's experiment, created on first use (its artifacts under `artifact_root` when given) with the tag
    that says the pipeline made it. One found without that tag on a shared server is refused: someone else created
    it, and what is logged there would pass for the project's."""
    found = client.get_experiment_by_name(name)
    if found is None:
        location = f"{artifact_root}/{name}" if artifact_root else None
        try:
            tags = {Tag.PROJECT: name, Tag.EXPERIMENT_KIND: CLASSICAL_ML}
            return client.create_experiment(name, artifact_location=location, tags=tags)
        except MlflowException:  # created meanwhile by a concurrent run
            found = client.get_experiment_by_name(name)
    if found.tags.get(Tag.PROJECT) != name:
        if not _local_store(client.tracking_uri):
            raise ForeignExperiment(
                f"experiment {name!r} (id {found.experiment_id}) at {client.tracking_uri} was not created by the "
                f"pipeline (no tag {Tag.PROJECT}={name}); delete or rename it in MLflow, then run again"
            )
        client.set_experiment_tag(found.experiment_id, Tag.PROJECT, name)  # a workspace's own store, made before the tag
    return found.experiment_id


def _local_store(uri: str) -> bool:
    """A store on this machine's disk, which only its workspace writes (no server, no other account)."""
    return not uri.startswith(("http://", "https://", "databricks"))


def start(client: MlflowClient, experiment_id: str, run_name: str, tags: dict[str, str]) -> str:
    """A new run, recorded as made by the MLflow user of the profile (or the process's account): MLflow's client sets
    no "Created by" itself outside its fluent API."""
    from flows.profile import run_user
    from flows.steps.record import Tag

    tags = {Tag.USER: run_user(client.tracking_uri)} | tags
    return client.create_run(experiment_id, run_name=run_name, tags=_clip(tags)).info.run_id


def log(
    client: MlflowClient,
    run_id: str,
    params: dict[str, str] | None = None,
    metrics: dict[str, float] | None = None,
    tags: dict[str, str] | None = None,
) -> None:
    """One batch per call: a thousand single calls cost seconds, one batch a tenth of a second."""
    client.log_batch(
        run_id,
        metrics=[Metric(key, float(value), 0, 0) for key, value in (metrics or {}).items()],
        params=[Param(key, str(value)) for key, value in (params or {}).items()],
        tags=[RunTag(key, value) for key, value in _clip(tags or {}).items()],
    )


def log_json(client: MlflowClient, run_id: str, content: Any, artifact_file: str) -> None:
    client.log_text(run_id, json.dumps(content, ensure_ascii=False, indent=2, default=str), artifact_file)


def log_frame(client: MlflowClient, run_id: str, frame: pd.DataFrame, artifact_file: str) -> None:
    client.log_text(run_id, frame.to_csv(index=False), artifact_file)


def finish(client: MlflowClient, run_id: str, status: str) -> None:
    client.set_terminated(run_id, status=status)


def trusted_types(model: BaseEstimator) -> list[str]:
    """The types skops must be told to trust for this model, all of them reviewed."""
    import skops.io

    untrusted = skops.io.get_untrusted_types(data=skops.io.dumps(model))
    unknown = [name for name in untrusted if not _reviewed(name)]
    if unknown:
        raise UntrustedModel(f"the model holds types nobody reviewed: {unknown}; review them and add them to TRUSTED_TYPES")
    return list(untrusted)


def round_trip(model: BaseEstimator) -> BaseEstimator:
    """The model as the registry will give it back: saved with skops, loaded with the reviewed types only."""
    import skops.io

    data = skops.io.dumps(model)
    needed = skops.io.get_untrusted_types(data=data)
    unknown = [name for name in needed if not _reviewed(name)]
    if unknown:
        raise UntrustedModel(f"the model holds types nobody reviewed: {unknown}; review them and add them to TRUSTED_TYPES")
    return skops.io.loads(data, trusted=needed)


def log_model(client: MlflowClient, run_id: str, model: BaseEstimator, example: pd.DataFrame) -> str:
    """Log the fitted model with its signature and a (pseudonymised) input example; returns its model URI.

    The logged model is created in the run's experiment first: given only a run id, MLflow would file it under
    the process's current experiment (the Default one) instead.
    """
    from mlflow.models import infer_signature

    _quiet_reload_check()
    # Integer columns become float in the signature: a missing value at inference must not break the schema.
    example = example.astype({column: "float64" for column in example.select_dtypes("integer").columns})
    run = client.get_run(run_id)
    logged = client.create_logged_model(
        run.info.experiment_id, name="model", source_run_id=run_id, params=run.data.params, model_type="sklearn"
    )
    try:
        info = mlflow.sklearn.log_model(
            model,
            name="model",
            run_id=run_id,
            model_id=logged.model_id,
            signature=infer_signature(example, model.predict(example)),
            input_example=example,
            pip_requirements=_requirements(),  # inferring them costs seconds and picks up unrelated packages
            serialization_format="skops",  # never pickle: loading a pickle runs whatever it holds
            skops_trusted_types=trusted_types(model),
        )
    except MlflowException as error:  # MLflow marks the logged model FAILED; say where the files did not go
        raise ModelNotStored(f"the model of run {run_id} was not stored at {logged.artifact_location}: {error}") from error
    return info.model_uri


class _ReloadRefused(logging.Filter):
    """Drops MLflow's warning that it could not reload the model it just logged to check its input example: our
    environments forbid that reload (`MLFLOW_ALLOW_PICKLE_DESERIALIZATION=false`), and the signature was inferred
    from the model's predictions on that very example."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "MLFLOW_ALLOW_PICKLE_DESERIALIZATION" not in record.getMessage()


def _quiet_reload_check() -> None:
    logger = logging.getLogger("mlflow.models.model")
    if not any(isinstance(existing, _ReloadRefused) for existing in logger.filters):
        logger.addFilter(_ReloadRefused())


def register(client: MlflowClient, name: str, model_uri: str, run_id: str, tags: dict[str, str]) -> ModelVersion:
    try:
        client.create_registered_model(name)
    except MlflowException as error:
        if error.error_code != "RESOURCE_ALREADY_EXISTS":
            raise
    model_id = model_uri.removeprefix("models:/") if model_uri.startswith("models:/") else None
    return client.create_model_version(name, model_uri, run_id=run_id, tags=_clip(tags), model_id=model_id)


def champion(client: MlflowClient, name: str, alias: str) -> ModelVersion | None:
    """The version holding the alias; None when there is none. A registry that does not answer raises: taken for
    "no champion", an outage would let the gate promote a challenger compared with nothing."""
    try:
        return client.get_model_version_by_alias(name, alias)
    except MlflowException as error:
        if error.error_code in NOT_FOUND:
            return None
        raise


def load(client: MlflowClient, version: ModelVersion) -> BaseEstimator:
    """A version of our registry, read from its project's artifact store, as skops with reviewed types only.

    Nothing else is deserialised: a source elsewhere (a path, a URL, a run of another experiment, another registry
    entry), a pickle, or a type nobody reviewed is refused before any byte of the model is loaded. The trusted types
    come from this code (`TRUSTED_TYPES`), never from the model's own MLmodel file, which whoever wrote the model
    wrote too. MLflow's own loader is not used: `MLFLOW_ALLOW_PICKLE_DESERIALIZATION` is false in our environments.
    """
    import tempfile

    import mlflow.artifacts

    label = f"model {version.name!r} v{version.version}"
    location = _our_location(client, version, label)
    with tempfile.TemporaryDirectory(prefix="socle-model-") as scratch:
        folder = mlflow.artifacts.download_artifacts(artifact_uri=location, dst_path=scratch, tracking_uri=client.tracking_uri)
        return _read_skops(Path(folder), label)


def unloadable(client: MlflowClient, version: ModelVersion) -> str | None:
    """Why the version's model files cannot be read from its artifact store (a store emptied by a restart, an
    object deleted by hand, a foreign source), or None when its MLmodel file and its model file are there. A few
    listings, no download: cheap enough to ask before a night's skip trusts the champion."""
    import mlflow.artifacts

    label = f"model {version.name!r} v{version.version}"
    try:
        location = _our_location(client, version, label)
        listed = mlflow.artifacts.list_artifacts(artifact_uri=location, tracking_uri=client.tracking_uri)
    except (MlflowException, UntrustedModel, OSError) as error:
        return f"{label}: {error}"
    names = {Path(entry.path).name for entry in listed or []}
    if "MLmodel" not in names:
        return f"{label}: no MLmodel file under {location} (its files are gone from the artifact store)"
    if not any(name.endswith(".skops") for name in names):
        return f"{label}: no model file under {location}"
    return None


def _our_location(client: MlflowClient, version: ModelVersion, label: str) -> str:
    """Where the registry says the version's files are, once checked to lie in its project's artifact store."""
    try:
        registered = client.get_model_version(version.name, version.version)
    except MlflowException:
        raise ForeignModel(f"{label}: not in the registry at {client.tracking_uri}") from None
    if registered.source != version.source:
        raise ForeignModel(f"{label}: source {version.source!r} is not the registry's ({registered.source!r})")
    experiment = client.get_experiment_by_name(version.name)
    if experiment is None:
        raise ForeignModel(f"{label}: no experiment {version.name!r} holds the project's runs")
    if experiment.tags.get(Tag.PROJECT) != version.name and not _local_store(client.tracking_uri):
        raise ForeignModel(f"{label}: experiment {version.name!r} was not created by the pipeline (no {Tag.PROJECT} tag)")
    location = _artifacts_of(client, registered.source, experiment.experiment_id, label)
    if not _inside(location, experiment.artifact_location):
        raise ForeignModel(
            f"{label}: source {registered.source!r} lies outside the project's artifact store {experiment.artifact_location}"
        )
    return location


def _artifacts_of(client: MlflowClient, source: str, experiment_id: str, label: str) -> str:
    """The artifact URI a source points to; logged models and runs must belong to the project's experiment."""
    if source.startswith("models:/"):
        model_id = source.removeprefix("models:/")
        if not model_id.startswith("m-") or "/" in model_id:  # models:/name/version, models:/name@alias
            raise ForeignModel(f"{label}: source {source!r} points to another registry entry, not to a logged model")
        logged = client.get_logged_model(model_id)
        if logged.experiment_id != experiment_id:
            raise ForeignModel(f"{label}: logged model {model_id} belongs to experiment {logged.experiment_id}")
        return logged.artifact_location
    if source.startswith("runs:/"):
        run_id, _, path = source.removeprefix("runs:/").partition("/")
        run = client.get_run(run_id)
        if run.info.experiment_id != experiment_id:
            raise ForeignModel(f"{label}: run {run_id} belongs to experiment {run.info.experiment_id}")
        return f"{run.info.artifact_uri.rstrip('/')}/{path}"
    return source


def _inside(location: str, root: str) -> bool:
    """Whether an artifact URI lies under the store's root: same scheme and host, its path (decoded, `..` resolved,
    links followed for local files) inside the root's."""
    import posixpath
    from urllib.parse import unquote, urlsplit

    here, store = urlsplit(location), urlsplit(root)
    if (here.scheme, here.netloc) != (store.scheme, store.netloc) or not store.scheme:
        return False
    path, base = posixpath.normpath(unquote(here.path)), posixpath.normpath(unquote(store.path))
    if store.scheme == "file":
        path, base = str(Path(path).resolve()), str(Path(base).resolve())
    return path.startswith(base.rstrip("/") + "/")


def _read_skops(folder: Path, label: str) -> BaseEstimator:
    """The scikit-learn model of an MLflow model folder, when saved with skops and holding reviewed types only."""
    import skops.io
    import yaml

    flavour = (yaml.safe_load((folder / "MLmodel").read_text()).get("flavors") or {}).get("sklearn") or {}
    saved_as = flavour.get("serialization_format", "no scikit-learn flavour")
    if saved_as != "skops":
        raise UntrustedModel(f"{label}: saved as {saved_as!r}; only skops models are loaded (a pickle runs what it holds)")
    path = (folder / str(flavour.get("pickled_model", ""))).resolve()
    if folder.resolve() not in path.parents:
        raise UntrustedModel(f"{label}: its MLmodel points outside the model folder ({flavour.get('pickled_model')!r})")
    needed = skops.io.get_untrusted_types(file=path)
    unknown = [name for name in needed if not _reviewed(name)]
    if unknown:
        raise UntrustedModel(f"{label}: holds types nobody reviewed: {unknown}; refused (see TRUSTED_TYPES)")
    return skops.io.load(path, trusted=needed)


def _reviewed(type_name: str) -> bool:
    return type_name in TRUSTED_TYPES or type_name.startswith(OWN_TYPES)


def crown(client: MlflowClient, name: str, alias: str, version: ModelVersion) -> None:
    client.set_registered_model_alias(name, alias, version.version)


def git_state(root: Path) -> tuple[str, bool]:
    """The commit the code came from and whether tracked files were modified (MLflow records it only for scripts)."""
    try:
        commit = _git(root, "rev-parse", "HEAD")
        dirty = bool(_git(root, "status", "--porcelain", "--untracked-files=no"))
        return commit, dirty
    except (OSError, subprocess.CalledProcessError):
        return "unknown", True


def _git(root: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=root, check=True, capture_output=True, text=True).stdout.strip()


def _requirements() -> list[str]:
    found = []
    for package in REQUIREMENTS:
        try:
            found.append(f"{package}=={metadata.version(package)}")
        except metadata.PackageNotFoundError:
            continue
    return found


def _clip(tags: dict[str, str]) -> dict[str, str]:
    return {key: str(value)[:TAG_LIMIT] for key, value in tags.items()}



def log_drift(client: MlflowClient, run_id: str, verdict: Any) -> None:
    """A drift verdict (flows/steps/drift.py) on a run: its tag, and the table with one metric per column when
    something was measured."""
    from flows.steps import drift
    from flows.steps.record import Metric as Named, Tag

    if verdict.table is not None:
        log_frame(client, run_id, verdict.table, "drift/columns.csv")
        log(client, run_id, metrics=drift.metrics(verdict.table) | {f"{Named.DRIFT}moved": len(verdict.moved)})
    log(client, run_id, tags={Tag.DRIFT: verdict.text()})
