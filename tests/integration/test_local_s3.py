"""The local S3 of `socle up` (flows/server/s3.py) as its clients meet it: a real server process, boto3 on loopback.

What a client was told is stored survives a SIGKILL; only the configured keys get in; moto's control routes and
other services are closed; what the journal would not keep is refused rather than lost at the next restart.
"""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import boto3
import pytest
from botocore import UNSIGNED
from botocore.config import Config
from botocore.exceptions import ClientError

from flows.server import s3
from tests.server.stack_fixture import free_port

KEYS = {"AWS_ACCESS_KEY_ID": "socle-test-key", "AWS_SECRET_ACCESS_KEY": "a-secret-of-the-test-0123456789"}
BUCKET = "socle-test"


class Server:
    def __init__(self, folder: Path) -> None:
        self.folder, self.port = folder, free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        command = [sys.executable, "-m", "flows.server.s3", "--port", str(self.port), "--folder", str(self.folder)]
        self.process = subprocess.Popen(
            command, env=os.environ | KEYS, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        )
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            assert self.process.poll() is None, self.process.stdout.read()
            try:
                urllib.request.urlopen(self.url + s3.HEALTH, timeout=2)
                return
            except OSError:
                time.sleep(0.2)
        raise AssertionError("the local S3 did not answer")

    def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(30)

    def client(self, key: str = KEYS["AWS_ACCESS_KEY_ID"], secret: str = KEYS["AWS_SECRET_ACCESS_KEY"], **config):
        return boto3.client(
            "s3", endpoint_url=self.url, aws_access_key_id=key, aws_secret_access_key=secret, region_name="us-east-1",
            config=Config(retries={"max_attempts": 1}, **({"signature_version": "s3v4"} | config)),
        )


@pytest.fixture()
def server(tmp_path: Path) -> Iterator[Server]:
    running = Server(tmp_path / "objects")
    running.start()
    yield running
    if running.process.poll() is None:
        running.kill()


def test_what_was_stored_survives_a_kill_and_the_journal_is_compacted(server: Server) -> None:
    client = server.client()
    client.create_bucket(Bucket=BUCKET)
    client.put_object(Bucket=BUCKET, Key="mlflow/1/models/m-1/artifacts/MLmodel", Body=b"flavors: {}",
                      ContentType="text/yaml", Metadata={"origin": "test"})
    big = os.urandom(11 * 1024 * 1024)  # above boto3's threshold: a multipart upload
    client.upload_fileobj(io.BytesIO(big), BUCKET, "dvc/files/md5/ab/cdef")
    client.copy_object(Bucket=BUCKET, Key="copy", CopySource={"Bucket": BUCKET, "Key": "dvc/files/md5/ab/cdef"})
    for key in ("gone-one", "gone-many"):
        client.put_object(Bucket=BUCKET, Key=key, Body=b"x")
    client.delete_object(Bucket=BUCKET, Key="gone-one")
    client.delete_objects(Bucket=BUCKET, Delete={"Objects": [{"Key": "gone-many"}]})

    server.kill()
    server.start()

    client = server.client()
    listed = sorted(entry["Key"] for entry in client.list_objects_v2(Bucket=BUCKET)["Contents"])
    assert listed == ["copy", "dvc/files/md5/ab/cdef", "mlflow/1/models/m-1/artifacts/MLmodel"]
    model = client.get_object(Bucket=BUCKET, Key="mlflow/1/models/m-1/artifacts/MLmodel")
    assert (model["Body"].read(), model["ContentType"], model["Metadata"]) == (b"flavors: {}", "text/yaml", {"origin": "test"})
    assert client.get_object(Bucket=BUCKET, Key="copy")["Body"].read() == big
    journal = s3.Journal(server.folder)
    assert len(list(journal.changes())) == 4, "one line per bucket and live object after the restart"
    assert len(list(journal.blobs.glob("*/*"))) == 2, "the copy shares its source's bytes; deleted objects' are gone"


