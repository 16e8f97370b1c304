"""The one HTTP client of a run: explicit timeouts and a User-Agent that says who we are."""

from __future__ import annotations

import httpx

from schemas.settings import Settings


def http_client(settings: Settings) -> httpx.Client:
    """One client per run: explicit timeouts, a User-Agent that says who we are."""
    return httpx.Client(
        headers={"User-Agent": settings.user_agent, "Accept": "application/json"},
        timeout=httpx.Timeout(settings.http_timeout_s, connect=min(10.0, settings.http_timeout_s)),
        follow_redirects=False,
        limits=httpx.Limits(max_connections=settings.fetch_concurrency * 2),
    )
