"""Security: the servers of `socle up` answer nobody without credentials, nobody with default ones; models are read
only from our own registry and store, and never unpickled; the pinned releases are past the known advisories.

Server tests run against the session's real stack (tests/server/stack_fixture.py): every route MLflow's basic-auth
app registers (its Flask url_map and its FastAPI routers, enumerated from the app itself) and every route of the
Prefect API (its OpenAPI document, read with the credentials, and its websockets) is requested without credentials
and with wrong ones. The model-loading tests use a real MLflow SQLite store and real pickles and skops files.
"""

from __future__ import annotations

import base64
import json
import os
import re
import shutil
import subprocess
import sys
import urllib.error
import urllib.request
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from packaging.version import Version

from flows.steps import tracking
from tests.server.stack_fixture import Stack, free_port

pytestmark = pytest.mark.timeout(1800)  # the session's stack may start in this module

REPO = Path(__file__).resolve().parents[2]
FIXED_IN = {"mlflow": "3.16.1", "mlflow-skinny": "3.16.1", "prefect": "3.6.25"}
"""The first releases past the advisories the README's "Security" section lists."""
PUBLIC = {
    ("GET", "/health"): "liveness probe: answers OK, nothing else",
    ("GET", "/api/3.0/mlflow/server-info"): "MLflow's capability discovery: store type and feature flags, no data",
    ("GET", "/ajax-api/3.0/mlflow/server-info"): "the same, for the UI",
}
"""MLflow routes that answer without credentials by design (MLflow's `is_unprotected_route`), and why that is fine."""
LEGACY_PASSWORD = "password1234"  # MLflow's admin password until 3.16.1 (GHSA-gq3w-7jj3-x7gr)


# ── pins ─────────────────────────────────────────────────────────────────────────────────────────────────────────


def _locked() -> dict[str, str]:
    pins = {}
    for line in (REPO / "requirements.lock").read_text().splitlines():
        match = re.match(r"^([A-Za-z0-9_.-]+)==([^\s;]+)", line)
        if match:
            pins[match.group(1).lower()] = match.group(2)
    return pins


def test_pins_are_at_or_above_the_releases_that_fixed_known_advisories() -> None:
    locked = _locked()
    for package, fixed in FIXED_IN.items():
        assert package in locked, f"requirements.lock does not pin {package}"
        assert Version(locked[package]) >= Version(fixed), f"requirements.lock: {package}=={locked[package]} < {fixed}"
        assert Version(metadata.version(package)) >= Version(fixed), f"installed {package} {metadata.version(package)}"
        assert metadata.version(package) == locked[package], f"installed {package} differs from requirements.lock"


# ── models come from our registry, as skops with reviewed types, never as pickles ───────────────────────────────


