"""What the stack's stores must hold, checked by `socle up` and `socle status`: every champion's model files in the
artifact store, every project's versioned data in the DVC remote.

MLflow's registry (in PostgreSQL) and the objects it points to (in S3) live apart: a bucket emptied or an object
deleted leaves a registry that still names a champion nobody can load. Each gap is said with what repairs it.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from flows import params as params_file
from flows.server import stack
from flows.settings import Settings, StackSettings


@dataclass(frozen=True)
class Gap:
    project: str
    what: str
    """"champion" or "data"."""
    detail: str
    repair: str

    def line(self) -> str:
        return f"{self.project}: {self.detail}; {self.repair}"


def data_key(md5: str) -> str:
    """The object of a file of this md5 in a DVC 3 remote, under the bucket's `dvc/` prefix."""
    return f"dvc/files/md5/{md5[:2]}/{md5[2:]}"


def gaps(settings: StackSettings, root: Path) -> list[Gap]:
    """Every champion that cannot be loaded and every locked data version absent from the remote."""
    names = params_file.listed_projects(params_file.read(root))
    return champion_gaps(settings, names) + data_gaps(settings, root, names)


def data_gaps(settings: StackSettings, root: Path, names: list[str]) -> list[Gap]:
    from botocore.exceptions import ClientError

    from flows.steps import versioning

    client = stack.s3_client(settings, settings.state_dir(root))
    found = []
    for name in names:
        try:
            md5 = versioning.locked_md5(root, name)
        except (LookupError, ValueError):
            continue  # never ingested: nothing was promised to the remote
        try:
            client.head_object(Bucket=settings.s3_bucket, Key=data_key(md5))
        except ClientError:
            found.append(Gap(name, "data", f"data {md5} is not in s3://{settings.s3_bucket}/dvc", f"`socle data push {name}`"))
    return found


def champion_gaps(settings: StackSettings, names: list[str]) -> list[Gap]:
    from flows.steps import tracking

    found = []
    with _as_client(settings):
        client = tracking.connect(settings.mlflow_url)
        alias = Settings().champion_alias
        for name in names:
            version = tracking.champion(client, name, alias)
            why = None if version is None else tracking.unloadable(client, version)
            if why:
                found.append(Gap(name, "champion", f"champion unusable: {why}", f"`socle run {name} --force` trains a new one"))
    return found


@contextmanager
def _as_client(settings: StackSettings) -> Iterator[None]:
    """This process's MLflow client variables set to the stack's for a block (and put back after it)."""
    wanted = stack.client_env(settings)
    before = {variable: os.environ.get(variable) for variable in wanted}
    os.environ.update(wanted)
    try:
        yield
    finally:
        for variable, value in before.items():
            if value is None:
                os.environ.pop(variable, None)
            else:
                os.environ[variable] = value
