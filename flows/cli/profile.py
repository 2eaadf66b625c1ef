"""`socle env` and `socle profile show|set|remove`: the stack profile every command applies (flows/profile.py).

Registered on the main app by flows/cli/__init__.py, which applies the profile in its callback; imports stay lazy.
"""

from __future__ import annotations

import os
import shlex
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from flows.cli import app, console, err

profile_app = typer.Typer(
    help="The stack profile: which MLflow and Prefect servers every command uses, and as whom.", no_args_is_help=True
)
app.add_typer(profile_app, name="profile")

ACTIVE: dict[str, object] = {}
"""The profile this command applied ("profile") and the variables it set ("applied"), for the commands below."""


def _state() -> Path | None:
    """The state folder of the workspace; None outside a workspace (then there is no profile to read)."""
    from flows.settings import Settings, StackSettings

    try:
        root = Settings().root
    except FileNotFoundError:
        return None
    return StackSettings().state_dir(root)


def use_profile() -> None:
    """Apply the workspace's profile to this process's environment, before any setting is read."""
    from flows import profile

    ACTIVE.clear()  # a process may run several commands (tests, scripts): each reads the profile anew
    state = _state()
    found = profile.read(state) if state is not None else None
    if found is not None:
        ACTIVE.update(profile=found, applied=profile.apply(found, os.environ))


def applied_profile():
    return ACTIVE.get("profile")


@app.command("env")
def env(
    secrets: Annotated[bool, typer.Option(
        "--secrets/--no-secrets", help="Print the passwords the profile holds (needed by `eval`; never in a log).",
    )] = True,
) -> None:
    """The variables of this workspace's profile, as `export` lines: `eval "$(socle env)"` points the `mlflow` and
    `prefect` commands (and any script) at the stack, with the profile's user. Variables set already are kept."""
    from flows import profile

    found = applied_profile()
    if found is None:
        err.print("no stack profile in this workspace: `socle up` writes one, or `socle profile set` (a reviewer's)")
        raise typer.Exit(1)
    effective = {variable: os.environ[variable] for variable in found.variables() if variable in os.environ}
    for variable, value in effective.items():
        if variable in profile.SECRETS and not secrets:
            print(f"# {variable} is set; not printed")
        else:
            print(f"export {variable}={shlex.quote(value)}")


@profile_app.command("show")
def show() -> None:
    """The profile's servers and user, and for each variable whether the profile or the environment sets it.
    Passwords are never printed."""
    from flows import profile

    state = _state()
    if state is None or (found := profile.read(state)) is None:
        console.print("no stack profile: commands use the embedded stores (or the variables of your environment)")
        raise typer.Exit(1)
    console.print(f"profile {profile.path(state)}", highlight=False)
    applied = ACTIVE.get("applied") or {}
    for variable, value in found.variables().items():
        secret = variable in profile.SECRETS
        source = "profile" if variable in applied else "environment" if variable in os.environ else "not used"
        shown = "(set)" if secret else escape(value)
        if source == "environment" and not secret and os.environ[variable] != value:
            shown = f"{escape(os.environ[variable])} (profile: {escape(value)})"
        console.print(f"  {variable} = {shown} — {source}", highlight=False)
    for variable in (profile.MLFLOW_USER, profile.MLFLOW_PASSWORD, profile.PREFECT_AUTH):
        if variable not in found.variables():
            console.print(f"  {variable}: {'from the environment' if variable in os.environ else 'not set'}", highlight=False)


