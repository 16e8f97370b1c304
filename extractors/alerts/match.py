"""Which postings newly match a saved search, and the one message each of them becomes.

A saved search alerts on postings first seen after it was saved; each run only looks at documents
changed since the search's mark (the index watermark its last run reached), so a run costs one small
query per search whatever the size of the index.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from extractors.search.query import HIT_FIELDS
from schemas.search import SearchRequest

PAGE = 100
MESSAGE_FIELDS = tuple(f for f in HIT_FIELDS if f not in ("job_function", "skills", "closed_at"))


def alert_request(saved: SearchRequest, created_at: datetime, mark: int, cursor: str | None) -> SearchRequest:
    """The saved search restricted to postings new since it was saved and changed since its mark."""
    return saved.model_copy(
        update={
            "first_seen_after": created_at,
            "row_version_after": mark,
            "include_closed": False,
            "facets": [],
            "sort": "date",
            "size": PAGE,
            "search_after": cursor,
        }
    )


def posting(hit: dict[str, Any]) -> dict[str, Any]:
    """What an alert says about one posting: one message per posting, its locations listed inside."""
    return {"job_uid": hit["job_uid"], **{k: hit.get(k) for k in MESSAGE_FIELDS}}


def message(search_id: str, search_name: str, job: dict[str, Any], page_url: str) -> dict[str, Any]:
    return {
        "type": "job.matched",
        "search": {"id": search_id, "name": search_name, "url": page_url},
        "job": job,
    }
