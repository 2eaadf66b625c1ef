"""The local S3 of `socle up`: moto's S3, made durable and closed to anyone without the configured keys.

moto keeps objects in memory, so a restart used to empty the bucket while MLflow's registry (in PostgreSQL) still
pointed at every model. Here each S3 request that changed an object or a bucket, once moto has accepted it and before
the client hears so, is written to a journal in the state folder (the object's bytes in a content-addressed blob, one
line of JSON per change, both flushed to disk). On start the journal is replayed into moto, then compacted to one line
per live object: what a client was told is stored survives `socle down`/`up`, a SIGKILL and a reboot.

Access: only SigV4-signed S3 requests pass, signed with the configured key pair: in the header, checked by moto's own
IAM layer against one user holding that pair; presigned (MLflow's server hands clients such URLs to download
artifacts), checked here, unexpired, then signed again in the header for moto. Anonymous requests, other AWS services
and moto's control routes (`/moto-api/`: reset, recorder, state) are refused. Sub-resources this journal does not keep (ACLs, tags, policies, versioning, lifecycle)
are refused rather than silently lost at the next restart.

Run as `python -m flows.server.s3 --host H --port P --folder DIR`, with AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY
in the environment.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

HEALTH = "/_socle/health"
USER = "socle"
WRITES = {"PUT", "POST", "DELETE"}
MULTIPART = {"uploads", "uploadId", "partNumber"}
"""Query keys of a multipart upload in progress: moto holds its parts; the object is journaled once completed (an
upload cut by a crash is retried by the client, as after any lost connection)."""
KEPT_QUERIES = MULTIPART | {"delete", "x-id"}
"""Writes whose effect the journal keeps (`x-id` is botocore's operation hint); any other sub-resource is refused."""


# ── the journal: what is stored, on disk ─────────────────────────────────────────────────────────────────────────


@dataclass(frozen=True)
class Change:
    """One line of the journal: an object stored (`blob` set) or removed, or a bucket created or removed."""

    bucket: str
    key: str | None = None
    blob: str | None = None
    metadata: dict[str, str] | None = None
    removed: bool = False

    def line(self) -> str:
        fields = {name: value for name, value in self.__dict__.items() if value not in (None, False)}
        return json.dumps(fields, sort_keys=True) + "\n"


class Journal:
    """Changes appended to `journal.jsonl`, object bytes in `blobs/` by SHA-256; every write reaches the disk before
    the call returns."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.path = folder / "journal.jsonl"
        self.blobs = folder / "blobs"
        self.blobs.mkdir(parents=True, exist_ok=True)

    def blob(self, data: bytes) -> str:
        digest = hashlib.sha256(data).hexdigest()
        path = self._blob_path(digest)
        if not path.exists():
            path.parent.mkdir(exist_ok=True)
            partial = path.with_suffix(".partial")
            with partial.open("wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            partial.replace(path)
        return digest

    def read_blob(self, digest: str) -> bytes:
        return self._blob_path(digest).read_bytes()

    def append(self, changes: Iterable[Change]) -> None:
        with self.path.open("a") as handle:
            for change in changes:
                handle.write(change.line())
            handle.flush()
            os.fsync(handle.fileno())

    def changes(self) -> Iterator[Change]:
        """The journal's changes in order; a last line cut by a crash (never acknowledged) is dropped."""
        if not self.path.exists():
            return
        with self.path.open() as handle:
            for line in handle:
                try:
                    yield Change(**json.loads(line))
                except (json.JSONDecodeError, TypeError):
                    if line.endswith("\n"):
                        raise ValueError(f"{self.path}: unreadable line {line[:80]!r}") from None

    def rewrite(self, changes: list[Change]) -> None:
        """Replace the journal by `changes` (atomically), and drop the blobs no change refers to."""
        fresh = self.path.with_suffix(".compacting")
        with fresh.open("w") as handle:
            handle.writelines(change.line() for change in changes)
            handle.flush()
            os.fsync(handle.fileno())
        fresh.replace(self.path)
        kept = {change.blob for change in changes}
        for path in self.blobs.glob("*/*"):
            if path.name not in kept:
                path.unlink()

    def _blob_path(self, digest: str) -> Path:
        return self.blobs / digest[:2] / digest


# ── moto's S3 backend, read and written through its own API ──────────────────────────────────────────────────────


def _backend():
    from moto.core import DEFAULT_ACCOUNT_ID
    from moto.s3.models import s3_backends

    return s3_backends[DEFAULT_ACCOUNT_ID]["aws"]


def apply(change: Change, journal: Journal, region: str) -> None:
    """Replay one change into moto."""
    backend = _backend()
    if change.key is None:
        if change.removed:
            backend.buckets.pop(change.bucket, None)
        elif change.bucket not in backend.buckets:
            backend.create_bucket(change.bucket, region)
    elif change.removed:
        keys = backend.get_bucket(change.bucket).keys
        if change.key in keys:
            keys.pop(change.key)
    else:
        stored = backend.put_object(change.bucket, change.key, journal.read_blob(change.blob), disable_notification=True)
        stored.set_metadata(change.metadata or {}, replace=True)


def current(bucket: str, key: str | None, journal: Journal) -> Change:
    """The change that brings a replay to moto's present state of this bucket or object."""
    backend = _backend()
    if bucket not in backend.buckets:
        return Change(bucket, key, removed=True)
    if key is None:
        return Change(bucket)
    stored = backend.buckets[bucket].keys.get(key)
    if stored is None or not hasattr(stored, "value"):  # absent, or a delete marker
        return Change(bucket, key, removed=True)
    return Change(bucket, key, journal.blob(stored.value), dict(stored.metadata))


def snapshot(journal: Journal) -> list[Change]:
    """One change per bucket and live object: the compacted journal."""
    changes = []
    for name, bucket in _backend().buckets.items():
        changes.append(Change(name))
        changes.extend(current(name, key, journal) for key in list(bucket.keys.keys()))
    return changes


def restore(journal: Journal, region: str) -> int:
    """Replay the journal into moto and compact it; the number of objects restored."""
    for change in journal.changes():
        apply(change, journal, region)
    kept = snapshot(journal)
    journal.rewrite(kept)
    return sum(change.key is not None for change in kept)


def admit_only(key_id: str, secret: str) -> None:
    """Turn on moto's IAM check for every request, with one user holding the configured keys and S3 rights only."""
    from moto import settings
    from moto.core import DEFAULT_ACCOUNT_ID
    from moto.iam.models import iam_backends

    iam = iam_backends[DEFAULT_ACCOUNT_ID]["aws"]
    iam.create_user("us-east-1", USER)
    access_key = iam.create_access_key(USER)
    access_key.access_key_id, access_key.secret_access_key = key_id, secret
    policy = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}
    iam.put_user_policy(USER, "s3", json.dumps(policy))
    settings.INITIAL_NO_AUTH_ACTION_COUNT = 0


