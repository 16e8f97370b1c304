"""The one HTTP client of a run: explicit timeouts and a User-Agent that says who we are."""

from __future__ import annotations

from urllib.parse import urlsplit

import httpx

from extractors.ats import ATS, api_url, eu_api_url
from schemas.settings import Settings


def pool_size(settings: Settings) -> int:
    """Connections the run can need at once: every API host's fetch lanes (its cap each) plus one per
    board worker for robots.txt and detail fetches. A smaller pool makes a lane wait for a local
    connection, and that wait is not the remote host's doing."""
    bases = [api_url(settings, s) for s in ATS] + [eu_api_url(settings, s) for s in ATS]
    hosts = {urlsplit(u).netloc for u in bases if u}
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
