"""The one HTTP client of a run: explicit timeouts and a User-Agent that says who we are."""

from __future__ import annotations

from urllib.parse import urlsplit

import httpx

from schemas.settings import Settings

API_URL_FIELDS = (
    "greenhouse_api_url",
    "greenhouse_eu_api_url",
    "lever_api_url",
    "lever_eu_api_url",
    "ashby_api_url",
    "smartrecruiters_api_url",
    "workable_api_url",
)


def pool_size(settings: Settings) -> int:
    """Connections the run can need at once: every API host's fetch lanes (its cap each) plus one per
    board worker for robots.txt and detail fetches. A smaller pool makes a lane wait for a local
    connection, and that wait is not the remote host's doing."""
    hosts = {urlsplit(u).netloc for f in API_URL_FIELDS if (u := getattr(settings, f, None))}
    return settings.host_concurrency * max(1, len(hosts)) + max(
        settings.fetch_concurrency, settings.scrape_workers
    )


def http_client(settings: Settings) -> httpx.Client:
    """One client per run: explicit timeouts, a User-Agent that says who we are, a pool sized from the
    lanes."""
    return httpx.Client(
        headers={"User-Agent": settings.user_agent, "Accept": "application/json"},
        timeout=httpx.Timeout(settings.http_timeout_s, connect=min(10.0, settings.http_timeout_s)),
        follow_redirects=False,
        limits=httpx.Limits(max_connections=pool_size(settings)),
    )
