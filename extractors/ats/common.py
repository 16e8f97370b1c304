"""Shared helpers of the ATS parsers: decoding payloads and building a hashed `Job`."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from extractors.text.hashing import content_hash
from schemas.errors import PayloadError
from schemas.job import Job


def load_json(body: bytes) -> Any:
    """Decode an API body, naming what is wrong when it is not JSON."""
    head = body.lstrip()[:200].lower()
    if not head:
        raise PayloadError("empty_body", "the response body is empty")
    if head.startswith((b"<!doctype", b"<html", b"<")):
        raise PayloadError("html_body", f"expected JSON, got HTML starting {body.lstrip()[:60]!r}")
    try:
        return json.loads(body)
    except UnicodeDecodeError as exc:
        raise PayloadError("bad_encoding", str(exc)) from exc
    except json.JSONDecodeError as exc:
        raise PayloadError("malformed_json", f"{exc.msg} at byte {exc.pos} of {len(body)}") from exc
    except RecursionError as exc:  # no ATS nests this deep: a hostile or broken body
        raise PayloadError(
            "too_deep", f"JSON nested deeper than the decoder allows ({len(body)} bytes)"
        ) from exc


def parse_time(value: Any) -> datetime | None:
    """ISO-8601 strings and epoch milliseconds, as the ATS APIs send them."""
    if value in (None, ""):
        return None
    if isinstance(value, int | float):
        return datetime.fromtimestamp(value / 1000, tz=UTC)
    try:
        parsed = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def company_from_token(token: str) -> str:
    """A readable company name when the API gives none (Lever): `people-ai` -> `People Ai`."""
    return " ".join(part.capitalize() for part in token.replace("_", "-").split("-") if part)


def build_job(**fields: Any) -> Job:
    """A `Job` whose content hash covers every normalized field."""
    probe = Job(content_hash="", **fields)
    digest = content_hash(probe.model_dump(mode="json", exclude={"content_hash"}))
    return probe.model_copy(update={"content_hash": digest})


def extra_fields(raw: dict[str, Any], used: frozenset[str]) -> dict[str, Any]:
    """The fields of a posting no canonical field took, kept as the ATS sent them."""
    return {k: v for k, v in raw.items() if k not in used}


def require(obj: Any, key: str, kind: type, where: str) -> Any:
    """`obj[key]` of the given type, or a PayloadError that says where the shape broke."""
    if not isinstance(obj, dict) or key not in obj:
        raise PayloadError("unexpected_shape", f"{where}: missing key {key!r}")
    value = obj[key]
    if not isinstance(value, kind):
        raise PayloadError(
            "unexpected_shape", f"{where}: {key!r} is {type(value).__name__}, not {kind.__name__}"
        )
    return value