class Booby:
    """A pickled "model" that creates a file when unpickled: what a malicious pickle would do with a shell."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def predict(self, X: object) -> list[int]:
        return [0]

    def __reduce__(self) -> tuple:
        return (Path.touch, (self.marker,))


@dataclass
class Registry:
    client: object
    root: Path
    name: str
    good: object  # the registered version of a genuine model
    frame: pd.DataFrame

    def register(self, source: str, run_id: str | None = None):
        return self.client.create_model_version(self.name, source, run_id=run_id)


def _frame() -> pd.DataFrame:
    rng = np.random.default_rng(0)
    frame = pd.DataFrame({"a": rng.normal(size=60), "b": rng.normal(size=60)})
    return frame.assign(y=(frame.a + frame.b > 0).astype(int))


def _run(client, name: str, root: Path) -> tuple[str, str]:
    found = client.get_experiment_by_name(name)
    experiment = found.experiment_id if found else client.create_experiment(name, (root / "artifacts" / name).as_uri())
    return experiment, client.create_run(experiment).info.run_id


@pytest.fixture(scope="module")
def registry(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Registry]:
    """A real SQLite store laid out as `socle run` lays it out, with one genuine registered model."""
    import mlflow
    from sklearn.linear_model import LogisticRegression

    root = tmp_path_factory.mktemp("registry")
    uri = f"sqlite:///{root / 'mlflow.db'}"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("MLFLOW_TRACKING_URI", uri)
        patch.setenv("MLFLOW_ALLOW_PICKLE_DESERIALIZATION", "false")  # our environments' default
        client = tracking.connect(uri)
        frame = _frame()
        _, run_id = _run(client, "demo_project", root)
        model = LogisticRegression().fit(frame[["a", "b"]], frame.y)
        model_uri = tracking.log_model(client, run_id, model, frame[["a", "b"]].head(3))
        good = tracking.register(client, "demo_project", model_uri, run_id, {})
        yield Registry(client, root, "demo_project", good, frame)
        mlflow.set_tracking_uri(None)  # `connect` set MLflow's global URI: leave none to the next modules


def test_a_model_of_our_registry_loads_as_skops_with_pickles_forbidden(registry: Registry) -> None:
    assert os.environ["MLFLOW_ALLOW_PICKLE_DESERIALIZATION"] == "false"
    model = tracking.load(registry.client, registry.good)
    X = registry.frame[["a", "b"]]
    assert (model.predict(X) == (X.a + X.b > 0)).mean() > 0.9


def _foreign_sources(registry: Registry, tmp_path: Path) -> dict[str, str]:
    """Sources outside the project's store, each holding a genuine, loadable copy of the registered model."""
    import mlflow

    good = mlflow.artifacts.download_artifacts(f"models:/{registry.name}/{registry.good.version}", dst_path=str(tmp_path / "good"))
    elsewhere = tmp_path / "elsewhere" / "model"
    shutil.copytree(good, elsewhere)
    store = registry.root / "artifacts" / registry.name
    sneaky = store / "sneaky"
    sneaky.mkdir(parents=True, exist_ok=True)
    (sneaky / "model").symlink_to(elsewhere, target_is_directory=True)
    _, other_run = _run(registry.client, "other_project", registry.root)
    registry.client.log_artifacts(other_run, str(elsewhere), "model")
    registry.client.create_registered_model("other_project")
    registry.client.create_model_version("other_project", f"runs:/{other_run}/model", run_id=other_run)
    climbing = "/".join([".."] * 3 + list(elsewhere.relative_to(registry.root.parent).parts)).replace(".", "%2e")
    outside = "outside the project's artifact store"
    return {
        "a local path": (str(elsewhere), outside),
        "a file URI outside the store": (elsewhere.as_uri(), outside),
        "an http URL": ("http://models.example.org/demo_project/model", outside),
        "an s3 bucket of someone else": ("s3://someone-else/demo_project/model", outside),
        "a run of another experiment": (f"runs:/{other_run}/model", "belongs to experiment"),
        "another registry entry": ("models:/other_project/1", "another registry entry"),
        "a path climbing out of the store (encoded)": (f"{store.as_uri()}/{climbing}", outside),
        "a link from inside the store to outside": ((sneaky / "model").as_uri(), outside),
    }


def _log(registry: Registry, model: object, **options: object) -> tuple[str, str]:
    """Log a model the way `socle run` files it (a logged model of the project's experiment); its URI and run."""
    import mlflow

    experiment, run_id = _run(registry.client, registry.name, registry.root)
    logged = registry.client.create_logged_model(experiment, name="model", source_run_id=run_id, model_type="sklearn")
    info = mlflow.sklearn.log_model(model, name="model", run_id=run_id, model_id=logged.model_id, pip_requirements=[], **options)
    return info.model_uri, run_id


def test_models_outside_our_registry_and_store_are_refused(registry: Registry, tmp_path: Path) -> None:
    sources = _foreign_sources(registry, tmp_path)
    copy = Path(sources["a local path"][0])
    assert tracking._read_skops(copy, "the copy").predict(registry.frame[["a", "b"]]).any()  # refused for where it is
    refused = {}
    for what, (source, reason) in sources.items():
        version = registry.register(source)
        with pytest.raises(tracking.ForeignModel, match=re.escape(reason)) as error:
            tracking.load(registry.client, version)
        refused[what] = str(error.value)
    assert len(refused) == 8, refused
    # a version object that is not the registry's record (its source swapped) is refused too
    from mlflow.entities.model_registry import ModelVersion

    forged = ModelVersion(registry.name, registry.good.version, 0, source=copy.as_uri())
    with pytest.raises(tracking.ForeignModel, match="is not the registry's"):
        tracking.load(registry.client, forged)
    with pytest.raises(tracking.ForeignModel, match="not in the registry"):
        tracking.load(registry.client, ModelVersion("nobody", "1", 0, source=registry.good.source))


