"""The stack profile: which MLflow and Prefect servers this workspace's clients talk to, and as whom.

`socle up` writes it in the state folder (`<state>/profile.json`), a reviewer writes one with `socle profile set`;
every `socle` command applies it to its own environment before anything reads a setting, and `socle env` prints
the same variables for the `mlflow` and `prefect` CLIs. Without a profile nothing changes: the embedded stores.

The environment wins over the profile, and credentials go only where they belong: the profile's user and password
are applied only where the tracking URI is the profile's own (a password is never sent to another server), and the
password only to the profile's user (a reviewer who exports their own name gets no one else's password). Secrets may be kept in the file (mode 0600, refused when others can read it) or left to the
environment. Nothing here imports MLflow or Prefect.
"""

from __future__ import annotations

import getpass
import json
import os
import stat
from collections.abc import MutableMapping
from dataclasses import asdict, dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

FILE_NAME = "profile.json"
MLFLOW_URI = "MLFLOW_TRACKING_URI"
MLFLOW_USER = "MLFLOW_TRACKING_USERNAME"
MLFLOW_PASSWORD = "MLFLOW_TRACKING_PASSWORD"
PREFECT_URL = "PREFECT_API_URL"
PREFECT_AUTH = "PREFECT_API_AUTH_STRING"
PREFECT_EPHEMERAL = "PREFECT_SERVER_EPHEMERAL_ENABLED"
SECRETS = (MLFLOW_PASSWORD, PREFECT_AUTH)


class ProfileError(ValueError):
    """The profile file cannot be read, or could leak its secrets."""


@dataclass(frozen=True)
class Profile:
    """Where the stack's servers answer and who this workspace is on them. URLs never carry credentials."""

    mlflow_url: str
    prefect_url: str  # the API: http://host:4200/api
    user: str | None = None  # the MLflow user: the pipeline's account for an operator, a reviewer's own otherwise
    mlflow_password: str | None = None
    prefect_auth: str | None = None  # user:password of the Prefect server; reviewers usually have none

    def __post_init__(self) -> None:
        for name, url in (("mlflow_url", self.mlflow_url), ("prefect_url", self.prefect_url)):
            if public_url(url) != url:
                raise ProfileError(f"{name} {public_url(url)}: no credentials in a URL (set the user and password instead)")

    @property
    def prefect_ui(self) -> str:
        return self.prefect_url.rstrip("/").removesuffix("/api")

    def variables(self) -> dict[str, str]:
        """The clients' variables this profile sets, secrets included when it holds them."""
        found = {MLFLOW_URI: self.mlflow_url, PREFECT_URL: self.prefect_url, PREFECT_EPHEMERAL: "false"}
        for variable, value in ((MLFLOW_USER, self.user), (MLFLOW_PASSWORD, self.mlflow_password), (PREFECT_AUTH, self.prefect_auth)):
            if value:
                found[variable] = value
        return found


def path(state: Path) -> Path:
    return state / FILE_NAME


def write(state: Path, profile: Profile) -> Path:
    """Write the profile, readable by its owner only (it may hold passwords), replacing any previous one at once."""
    state.mkdir(parents=True, exist_ok=True)
    target = path(state)
    draft = target.with_name(f".{FILE_NAME}.{os.getpid()}")
    descriptor = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as out:
        os.fchmod(out.fileno(), 0o600)  # O_CREAT's mode does not apply to a draft left by a killed writer
        json.dump({key: value for key, value in asdict(profile).items() if value is not None}, out, indent=2)
    os.replace(draft, target)
    return target


def read(state: Path) -> Profile | None:
    """The profile of the state folder; None when there is none."""
    target = path(state)
    try:
        text = target.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    try:
        profile = Profile(**json.loads(text))
    except (json.JSONDecodeError, TypeError) as error:
        raise ProfileError(f"{target}: not a stack profile ({error}); `socle profile remove` deletes it") from None
    if (profile.mlflow_password or profile.prefect_auth) and target.stat().st_mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise ProfileError(f"{target} holds passwords and others can read it: `chmod 600 {target}`, or change the passwords")
    return profile


def remove(state: Path) -> bool:
    try:
        path(state).unlink()
        return True
    except FileNotFoundError:
        return False


def apply(profile: Profile, environ: MutableMapping[str, str]) -> dict[str, str]:
    """Set the profile's variables that `environ` does not set already; those set. Credentials follow their server:
    applied only where the server in `environ` is the profile's, and the password only to the profile's user."""
    wanted = profile.variables()
    applied: dict[str, str] = {}

    def put(variable: str) -> None:
        if variable in wanted and variable not in environ:
            environ[variable] = applied[variable] = wanted[variable]

    put(MLFLOW_URI)
    if environ[MLFLOW_URI] == profile.mlflow_url:
        put(MLFLOW_USER)
        if environ.get(MLFLOW_USER) == profile.user:  # never one user's name with another's password
            put(MLFLOW_PASSWORD)
    put(PREFECT_URL)
    if environ[PREFECT_URL] == profile.prefect_url:
        put(PREFECT_EPHEMERAL)  # a stack that is down must fail, not be replaced by a temporary server
        put(PREFECT_AUTH)
    return applied


def public_url(url: str) -> str:
    """The URL without the user and password a browser refuses ("a URL that includes credentials") and a log keeps."""
    parts = urlsplit(url)
    if not (parts.username or parts.password):
        return url
    host = parts.hostname or ""
    netloc = f"[{host}]" if ":" in host else host
    return urlunsplit(parts._replace(netloc=netloc + (f":{parts.port}" if parts.port else "")))


def run_user(tracking_uri: str | None, environ: MutableMapping[str, str] = os.environ) -> str:
    """Who a run is recorded as (MLflow's "Created by"): the MLflow user a tracking server authenticates, else the
    account of the process (SQLite has no users)."""
    if tracking_uri and tracking_uri.startswith(("http://", "https://")) and environ.get(MLFLOW_USER):
        return environ[MLFLOW_USER]
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no name for this uid (a container)
        return str(os.getuid())


def refusal(server: str, status: int, environ: MutableMapping[str, str] = os.environ) -> str:
    """What to do when the MLflow server refused a request (401 or 403), in words naming the variables."""
    user = environ.get(MLFLOW_USER)
    if status == 401 and not (user and environ.get(MLFLOW_PASSWORD)):
        missing = " and ".join(v for v in (MLFLOW_USER, MLFLOW_PASSWORD) if not environ.get(v))
        return (f"MLflow at {public_url(server)} asks for a user: {missing} not set; export them (a reviewer: your own "
                "account), or write them in this workspace's profile with `socle profile set`")
    if status == 401:
        return f"MLflow at {public_url(server)} refused user {user!r}: wrong password ({MLFLOW_PASSWORD}), or no such user"
    return f"MLflow at {public_url(server)}: user {user!r} may not do this (403); reviewers' accounts read only"
