"""A read-only glance at the registry for `socle list`: each project's champion and last run, without MLflow.

Importing MLflow costs seconds; listing projects must cost well under one. The embedded SQLite store is read with
`sqlite3` (MLflow's own tables, read-only), a tracking server through its REST API; any other store (a database URI
of a server's backend) falls back to the MLflow client.
"""

from __future__ import annotations

import base64
import json
import os
import sqlite3
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from flows.steps.record import Metric, Tag


@dataclass(frozen=True)
class Champion:
    version: str
    score: float | None
    missing: str = ""
    """Why its model files cannot be read from the artifact store (checked where a server holds them), or ""."""


@dataclass(frozen=True)
class LastRun:
    start_time: int
    status: str
    decision: str
    beats_status_quo: str = ""
    """"false" when the gate found the status quo (or the trivial rule) at least as good: nothing was crowned."""


class View(Protocol):
    def champion(self, name: str, alias: str, metric: str) -> Champion | None: ...

    def last_run(self, name: str) -> LastRun | None: ...


def open_view(tracking_uri: str, registry_uri: str | None = None) -> View | None:
    """The cheapest reader for this store; None when an embedded store does not exist yet (listing creates nothing)."""
    if registry_uri and registry_uri != tracking_uri:
        return _ClientView(tracking_uri, registry_uri)
    if tracking_uri.startswith("sqlite:///"):
        path = Path(tracking_uri.removeprefix("sqlite:///"))
        return _SqliteView(path) if path.exists() else None
    if tracking_uri.startswith(("http://", "https://")):
        return _RestView(tracking_uri.rstrip("/"))
    return _ClientView(tracking_uri, registry_uri)


class _SqliteView:
    def __init__(self, path: Path) -> None:
        self.connection = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)

    def champion(self, name: str, alias: str, metric: str) -> Champion | None:
        found = self.connection.execute(
            "SELECT v.version, m.value FROM registered_model_aliases a "
            "JOIN model_versions v ON v.name = a.name AND v.version = a.version "
            "LEFT JOIN latest_metrics m ON m.run_uuid = v.run_id AND m.key = ? "
            "WHERE a.name = ? AND a.alias = ?",
            (Metric.TEST + metric, name, alias),
        ).fetchone()
        return Champion(str(found[0]), found[1]) if found else None

    def last_run(self, name: str) -> LastRun | None:
        found = self.connection.execute(
            "SELECT r.start_time, r.status, t.value, b.value FROM runs r "
            "JOIN experiments e ON e.experiment_id = r.experiment_id "
            "LEFT JOIN tags t ON t.run_uuid = r.run_uuid AND t.key = ? "
            "LEFT JOIN tags b ON b.run_uuid = r.run_uuid AND b.key = ? "
            "WHERE e.name = ? AND r.lifecycle_stage = 'active' ORDER BY r.start_time DESC LIMIT 1",
            (Tag.DECISION, Tag.BEATS_STATUS_QUO, name),
        ).fetchone()
        return LastRun(found[0], found[1], found[2] or "", found[3] or "") if found else None


class _RestView:
    """MLflow's REST API, with the same credentials as its client (`MLFLOW_TRACKING_USERNAME`/`PASSWORD` or token)."""

    def __init__(self, base: str) -> None:
        self.base = base

    def _call(self, path: str, query: dict | None = None, body: dict | None = None) -> dict | None:
        url = f"{self.base}/api/2.0/mlflow/{path}" + (f"?{urllib.parse.urlencode(query)}" if query else "")
        request = urllib.request.Request(url, data=json.dumps(body).encode() if body else None, headers=_auth())
        if body:
            request.add_header("Content-Type", "application/json")
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return json.load(response)
        except urllib.error.HTTPError as error:
            if error.code == 404:
                return None
            raise

    def champion(self, name: str, alias: str, metric: str) -> Champion | None:
        found = self._call("registered-models/alias", {"name": name, "alias": alias})
        if not found:
            return None
        version = found["model_version"]
        run = self._call("runs/get", {"run_id": version["run_id"]}) or {}
        metrics = {m["key"]: m["value"] for m in run.get("run", {}).get("data", {}).get("metrics", [])}
        return Champion(str(version["version"]), metrics.get(Metric.TEST + metric), self._files_missing(version))

    def _files_missing(self, version: dict) -> str:
        """A champion proxied by the server (`mlflow-artifacts:/`) whose MLmodel file its artifact store lost."""
        model_id = version.get("model_id") or version.get("source", "").removeprefix("models:/")
        logged = self._call(f"logged-models/{model_id}") if model_id.startswith("m-") else None
        location = ((logged or {}).get("model") or {}).get("info", {}).get("artifact_uri", "")
        if not location.startswith("mlflow-artifacts:"):
            return ""  # elsewhere than the server's proxy: `socle status` checks it
        path = urllib.parse.urlsplit(location).path.lstrip("/")
        url = f"{self.base}/api/2.0/mlflow-artifacts/artifacts?{urllib.parse.urlencode({'path': path})}"
        try:
            with urllib.request.urlopen(urllib.request.Request(url, headers=_auth()), timeout=10) as response:
                files = json.load(response).get("files") or []
        except urllib.error.HTTPError:
            files = []
        return "" if any(entry.get("path") == "MLmodel" for entry in files) else "model files missing"

    def last_run(self, name: str) -> LastRun | None:
        experiment = self._call("experiments/get-by-name", {"experiment_name": name})
        if not experiment:
            return None
        body = {
            "experiment_ids": [experiment["experiment"]["experiment_id"]],
            "max_results": 1,
            "order_by": ["attributes.start_time DESC"],
        }
        runs = (self._call("runs/search", body=body) or {}).get("runs") or []
        if not runs:
            return None
        tags = {t["key"]: t["value"] for t in runs[0].get("data", {}).get("tags", [])}
        info = runs[0]["info"]
        return LastRun(
            int(info.get("start_time", 0)), info["status"], tags.get(Tag.DECISION, ""), tags.get(Tag.BEATS_STATUS_QUO, "")
        )


class _ClientView:
    def __init__(self, tracking_uri: str, registry_uri: str | None) -> None:
        from flows.steps import tracking

        self.client = tracking.connect(tracking_uri, registry_uri)

    def champion(self, name: str, alias: str, metric: str) -> Champion | None:
        from flows.steps import tracking

        version = tracking.champion(self.client, name, alias)
        if version is None:
            return None
        score = self.client.get_run(version.run_id).data.metrics.get(Metric.TEST + metric)
        return Champion(str(version.version), score, "model files missing" if tracking.unloadable(self.client, version) else "")

    def last_run(self, name: str) -> LastRun | None:
        experiment = self.client.get_experiment_by_name(name)
        if experiment is None:
            return None
        runs = self.client.search_runs([experiment.experiment_id], order_by=["attributes.start_time DESC"], max_results=1)
        if not runs:
            return None
        info = runs[0].info
        tags = runs[0].data.tags
        return LastRun(info.start_time, info.status, tags.get(Tag.DECISION, ""), tags.get(Tag.BEATS_STATUS_QUO, ""))


def _auth() -> dict[str, str]:
    if token := os.environ.get("MLFLOW_TRACKING_TOKEN"):
        return {"Authorization": f"Bearer {token}"}
    user, password = os.environ.get("MLFLOW_TRACKING_USERNAME"), os.environ.get("MLFLOW_TRACKING_PASSWORD")
    if user and password:
        return {"Authorization": "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()}
    return {}
