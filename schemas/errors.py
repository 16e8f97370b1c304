"""One error family, with structured fields, translated at the boundaries."""

from __future__ import annotations


class JobmineError(Exception):
    """Base of every error jobmine raises on purpose."""


class ConfigError(JobmineError):
    """A setting or an argument is wrong; the message says which and how to fix it."""


class ServiceUnavailable(JobmineError):
    """A backing service (PostgreSQL, OpenSearch, S3) does not answer."""

    def __init__(self, service: str, url: str, hint: str) -> None:
        super().__init__(f"{service} is not reachable at {url}: {hint}")
        self.service, self.url, self.hint = service, url, hint


class FetchError(JobmineError):
    """A board could not be fetched; `reason` is a short machine-readable code."""

    def __init__(self, reason: str, detail: str, status: int | None = None, attempts: int = 1) -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason, self.detail, self.status, self.attempts = reason, detail, status, attempts


class PayloadError(JobmineError):
    """A payload is not what the ATS API returns (HTML, truncated JSON, wrong shape)."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason, self.detail = reason, detail


class LoadError(JobmineError):
    """Writing to PostgreSQL or OpenSearch failed; nothing of the batch was kept."""
