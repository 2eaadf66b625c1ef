"""The production-like stack of `socle up`: an S3 endpoint, an MLflow tracking server, a Prefect server and its worker.

Each part is a real server in a session of its own, with its log and its PID record in the state folder. A part is
supervised by that record: it runs while its leader (the PID recorded, with its start time) runs, and answers when
its own health check says so; a leader that died while its children still serve (MLflow's uvicorn workers) leaves an
orphaned session, which `status` reports and `up` or `down` stop. `up` starts what is not running and leaves the
rest; `up NAME` restarts one part alone. Start order: S3, then MLflow and Prefect, then the worker; stop order: the
reverse (a worker whose server went first hangs).
"""

from __future__ import annotations

import json
import os
import secrets
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psutil

from flows.server import s3 as s3_server
from flows.settings import StackSettings

ORDER = ("s3", "mlflow", "prefect", "worker")
STOP_GRACE_SECONDS = 20.0
MIN_PASSWORD = 12
LEGACY_PASSWORD = "password1234"
"""MLflow's admin password until 3.16.1, public since (GHSA-gq3w-7jj3-x7gr): never accepted, whatever its length."""
HARDENED = {
    "MLFLOW_ALLOW_PICKLE_DESERIALIZATION": "false",  # no pickle is ever loaded (tracking.load reads skops only)
    "MLFLOW_BASIC_AUTH_FAIL_CLOSED": "true",  # a route MLflow has no permission rule for is refused, not opened
    # MLflow's job runner executes GenAI jobs (scorers, prompt optimisation) on the server, in a pool of processes:
    # nothing Socle asks for, code run on the server, and hundreds of MB at start.
    "MLFLOW_SERVER_ENABLE_JOB_EXECUTION": "false",
}
"""Set on the servers and the worker whatever the operator's shell says."""
QUIET = {
    "DO_NOT_TRACK": "1",
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "MLFLOW_DISABLE_TELEMETRY": "true",
    "GX_ANALYTICS_ENABLED": "false",
    "DVC_NO_ANALYTICS": "1",
}


class StackError(RuntimeError):
    """A part of the stack is misconfigured, did not start, or is already running."""


@dataclass(frozen=True)
class Part:
    """One server: how to start it and how to know it answers."""

    name: str
    command: list[str]
    env: dict[str, str]
    cwd: Path
    url: str
    healthy: Callable[[], bool] = field(compare=False)


@dataclass(frozen=True)
class PartStatus:
    name: str
    url: str
    pid: int | None
    running: bool
    answering: bool
    recorded: bool = False
    """`up` recorded a leader for this part (running or not)."""
    orphans: int = 0
    """Processes of the part's session still alive after its leader died."""
    refused: str | None = None
    """Why the part answers but refuses the clients' configured credentials."""

    @property
    def healthy(self) -> bool:
        """Our process runs, answers and takes the clients' credentials, or, for a part `up` never started, someone
        else's answers."""
        return self.answering and not self.refused and (self.running or not self.recorded)

    @property
    def state(self) -> str:
        if self.running and self.refused:
            return self.refused
        if self.running:
            return "healthy" if self.answering else "not answering"
        if self.orphans:
            return f"died, {self.orphans} orphan process(es) left: `socle up {self.name}`"
        if self.recorded:
            return f"died: `socle up {self.name}`"
        return "external" if self.answering else "stopped"


# ── paths and records ────────────────────────────────────────────────────────────────────────────────────────────


def _folder(state: Path, *parts: str) -> Path:
    """A folder of the state: only named here, made by `prepare` (describing the stack, as `socle status` does,
    writes nothing)."""
    return state.joinpath(*parts)


FOLDERS = (("logs",), ("run",), ("s3",), ("mlflow",), ("prefect",), ("prefect", "ui"), ("worker",), ("tmp",),
           ("tmp", "matplotlib"), ("tmp", "dask"), ("tmp", "dvc"))


def prepare(settings: StackSettings, state: Path) -> None:
    """What `socle up` writes before it starts anything: the state's folders, MLflow's CSRF secret (generated once,
    mode 0600) and the basic-auth configuration."""
    for folder in FOLDERS:
        _folder(state, *folder).mkdir(parents=True, exist_ok=True)
    secret = _folder(state, "mlflow") / "flask_secret"
    if not settings.mlflow_secret_key and not secret.exists():
        secret.touch(mode=0o600)
        secret.write_text(secrets.token_hex(32))
    _auth_ini(settings, state).write_text(_auth_config(settings, state))
    if settings.local_s3 and not settings.aws_access_key_id:
        _generate_keys(state)


