"""Stable hashes: the same content always gives the same digest, across runs and machines."""

from __future__ import annotations

import hashlib
import json
from typing import Any


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def content_hash(fields: dict[str, Any]) -> str:
    """Digest of a posting's normalized fields, independent of key order."""
    blob = json.dumps(fields, sort_keys=True, ensure_ascii=False, default=str, separators=(",", ":"))
    return hashlib.sha256(blob.encode()).hexdigest()
