"""Lever Postings API: `GET /v0/postings/{site}?mode=json`."""

from __future__ import annotations

from typing import Any

from extractors.ats.common import (
    build_job,
    company_from_token,
    extra_fields,
    load_json,
    parse_time,
    require,
)
from extractors.ats.spec import AtsSpec, Paging
from extractors.text.html_text import html_to_text
from schemas.errors import PayloadError
from schemas.job import BoardRef, Job, StructuredFields

_USED = frozenset(
    {"id", "text", "hostedUrl", "applyUrl", "createdAt", "updatedAt", "description", "additional"}
)


def parse(body: bytes, board: BoardRef) -> list[Job]:
    """Every posting of a site's payload (a JSON array)."""
    payload = load_json(body)
    if isinstance(payload, dict) and payload.get("ok") is False:
        raise PayloadError("api_error", str(payload.get("error", "lever said ok=false")))
    if not isinstance(payload, list):
        raise PayloadError(
            "unexpected_shape", f"lever site: expected a JSON array, got {type(payload).__name__}"
        )
    return [_parse_posting(raw, board) for raw in payload]


def _parse_posting(raw: Any, board: BoardRef) -> Job:
    posting_id = require(raw, "id", str, "lever posting")
    title = require(raw, "text", str, f"lever posting {posting_id}")
    categories = raw.get("categories") or {}
    description_html = _full_description(raw)
    salary = raw.get("salaryRange") or {}
    locations = categories.get("allLocations") or (
        [categories["location"]] if categories.get("location") else []
    )
    return build_job(
        source_type="lever",
        board_token=board.token,
        ats_job_id=posting_id,
        title=title.strip(),
        company=company_from_token(board.token),
        locations=[str(loc).strip() for loc in locations if loc],
        department=categories.get("department") or categories.get("team"),
        url=raw.get("hostedUrl"),
        apply_url=raw.get("applyUrl"),
        posted_at=parse_time(raw.get("createdAt")),
        updated_at=parse_time(raw.get("updatedAt") or raw.get("createdAt")),
        description_html=description_html,
        description_text=html_to_text(description_html),
        structured=StructuredFields(
            workplace_type=raw.get("workplaceType") or None,
            employment_type=categories.get("commitment"),
            salary_min=salary.get("min"),
            salary_max=salary.get("max"),
            salary_currency=salary.get("currency"),
            salary_interval=salary.get("interval"),
            country=raw.get("country") or None,
        ),
        extra=extra_fields(raw, _USED),
    )


def _full_description(raw: dict[str, Any]) -> str:
    """Lever splits a posting into opening, body, titled lists and closing; put them back together."""
    parts = [raw.get("description") or ""]
    for item in raw.get("lists") or []:
        parts.append(f"<h3>{item.get('text', '')}</h3><ul>{item.get('content', '')}</ul>")
    parts.append(raw.get("additional") or "")
    return "\n".join(p for p in parts if p)


SPEC = AtsSpec(
    source_type="lever",
    api_url="https://api.lever.co",
    eu_api_url="https://api.eu.lever.co",
    list_path="/v0/postings/{token}",
    list_params={"mode": "json"},
    paging=Paging(start_param="skip", limit_param="limit"),
    validation_params={"mode": "json", "limit": "1000"},
    jobs_key=None,
    parse=parse,
    not_found_body=b'{"ok":false,"error":"Document not found"}',
    posting_url_fields=("hostedUrl", "applyUrl"),
    junk_segments=frozenset(
        {"assets", "static", "favicon", "robots", "sitemap", "api", "_next", "cdn-cgi", "v0"}
    ),
)
