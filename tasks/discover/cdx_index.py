"""Common Crawl's URL index through cdx-toolkit: the crawl list, page counts and pages of CDX lines.

cdx-toolkit does the politeness: one request at a time per host with a minimum interval, exponential backoff
on 503 "Slow Down", 429 and 5xx. We ask it for raw pages (not capture objects) so that millions of lines are
only cut up by `extractors.discover.cdx_lines`, and we send our own User-Agent.
"""

from __future__ import annotations

import os
import re
from typing import Any

from schemas.errors import ConfigError, FetchError
from schemas.settings import Settings

_CRAWL_ID = re.compile(r"CC-MAIN-\d{4}-\d{2}")


class CdxIndex:
    """The crawls an index server knows, and paged reads of one (crawl, pattern) unit."""

    def __init__(self, settings: Settings) -> None:
        # cdx-toolkit reads its cache folder when first imported; ours comes from settings unless set already
        os.environ.setdefault("CDXT_CACHE_DIR", str(settings.discovery_cache_dir) + os.sep)
        import cdx_toolkit

        self._cdxt = cdx_toolkit
        self.headers = {"user-agent": settings.user_agent}  # cdx-toolkit only keeps it when lower-case
        mirror = settings.cc_index_url.rstrip("/") + "/"
        try:
            self._warm_collinfo_cache(mirror)
            fetcher = cdx_toolkit.CDXFetcher(
                source="cc",
                cc_mirror=mirror,
                warc_download_prefix=settings.cc_data_url.rstrip("/"),
            )
        except (ValueError, RuntimeError, OSError) as exc:
            raise FetchError("cdx_index_unavailable", f"{settings.cc_index_url}: {exc}") from exc
        # collinfo lists newest first; cdx-toolkit sorts the endpoints ascending
        self.endpoints = {_crawl_of(url): url for url in fetcher.raw_index_list if _crawl_of(url)}

    def _warm_collinfo_cache(self, mirror: str) -> None:
        """Fetch `collinfo.json` with our User-Agent into cdx-toolkit's 24-hour cache, unless it is fresh."""
        from cdx_toolkit.commoncrawl import check_collinfo_cache, set_collinfo_cache
        from cdx_toolkit.myrequests import myrequests_get

        if check_collinfo_cache(mirror):
            return
        resp = myrequests_get(mirror + "collinfo.json", headers=dict(self.headers))
        if resp.status_code == 200:
            set_collinfo_cache(mirror, resp.text)

    def crawls(self, newest: int, named: list[str] | None = None) -> list[str]:
        """The named crawls (each must exist), or the newest `newest` ones, newest first."""
        if named:
            unknown = [c for c in named if c not in self.endpoints]
            if unknown:
                raise ConfigError(f"unknown crawls {unknown}; the index has e.g. {self.crawls(3)}")
            return list(dict.fromkeys(named))
        return sorted(self.endpoints, reverse=True)[:newest]

    def num_pages(self, crawl: str, pattern: str) -> int:
        """How many pages the index holds for a pattern in a crawl (0 when nothing matched)."""
        resp = self._get(crawl, {"url": pattern, "output": "json", "showNumPages": "true"})
        if resp.status_code in (400, 404):
            return 0
        return int(self._cdxt.showNumPages(resp))

    def page_lines(self, crawl: str, pattern: str, page: int) -> list[str]:
        """One page of CDX JSON lines; past the last page (400) or no captures (404) is an empty page."""
        resp = self._get(crawl, {"url": pattern, "output": "json", "page": page})
        if resp.status_code in (400, 404):
            return []
        return resp.text.splitlines()

    def _get(self, crawl: str, params: dict[str, Any]) -> Any:
        from cdx_toolkit.myrequests import myrequests_get

        try:
            return myrequests_get(self.endpoints[crawl], params=params, headers=dict(self.headers), cdx=True)
        except (ValueError, RuntimeError, OSError) as exc:  # requests' errors are OSErrors
            raise FetchError("cdx_index_unavailable", f"{crawl} {params.get('url')}: {exc}") from exc


def _crawl_of(endpoint: str) -> str | None:
    m = _CRAWL_ID.search(endpoint)
    return m.group(0) if m else None
