"""Keep secrets out of run reports: error details can quote a DSN, a URL with a key, or a header."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from schemas.report import RunReport

MASK = "***"
# Patterns of secrets that can leak into exception text, whoever's they are.
_PATTERNS = (
    re.compile(r"(?P<keep>[a-z][a-z0-9+.-]*://[^:/@\s]+:)[^@\s]+(?=@)", re.IGNORECASE),  # user:pass@
    re.compile(r"(?P<keep>\bsk-)[A-Za-z0-9_-]{16,}"),  # OpenAI-style keys
    re.compile(r"(?P<keep>\b)(?:AKIA|ASIA)[0-9A-Z]{16}\b"),  # AWS access key ids
    re.compile(
        r"(?P<keep>(?:password|passwd|secret|token|api[_-]?key|authorization)\s*[=:]\s*(?:bearer\s+)?)"
        r"[^\s&'\",;]+",
        re.IGNORECASE,
    ),
)


def scrub(text: str, secrets: Iterable[str] = ()) -> str:
    """`text` with every known secret value and every secret-shaped token masked."""
    for secret in secrets:
        if secret and len(secret) >= 4:
            text = text.replace(secret, MASK)
    for pattern in _PATTERNS:
        text = pattern.sub(lambda m: m.group("keep") + MASK, text)
    return text


def redact_url(url: str) -> str:
    """A URL safe to print: its password (`user:pass@`) masked, the rest kept for the reader."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.rsplit("@", 1)[1]
    return urlunsplit(parts._replace(netloc=f"{parts.username}:{MASK}@{netloc}"))


def url_password(url: str) -> str | None:
    """The password a URL carries, so it can be masked wherever it turns up."""
    return urlsplit(url).password


def redact_report(report: RunReport, secrets: Iterable[str] = ()) -> RunReport:
    """A copy of the report with every string scrubbed (keys of `counts` and `skills` included)."""
    known = [s for s in secrets if s]
    return RunReport.model_validate(_walk(report.model_dump(mode="json"), known))


def _walk(value: Any, secrets: list[str]) -> Any:
    if isinstance(value, str):
        return scrub(value, secrets)
    if isinstance(value, dict):
        return {_walk(k, secrets): _walk(v, secrets) for k, v in value.items()}
    if isinstance(value, list):
        return [_walk(v, secrets) for v in value]
    return value
