"""Greenhouse Job Board API: `GET /v1/boards/{token}/jobs?content=true`."""

from __future__ import annotations

import re
from typing import Any

from extractors.ats.common import build_job, extra_fields, load_json, parse_time, require
from extractors.ats.spec import AtsSpec
from extractors.fields.locations import PLACEHOLDERS
from extractors.text.html_text import html_to_text
from schemas.job import BoardRef, Job, StructuredFields

_LOCATION_SPLIT = re.compile(r"\s*[|;]\s*")
_WORKPLACE_KEYS = {"location type", "workplace type", "remote status", "work type"}
_EMPLOYMENT_KEYS = {"employment type", "employment", "job type", "time type"}
_USED = frozenset(
    {"id", "title", "company_name", "location", "absolute_url", "first_published", "updated_at", "content"}
)


def parse(body: bytes, board: BoardRef) -> list[Job]:
    """Every posting of a board's list payload."""
    payload = load_json(body)
    jobs = require(payload, "jobs", list, "greenhouse board")
    return [_parse_job(raw, board) for raw in jobs]


def _parse_job(raw: Any, board: BoardRef) -> Job:
    job_id = require(raw, "id", int | str, "greenhouse job")
    title = require(raw, "title", str, f"greenhouse job {job_id}")
    metadata = {str(m.get("name", "")).lower(): m.get("value") for m in raw.get("metadata") or [] if m}
    description_html = raw.get("content") or ""
    departments = [d.get("name") for d in raw.get("departments") or [] if d.get("name")]
    return build_job(
        source_type="greenhouse",
        board_token=board.token,
        ats_job_id=str(job_id),
        title=title.strip(),
        company=(raw.get("company_name") or board.token).strip(),
        locations=_locations(raw),
        department=departments[0] if departments else None,
        url=raw.get("absolute_url"),
        apply_url=raw.get("absolute_url"),
        posted_at=parse_time(raw.get("first_published")),
        updated_at=parse_time(raw.get("updated_at")),
        description_html=description_html,
        description_text=html_to_text(description_html),
        structured=StructuredFields(
            workplace_type=_first(metadata, _WORKPLACE_KEYS),
            employment_type=_first(metadata, _EMPLOYMENT_KEYS),
        ),
        extra=extra_fields(raw, _USED),
    )


def _locations(raw: dict[str, Any]) -> list[str]:
    """The job's location name, split; a blank or placeholder name ("N/A") gives the job's offices' names
    instead ("Canada Locations", "US"): the board filed the job under them."""
    name = ((raw.get("location") or {}).get("name") or "").strip()
    if name.lower() in PLACEHOLDERS or not name:
        offices = raw.get("offices") if isinstance(raw.get("offices"), list) else []
        return list(
            dict.fromkeys(n.strip() for o in offices if isinstance(o, dict) and (n := o.get("name") or ""))
        )
    parts = [p for p in _LOCATION_SPLIT.split(name) if p]
    return list(dict.fromkeys(parts))


def _first(metadata: dict[str, Any], keys: set[str]) -> str | None:
    for key in keys:
        value = metadata.get(key)
        if isinstance(value, list):
            value = ", ".join(str(v) for v in value)
        if value:
            return str(value)
    return None


SPEC = AtsSpec(
    source_type="greenhouse",
    api_url="https://boards-api.greenhouse.io",
    eu_api_url="https://boards-api.eu.greenhouse.io",
    list_path="/v1/boards/{token}/jobs",
    list_params={"content": "true"},
    # departments and offices, fetched only when asked (they repeat what jobs carry)
    extra_paths={"departments": "/v1/boards/{token}/departments", "offices": "/v1/boards/{token}/offices"},
    parse=parse,
    not_found_body=b'{"status":404,"error":"Not Found"}',
    posting_url_fields=("absolute_url",),
    junk_segments=frozenset(
        {"embed", "v1", "assets", "static", "images", "javascripts", "stylesheets", "include", "favicon"}
        | {"robots", "sitemap", "job_app", "jobs", "api", "users", "auth", "internal", "cdn-cgi", "_next"}
    ),
)
