"""Real servers to break, for the outage and DVC fault tests: moto as S3, an `mlflow server`, and the S3 endpoint.

The S3 endpoint the clients are given is a small TCP relay in front of moto, run as its own process. Killing it is
the outage (connections refused, transfers cut mid-stream) while moto keeps its buckets: moto holds them in memory
only, so a killed moto could not play an S3 service that comes back with its data. The relay can also throttle the
upload direction, a slow link that lets a test stop a transfer half-way. Run as a script, this file is the relay.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import chdir
from pathlib import Path

import yaml

BIN = Path(sys.executable).parent
KEYS = {"AWS_ACCESS_KEY_ID": "outage-test", "AWS_SECRET_ACCESS_KEY": "outage-test-secret", "AWS_DEFAULT_REGION": "us-east-1"}
QUIET = {"DO_NOT_TRACK": "1", "MLFLOW_DISABLE_TELEMETRY": "true", "GX_ANALYTICS_ENABLED": "false",
         "PREFECT_SERVER_ANALYTICS_ENABLED": "false", "PYTHONUNBUFFERED": "1"}


def free_port() -> int:
    """A port the system just handed out as free (other helpers' servers run beside these tests)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status < 500
    except urllib.error.HTTPError as error:
        return error.code < 500
    except OSError:
        return False


class Server:
    """A process in its own session (so that a kill reaches its workers too), its log in `folder`."""

    def __init__(self, name: str, command: list[str], env: dict[str, str], folder: Path, port: int, health: str = ""):
        self.name, self.command, self.env, self.folder, self.port = name, command, env, folder, port
        self.url = f"http://127.0.0.1:{port}"
        self.health = f"{self.url}{health}" if health else ""
        self.process: subprocess.Popen | None = None

    def start(self, timeout: float = 120) -> Server:
        log = (self.folder / f"{self.name}.log").open("ab")
        self.process = subprocess.Popen(
            self.command, env=self.env, cwd=self.folder, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        deadline = time.monotonic() + timeout
        while self.health and not answers(self.health):
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.kill()
                raise RuntimeError(f"{self.name} did not start: {self.log()[-2000:]}")
            time.sleep(0.2)
        return self

    def kill(self, sig: signal.Signals = signal.SIGKILL) -> None:
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, sig)
            self.process.wait(30)

    def log(self) -> str:
        return (self.folder / f"{self.name}.log").read_text(errors="replace")


def moto(folder: Path) -> Server:
    port = free_port()
    command = [str(BIN / "moto_server"), "-H", "127.0.0.1", "-p", str(port)]
    return Server("moto", command, {**os.environ, **QUIET}, folder, port, "/moto-api/")


def relay(folder: Path, target: int, rate: int = 0, port: int | None = None) -> Server:
    """The S3 endpoint: a TCP relay to moto at `target`; `rate` caps uploads in bytes per second (0: no cap)."""
    port = port or free_port()
    command = [sys.executable, __file__, str(port), str(target), str(rate), str(folder / f"relay-{port}.bytes")]
    return Server(f"relay-{port}", command, dict(os.environ), folder, port)


def relay_started(server: Server, timeout: float = 20) -> Server:
    server.start()
    deadline = time.monotonic() + timeout
    while not _listening(server.port):
        assert time.monotonic() < deadline and server.process.poll() is None, server.log()
        time.sleep(0.05)
    return server


def uploaded(server: Server) -> int:
    """Bytes the relay has sent on to moto so far."""
    try:
        return int((server.folder / f"relay-{server.port}.bytes").read_text() or 0)
    except (FileNotFoundError, ValueError):
        return 0


def _listening(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


def mlflow_server(folder: Path, database: Path, s3_url: str, bucket: str, port: int | None = None) -> Server:
    """`mlflow server` on SQLite, its artifacts proxied to S3. Its boto client tries twice, not five times: the
    outage tests measure our retries, not boto's."""
    port = port or free_port()
    command = [
        str(BIN / "mlflow"), "server", "--host", "127.0.0.1", "--port", str(port), "--workers", "1",
        "--backend-store-uri", f"sqlite:///{database}", "--artifacts-destination", f"s3://{bucket}/mlflow",
    ]
    env = {**os.environ, **QUIET, **KEYS, "MLFLOW_S3_ENDPOINT_URL": s3_url, "AWS_RETRY_MODE": "standard",
           "AWS_MAX_ATTEMPTS": "2", "MLFLOW_SERVER_ENABLE_JOB_EXECUTION": "false"}  # no job runner to start
    return Server("mlflow", command, env, folder, port, "/health")


def s3(url: str):
    import boto3

    return boto3.client(
        "s3", endpoint_url=url, aws_access_key_id=KEYS["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=KEYS["AWS_SECRET_ACCESS_KEY"], region_name=KEYS["AWS_DEFAULT_REGION"],
    )


def keys_under(client, bucket: str, prefix: str) -> list[str]:
    listed = client.list_objects_v2(Bucket=bucket, Prefix=prefix)
    return [item["Key"] for item in listed.get("Contents", [])]


def md5_in_s3(client, bucket: str, key: str) -> str:
    return hashlib.md5(client.get_object(Bucket=bucket, Key=key)["Body"].read()).hexdigest()


def rest(url: str, path: str, payload: dict | None = None) -> dict:
    """One call of MLflow's REST API, no retries: tests watch the server without disturbing it."""
    data = json.dumps(payload).encode() if payload is not None else None
    request = urllib.request.Request(f"{url}/api/2.0/mlflow/{path}", data=data, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read() or b"{}")


def workspace(folder: Path, rows: dict[str, int]) -> Path:
    """A git + DVC repository holding only these projects, each with `rows` rows.

    Their data is generated in this process and recorded with `dvc commit` (the bytes `dvc repro` would write,
    without starting Python once per project)."""
    from dvc.repo import Repo

    from flows import ingest
    from tests.conftest import COPIED, REPO

    folder.mkdir(parents=True)
    for name in COPIED:
        source = REPO / name
        copy = shutil.copytree if source.is_dir() else shutil.copy
        copy(source, folder / name, **({"ignore": shutil.ignore_patterns("__pycache__")} if source.is_dir() else {}))
    params = yaml.safe_load((folder / "params.yaml").read_text())
    params["projects"] = list(rows)
    for name, count in rows.items():
        params[name]["data"]["rows"] = count
        params[name].setdefault("promotion", {})["requires_approval"] = False  # these tests expect the winner crowned
    (folder / "params.yaml").write_text(yaml.safe_dump(params, sort_keys=False))
    _git(folder, "init", "-q")
    Repo.init(str(folder))
    with chdir(folder), Repo(str(folder)) as repo:
        with repo.config.edit() as config:
            config["core"]["analytics"] = False
        for name in rows:
            ingest.ingest(name, folder)
        repo.commit(None, force=True)
    _git(folder, "add", "-A")
    _git(folder, "-c", "user.email=ci@socle.test", "-c", "user.name=CI", "commit", "-q", "-m", "workspace")
    return folder


def use_s3_remote(root: Path, endpoint: str, bucket: str) -> None:
    """The workspace's default DVC remote: the bucket behind `endpoint`, in `.dvc/config.local` as `socle up` does."""
    from dvc.repo import Repo

    with Repo(str(root)) as repo, repo.config.edit("local") as config:
        config["core"]["remote"] = "s3"
        config["remote"]["s3"] = {"url": f"s3://{bucket}/dvc", "endpointurl": endpoint, "region": "us-east-1"}


def _git(folder: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=folder, check=True, capture_output=True)


# ── the relay, when this file runs as a script: PORT TARGET RATE COUNTER_FILE ─────────────────────────────────────


async def _pipe(reader, writer, rate: int, counter: list[int], record: Path | None) -> None:
    import asyncio

    chunk = max(1024, rate // 20) if rate else 65536
    try:
        while data := await reader.read(chunk):
            writer.write(data)
            await writer.drain()
            if record is not None:
                counter[0] += len(data)
                record.write_text(str(counter[0]))
            if rate:
                await asyncio.sleep(len(data) / rate)
    except (ConnectionError, OSError):
        pass
    finally:
        writer.close()


def _serve(port: int, target: int, rate: int, record: Path) -> None:
    import asyncio

    counter = [0]

    async def handle(client_reader, client_writer) -> None:
        try:
            upstream_reader, upstream_writer = await asyncio.open_connection("127.0.0.1", target)
        except OSError:
            client_writer.close()
            return
        await asyncio.gather(
            _pipe(client_reader, upstream_writer, rate, counter, record),
            _pipe(upstream_reader, client_writer, 0, counter, None),
        )

    async def main() -> None:
        server = await asyncio.start_server(handle, "127.0.0.1", port)
        async with server:
            await server.serve_forever()

    asyncio.run(main())


if __name__ == "__main__":
    _serve(int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), Path(sys.argv[4]))
