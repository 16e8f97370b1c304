"""SmartRecruiters posting API: `GET /v1/companies/{id}/postings` pages, `/postings/{id}` details.

The fetcher bundles a board as one document: the list items of every page under `content` (the list
page's own shape) and each posting's detail under `details[id]`. A plain list page or a single detail
payload parses too, so a saved response can be read with `jobmine parse`.
"""

from __future__ import annotations

from typing import Any

from extractors.ats.common import build_job, extra_fields, load_json, parse_time, require
from extractors.ats.spec import AtsSpec, Paging
from extractors.text.html_text import html_to_text
from schemas.job import BoardRef, Job, StructuredFields

_SECTIONS = ("companyDescription", "jobDescription", "qualifications", "additionalInformation")
_USED = frozenset({"id", "name", "releasedDate", "postingUrl", "applyUrl", "jobAd", "compensation"})


def parse(body: bytes, board: BoardRef) -> list[Job]:
    """Every posting of a bundle or list page (list fields plus detail), or one detail payload."""
    payload = load_json(body)
    if isinstance(payload, dict) and "content" not in payload and "jobAd" in payload:
        return [_parse_posting(payload, {}, board)]
    items = require(payload, "content", list, "smartrecruiters postings")
    details = payload.get("details") or {}
    return [_parse_posting(item, details.get(str(item.get("id"))) or {}, board) for item in items]


def _parse_posting(item: Any, detail: dict[str, Any], board: BoardRef) -> Job:
    posting_id = str(require(item, "id", str | int, "smartrecruiters posting"))
    raw = {**item, **detail}
    title = require(raw, "name", str, f"smartrecruiters posting {posting_id}")
    location = raw.get("location") or {}
    description_html = _job_ad_html(raw.get("jobAd") or {})
    pay = raw.get("compensation") or {}
    company = (raw.get("company") or {}).get("name") or board.token
    return build_job(
        source_type="smartrecruiters",
        board_token=board.token,
        ats_job_id=posting_id,
        title=title.strip(),
        company=company.strip(),
        locations=[location["fullLocation"]] if location.get("fullLocation") else [],
        department=(raw.get("department") or {}).get("label") or (raw.get("function") or {}).get("label"),
        url=raw.get("postingUrl") or f"https://jobs.smartrecruiters.com/{board.token}/{posting_id}",
        apply_url=raw.get("applyUrl"),
        posted_at=parse_time(raw.get("releasedDate")),
        updated_at=parse_time(raw.get("releasedDate")),
        description_html=description_html,
        description_text=html_to_text(description_html),
        structured=StructuredFields(
            workplace_type=_workplace(location),
            employment_type=(raw.get("typeOfEmployment") or {}).get("label"),
            salary_min=pay.get("min"),
            salary_max=pay.get("max"),
            salary_currency=pay.get("currency"),
            salary_interval=_interval(pay.get("period")),
            country=(location.get("country") or "").upper() or None,
        ),
        extra=extra_fields(raw, _USED),
    )


def _job_ad_html(job_ad: dict[str, Any]) -> str:
    sections = job_ad.get("sections") or {}
    parts = []
    for key in _SECTIONS:
        section = sections.get(key) or {}
        if section.get("text"):
            parts.append(f"<h3>{section.get('title') or ''}</h3>{section['text']}")
    return "\n".join(parts)


def _workplace(location: dict[str, Any]) -> str | None:
    if location.get("remote"):
        return "remote"
    if location.get("hybrid"):
        return "hybrid"
    return "onsite" if location else None


def _interval(period: Any) -> str | None:
    return {"HOURLY": "hour", "DAILY": "day", "WEEKLY": "week", "MONTHLY": "month", "YEARLY": "year"}.get(
        str(period).upper()
    )


SPEC = AtsSpec(
    source_type="smartrecruiters",
    api_url="https://api.smartrecruiters.com",
    list_path="/v1/companies/{token}/postings",
    paging=Paging(
        start_param="offset",
        limit_param="limit",
        items_key="content",
        total_key="totalFound",
        default_limit=100,
    ),
    detail_path="/v1/companies/{token}/postings/{id}",
    jobs_key="content",
    parse=parse,
    not_found_body=b'{"code":"NOT_FOUND","message":"Company not found"}',
    posting_url_fields=("postingUrl",),
)
