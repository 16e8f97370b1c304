"""Workable account widget API: `GET /api/v1/widget/accounts/{account}?details=true`."""

from __future__ import annotations

from typing import Any

from extractors.ats.common import build_job, extra_fields, load_json, parse_time, require
from extractors.ats.spec import AtsSpec
from extractors.text.html_text import html_to_text
from schemas.job import BoardRef, Job, StructuredFields

_USED = frozenset(
    {"shortcode", "title", "url", "application_url", "published_on", "created_at", "description"}
)


def parse(body: bytes, board: BoardRef) -> list[Job]:
    """Every job of an account payload."""
    payload = load_json(body)
    jobs = require(payload, "jobs", list, "workable account")
    company = str(payload.get("name") or board.token).strip()
    return [_parse_job(raw, board, company) for raw in _one_per_shortcode(jobs)]


def _one_per_shortcode(jobs: list[Any]) -> list[Any]:
    """Workable lists a job once per location (same shortcode, another country): that is one posting whose
    locations are all of theirs, the first listed first; every other field is the first record's."""
    first: dict[str, dict[str, Any]] = {}
    out: list[Any] = []
    for raw in jobs:
        code = raw.get("shortcode") if isinstance(raw, dict) else None
        if isinstance(code, str) and code in first:
            first[code]["locations"].extend(_raw_locations(raw))
            continue
        if isinstance(code, str):  # a copy: the payload's own record is not changed
            raw = first[code] = {**raw, "locations": _raw_locations(raw)}
        out.append(raw)  # a record without a shortcode fails in _parse_job with its own error
    return out


def _raw_locations(raw: dict[str, Any]) -> list[dict[str, Any]]:
    listed = raw.get("locations")
    if isinstance(listed, list) and listed:
        return [loc for loc in listed if isinstance(loc, dict)]
    return [{"city": raw.get("city"), "country": raw.get("country")}]


def _parse_job(raw: Any, board: BoardRef, company: str) -> Job:
    code = require(raw, "shortcode", str, "workable job")
    title = require(raw, "title", str, f"workable job {code}")
    description_html = raw.get("description") or ""
    return build_job(
        source_type="workable",
        board_token=board.token,
        ats_job_id=code,
        title=title.strip(),
        company=company,
        locations=_locations(raw),
        department=raw.get("department") or None,
        url=raw.get("url") or raw.get("shortlink"),
        apply_url=raw.get("application_url") or raw.get("url"),
        posted_at=parse_time(raw.get("published_on") or raw.get("created_at")),
        updated_at=parse_time(raw.get("published_on") or raw.get("created_at")),
        description_html=description_html,
        description_text=html_to_text(description_html),
        structured=StructuredFields(
            workplace_type=_workplace(raw.get("telecommuting")),
            employment_type=raw.get("employment_type") or None,
            country=_country_code(raw),
        ),
        extra=extra_fields(raw, _USED),
    )


def _locations(raw: dict[str, Any]) -> list[str]:
    names = []
    for loc in _raw_locations(raw):
        if loc.get("hidden"):
            continue
        parts = [loc.get("city"), loc.get("region"), loc.get("country")]
        name = ", ".join(str(p) for p in parts if p)
        if name:
            names.append(name)
    return list(dict.fromkeys(names))


def _workplace(telecommuting: Any) -> str | None:
    """Workable's one mode field: `telecommuting` false is its statement that the job is not remote."""
    return {True: "remote", False: "onsite"}.get(telecommuting) if isinstance(telecommuting, bool) else None


def _country_code(raw: dict[str, Any]) -> str | None:
    for loc in raw.get("locations") or []:
        if loc.get("countryCode"):
            return str(loc["countryCode"]).upper()
    return None


SPEC = AtsSpec(
    source_type="workable",
    api_url="https://apply.workable.com",
    list_path="/api/v1/widget/accounts/{token}",
    list_params={"details": "true"},
    parse=parse,
    not_found_body=b'{"error":"Not found"}',
)
