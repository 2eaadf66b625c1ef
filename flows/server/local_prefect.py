"""The local Prefect server: started on first need, reused by every later command, stopped when idle (issue 18).

Without it each `socle run` boots Prefect's temporary API (6 to 20 s on two cores) and loses the task runs still
being reported when the command exits. This server keeps its SQLite history in the workspace's state folder
(`.socle/prefect/home`), listens on loopback, and is found again through its record (`server.json`: PID, start time,
port). Two commands starting it at once start one: the start is under an exclusive file lock. It stops itself after
`IDLE_SECONDS` without a request (`SOCLE_PREFECT_IDLE_SECONDS`), or on `socle prefect stop`.

`socle` uses it when no Prefect API is configured (`PREFECT_API_URL` unset) and `SOCLE_PREFECT_SERVER` is `local`
(the default); `temporary` keeps Prefect's own temporary API. The production-like stack (`socle up`) has its own
Prefect server with authentication: flows/server/stack.py.

Run as `python -m flows.server.local_prefect FOLDER PORT IDLE`, it is the server itself: Prefect's ASGI app under
uvicorn, as `prefect server start` serves it, with a watch on the time of the last request.
"""

from __future__ import annotations

import fcntl
import json
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psutil

IDLE_SECONDS = 7200.0
"""Two hours: a working session's pauses, not a night. Every request (a flow run's states, the UI) counts as use."""
STARTUP_SECONDS = 180.0
"""A first start migrates the SQLite database: a minute on a busy two-core machine."""
SAME_START = 1.0
"""Seconds of tolerance on a process's start time: a PID reused by another process is not our server."""
ENVIRONMENT = {
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "DO_NOT_TRACK": "1",
    "PREFECT_SERVER_API_HOST": "127.0.0.1",
}


class StartFailed(RuntimeError):
    """The local server did not answer in time; the message holds the end of its log."""


@dataclass(frozen=True)
class Running:
    pid: int
    port: int
    started: float

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api"


def folder_of(state: Path) -> Path:
    return state / "prefect"


def _record(folder: Path) -> Path:
    return folder / "server.json"


def log_file(folder: Path) -> Path:
    return folder / "server.log"


def running(folder: Path) -> Running | None:
    """The recorded server, if its process is alive, is the one recorded (not a reused PID), and answers."""
    try:
        found = Running(**json.loads(_record(folder).read_text(encoding="utf-8")))
        process = psutil.Process(found.pid)
        if abs(process.create_time() - found.started) > SAME_START or process.status() == psutil.STATUS_ZOMBIE:
            return None
    except (OSError, ValueError, TypeError, psutil.Error):
        return None
    return found if healthy(found.url) else None


def healthy(url: str, timeout: float = 2.0) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/health", timeout=timeout) as answer:  # noqa: S310 (loopback, our URL)
            return answer.status == 200
    except OSError:
        return False


@contextmanager
def _exclusive(folder: Path):
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / "start.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def ensure(state: Path, idle: float = IDLE_SECONDS) -> tuple[Running, bool]:
    """The local server, started if none answers: (the server, whether this call started it)."""
    folder = folder_of(state)
    with _exclusive(folder):
        found = running(folder)
        if found is not None:
            return found, False
        return _start(folder, idle), True


def _start(folder: Path, idle: float) -> Running:
    port = _free_port()
    home = folder / "home"
    home.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, **ENVIRONMENT, "PREFECT_HOME": str(home)}
    for variable in ("PREFECT_API_URL", "PREFECT_API_KEY", "PREFECT_API_AUTH_STRING"):
        env.pop(variable, None)
    with open(log_file(folder), "ab") as log:
        process = subprocess.Popen(  # its own session: it outlives this command and its terminal's Ctrl-C
            [sys.executable, "-m", "flows.server.local_prefect", str(folder), str(port), str(idle)],
            stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT, env=env, start_new_session=True,
        )
    found = Running(process.pid, port, psutil.Process(process.pid).create_time())
    deadline = time.monotonic() + STARTUP_SECONDS
    while not healthy(found.url):
        if process.poll() is not None or time.monotonic() > deadline:
            if process.poll() is None:
                process.kill()
            raise StartFailed(f"the local Prefect server did not start (log {log_file(folder)}):\n{_tail(folder)}")
        time.sleep(0.2)
    _record(folder).write_text(json.dumps(found.__dict__), encoding="utf-8")
    return found


def stop(state: Path, patience: float = 20.0) -> Running | None:
    """Stop the recorded server, if it runs; the one stopped."""
    folder = folder_of(state)
    with _exclusive(folder):
        found = running(folder)
        _record(folder).unlink(missing_ok=True)
        if found is None:
            return None
        process = psutil.Process(found.pid)
        process.terminate()
        try:
            process.wait(patience)
        except psutil.TimeoutExpired:
            process.kill()
        return found


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _tail(folder: Path, lines: int = 20) -> str:
    try:
        return "\n".join(log_file(folder).read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


# The server process -----------------------------------------------------------------------------------------------


class LastRequest:
    """ASGI middleware remembering when the last HTTP request came."""

    def __init__(self, app: Any) -> None:
        self.app, self.at = app, time.monotonic()

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] in ("http", "websocket"):
            self.at = time.monotonic()
        await self.app(scope, receive, send)


def serve(folder: Path, port: int, idle: float) -> None:
    import uvicorn
    from prefect.server.api.server import create_app

    app = LastRequest(create_app())
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on"))

    def watch() -> None:
        while not (server.started or server.should_exit):  # the idle time counts from the moment it serves
            time.sleep(0.1)
        app.at = time.monotonic()
        while not server.should_exit:
            time.sleep(min(30.0, idle / 4))
            if time.monotonic() - app.at > idle:
                print(f"idle for {idle:.0f} s: stopping", flush=True)
                server.should_exit = True

    threading.Thread(target=watch, name="idle-watch", daemon=True).start()
    server.run()
    try:  # the record is this server's, unless a later one replaced it
        if json.loads(_record(folder).read_text(encoding="utf-8"))["pid"] == os.getpid():
            _record(folder).unlink()
    except (OSError, ValueError, KeyError):
        pass


if __name__ == "__main__":
    serve(Path(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3]))