def _record_file(state: Path, name: str) -> Path:
    return state / "run" / f"{name}.json"


def log_file(state: Path, name: str) -> Path:
    return state / "logs" / f"{name}.log"


def _record(state: Path, name: str) -> dict | None:
    try:
        return json.loads(_record_file(state, name).read_text())
    except (FileNotFoundError, json.JSONDecodeError):
        return None


def _recorded(state: Path, name: str) -> psutil.Process | None:
    """The recorded process when it still runs and is the one `up` started (same PID and start time)."""
    record = _record(state, name)
    try:
        process = psutil.Process(record["pid"])
        if abs(process.create_time() - record["created"]) > 0.01 or process.status() == psutil.STATUS_ZOMBIE:
            return None
        return process
    except (TypeError, KeyError, psutil.Error):
        return None


def _session(record: dict | None) -> list[psutil.Process]:
    """Live processes of the session `up` started for a part (its leader's PID is the session's id): the leader and
    every child it left. A later process that reused the leader's PID, and what it started, are not ours."""
    if not record:
        return []
    began, until = record["created"] - 0.01, float("inf")
    try:
        holder = psutil.Process(record["pid"])
        if abs(holder.create_time() - record["created"]) > 0.01:
            until = holder.create_time()  # the PID was reused: ours all started before its new owner
    except psutil.Error:
        pass
    members = []
    for candidate in psutil.process_iter():
        try:
            if (
                os.getsid(candidate.pid) == record["pid"]
                and began <= candidate.create_time() < until
                and candidate.status() != psutil.STATUS_ZOMBIE
            ):
                members.append(candidate)
        except (ProcessLookupError, PermissionError, psutil.Error):
            continue
    return members


# ── configuration of each part ───────────────────────────────────────────────────────────────────────────────────


def _bin(name: str) -> str:
    """A console script of this interpreter's environment (prefect, mlflow)."""
    return str(Path(sys.executable).parent / name)


def database(settings: StackSettings, name: str, driver: str = "postgresql") -> str | None:
    """The URL of database `<prefix>_<name>` on the configured PostgreSQL server, None without one."""
    if not settings.database_url:
        return None
    parts = urlsplit(settings.database_url)
    if not parts.scheme.startswith("postgres"):
        raise StackError(f"SOCLE_DATABASE_URL {settings.database_url!r}: expected postgresql://user@host:port")
    return urlunsplit((driver, parts.netloc, f"/{settings.database_prefix}_{name}", parts.query, ""))


def database_names(settings: StackSettings) -> list[str]:
    return [f"{settings.database_prefix}_{name}" for name in ("prefect", "mlflow", "mlflow_auth")]


def ensure_databases(settings: StackSettings) -> list[str]:
    """Create the stack's databases on the PostgreSQL server when missing; return those created."""
    if not settings.database_url:
        return []
    import psycopg2

    server = urlsplit(database(settings, "prefect"))._replace(path="/postgres").geturl()
    created = []
    connection = psycopg2.connect(server, connect_timeout=10)
    connection.autocommit = True  # CREATE DATABASE cannot run in a transaction
    try:
        with connection.cursor() as cursor:
            for name in database_names(settings):
                cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,))
                if cursor.fetchone() is None:
                    cursor.execute(f'CREATE DATABASE "{name}"')
                    created.append(name)
    finally:
        connection.close()
    return created


def drop_databases(settings: StackSettings) -> None:
    """Drop the stack's databases (tests use unique prefixes and clean up after themselves)."""
    import psycopg2

    server = urlsplit(database(settings, "prefect"))._replace(path="/postgres").geturl()
    connection = psycopg2.connect(server, connect_timeout=10)
    connection.autocommit = True
    try:
        with connection.cursor() as cursor:
            for name in database_names(settings):
                cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        connection.close()


