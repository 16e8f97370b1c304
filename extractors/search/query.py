"""Building OpenSearch queries from what a user asks; user text never becomes raw DSL.

The user's words go only into `simple_query_string` (which never raises on bad syntax); every other
parameter is a typed value placed into a fixed query shape.
"""

from __future__ import annotations

import base64
import binascii
import json
from typing import Any

from schemas.errors import ConfigError
from schemas.search import SearchRequest

# Public facet/filter names -> index fields.
FACET_FIELDS: dict[str, str] = {
    "company": "company",
    "source": "source_type",
    "source_type": "source_type",
    "board": "board_token",
    "department": "department",
    "seniority": "seniority",
    "job_function": "job_function",
    "remote_type": "remote_type",
    "employment_type": "employment_type",
    "country": "countries",
    "region": "regions",
    "city": "cities",
    "location": "locations",
    "skills": "skills",
    "tools": "tools",
}
DEFAULT_FACETS = (
    "company",
    "source",
    "seniority",
    "job_function",
    "remote_type",
    "employment_type",
    "country",
    "region",
    "city",
    "skills",
    "tools",
)
TEXT_FIELDS = ["title^4", "company.text^2", "skills.text^2", "tools.text", "summary^1.5", "description"]
SORTS: dict[str, list[Any]] = {
    "relevance": ["_score", {"posted_at": {"order": "desc", "missing": "_last"}}, {"job_uid": "asc"}],
    "date": [{"posted_at": {"order": "desc", "missing": "_last"}}, {"job_uid": "asc"}],
    "salary": [{"salary_top_usd": {"order": "desc", "missing": "_last"}}, {"job_uid": "asc"}],
}
HIT_FIELDS = (
    "title",
    "company",
    "locations",
    "countries",
    "remote_type",
    "employment_type",
    "seniority",
    "job_function",
    "skills",
    "salary_min_usd",
    "salary_max_usd",
    "salary_currency",
    "salary_interval",
    "posted_at",
    "first_seen_at",
    "closed_at",
    "url",
)


def parse_filters(pairs: list[str]) -> dict[str, list[str]]:
    """`["source=greenhouse", "seniority=senior"]` -> {"source": ["greenhouse"], ...}."""
    out: dict[str, list[str]] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not value.strip():
            raise ConfigError(f"filter {pair!r} must look like NAME=VALUE")
        out.setdefault(field_name(name.strip()), []).append(value.strip())
    return out


def field_name(name: str) -> str:
    """The public name itself, once checked; raises `ConfigError` naming the choices."""
    if name not in FACET_FIELDS:
        raise ConfigError(f"unknown facet or filter {name!r}; choose from {sorted(FACET_FIELDS)}")
    return name


