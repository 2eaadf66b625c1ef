"""Environment settings: where things live and which servers to talk to. Parameters of the science are in params.yaml.

Nothing here touches the disk or the network: `Settings()` only reads the environment.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path

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

    def data_file(self, name: str) -> Path:
        return self.root / "data" / name / "dataset.parquet"

    def suite_file(self, name: str) -> Path:
        return self.root / "expectations" / f"{name}.json"