def test_only_the_configured_keys_get_in(server: Server) -> None:
    server.client().create_bucket(Bucket=BUCKET)
    refused = {
        "wrong key": server.client(key="someone-else"),
        "wrong secret": server.client(secret="not-the-secret-at-all"),
        "anonymous": server.client(signature_version=UNSIGNED),
    }
    for who, client in refused.items():
        with pytest.raises(ClientError) as error:
            client.list_objects_v2(Bucket=BUCKET)
        assert error.value.response["ResponseMetadata"]["HTTPStatusCode"] == 403, who
    presigned = server.client().generate_presigned_url("list_objects_v2", Params={"Bucket": BUCKET})
    assert _status(presigned.replace("list-type=2", "list-type=1")) == 403, "a presigned URL altered"
    forged = server.client(secret="not-the-secret-at-all").generate_presigned_url("list_objects_v2", Params={"Bucket": BUCKET})
    assert _status(forged) == 403
    for path in ("/moto-api/reset", "/moto-api/", f"/{BUCKET}?list-type=2"):
        assert _status(server.url + path, method="POST" if path.endswith("reset") else "GET") == 403, path
    iam = boto3.client("iam", endpoint_url=server.url, region_name="us-east-1", **_keys())
    with pytest.raises(ClientError):
        iam.list_users()


def test_a_presigned_url_of_the_stack_keys_works_until_it_expires(server: Server) -> None:
    """MLflow's server hands its clients presigned URLs (SigV4) to download artifacts straight from the store."""
    client = server.client()
    client.create_bucket(Bucket=BUCKET)
    client.put_object(Bucket=BUCKET, Key="mlflow/1/models/m-1/artifacts/MLmodel", Body=b"flavors: {}")
    params = {"Bucket": BUCKET, "Key": "mlflow/1/models/m-1/artifacts/MLmodel",
              "ResponseContentDisposition": 'attachment; filename="MLmodel"'}
    url = client.generate_presigned_url("get_object", Params=params, ExpiresIn=60)
    with urllib.request.urlopen(url, timeout=10) as response:
        assert response.read() == b"flavors: {}"
    ranged = urllib.request.Request(url, headers={"Range": "bytes=0-6"})
    with urllib.request.urlopen(ranged, timeout=10) as response:
        assert response.read() == b"flavors"
    expired = client.generate_presigned_url("get_object", Params=params, ExpiresIn=1)
    time.sleep(2)
    assert _status(expired) == 403


def test_a_write_the_journal_would_not_keep_is_refused(server: Server) -> None:
    client = server.client()
    client.create_bucket(Bucket=BUCKET)
    client.put_object(Bucket=BUCKET, Key="k", Body=b"v")
    with pytest.raises(ClientError) as error:
        client.put_object_tagging(Bucket=BUCKET, Key="k", Tagging={"TagSet": [{"Key": "a", "Value": "b"}]})
    assert error.value.response["Error"]["Code"] == "NotImplemented"
    assert "tagging" in error.value.response["Error"]["Message"]


def test_a_journal_line_cut_by_a_crash_is_dropped_and_a_damaged_one_is_named(tmp_path: Path) -> None:
    journal = s3.Journal(tmp_path)
    journal.append([s3.Change(BUCKET), s3.Change(BUCKET, "k", journal.blob(b"v"), {})])
    with journal.path.open("a") as handle:
        handle.write('{"bucket": "socle-te')  # the write a crash cut: never acknowledged
    assert [change.key for change in journal.changes()] == [None, "k"]
    journal.path.write_text(journal.path.read_text().replace('{"bucket": "socle-te', '{"bucket": "socle-te\n'))
    with pytest.raises(ValueError, match="journal.jsonl"):
        list(journal.changes())


def _keys() -> dict[str, str]:
    return {"aws_access_key_id": KEYS["AWS_ACCESS_KEY_ID"], "aws_secret_access_key": KEYS["AWS_SECRET_ACCESS_KEY"]}


def _status(url: str, method: str = "GET") -> int:
    try:
        with urllib.request.urlopen(urllib.request.Request(url, method=method), timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
