"""Environment settings: where things live and which servers to talk to. Parameters of the science are in params.yaml.

Nothing here touches the disk or the network: `Settings()` only reads the environment.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

REPO_MARKER = "dvc.yaml"


def find_root(start: Path) -> Path:
    """The workspace holding dvc.yaml: `start` or its nearest parent that has one."""
    for folder in (start, *start.parents):
        if (folder / REPO_MARKER).exists():
            return folder
    raise FileNotFoundError(f"no {REPO_MARKER} in {start} or its parents: run socle from a Socle IA workspace or set SOCLE_ROOT")


class Settings(BaseSettings):
    """Read from `SOCLE_*` variables (and MLflow's own `MLFLOW_TRACKING_URI`)."""

    model_config = SettingsConfigDict(env_prefix="SOCLE_", extra="ignore")

    root_dir: Path | None = Field(None, alias="SOCLE_ROOT", description="workspace with dvc.yaml; default: found from the cwd")
    tracking_uri: str | None = Field(
        None, alias="MLFLOW_TRACKING_URI", description="MLflow tracking URI; default: SQLite under mlflow/"
    )
    registry_uri: str | None = Field(None, alias="MLFLOW_REGISTRY_URI")
    pseudonym_key: SecretStr = Field(
        SecretStr("socle-ia-development-key"),
        description="HMAC key of pseudonymised identifiers; set a secret one wherever real data is used",
    )
    champion_alias: str = "champion"
    prefect_server: Literal["local", "temporary"] = Field(
        "local", description="without PREFECT_API_URL: the workspace's local Prefect server, started on first need and "
        "reused (flows/server/local_prefect.py), or Prefect's temporary API, started and lost with each command",
    )
    prefect_idle_seconds: float = Field(7200.0, gt=0, description="the local Prefect server stops after this long unused")
    lock_timeout: float = Field(3600.0, description="seconds a run waits while another run of its project holds the lock")
    # Outages: how long a run insists before it fails with a message naming the server. MLflow's own defaults (7
    # retries, backoff factor 2, 120 s timeout) keep a run hanging for minutes when the tracking server is down.
    mlflow_http_retries: int = Field(
        3, ge=0, le=10, alias="MLFLOW_HTTP_REQUEST_MAX_RETRIES", description="MLflow client retries of one HTTP request"
    )
    mlflow_http_backoff: int = Field(
        1, ge=0, le=120, alias="MLFLOW_HTTP_REQUEST_BACKOFF_FACTOR",
        description="seconds; MLflow waits 0, 2, 4… times this between retries (plus up to 1 s of jitter)",
    )
    mlflow_http_timeout: int = Field(
        30, ge=1, alias="MLFLOW_HTTP_REQUEST_TIMEOUT", description="seconds an MLflow request may wait for an answer"
    )
    io_retries: int = Field(2, ge=0, description="retries of transient I/O: the flow's I/O tasks, DVC push and pull")
    io_retry_delays: list[float] = Field(
        [2.0, 10.0], description="seconds before each retry (the last one repeats); a JSON list, e.g. [2, 10]"
    )

    @cached_property
    def root(self) -> Path:
        return (self.root_dir or find_root(Path.cwd())).resolve()

    @property
    def tracking(self) -> str:
        return self.tracking_uri or f"sqlite:///{self.root / 'mlflow' / 'mlflow.db'}"

    @property
    def artifact_root(self) -> str | None:
        """With a SQLite store, artifacts live in `artifacts/` beside the database; a tracking server decides for itself."""
        if not self.tracking.startswith("sqlite:///"):
            return None
        return (Path(self.tracking.removeprefix("sqlite:///")).parent / "artifacts").resolve().as_uri()

    def mlflow_http_env(self) -> dict[str, str]:
        """MLflow's client reads its retry policy from these variables at each request."""
        return {
            "MLFLOW_HTTP_REQUEST_MAX_RETRIES": str(self.mlflow_http_retries),
            "MLFLOW_HTTP_REQUEST_BACKOFF_FACTOR": str(self.mlflow_http_backoff),
            "MLFLOW_HTTP_REQUEST_TIMEOUT": str(self.mlflow_http_timeout),
            # Progress bars of model downloads would land in `socle explain --json` and in the flows' logs.
            "MLFLOW_ENABLE_ARTIFACTS_PROGRESS_BAR": "false",
        }

    def data_file(self, name: str) -> Path:
        return self.root / "data" / name / "dataset.parquet"

    def suite_file(self, name: str) -> Path:
        return self.root / "expectations" / f"{name}.json"


class StackSettings(BaseSettings):
    """The production-like stack of `socle up`: where each server listens, what it stores in, its credentials.

    Read from `SOCLE_*` variables, and from the standard variable of each tool for credentials, so that one
    environment serves the servers and their clients alike. There is no default password anywhere.
    """

    model_config = SettingsConfigDict(env_prefix="SOCLE_", extra="ignore")

    state: Path | None = Field(None, alias="SOCLE_STATE_DIR", description="logs, PIDs, SQLite files; default <root>/.socle")
    host: str = "127.0.0.1"
    prefect_port: int = 4200
    mlflow_port: int = 5000
    s3_port: int = Field(9000, description="the local S3's port (moto with a journal), when no S3 endpoint is configured")
    database_url: str | None = Field(
        None, description="PostgreSQL server, e.g. postgresql://postgres@127.0.0.1:5432; default: SQLite files in the state folder"
    )
    database_prefix: str = Field("socle", description="databases <prefix>_prefect, <prefix>_mlflow, <prefix>_mlflow_auth")
    s3_endpoint_url: str | None = Field(None, description="any S3 endpoint (MinIO, Ceph, a cloud); default: a local S3 (moto, kept on disk)")
    s3_bucket: str = "socle-ia"
    s3_region: str = Field("us-east-1", alias="AWS_DEFAULT_REGION")
    aws_access_key_id: SecretStr | None = Field(None, alias="AWS_ACCESS_KEY_ID")
    aws_secret_access_key: SecretStr | None = Field(None, alias="AWS_SECRET_ACCESS_KEY")
    mlflow_username: str = Field("admin", alias="MLFLOW_TRACKING_USERNAME")
    mlflow_password: SecretStr | None = Field(None, alias="MLFLOW_TRACKING_PASSWORD", description="12+ characters")
    mlflow_secret_key: SecretStr | None = Field(
        None, alias="MLFLOW_FLASK_SERVER_SECRET_KEY", description="CSRF secret; default: generated once in the state folder"
    )
    mlflow_workers: int = 1
    prefect_auth_string: SecretStr | None = Field(None, alias="PREFECT_API_AUTH_STRING", description="user:password")
    prefect_ui: bool = Field(True, description="serve the Prefect UI (from a copy in the state folder)")
    work_pool: str = "socle"
    startup_timeout: float = Field(180.0, description="seconds each server may take to answer its health check")

    def state_dir(self, root: Path) -> Path:
        return (self.state or root / ".socle").resolve()

    @property
    def local_s3(self) -> bool:
        return self.s3_endpoint_url is None

    @property
    def s3_url(self) -> str:
        return self.s3_endpoint_url or f"http://{self.host}:{self.s3_port}"

    @property
    def mlflow_url(self) -> str:
        return f"http://{self.host}:{self.mlflow_port}"

    @property
    def prefect_url(self) -> str:
        return f"http://{self.host}:{self.prefect_port}/api"
