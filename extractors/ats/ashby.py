"""Ashby posting API: `GET /posting-api/job-board/{name}?includeCompensation=true`."""

from __future__ import annotations

import re
from typing import Any

from extractors.ats.common import build_job, company_from_token, extra_fields, load_json, parse_time, require
from extractors.ats.spec import AtsSpec
from extractors.fields.locations import COUNTRIES
from extractors.text.html_text import html_to_text
from schemas.job import BoardRef, Job, StructuredFields

_INTERVALS = {"1 YEAR": "year", "1 MONTH": "month", "1 WEEK": "week", "1 DAY": "day", "1 HOUR": "hour"}
_USED = frozenset(
    {"id", "title", "department", "location", "publishedAt", "updatedAt", "jobUrl", "applyUrl"}
    | {"descriptionHtml", "descriptionPlain"}
)


def parse(body: bytes, board: BoardRef) -> list[Job]:
    """Every posting of a board payload, unlisted ones included (the API marks them `isListed`)."""
    payload = load_json(body)
    jobs = require(payload, "jobs", list, "ashby board")
    return [_parse_job(raw, board) for raw in jobs]


def _parse_job(raw: Any, board: BoardRef) -> Job:
    job_id = require(raw, "id", str, "ashby job")
    title = require(raw, "title", str, f"ashby job {job_id}")
    description_html = raw.get("descriptionHtml") or ""
    salary = _salary(raw.get("compensation") or {})
    # `isRemote` alone is not a mode: Ashby sets it for hybrid roles too (it stays in `extra`)
    workplace = raw.get("workplaceType") or None
    return build_job(
        source_type="ashby",
        board_token=board.token,
        ats_job_id=job_id,
        title=title.strip(),
        company=company_from_token(board.token),
        locations=_locations(raw),
        department=raw.get("department") or raw.get("team"),
        url=raw.get("jobUrl"),
        apply_url=raw.get("applyUrl"),
        posted_at=parse_time(raw.get("publishedAt")),
        updated_at=parse_time(raw.get("updatedAt") or raw.get("publishedAt")),
        description_html=description_html,
        description_text=html_to_text(description_html)
        if description_html
        else raw.get("descriptionPlain") or "",
        structured=StructuredFields(
            workplace_type=workplace,
            employment_type=raw.get("employmentType"),
            country=_country(raw),
            **salary,
        ),
        extra=extra_fields(raw, _USED),
    )


def _locations(raw: dict[str, Any]) -> list[str]:
    names = [raw.get("location")] + [s.get("location") for s in raw.get("secondaryLocations") or []]
    return list(dict.fromkeys(str(n).strip() for n in names if n))


def _country(raw: dict[str, Any]) -> str | None:
    """The primary location's country as an ISO code: Ashby often spells it out ("United States")."""
    address = ((raw.get("address") or {}).get("postalAddress") or {}).get("addressCountry")
    if not address:
        return None
    name = str(address).strip()
    return name.upper() if len(name) == 2 else COUNTRIES.get(name.lower())


_OTE = re.compile(r"\bOTE\b|on[- ]target", re.IGNORECASE)


def _salary(compensation: dict[str, Any]) -> dict[str, Any]:
    """The salary component of the summary (or of the first tier): Ashby's own structured range."""
    tiers = compensation.get("compensationTiers") or [{}]
    if any(_OTE.search(str(c.get("summary") or "")) for t in tiers for c in t.get("components") or []):
        return {}  # on-target earnings (base plus commission) are not base pay
    components = compensation.get("summaryComponents") or tiers[0].get("components") or []
    for c in components:
        if c.get("compensationType") == "Salary" and (c.get("minValue") or c.get("maxValue")):
            return {
                "salary_min": c.get("minValue"),
                "salary_max": c.get("maxValue"),
                "salary_currency": c.get("currencyCode"),
                "salary_interval": _INTERVALS.get(str(c.get("interval")), c.get("interval")),
            }
    return {}


SPEC = AtsSpec(
    source_type="ashby",
    api_url="https://api.ashbyhq.com",
    list_path="/posting-api/job-board/{token}",
    list_params={"includeCompensation": "true"},
    parse=parse,
    not_found_body=b'{"success":false,"errorInfo":{"code":"job_board_not_found"}}',
    posting_url_fields=("jobUrl",),
    junk_segments=frozenset(
        {"api", "_next", "static", "assets", "favicon", "robots", "sitemap", "cdn-cgi", "embed"}
    ),
    case_sensitive_tokens=True,  # organization names are case-sensitive: kept as written
)