# ── presigned URLs ───────────────────────────────────────────────────────────────────────────────────────────────


def presigned_refusal(environ: dict[str, Any], key_id: str, secret: str, now: float) -> str | None:
    """Why a presigned request (SigV4 in the query string) is not one signed with these keys and still valid, or
    None. The canonical request is rebuilt from what arrived, as AWS's documentation lays it out."""
    import calendar
    import hmac
    from urllib.parse import parse_qsl, quote

    pairs = parse_qsl(environ.get("QUERY_STRING", ""), keep_blank_values=True)
    params = dict(pairs)
    try:
        access, day, region, service, _ = params["X-Amz-Credential"].split("/")
        amz_date, expires = params["X-Amz-Date"], int(params["X-Amz-Expires"])
        signed = params["X-Amz-SignedHeaders"].split(";")
        issued = calendar.timegm(time.strptime(amz_date, "%Y%m%dT%H%M%SZ"))
    except (KeyError, ValueError):
        return "a malformed presigned URL"
    if params.get("X-Amz-Algorithm") != "AWS4-HMAC-SHA256" or access != key_id or service != "s3":
        return "a URL presigned with other keys"
    if not issued - 300 <= now <= issued + min(expires, 7 * 24 * 3600):
        return "an expired presigned URL"
    encode = lambda text: quote(text, safe="-_.~")  # noqa: E731
    query = "&".join(f"{k}={v}" for k, v in sorted((encode(k), encode(v)) for k, v in pairs if k != "X-Amz-Signature"))
    headers = "".join(f"{name}:{_header(environ, name).strip()}\n" for name in signed)
    path = (environ.get("REQUEST_URI") or environ.get("RAW_URI") or environ.get("PATH_INFO", "/")).split("?")[0]
    canonical = "\n".join([environ["REQUEST_METHOD"], path, query, headers, ";".join(signed), "UNSIGNED-PAYLOAD"])
    scope = f"{day}/{region}/s3/aws4_request"
    to_sign = "\n".join(["AWS4-HMAC-SHA256", amz_date, scope, hashlib.sha256(canonical.encode()).hexdigest()])
    key = f"AWS4{secret}".encode()
    for part in (day, region, "s3", "aws4_request"):
        key = hmac.new(key, part.encode(), hashlib.sha256).digest()
    expected = hmac.new(key, to_sign.encode(), hashlib.sha256).hexdigest()
    return None if hmac.compare_digest(expected, params.get("X-Amz-Signature", "")) else "a presigned URL whose signature does not match"