def encode_cursor(sort_values: list[Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(sort_values, separators=(",", ":")).encode()).decode()


def decode_cursor(token: str, sort: str) -> list[Any]:
    """A `search_after` cursor back into sort values; anything else is a clear error, never DSL."""
    try:
        values = json.loads(base64.urlsafe_b64decode(token.encode("ascii")))
    except (UnicodeEncodeError, binascii.Error, ValueError) as exc:
        raise ConfigError("search_after is not a cursor returned by a previous page") from exc
    ok = isinstance(values, list) and len(values) == len(SORTS[sort])
    if not ok or not all(v is None or isinstance(v, str | int | float) for v in values):
        raise ConfigError(f"search_after is not a cursor of a {sort!r}-sorted page")
    return values


def build_filters(req: SearchRequest) -> list[dict[str, Any]]:
    filters: list[dict[str, Any]] = [
        {"terms": {FACET_FIELDS[field_name(n)]: values}}
        for n, values in sorted(req.filters.items())
        if values
    ]
    if not req.include_closed:
        filters.append({"term": {"is_closed": False}})
    if not req.include_stale:  # must_not: documents indexed before the field existed still match
        filters.append({"bool": {"must_not": {"term": {"is_stale": True}}}})
    filters += _salary_filters(req)
    if req.posted_since is not None:
        filters.append({"range": {"posted_at": {"gte": req.posted_since.isoformat()}}})
    if req.first_seen_after is not None:
        filters.append({"range": {"first_seen_at": {"gt": req.first_seen_after.isoformat()}}})
    if req.row_version_after is not None:
        filters.append({"range": {"row_version": {"gt": req.row_version_after}}})
    return filters


def _salary_filters(req: SearchRequest) -> list[dict[str, Any]]:
    """Salary bounds, and whether postings that state no pay pass them (see `UndisclosedPay`). An open range
    ("up to $150k": no minimum; "from $60k": no maximum) is read with its missing bound equal to the stated
    one, as the trends do: "up to $150k" tops at $150k, "from $60k" starts and tops at $60k."""
    bounds: list[dict[str, Any]] = []
    if req.salary_min is not None:
        bounds.append(_bound("salary_max_usd", "salary_min_usd", {"gte": req.salary_min}))
    if req.salary_max is not None:
        bounds.append(_bound("salary_min_usd", "salary_max_usd", {"lte": req.salary_max}))
    stated = [{"exists": {"field": "salary_max_usd"}}, {"exists": {"field": "salary_min_usd"}}]
    no_pay = {"bool": {"must_not": stated}}
    if req.undisclosed_pay == "exclude":
        return [*bounds, {"bool": {"should": stated, "minimum_should_match": 1}}]
    if req.undisclosed_pay == "include" and bounds:
        return [{"bool": {"should": [{"bool": {"filter": bounds}}, no_pay], "minimum_should_match": 1}}]
    return bounds


def _bound(field: str, other: str, limit: dict[str, int]) -> dict[str, Any]:
    """`field` within `limit`, or, where the posting left `field` open, `other` within it."""
    open_side = {"bool": {"must_not": [{"exists": {"field": field}}], "filter": [{"range": {other: limit}}]}}
    return {"bool": {"should": [{"range": {field: limit}}, open_side], "minimum_should_match": 1}}


def build_exclusions(req: SearchRequest) -> list[dict[str, Any]]:
    return [
        {"terms": {FACET_FIELDS[field_name(n)]: values}}
        for n, values in sorted(req.exclude.items())
        if values
    ]


def build_query(req: SearchRequest) -> dict[str, Any]:
    """The search body: simple_query_string for text, typed filters, a terms aggregation per facet."""
    must: list[dict[str, Any]] = []
    if req.text.strip():
        must.append(
            {
                "simple_query_string": {
                    "query": req.text,
                    "fields": TEXT_FIELDS,
                    "default_operator": "and",
                    "lenient": True,
                    "flags": "AND|OR|NOT|PHRASE|PREFIX|PRECEDENCE|WHITESPACE|ESCAPE",
                }
            }
        )
    body: dict[str, Any] = {
        "query": {
            "bool": {
                "must": must or [{"match_all": {}}],
                "filter": build_filters(req),
                "must_not": build_exclusions(req),
            }
        },
        "size": req.size,
        "track_total_hits": True,
        "sort": SORTS[req.sort],
        "_source": ["job_uid", *HIT_FIELDS],
    }
    if req.search_after:
        body["search_after"] = decode_cursor(req.search_after, req.sort)
    if req.facets:
        body["aggs"] = {
            name: {"terms": {"field": FACET_FIELDS[field_name(name)], "size": req.facet_size}}
            for name in dict.fromkeys(req.facets)
        }
    return body


def parse_response(resp: dict[str, Any], size: int) -> dict[str, Any]:
    """Hits, facet counts and the cursor of the next page (None on the last page)."""
    raw_hits = resp["hits"]["hits"]
    hits = [
        {"job_uid": h["_id"], "score": h.get("_score"), **{k: h["_source"].get(k) for k in HIT_FIELDS}}
        for h in raw_hits
    ]
    facets = {
        name: {b["key"]: b["doc_count"] for b in agg["buckets"]}
        for name, agg in (resp.get("aggregations") or {}).items()
    }
    cursor = encode_cursor(raw_hits[-1]["sort"]) if raw_hits and len(raw_hits) >= size > 0 else None
    return {"total": resp["hits"]["total"]["value"], "hits": hits, "facets": facets, "next": cursor}


def _first_stated(*values: int | None) -> int | None:
    return next((v for v in values if v is not None), None)


def job_document(row: dict[str, Any]) -> dict[str, Any]:
    """The indexed document of a `jobs` row."""
    countries = list(row["countries"] or [])
    if row["country"] and row["country"] not in countries:
        countries.append(row["country"])  # the rules tier's country until extraction fills `countries`
    return {
        "job_uid": row["job_uid"],
        "source_type": row["source_type"],
        "board_token": row["board_token"],
        "ats_job_id": row["ats_job_id"],
        "company": row["company"],
        "title": row["title"],
        "department": row["department"],
        "locations": list(row["locations"] or []),
        "country": row["country"],
        "countries": countries,
        "regions": list(row["regions"] or []),
        "cities": list(row["cities"] or []),
        "remote_type": row["remote_type"],
        "employment_type": row["employment_type"],
        "seniority": row["seniority"],
        "job_function": row["job_function"],
        "skills": list(row["skills"] or []),
        "tools": list(row["tools"] or []),
        "years_experience_min": row["years_experience_min"],
        "salary_min_usd": row["salary_min_usd"],
        "salary_max_usd": row["salary_max_usd"],
        # What a sort by pay reads: the top of the stated range, or its floor when only a floor is stated ("from
        # $150k" ranks with the ranges that reach $150k, not after every range).
        "salary_top_usd": _first_stated(row["salary_max_usd"], row["salary_min_usd"]),
        "salary_currency": row["salary_currency"],
        "salary_interval": row["salary_interval"],
        "salary_min": row["salary_min"],
        "salary_max": row["salary_max"],
        "posted_at": _iso(row["posted_at"]),
        "first_seen_at": _iso(row["first_seen_at"]),
        "updated_at": _iso(row["updated_at"]),
        "closed_at": _iso(row["closed_at"]),
        "is_closed": row["closed_at"] is not None,
        "is_stale": row.get("stale_at") is not None,
        "url": row["url"],
        "summary": row["summary"],
        "description": row["description_text"],
        "content_hash": row["content_hash"],
        "row_version": row["row_version"],
    }


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None