def _check_credentials(settings: StackSettings) -> tuple[str, str]:
    """The MLflow admin password and the Prefect auth string: required, never defaulted."""
    password = settings.mlflow_password.get_secret_value() if settings.mlflow_password else ""
    if len(password) < MIN_PASSWORD:
        raise StackError(
            f"MLFLOW_TRACKING_PASSWORD: set the MLflow admin password ({MIN_PASSWORD}+ characters); "
            "it is used once, when the user store is created"
        )
    if password == LEGACY_PASSWORD:
        raise StackError("MLFLOW_TRACKING_PASSWORD: that is MLflow's old default password, public knowledge; choose another")
    auth = settings.prefect_auth_string.get_secret_value() if settings.prefect_auth_string else ""
    if ":" not in auth or len(auth.partition(":")[2]) < MIN_PASSWORD:
        raise StackError(f"PREFECT_API_AUTH_STRING: set it to user:password ({MIN_PASSWORD}+ characters of password)")
    return password, auth


def _flask_secret(settings: StackSettings, state: Path) -> str:
    """MLflow's CSRF secret: configured, else the one `prepare` generated in the state folder ("" before that)."""
    if settings.mlflow_secret_key:
        return settings.mlflow_secret_key.get_secret_value()
    path = _folder(state, "mlflow") / "flask_secret"
    return path.read_text().strip() if path.exists() else ""


def _auth_ini(settings: StackSettings, state: Path) -> Path:
    return _folder(state, "mlflow") / "basic_auth.ini"


def _auth_config(settings: StackSettings, state: Path) -> str:
    """The basic-auth app's configuration: its user store, the rule that anonymous requests get nothing, and that
    only the pipeline's (admin) account writes."""
    store = database(settings, "mlflow_auth") or f"sqlite:///{_folder(state, 'mlflow') / 'basic_auth.db'}"
    return (
        "# Written by `socle up`. The admin password comes from the environment, never from this file.\n"
        "[mlflow]\n"
        "default_permission = READ\n"
        f"database_uri = {store}\n"
        f"admin_username = {settings.mlflow_username}\n"
        # basic auth, then read-only for every account but an admin (flows/server/mlflow_access.py)
        "authorization_function = flows.server.mlflow_access:authenticate\n"
    )


def scratch_env(state: Path) -> dict[str, str]:
    """Tools' scratch files in the state folder, not in /tmp, ~/.cache or the installed packages."""
    tmp = _folder(state, "tmp")
    return {
        "TMPDIR": str(tmp),
        "MPLCONFIGDIR": str(_folder(state, "tmp", "matplotlib")),
        "DASK_TEMPORARY_DIRECTORY": str(_folder(state, "tmp", "dask")),
        "DVC_SITE_CACHE_DIR": str(_folder(state, "tmp", "dvc")),
    }


def client_env(settings: StackSettings) -> dict[str, str]:
    """What a client of the stack needs: the Prefect API and the tracking server, with their credentials.

    No S3 keys: MLflow proxies artifacts. (DVC does need them: see `s3_env`.)"""
    env = {
        "PREFECT_API_URL": settings.prefect_url,
        "PREFECT_SERVER_EPHEMERAL_ENABLED": "false",  # a missing server must fail, not start a temporary one
        "MLFLOW_TRACKING_URI": settings.mlflow_url,
        "MLFLOW_TRACKING_USERNAME": settings.mlflow_username,
    }
    if settings.prefect_auth_string:
        env["PREFECT_API_AUTH_STRING"] = settings.prefect_auth_string.get_secret_value()
    if settings.mlflow_password:
        env["MLFLOW_TRACKING_PASSWORD"] = settings.mlflow_password.get_secret_value()
    return env


def _keys_file(state: Path) -> Path:
    return _folder(state, "s3") / "keys.json"


def s3_keys(settings: StackSettings, state: Path) -> tuple[str, str]:
    """The configured S3 keys; for the local S3 without any, the pair `prepare` generated once (mode 0600) in the
    state folder, the only one the local S3 accepts ("" before `socle up`)."""
    if settings.aws_access_key_id and settings.aws_secret_access_key:
        return settings.aws_access_key_id.get_secret_value(), settings.aws_secret_access_key.get_secret_value()
    if not settings.local_s3:
        raise ValueError(f"S3 endpoint {settings.s3_endpoint_url}: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY")
    path = _keys_file(state)
    if not path.exists():
        return "", ""
    keys = json.loads(path.read_text())
    return keys["id"], keys["secret"]