def _header(environ: dict[str, Any], name: str) -> str:
    if name == "host":
        return environ.get("HTTP_HOST", "")
    special = {"content-type": "CONTENT_TYPE", "content-length": "CONTENT_LENGTH"}
    return environ.get(special.get(name, "HTTP_" + name.upper().replace("-", "_")), "")


def signed_in_header(environ: dict[str, Any], key_id: str, secret: str, region: str) -> None:
    """The presigned request, checked, as moto's IAM layer reads requests: the query's signature removed, the
    request signed again in its `Authorization` header with the same keys."""
    from urllib.parse import parse_qsl, urlencode

    from botocore.auth import S3SigV4Auth
    from botocore.awsrequest import AWSRequest
    from botocore.credentials import Credentials

    kept = [(k, v) for k, v in parse_qsl(environ.get("QUERY_STRING", ""), keep_blank_values=True) if not k.startswith("X-Amz-")]
    environ["QUERY_STRING"] = urlencode(kept)
    path = (environ.get("REQUEST_URI") or environ.get("RAW_URI") or environ.get("PATH_INFO", "/")).split("?")[0]
    url = f"http://{environ.get('HTTP_HOST', '')}{path}" + (f"?{environ['QUERY_STRING']}" if kept else "")
    for name in ("REQUEST_URI", "RAW_URI"):
        if name in environ:
            environ[name] = url.split(environ.get("HTTP_HOST", ""), 1)[1]
    request = AWSRequest(method=environ["REQUEST_METHOD"], url=url, headers={"host": environ.get("HTTP_HOST", "")})
    S3SigV4Auth(Credentials(key_id, secret), "s3", region).add_auth(request)
    for name, value in request.headers.items():
        environ["HTTP_" + name.upper().replace("-", "_")] = value


# ── the WSGI layer in front of moto ──────────────────────────────────────────────────────────────────────────────


def _error(start_response: Callable, status: str, code: str, message: str) -> list[bytes]:
    body = (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>{code}</Code><Message>{message}</Message></Error>'
    ).encode()
    start_response(status, [("Content-Type", "application/xml"), ("Content-Length", str(len(body)))])
    return [body]


def refusal(environ: dict[str, Any]) -> tuple[str, str, str] | None:
    """Why this request is refused before moto sees it (status, S3 error code, message), or None."""
    path = environ.get("PATH_INFO", "")
    query = _query_keys(environ)
    authorization = environ.get("HTTP_AUTHORIZATION", "")
    if path.startswith("/moto-api") or path.startswith("/latest/"):
        return "403 Forbidden", "AccessDenied", "control routes are closed"
    if "X-Amz-Signature" in query:
        return None  # presigned: `DurableS3` checks its signature
    if not authorization.startswith("AWS4-HMAC-SHA256 "):
        return "403 Forbidden", "AccessDenied", "only requests signed (SigV4) with the stack's keys"
    scope = authorization.partition("Credential=")[2].partition(",")[0].split("/")
    if len(scope) != 5 or scope[3] != "s3":
        return "403 Forbidden", "AccessDenied", "this endpoint serves S3 only"
    operation = {key for key in query if not key.startswith("X-Amz-")}  # a presigned URL's own keys aside
    if environ["REQUEST_METHOD"] in WRITES and not operation <= KEPT_QUERIES:
        unkept = ", ".join(sorted(operation - KEPT_QUERIES))
        return "501 Not Implemented", "NotImplemented", f"{unkept}: not kept across restarts by the local S3"
    return None


def _query_keys(environ: dict[str, Any]) -> set[str]:
    from urllib.parse import parse_qs

    return set(parse_qs(environ.get("QUERY_STRING", ""), keep_blank_values=True))