@profile_app.command("set")
def set_profile(
    mlflow: Annotated[str, typer.Option("--mlflow", help="The tracking server, e.g. http://127.0.0.1:5000.")],
    prefect: Annotated[str, typer.Option("--prefect", help="The Prefect API, e.g. http://127.0.0.1:4200/api.")],
    user: Annotated[str | None, typer.Option("--user", help="Your MLflow user (a reviewer: your own account).")] = None,
    keep_password: Annotated[bool, typer.Option(
        "--keep-password", help="Store MLFLOW_TRACKING_PASSWORD (and PREFECT_API_AUTH_STRING) from the environment "
        "in the profile, mode 0600; by default passwords stay in the environment.",
    )] = False,
) -> None:
    """Write this workspace's profile by hand: a reviewer's machine, or a stack another machine runs."""
    from flows import profile

    state = _state()
    if state is None:
        raise typer.BadParameter("run it inside a Socle IA workspace (or set SOCLE_ROOT)")
    secrets = {"mlflow_password": os.environ.get(profile.MLFLOW_PASSWORD), "prefect_auth": os.environ.get(profile.PREFECT_AUTH)}
    if keep_password and not secrets["mlflow_password"]:
        raise typer.BadParameter(f"--keep-password: {profile.MLFLOW_PASSWORD} is not set")
    found = profile.Profile(mlflow.rstrip("/"), prefect.rstrip("/"), user, **(secrets if keep_password else {}))
    written = profile.write(state, found)
    kept = " with its passwords (mode 0600)" if keep_password else f"; passwords from {profile.MLFLOW_PASSWORD}"
    console.print(f"wrote {written}{kept}", highlight=False)


@profile_app.command("remove")
def remove() -> None:
    """Delete the profile: commands go back to the embedded stores (the stack's data stays where it is)."""
    from flows import profile

    state = _state()
    console.print("removed" if state is not None and profile.remove(state) else "no profile")


def write_stack_profile(settings, root: Path) -> Path:
    """The profile of the stack `socle up` started: its URLs, its admin user and the passwords it was given (the
    file is the owner's only, like the state folder's other secrets)."""
    from flows import profile

    secret = settings.mlflow_password.get_secret_value() if settings.mlflow_password else None
    auth = settings.prefect_auth_string.get_secret_value() if settings.prefect_auth_string else None
    found = profile.Profile(settings.mlflow_url, settings.prefect_url, settings.mlflow_username, secret, auth)
    return profile.write(settings.state_dir(root), found)


def links(run_id: str | None, experiment_id: str | None, flow_run_id: str) -> list[str]:
    """Where to look at a run in the two UIs, without credentials (browsers refuse URLs that carry them)."""
    from flows import profile

    found = []
    mlflow_url = os.environ.get(profile.MLFLOW_URI, "")
    if run_id and experiment_id and mlflow_url.startswith(("http://", "https://")):
        found.append(f"MLflow: {profile.public_url(mlflow_url).rstrip('/')}/#/experiments/{experiment_id}/runs/{run_id}")
    prefect_url = os.environ.get(profile.PREFECT_URL, "")
    if prefect_url:
        ui = profile.public_url(prefect_url).rstrip("/").removesuffix("/api")
        found.append(f"Prefect: {ui}/runs/flow-run/{flow_run_id}")
    return found


def refusal_text(error: BaseException) -> str | None:
    """A refusal by MLflow or Prefect (401, 403) anywhere in the error's chain, in words naming the variables to set;
    None for any other error."""
    import sys
    import urllib.error

    from flows import profile

    mlflow_errors = sys.modules.get("mlflow.exceptions")
    httpx = sys.modules.get("httpx")
    seen: set[int] = set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        status = None
        if mlflow_errors and isinstance(error, mlflow_errors.MlflowException):
            status = error.get_http_status_code()
        elif isinstance(error, urllib.error.HTTPError):  # the registry's REST view (`socle list`)
            status = error.code
        elif httpx and isinstance(error, httpx.HTTPStatusError) and error.response.status_code in (401, 403):
            variable = profile.PREFECT_AUTH
            said = "not set" if not os.environ.get(variable) else "refused: the server's auth string differs"
            return f"Prefect at {profile.public_url(str(error.request.url))} answered {error.response.status_code}: {variable} {said}"
        if status in (401, 403):
            return profile.refusal(os.environ.get(profile.MLFLOW_URI, "the tracking server"), status)
        error = error.__cause__ or error.__context__
    return None
