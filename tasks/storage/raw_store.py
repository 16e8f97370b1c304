"""The raw store: every payload as fetched, content-addressed, on disk or in S3."""

from __future__ import annotations

import os
import tempfile
from datetime import date
from pathlib import Path
from typing import Protocol
from urllib.parse import urlparse

from schemas.errors import ConfigError, ServiceUnavailable
from schemas.settings import Settings


def raw_key(source_type: str, token: str, day: date, sha256: str) -> str:
    """`{source}/{token}/{date}/{sha256}.json`: the same bytes on the same day map to one object."""
    return f"{source_type}/{token}/{day.isoformat()}/{sha256}.json"


class RawStore(Protocol):
    url: str

    def put(self, key: str, data: bytes) -> bool:
        """Store `data` under `key`; False when the object was already there (nothing written)."""
        ...

    def get(self, key: str) -> bytes: ...

    def exists(self, key: str) -> bool: ...

    def keys(self, prefix: str = "") -> list[str]: ...


class FileRawStore:
    """A folder; writes go to a temp file and are renamed, so a killed run leaves no half objects."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.url = f"file://{root}"

    def put(self, key: str, data: bytes) -> bool:
        path = self.root / key
        if path.exists():
            return False
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
        return True

    def get(self, key: str) -> bytes:
        return (self.root / key).read_bytes()

    def exists(self, key: str) -> bool:
        return (self.root / key).exists()

    def keys(self, prefix: str = "") -> list[str]:
        if not self.root.exists():
            return []
        found = (p.relative_to(self.root).as_posix() for p in self.root.rglob("*") if p.is_file())
        return sorted(k for k in found if k.startswith(prefix) and "/.tmp-" not in k)


class S3RawStore:
    """An S3 bucket (or any S3-compatible store via an endpoint URL); puts are atomic per object."""

    def __init__(self, bucket: str, prefix: str, endpoint_url: str | None, region: str) -> None:
        import boto3
        from botocore.config import Config

        self.bucket, self.prefix = bucket, prefix.strip("/")
        self.url = f"s3://{bucket}/{self.prefix}"
        self.client = boto3.client(
            "s3",
            endpoint_url=endpoint_url,
            region_name=region,
            config=Config(
                retries={"max_attempts": 5, "mode": "standard"}, connect_timeout=5, read_timeout=30
            ),
        )

    def _full(self, key: str) -> str:
        return f"{self.prefix}/{key}" if self.prefix else key

    def put(self, key: str, data: bytes) -> bool:
        if self.exists(key):
            return False
        self.client.put_object(
            Bucket=self.bucket, Key=self._full(key), Body=data, ContentType="application/json"
        )
        return True

    def get(self, key: str) -> bytes:
        return self.client.get_object(Bucket=self.bucket, Key=self._full(key))["Body"].read()

    def exists(self, key: str) -> bool:
        from botocore.exceptions import ClientError

        try:
            self.client.head_object(Bucket=self.bucket, Key=self._full(key))
        except ClientError as exc:
            if exc.response.get("Error", {}).get("Code") in ("404", "NoSuchKey", "NotFound"):
                return False
            raise
        return True

    def keys(self, prefix: str = "") -> list[str]:
        out: list[str] = []
        strip = len(self.prefix) + 1 if self.prefix else 0
        pages = self.client.get_paginator("list_objects_v2").paginate(
            Bucket=self.bucket, Prefix=self._full(prefix)
        )
        for page in pages:
            out += [obj["Key"][strip:] for obj in page.get("Contents", [])]
        return sorted(out)

    def check(self) -> None:
        from botocore.exceptions import BotoCoreError, ClientError

        try:
            self.client.head_bucket(Bucket=self.bucket)
        except (BotoCoreError, ClientError) as exc:
            raise ServiceUnavailable(
                "S3 raw store", self.url, f"check the bucket and JOBMINE_S3_ENDPOINT_URL ({exc})"
            ) from exc


def open_raw_store(settings: Settings) -> RawStore:
    """The store named by JOBMINE_RAW_STORE."""
    parsed = urlparse(settings.raw_store)
    if parsed.scheme == "file":
        path = (
            Path(parsed.netloc + parsed.path) if parsed.netloc not in ("", "localhost") else Path(parsed.path)
        )
        return FileRawStore(path.resolve())
    if parsed.scheme == "s3":
        if len(parsed.netloc) < 3:
            raise ConfigError(f"JOBMINE_RAW_STORE={settings.raw_store!r}: bucket name must be 3+ characters")
        store = S3RawStore(parsed.netloc, parsed.path, settings.s3_endpoint_url, settings.s3_region)
        store.check()
        return store
    raise ConfigError(f"JOBMINE_RAW_STORE={settings.raw_store!r}: use file://PATH or s3://bucket/prefix")