def _target(environ: dict[str, Any]) -> tuple[str, str | None]:
    """Bucket and key of a path-style request (`/bucket/key`); the key is None for the bucket itself."""
    path = environ.get("PATH_INFO", "").encode("latin-1").decode("utf-8", errors="replace")
    bucket, _, key = path.lstrip("/").partition("/")
    return bucket, key or None


def deleted_keys(body: bytes) -> list[str]:
    """The keys named by a DeleteObjects request's XML body."""
    root = ElementTree.fromstring(body)
    return [element.text or "" for element in root.iter() if element.tag.rsplit("}", 1)[-1] == "Key"]


class DurableS3:
    """moto's application, with refusals in front and the journal behind every accepted write."""

    def __init__(self, moto_app: Callable, journal: Journal, keys: tuple[str, str], region: str) -> None:
        self.moto_app = moto_app
        self.journal = journal
        self.keys, self.region = keys, region
        self.writing = threading.Lock()  # a write and its journal line, one at a time: the journal's order is moto's

    def __call__(self, environ: dict[str, Any], start_response: Callable) -> Iterable[bytes]:
        if environ.get("PATH_INFO") == HEALTH:
            start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", "2")])
            return [b"ok"]
        refused = refusal(environ)
        if refused:
            return _error(start_response, *refused)
        if "X-Amz-Signature" in _query_keys(environ):
            why = presigned_refusal(environ, *self.keys, time.time())
            if why:
                return _error(start_response, "403 Forbidden", "AccessDenied", f"refused: {why}")
            signed_in_header(environ, *self.keys, self.region)
        if environ["REQUEST_METHOD"] not in WRITES or _query_keys(environ) & (MULTIPART - {"uploadId"}):
            return self.moto_app(environ, start_response)
        with self.writing:
            return self._write(environ, start_response)

    def _write(self, environ: dict[str, Any], start_response: Callable) -> Iterable[bytes]:
        import io

        length = environ.get("CONTENT_LENGTH")
        if length:
            body = environ["wsgi.input"].read(int(length))
        else:  # chunked: werkzeug de-chunks and marks the end of the input
            body = environ["wsgi.input"].read() if environ.get("wsgi.input_terminated") else b""
        environ["wsgi.input"] = io.BytesIO(body)
        environ["CONTENT_LENGTH"] = str(len(body))
        environ.pop("HTTP_TRANSFER_ENCODING", None)
        answered: list[Any] = []
        output = b"".join(self.moto_app(environ, lambda status, headers, *info: answered.append((status, headers))))
        status, headers = answered[0]
        if status.startswith("2"):
            self.journal.append(self._changes(environ, body))
        start_response(status, headers)
        return [output]

    def _changes(self, environ: dict[str, Any], body: bytes) -> list[Change]:
        bucket, key = _target(environ)
        if key is None and "delete" in _query_keys(environ):
            return [current(bucket, name, self.journal) for name in deleted_keys(body)]
        if "uploadId" in _query_keys(environ) and environ["REQUEST_METHOD"] != "POST":
            return []  # a part uploaded, or an upload aborted: nothing stored yet
        return [current(bucket, key, self.journal)]


def serve(host: str, port: int, folder: Path, region: str) -> None:
    from moto.moto_server.werkzeug_app import DomainDispatcherApplication, MotoRequestHandler, create_backend_app
    from werkzeug.serving import make_server

    key_id, secret = os.environ["AWS_ACCESS_KEY_ID"], os.environ["AWS_SECRET_ACCESS_KEY"]
    journal = Journal(folder)
    restored = restore(journal, region)
    admit_only(key_id, secret)
    app = DurableS3(DomainDispatcherApplication(create_backend_app), journal, (key_id, secret), region)
    server = make_server(host, port, app, threaded=True, request_handler=MotoRequestHandler)
    print(f"local S3 on http://{host}:{port}: {restored} objects restored from {journal.path}", flush=True)
    server.serve_forever()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--folder", type=Path, required=True, help="where the journal and the objects' bytes live")
    parser.add_argument("--region", default=os.environ.get("AWS_DEFAULT_REGION", "us-east-1"))
    arguments = parser.parse_args(argv)
    serve(arguments.host, arguments.port, arguments.folder, arguments.region)


if __name__ == "__main__":
    main()