def _generate_keys(state: Path) -> None:
    path = _keys_file(state)
    if not path.exists():
        path.touch(mode=0o600)
        path.write_text(json.dumps({"id": f"socle-{secrets.token_hex(6)}", "secret": secrets.token_urlsafe(30)}))


def s3_env(settings: StackSettings, state: Path) -> dict[str, str]:
    key, secret = s3_keys(settings, state)
    return {"AWS_ACCESS_KEY_ID": key, "AWS_SECRET_ACCESS_KEY": secret, "AWS_DEFAULT_REGION": settings.s3_region}


def _http_ok(url: str, expected: Iterable[int] = (200,)) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=3) as response:
            return response.status in expected
    except urllib.error.HTTPError as error:
        return error.code in expected
    except (OSError, ValueError):
        return False


def parts(settings: StackSettings, root: Path) -> list[Part]:
    """Every part this configuration runs, in start order (no S3 part for an external endpoint)."""
    state = settings.state_dir(root)
    base = {**os.environ, **QUIET, **scratch_env(state), **HARDENED}
    base["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), base.get("PATH", "")])
    found: list[Part] = []
    if settings.local_s3:
        found.append(
            Part(
                "s3",
                [
                    sys.executable, "-m", "flows.server.s3", "--host", settings.host, "--port", str(settings.s3_port),
                    "--folder", str(_folder(state, "s3", "objects")), "--region", settings.s3_region,
                ],
                base | s3_env(settings, state),
                _folder(state, "s3"),
                settings.s3_url,
                lambda: _http_ok(f"{settings.s3_url}{s3_server.HEALTH}"),
            )
        )
    password, auth = _check_credentials(settings)
    mlflow_env = base | s3_env(settings, state) | {
        "MLFLOW_S3_ENDPOINT_URL": settings.s3_url,
        "MLFLOW_AUTH_CONFIG_PATH": str(_auth_ini(settings, state)),
        "MLFLOW_AUTH_ADMIN_USERNAME": settings.mlflow_username,
        "MLFLOW_AUTH_ADMIN_PASSWORD": password,
        "MLFLOW_FLASK_SERVER_SECRET_KEY": _flask_secret(settings, state),
    }
    backend = database(settings, "mlflow") or f"sqlite:///{_folder(state, 'mlflow') / 'mlflow.db'}"
    found.append(
        Part(
            "mlflow",
            [
                _bin("mlflow"), "server", "--app-name", "basic-auth",
                "--host", settings.host, "--port", str(settings.mlflow_port), "--workers", str(settings.mlflow_workers),
                "--backend-store-uri", backend,
                "--artifacts-destination", f"s3://{settings.s3_bucket}/mlflow",
            ],
            mlflow_env,
            _folder(state, "mlflow"),
            settings.mlflow_url,
            lambda: _http_ok(f"{settings.mlflow_url}/health"),
        )
    )
    prefect_home = _folder(state, "prefect")
    prefect_db = database(settings, "prefect", "postgresql+asyncpg") or f"sqlite+aiosqlite:///{prefect_home / 'prefect.db'}"
    found.append(
        Part(
            "prefect",
            [_bin("prefect"), "server", "start", "--host", settings.host, "--port", str(settings.prefect_port)],
            base | {
                "PREFECT_HOME": str(prefect_home),
                "PREFECT_API_DATABASE_CONNECTION_URL": prefect_db,
                "PREFECT_SERVER_API_AUTH_STRING": auth,
                "PREFECT_UI_ENABLED": str(settings.prefect_ui).lower(),
                # the UI bundle is copied into its static folder: keep it out of the installed package
                "PREFECT_SERVER_UI_STATIC_DIRECTORY": str(_folder(state, "prefect", "ui")),
                "PREFECT_UI_API_URL": settings.prefect_url,
            },
            prefect_home,
            settings.prefect_url.removesuffix("/api"),
            lambda: _http_ok(f"{settings.prefect_url}/health"),
        )
    )
    worker_env = base | s3_env(settings, state) | client_env(settings) | {
        "PREFECT_HOME": str(_folder(state, "worker")),
        "SOCLE_ROOT": str(root),
        "PYTHONPATH": os.pathsep.join(filter(None, [str(root), os.environ.get("PYTHONPATH")])),
    }
    found.append(
        Part(
            "worker",
            [_bin("prefect"), "worker", "start", "--pool", settings.work_pool, "--type", "process", "--name", "socle-worker"],
            worker_env,
            root,
            f"pool {settings.work_pool}",
            lambda: _worker_online(settings),
        )
    )
    return found


# ── processes ────────────────────────────────────────────────────────────────────────────────────────────────────


def _default_sigint() -> None:
    # A shell running us in the background ignores SIGINT, and children inherit it; Prefect's worker turns SIGTERM
    # into SIGINT, so it would never stop.
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def start(part: Part, state: Path) -> psutil.Process:
    """Start the part in its own session, output to its log, and record its PID and start time."""
    for folder in (part.cwd, _folder(state, "logs"), _folder(state, "run")):
        folder.mkdir(parents=True, exist_ok=True)
    log = log_file(state, part.name)
    with log.open("ab") as output:
        output.write(f"\n── {time.strftime('%Y-%m-%d %H:%M:%S')} socle up: {' '.join(part.command)}\n".encode())
        output.flush()
        child = subprocess.Popen(
            part.command, cwd=part.cwd, env=part.env, stdin=subprocess.DEVNULL, stdout=output, stderr=subprocess.STDOUT,
            start_new_session=True, preexec_fn=_default_sigint,
        )
    process = psutil.Process(child.pid)
    record = {"pid": child.pid, "created": process.create_time(), "command": part.command, "url": part.url}
    _record_file(state, part.name).write_text(json.dumps(record))
    return process


def wait_healthy(parts_started: list[tuple[Part, psutil.Process]], state: Path, timeout: float) -> dict[str, float]:
    """Wait until each part answers; seconds each took. A part that exits or stays silent fails with its log's tail."""
    began = time.monotonic()
    waiting = dict((part.name, (part, process)) for part, process in parts_started)
    took: dict[str, float] = {}
    while waiting:
        for name, (part, process) in list(waiting.items()):
            if not process.is_running() or process.status() == psutil.STATUS_ZOMBIE:
                raise StackError(f"{name} exited while starting; {log_file(state, name)}:\n{tail(log_file(state, name))}")
            if part.healthy():
                took[name] = time.monotonic() - began
                del waiting[name]
        if time.monotonic() - began > timeout:
            names = ", ".join(waiting)
            raise StackError(f"{names} did not answer within {timeout:.0f} s; see {state / 'logs'}")
        if waiting:
            time.sleep(0.5)
    return took


def tail(path: Path, lines: int = 15) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except FileNotFoundError:
        return "(no log)"


def _group(process: psutil.Process) -> list[psutil.Process]:
    """The process, its descendants and every other member of its process group."""
    members = {process.pid: process}
    try:
        members |= {child.pid: child for child in process.children(recursive=True)}
    except psutil.Error:
        pass
    for candidate in psutil.process_iter():
        try:
            if os.getpgid(candidate.pid) == process.pid:
                members.setdefault(candidate.pid, candidate)
        except (ProcessLookupError, PermissionError, psutil.Error):
            continue
    return list(members.values())


def stop(state: Path, name: str, grace: float = STOP_GRACE_SECONDS) -> bool:
    """Stop the recorded part and everything it started, its leader alive or not: SIGTERM to the session's members,
    SIGKILL after `grace` seconds. Whether anything of it was running."""
    process = _recorded(state, name)
    record = _record_file(state, name)
    members = {member.pid: member for member in _session(_record(state, name))}
    if process is not None:
        members |= {member.pid: member for member in _group(process)}
    if not members:
        record.unlink(missing_ok=True)
        return False
    members = list(members.values())
    for member in members:
        try:
            member.send_signal(signal.SIGTERM)
        except psutil.Error:
            pass
    _, alive = psutil.wait_procs(members, timeout=grace)
    for member in alive:
        try:
            member.kill()
        except psutil.Error:
            pass
    psutil.wait_procs(alive, timeout=5)
    record.unlink(missing_ok=True)
    return True


# ── S3, Prefect and DVC set-up ───────────────────────────────────────────────────────────────────────────────────


def s3_client(settings: StackSettings, state: Path):
    import boto3

    key, secret = s3_keys(settings, state)
    return boto3.client(
        "s3", endpoint_url=settings.s3_url, aws_access_key_id=key, aws_secret_access_key=secret,
        region_name=settings.s3_region,
    )


def ensure_bucket(settings: StackSettings, state: Path) -> None:
    from botocore.exceptions import ClientError

    client = s3_client(settings, state)
    try:
        client.head_bucket(Bucket=settings.s3_bucket)
    except ClientError:
        client.create_bucket(Bucket=settings.s3_bucket)


def _prefect_client(settings: StackSettings):
    """A synchronous Prefect client on the stack's server, whatever this process's own Prefect settings."""
    from prefect.client.orchestration import SyncPrefectClient

    auth = settings.prefect_auth_string.get_secret_value() if settings.prefect_auth_string else None
    return SyncPrefectClient(settings.prefect_url, auth_string=auth)


def ensure_work_pool(settings: StackSettings) -> None:
    from prefect.client.schemas.actions import WorkPoolCreate
    from prefect.exceptions import ObjectAlreadyExists

    with _prefect_client(settings) as client:
        try:
            client.create_work_pool(WorkPoolCreate(name=settings.work_pool, type="process"))
        except ObjectAlreadyExists:
            pass


def _worker_online(settings: StackSettings) -> bool:
    try:
        with _prefect_client(settings) as client:
            workers = client.read_workers_for_work_pool(settings.work_pool)
    except Exception:  # the server may still be starting; the caller keeps waiting
        return False
    return any(str(worker.status).upper().endswith("ONLINE") for worker in workers)


def configure_dvc_remote(settings: StackSettings, root: Path, name: str = "s3") -> str:
    """Make the S3 bucket the workspace's default DVC remote, in `.dvc/config.local` (not committed); the keys
    stay in the environment."""
    url = f"s3://{settings.s3_bucket}/dvc"
    env = {**os.environ, **QUIET}
    for args in (
        ["remote", "add", "--local", "--force", "--default", name, url],
        ["remote", "modify", "--local", name, "endpointurl", settings.s3_url],
        ["remote", "modify", "--local", name, "region", settings.s3_region],
    ):
        done = subprocess.run(
            [sys.executable, "-m", "dvc", *args], cwd=root, env=env, capture_output=True, text=True
        )
        if done.returncode != 0:
            raise StackError(f"{root / '.dvc' / 'config.local'}: dvc {' '.join(args)} failed: {done.stderr.strip()}")
    return url


# ── the three commands ───────────────────────────────────────────────────────────────────────────────────────────


def up(
    settings: StackSettings, root: Path, only: Iterable[str] = (), progress: Callable[[str], None] = lambda _: None
) -> dict[str, float]:
    """Start every part that is not running, leaving those that run; with `only`, restart those parts alone (their
    orphans first). Seconds each started part took to answer. On failure, stop what this call started."""
    state = settings.state_dir(root)
    prepare(settings, state)
    planned = {part.name: part for part in parts(settings, root)}
    unknown = set(only) - set(planned)
    if unknown:
        raise StackError(f"no part named {', '.join(sorted(unknown))}; the parts: {', '.join(planned)}")
    if "prefect" in planned and _recorded(state, "prefect") and credentials_refused(settings, "prefect"):
        only = [*only, "worker", "prefect"]  # its auth string is read at start: a restart applies the new one
        progress("prefect: restarting it and its worker, to apply the new PREFECT_API_AUTH_STRING")
    for name in dict.fromkeys(only):
        if stop(state, name):
            progress(f"{name}: stopped, to be restarted")
    started: list[str] = []
    took: dict[str, float] = {}
    try:
        created = ensure_databases(settings)
        if created:
            progress(f"created databases {', '.join(created)}")
        for wave in (["s3"], ["mlflow", "prefect"], ["worker"]):
            took |= _launch([planned[name] for name in wave if name in planned], state, settings, started, progress)
            if wave == ["s3"]:
                ensure_bucket(settings, state)
            elif wave == ["mlflow", "prefect"]:
                refused = credentials_refused(settings, "mlflow")
                if refused:
                    raise StackError(f"mlflow {refused}: {ROTATION['mlflow']}")
                ensure_work_pool(settings)
        configure_dvc_remote(settings, root)
        progress(f"S3 bucket {settings.s3_bucket} at {settings.s3_url}; DVC remote s3://{settings.s3_bucket}/dvc")
    except BaseException:
        for name in reversed(started):
            stop(state, name)
        raise
    return took


def _launch(
    chosen: list[Part], state: Path, settings: StackSettings, started: list[str], progress: Callable[[str], None]
) -> dict[str, float]:
    """Start the chosen parts that are not running (a dead leader's orphans stopped first) and wait until each
    answers, the running ones included."""
    launched = []
    for part in chosen:
        process = _recorded(state, part.name)
        if process is None:
            if stop(state, part.name):
                progress(f"{part.name}: its leader had died; stopped what it left")
            process = start(part, state)
            started.append(part.name)
        else:
            progress(f"{part.name}: running (pid {process.pid}), left as it is")
        launched.append((part, process))
    took = wait_healthy(launched, state, settings.startup_timeout)
    return {name: seconds for name, seconds in took.items() if name in started}


def down(settings: StackSettings, root: Path) -> list[str]:
    """Stop the recorded parts, worker first, with what their leaders left; the names of those that were running."""
    state = settings.state_dir(root)
    return [name for name in reversed(ORDER) if stop(state, name)]


def status(settings: StackSettings, root: Path) -> list[PartStatus]:
    """Each part with its URL, its recorded process, what is left of its session, and whether it answers now."""
    state = settings.state_dir(root)
    reports = []
    for part in _described(settings, root):
        record = _record(state, part.name)
        process = _recorded(state, part.name)
        orphans = 0 if process else len(_session(record))
        # a dead worker stays ONLINE in Prefect until its heartbeats are missed: only a live process is asked
        answering = part.healthy() if process or part.name != "worker" else False
        refused = credentials_refused(settings, part.name) if answering else None
        reports.append(PartStatus(
            part.name, part.url, process.pid if process else None, process is not None, answering,
            recorded=record is not None, orphans=orphans, refused=refused,
        ))
    return reports


def credentials_refused(settings: StackSettings, name: str) -> str | None:
    """Why the server refuses the credentials its clients are configured with (a password rotated in the
    environment but not on the server), or None."""
    import base64

    if name == "mlflow" and settings.mlflow_password:
        url = f"{settings.mlflow_url}/api/2.0/mlflow/experiments/search?max_results=1"
        user, password = settings.mlflow_username, settings.mlflow_password.get_secret_value()
        variable = "MLFLOW_TRACKING_PASSWORD"
    elif name == "prefect" and settings.prefect_auth_string:
        url = f"{settings.prefect_url}/admin/version"
        user, _, password = settings.prefect_auth_string.get_secret_value().partition(":")
        variable = "PREFECT_API_AUTH_STRING"
    else:
        return None
    token = base64.b64encode(f"{user}:{password}".encode()).decode()
    request = urllib.request.Request(url, headers={"Authorization": f"Basic {token}"})
    try:
        with urllib.request.urlopen(request, timeout=10):
            return None
    except urllib.error.HTTPError as error:
        if error.code in (401, 403):
            return f"refuses {variable} ({error.code})"
        return None
    except OSError:
        return None


ROTATION = {
    "mlflow": "MLflow keeps the admin password of its first start; change it on the server with "
    "`curl -u admin:OLD -X PATCH <mlflow>/api/2.0/mlflow/users/update-password -H 'Content-Type: application/json' "
    "-d '{\"username\": \"admin\", \"password\": \"NEW\"}'`, or set the old one back",
    "prefect": "the Prefect server reads its auth string at start: `socle up prefect worker` applies the new one",
}


def _described(settings: StackSettings, root: Path) -> list[Part]:
    """The parts for reporting: credentials are not required to look, so the checks run on a copy that has some."""
    placeholders = {}
    if not settings.mlflow_password:
        placeholders["mlflow_password"] = "x" * MIN_PASSWORD
    if not settings.prefect_auth_string:
        placeholders["prefect_auth_string"] = "x:" + "x" * MIN_PASSWORD
    described = parts(settings.model_copy(update=placeholders), root)
    if not settings.local_s3:
        described.insert(0, Part("s3", [], {}, root, settings.s3_url, lambda: _s3_answers(settings)))
    return described


def _s3_answers(settings: StackSettings) -> bool:
    try:
        s3_client(settings).head_bucket(Bucket=settings.s3_bucket)
        return True
    except Exception:
        return False
