"""Building OpenSearch queries from what a user asks; user text never becomes raw DSL."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from schemas.errors import ConfigError

# User-facing facet/filter names -> index fields.
FACET_FIELDS: dict[str, str] = {
    "source": "source_type",
    "source_type": "source_type",
    "board": "board_token",
    "company": "company",
    "department": "department",
    "country": "country",
    "location": "locations",
    "remote_type": "remote_type",
    "employment_type": "employment_type",
    "seniority": "seniority",
}
TEXT_FIELDS = ["title^3", "company.text^2", "locations.text", "description"]
MAX_QUERY_CHARS = 1000


@dataclass
class SearchRequest:
    """A search as the CLI or API receives it."""

    text: str = ""
    filters: dict[str, list[str]] = field(default_factory=dict)
    facets: list[str] = field(default_factory=list)
    size: int = 10
    facet_size: int = 20


def parse_filters(pairs: list[str]) -> dict[str, list[str]]:
    """`["source=greenhouse", "seniority=senior"]` -> {"source": ["greenhouse"], ...}."""
    out: dict[str, list[str]] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not value:
            raise ConfigError(f"filter {pair!r} must look like NAME=VALUE")
        out.setdefault(_field_name(name.strip()), []).append(value.strip())
    return out


def _field_name(name: str) -> str:
    if name not in FACET_FIELDS:
        raise ConfigError(f"unknown facet or filter {name!r}; choose from {sorted(FACET_FIELDS)}")
    return name


def build_query(req: SearchRequest) -> dict[str, Any]:
    """The search body: simple_query_string for text, term filters, a terms aggregation per facet."""
    if len(req.text) > MAX_QUERY_CHARS:
        raise ConfigError(f"query text is {len(req.text)} characters; the limit is {MAX_QUERY_CHARS}")
    must: list[dict[str, Any]] = []
    if req.text.strip():
        must.append(
            {
                "simple_query_string": {
                    "query": req.text,
                    "fields": TEXT_FIELDS,
                    "default_operator": "and",
                    "lenient": True,
                }
            }
        )
    filters = [{"terms": {FACET_FIELDS[_field_name(n)]: values}} for n, values in sorted(req.filters.items())]
    body: dict[str, Any] = {
        "query": {"bool": {"must": must or [{"match_all": {}}], "filter": filters}},
        "size": req.size,
        "track_total_hits": True,
        "sort": ["_score", {"posted_at": {"order": "desc", "missing": "_last"}}, {"job_uid": "asc"}],
    }
    if req.facets:
        body["aggs"] = {
            name: {"terms": {"field": FACET_FIELDS[_field_name(name)], "size": req.facet_size}}
            for name in req.facets
        }
    return body


def parse_response(resp: dict[str, Any]) -> dict[str, Any]:
    """Hits and facet counts in the shape the CLI prints."""
    hits = [
        {
            "job_uid": h["_id"],
            "score": h.get("_score"),
            **{
                k: h["_source"].get(k)
                for k in (
                    "title",
                    "company",
                    "locations",
                    "remote_type",
                    "seniority",
                    "salary_min_usd",
                    "salary_max_usd",
                    "url",
                )
            },
        }
        for h in resp["hits"]["hits"]
    ]
    facets = {
        name: {b["key"]: b["doc_count"] for b in agg["buckets"]}
        for name, agg in (resp.get("aggregations") or {}).items()
    }
    return {"total": resp["hits"]["total"]["value"], "hits": hits, "facets": facets}


def job_document(row: dict[str, Any]) -> dict[str, Any]:
    """The indexed document of a `jobs` row; it holds nothing that changes without the content changing."""
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
        "remote_type": row["remote_type"],
        "employment_type": row["employment_type"],
        "seniority": row["seniority"],
        "salary_min_usd": row["salary_min_usd"],
        "salary_max_usd": row["salary_max_usd"],
        "salary_currency": row["salary_currency"],
        "posted_at": row["posted_at"].isoformat() if row["posted_at"] else None,
        "updated_at": row["updated_at"].isoformat() if row["updated_at"] else None,
        "url": row["url"],
        "description": row["description_text"],
        "content_hash": row["content_hash"],
        "row_version": row["row_version"],
    }