def test_a_pickled_model_in_our_store_is_refused_without_running_it(
    registry: Registry, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import mlflow

    marker = tmp_path / "pickle-ran"
    model_uri, run_id = _log(registry, Booby(marker), serialization_format="cloudpickle")
    version = registry.register(model_uri, run_id)
    with pytest.raises(tracking.UntrustedModel, match="saved as 'cloudpickle'"):
        tracking.load(registry.client, version)
    assert not marker.exists(), "loading the pickle ran its code"
    # MLflow's own loader refuses it too in our environment; allowed, it runs the payload: the refusal matters
    with pytest.raises(mlflow.exceptions.MlflowException, match="MLFLOW_ALLOW_PICKLE_DESERIALIZATION"):
        mlflow.sklearn.load_model(model_uri)
    monkeypatch.setenv("MLFLOW_ALLOW_PICKLE_DESERIALIZATION", "true")
    mlflow.sklearn.load_model(model_uri)
    assert marker.exists()


def test_an_skops_model_holding_an_unreviewed_type_is_refused(registry: Registry, monkeypatch: pytest.MonkeyPatch) -> None:
    import mlflow
    import skops.io
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import FunctionTransformer

    hostile = make_pipeline(FunctionTransformer(os.system))  # "preprocessing" that runs its input as a command
    hidden = skops.io.get_untrusted_types(data=skops.io.dumps(hostile))
    # its MLmodel vouches for every type it holds: whoever writes a model writes that list
    model_uri, run_id = _log(registry, hostile, serialization_format="skops", skops_trusted_types=hidden)
    version = registry.register(model_uri, run_id)
    with pytest.raises(tracking.UntrustedModel, match="types nobody reviewed") as error:
        tracking.load(registry.client, version)
    assert "system" in str(error.value)
    monkeypatch.setenv("MLFLOW_ALLOW_PICKLE_DESERIALIZATION", "true")
    loaded = mlflow.sklearn.load_model(model_uri)  # MLflow's loader trusts the model's own list
    assert loaded.steps[0][1].func is os.system


def test_our_environments_forbid_pickle_deserialisation(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from flows import cli
    from flows.server import stack
    from flows.settings import StackSettings

    assert cli.ENVIRONMENT_DEFAULTS["MLFLOW_ALLOW_PICKLE_DESERIALIZATION"] == "false"
    monkeypatch.delenv("MLFLOW_ALLOW_PICKLE_DESERIALIZATION", raising=False)
    cli.environment_defaults()
    assert os.environ["MLFLOW_ALLOW_PICKLE_DESERIALIZATION"] == "false"
    monkeypatch.setenv("MLFLOW_ALLOW_PICKLE_DESERIALIZATION", "true")  # a stray setting in the operator's shell
    monkeypatch.setenv("MLFLOW_TRACKING_PASSWORD", "x" * 16)
    monkeypatch.setenv("PREFECT_API_AUTH_STRING", "admin:" + "y" * 16)
    monkeypatch.setenv("SOCLE_STATE_DIR", str(tmp_path / "state"))
    for part in stack.parts(StackSettings(), tmp_path):
        if part.name in ("mlflow", "worker"):
            assert part.env["MLFLOW_ALLOW_PICKLE_DESERIALIZATION"] == "false", part.name
        if part.name == "mlflow":
            assert part.env["MLFLOW_BASIC_AUTH_FAIL_CLOSED"] == "true"
            assert part.env["MLFLOW_SERVER_ENABLE_JOB_EXECUTION"] == "false"
    readme = (REPO / "README.md").read_text()
    assert "MLFLOW_ALLOW_PICKLE_DESERIALIZATION" in readme and "TRUSTED_TYPES" in readme


# ── the stack: credentials required everywhere, none by default ─────────────────────────────────────────────────


def _request(url: str, method: str = "GET", auth: tuple[str, str] | None = None, data: bytes | None = None) -> int:
    if data is None and method in ("POST", "PUT", "PATCH"):
        data = b"{}"
    request = urllib.request.Request(url, data=data, method=method, headers={"Content-Type": "application/json"})
    if auth is not None:
        request.add_header("Authorization", "Basic " + base64.b64encode(":".join(auth).encode()).decode())
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def _answers(base: str, routes: list[tuple[str, str]], auth: tuple[str, str] | None) -> dict[tuple[str, str], int]:
    with ThreadPoolExecutor(8) as pool:
        codes = pool.map(lambda route: _request(base + route[1], route[0], auth), routes)
        return dict(zip(routes, codes, strict=True))


ENUMERATE = """
import json, os
os.environ["_MLFLOW_SGI_NAME"] = "uvicorn"  # as `mlflow server` sets it: the FastAPI app around Flask
from fastapi.routing import iter_route_contexts
from starlette.routing import Mount
from mlflow.server import app as flask_app
from mlflow.server.auth import create_app
routes = []
for route in iter_route_contexts(create_app(flask_app).routes):
    if not isinstance(route.original_route, Mount):
        routes += [(method, route.path) for method in route.methods or ()]
for rule in flask_app.url_map.iter_rules():
    routes += [(method, rule.rule) for method in rule.methods - {"HEAD", "OPTIONS"}]
print(json.dumps(sorted(set(routes))))
"""


@pytest.fixture(scope="module")
def mlflow_app_routes(stack: Stack, tmp_path_factory: pytest.TempPathFactory) -> Iterator[subprocess.Popen]:
    """MLflow's basic-auth app built as the server builds it (same environment and code), its routes listed.

    Started at once in another process: it takes seconds, and the other tests of this module run meanwhile. Its user
    store is a scratch copy: listing the routes must not touch the server's."""
    from flows.server import stack as stack_module

    settings = stack.settings()
    (mlflow,) = [part for part in stack_module.parts(settings, stack.workspace) if part.name == "mlflow"]
    scratch = tmp_path_factory.mktemp("routes")
    ini = scratch / "basic_auth.ini"
    ini.write_text(f"[mlflow]\ndefault_permission = READ\ndatabase_uri = sqlite:///{scratch / 'auth.db'}\n"
                   "admin_username = admin\nauthorization_function = mlflow.server.auth:authenticate_request_basic_auth\n")
    env = mlflow.env | {"MLFLOW_AUTH_CONFIG_PATH": str(ini)}
    process = subprocess.Popen([sys.executable, "-c", ENUMERATE], cwd=scratch, env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    yield process
    process.kill()


def _concrete(path: str) -> str:
    """A request path for a route pattern: Flask's `<path:x>` and FastAPI's `{x:path}` filled in."""
    path = re.sub(r"<(?:[a-z]+:)?\w+>", "x", path)
    return re.sub(r"\{\w+(?::\w+)?\}", "x", path)


@pytest.mark.server
def test_socle_up_refuses_to_start_without_its_credentials(
    stack: Stack, tmp_path: Path, mlflow_app_routes: subprocess.Popen  # listed meanwhile, for the last test
) -> None:
    """No password, a short one, MLflow's old default, or no Prefect auth string: refused before anything starts,
    by the command (one case) and by `stack.up` (every case)."""
    from flows.server import stack as stack_module
    from flows.settings import StackSettings

    state = tmp_path / "state"
    base = {key: value for key, value in stack.env.items() if key not in ("MLFLOW_TRACKING_PASSWORD", "PREFECT_API_AUTH_STRING")}
    base |= {  # were a case to pass, its stack would be another one, quick to give up
        "SOCLE_STATE_DIR": str(state), "SOCLE_PREFECT_PORT": str(free_port()), "SOCLE_MLFLOW_PORT": str(free_port()),
        "SOCLE_S3_PORT": str(free_port()), "SOCLE_DATABASE_PREFIX": "socle_refused", "SOCLE_STARTUP_TIMEOUT": "5",
    }
    mlflow_ok, prefect_ok = {"MLFLOW_TRACKING_PASSWORD": "m" * 16}, {"PREFECT_API_AUTH_STRING": "admin:" + "p" * 16}
    cases = {
        "MLFLOW_TRACKING_PASSWORD: set the MLflow admin password": prefect_ok,
        "12+ characters": prefect_ok | {"MLFLOW_TRACKING_PASSWORD": "short"},
        "MLFLOW_TRACKING_PASSWORD: set": prefect_ok | {"MLFLOW_TRACKING_PASSWORD": ""},
        "old default password": prefect_ok | {"MLFLOW_TRACKING_PASSWORD": LEGACY_PASSWORD},
        "PREFECT_API_AUTH_STRING: set it": mlflow_ok,
        "user:password": mlflow_ok | {"PREFECT_API_AUTH_STRING": "p" * 16},
    }
    done = stack.socle("up", check=False, env=base | prefect_ok)
    message = " ".join((done.stdout + done.stderr).split())
    assert done.returncode == 1 and "StackError" in message and "MLFLOW_TRACKING_PASSWORD" in message, message
    for expected, credentials in cases.items():
        with pytest.MonkeyPatch.context() as patch:
            for variable, value in (base | credentials).items():
                patch.setenv(variable, value)
            for variable in {"MLFLOW_TRACKING_PASSWORD", "PREFECT_API_AUTH_STRING"} - set(credentials):
                patch.delenv(variable, raising=False)
            with pytest.raises(stack_module.StackError, match=re.escape(expected)):
                stack_module.up(StackSettings(), stack.workspace)
    assert not (state / "run").exists() or not list((state / "run").iterdir()), "something started"
    written = (Path(stack.env["SOCLE_STATE_DIR"]) / "mlflow" / "basic_auth.ini").read_text()
    assert stack.env["MLFLOW_TRACKING_PASSWORD"] not in written and "admin_password" not in written
    shipped = (REPO / "mlflow" / "basic_auth.ini").read_text()
    assert not re.search(r"^\s*admin_password", shipped, re.MULTILINE)


@pytest.mark.server
def test_mlflow_refuses_default_and_empty_credentials(stack: Stack) -> None:
    """On a REST route (Flask's check), an artifact route (FastAPI's own check) and the UI."""
    settings = stack.settings()
    base = settings.mlflow_url
    real = (settings.mlflow_username, settings.mlflow_password.get_secret_value())
    routes = [("GET", "/api/2.0/mlflow/experiments/search?max_results=1"), ("GET", "/"),
              ("GET", "/api/2.0/mlflow-artifacts/artifacts?path=")]
    assert set(_answers(base, routes, real).values()) == {200}  # the same requests with the configured password
    for user, password in [("admin", LEGACY_PASSWORD), ("admin", ""), ("", ""), ("", real[1]), (real[0], real[1][:-1])]:
        answers = _answers(base, routes, (user, password))
        assert set(answers.values()) == {401}, (user, password, answers)


@pytest.mark.server
def test_the_prefect_api_requires_its_auth_string_on_every_route(stack: Stack) -> None:
    settings = stack.settings()
    api = settings.prefect_url
    user, _, password = settings.prefect_auth_string.get_secret_value().partition(":")
    assert _request(f"{api}/openapi.json") == 401
    spec = json.loads(_get_with(f"{api}/openapi.json", (user, password)))
    routes = sorted((method.upper(), _concrete(path.removeprefix("/api"))) for path, item in spec["paths"].items() for method in item)
    assert len(routes) > 150, len(routes)
    public = {("GET", "/health"), ("GET", "/ready")}
    anonymous = _answers(api, routes, None)
    wrong = _answers(api, routes, (user, password + "x"))
    routes += [("GET", "/variables/name/health"), ("GET", "/flows/name/ready"), ("POST", "/health")]  # no suffix bypass
    anonymous |= _answers(api, routes[-3:], None)
    wrong |= _answers(api, routes[-3:], (user, password + "x"))
    for route in routes:
        expected = 200 if route in public else 401
        assert anonymous[route] == expected and (route in public or wrong[route] == 401), (route, anonymous[route], wrong[route])
    readable = [("POST", "/flows/filter"), ("POST", "/flow_runs/filter"), ("POST", "/logs/filter"), ("GET", "/admin/version"),
                ("POST", "/deployments/filter"), ("POST", "/work_pools/filter"), ("POST", "/variables/filter")]
    granted = _answers(api, readable, (user, password))
    assert set(granted.values()) == {200}, granted
    print(f"Prefect API: {len(routes)} routes; anonymous {dict(Counter(anonymous.values()))}, wrong {dict(Counter(wrong.values()))}")
    _websockets_refuse_a_wrong_token(api.replace("http://", "ws://"), settings.prefect_auth_string.get_secret_value())


def _get_with(url: str, auth: tuple[str, str]) -> str:
    request = urllib.request.Request(url)
    request.add_header("Authorization", "Basic " + base64.b64encode(":".join(auth).encode()).decode())
    with urllib.request.urlopen(request, timeout=60) as response:
        return response.read().decode()


def _websockets_refuse_a_wrong_token(base: str, token: str) -> None:
    """Websockets bypass HTTP middleware: the server checks their first message (the auth bypass of 3.2)."""
    from websockets.exceptions import ConnectionClosed, InvalidStatus
    from websockets.sync.client import connect

    for path in ("/events/out", "/logs/out", "/events/in"):
        with connect(base + path, subprotocols=["prefect"], open_timeout=30) as socket:
            socket.send(json.dumps({"type": "auth", "token": token}))
            assert json.loads(socket.recv(timeout=30))["type"] == "auth_success", path
        for attempt in ({"type": "auth", "token": token + "x"}, {"type": "auth", "token": None}, {"type": "subscribe"}):
            with pytest.raises((ConnectionClosed, InvalidStatus)):
                with connect(base + path, subprotocols=["prefect"], open_timeout=30) as socket:
                    socket.send(json.dumps(attempt))
                    socket.recv(timeout=30)
                    socket.recv(timeout=30)
        with pytest.raises((ConnectionClosed, InvalidStatus)):
            with connect(base + path, open_timeout=30) as socket:  # no "prefect" subprotocol: no auth handshake
                socket.recv(timeout=30)


@pytest.mark.server
def test_a_model_on_the_tracking_server_loads_through_its_proxy_and_a_foreign_one_does_not(
    stack: Stack, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The production path: artifacts proxied by the server (`mlflow-artifacts:` URIs) to S3."""
    import mlflow
    from sklearn.linear_model import LogisticRegression

    from flows.server import stack as stack_module

    settings = stack.settings()
    for variable, value in (stack_module.client_env(settings) | {"MLFLOW_ALLOW_PICKLE_DESERIALIZATION": "false"}).items():
        monkeypatch.setenv(variable, value)
    client = tracking.connect(settings.mlflow_url)
    try:
        frame = _frame()
        run_id = tracking.start(client, tracking.experiment(client, "security_demo", None), "security", {})
        model_uri = tracking.log_model(client, run_id, LogisticRegression().fit(frame[["a", "b"]], frame.y), frame[["a", "b"]].head(3))
        version = tracking.register(client, "security_demo", model_uri, run_id, {})
        assert tracking.load(client, version).predict(frame[["a", "b"]]).any()
        other = tracking.start(client, tracking.experiment(client, "security_other", None), "other", {})
        client.log_artifact(other, str(REPO / "mlflow" / "basic_auth.ini"), "model")
        foreign = client.create_model_version("security_demo", f"runs:/{other}/model", run_id=other)
        with pytest.raises(tracking.ForeignModel, match="belongs to experiment"):
            tracking.load(client, foreign)
    finally:
        mlflow.set_tracking_uri(None)


@pytest.mark.server
def test_every_mlflow_route_requires_credentials(stack: Stack, mlflow_app_routes: subprocess.Popen) -> None:
    """Run last in this module: the routes are listed in another process meanwhile."""
    output, errors = mlflow_app_routes.communicate(timeout=600)
    assert mlflow_app_routes.returncode == 0, errors[-3000:]
    routes = sorted({(method, _concrete(path)) for method, path in json.loads(output)})
    assert len(routes) > 400 and ("GET", "/") in routes and ("PUT", "/api/2.0/mlflow-artifacts/artifacts/x") in routes
    routes += [("GET", "/no/such/route"), ("GET", "/static-files/..%2f..%2fhandlers.py"), ("GET", "/static-files/index.html")]
    settings = stack.settings()
    base = settings.mlflow_url
    anonymous = _answers(base, routes, None)
    stranger = _answers(base, routes, ("intruder", "not-a-password-at-all"))
    opened = {route: code for route, code in anonymous.items() if code != 401}
    unexplained = {route: code for route, code in opened.items() if route not in PUBLIC and not _static_asset(route, code)}
    assert not unexplained, unexplained
    assert {route for route, code in stranger.items() if code != 401} == set(opened), "wrong credentials got further"
    for route in opened:
        body = _body(base + route[1])
        for secret in (settings.mlflow_password.get_secret_value(), settings.s3_bucket, stack.env["SOCLE_STATE_DIR"]):
            assert secret not in body, (route, secret)
    print(f"MLflow: {len(routes)} routes; anonymous {dict(Counter(anonymous.values()))}; public {sorted(opened)}")


def _static_asset(route: tuple[str, str], code: int) -> bool:
    """The UI's static files (MLflow's public JavaScript bundle, no data: every call it makes gets 401), and no
    file outside them: a climbing path finds nothing."""
    return route[0] == "GET" and route[1].startswith("/static-files/") and (code == 404 or route[1].endswith("index.html"))


def _body(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            return response.read().decode(errors="replace")
    except urllib.error.HTTPError as error:
        return error.read().decode(errors="replace")
