"""Query building is pure: user text lands in one place, cursors round-trip, bad input is named."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from pydantic import ValidationError

from extractors.search.query import build_query, decode_cursor, encode_cursor, parse_filters
from schemas.errors import ConfigError
from schemas.search import SearchRequest

HOSTILE = '{"script": {"source": "1"}} OR _exists_:x'


def test_user_text_only_reaches_simple_query_string():
    body = build_query(SearchRequest(text=HOSTILE, filters={"company": [HOSTILE]}, facets=["skills"]))
    dumped = json.dumps(body)
    assert dumped.count(json.dumps(HOSTILE)[1:-1]) == 2  # the query string and a terms value, nothing else
    assert body["query"]["bool"]["must"][0]["simple_query_string"]["query"] == HOSTILE
    assert {"terms": {"company": [HOSTILE]}} in body["query"]["bool"]["filter"]


def test_filters_ranges_and_closed():
    body = build_query(
        SearchRequest(salary_min=100, salary_max=200, posted_since=datetime(2026, 1, 1, tzinfo=UTC))
    )
    filters = body["query"]["bool"]["filter"]
    assert {"term": {"is_closed": False}} in filters
    dumped = json.dumps(filters)
    assert '{"range": {"salary_max_usd": {"gte": 100}}}' in dumped
    assert '{"range": {"salary_min_usd": {"lte": 200}}}' in dumped
    assert {"range": {"posted_at": {"gte": "2026-01-01T00:00:00+00:00"}}} in filters
    assert {"term": {"is_closed": False}} not in build_query(SearchRequest(include_closed=True))["query"][
        "bool"
    ]["filter"]


def test_cursor_round_trip_and_mismatch():
    token = encode_cursor([1.5, 1700000000000, "greenhouse:a:1"])
    assert decode_cursor(token, "relevance") == [1.5, 1700000000000, "greenhouse:a:1"]
    with pytest.raises(ConfigError, match="'date'-sorted"):
        decode_cursor(token, "date")
    with pytest.raises(ConfigError, match="not a cursor"):
        decode_cursor("%%%", "date")
    with pytest.raises(ConfigError, match="'date'-sorted"):
        decode_cursor(encode_cursor([{"script": 1}, "x"]), "date")


def test_bad_names_and_values_are_named():
    with pytest.raises(ConfigError, match="unknown facet or filter 'colour'"):
        parse_filters(["colour=blue"])
    with pytest.raises(ConfigError, match="NAME=VALUE"):
        parse_filters(["company="])
    with pytest.raises(ConfigError, match="unknown facet or filter 'nope'"):
        build_query(SearchRequest(facets=["nope"]))
    with pytest.raises(ValidationError, match="salary_min"):
        SearchRequest(salary_min=5, salary_max=1)
    with pytest.raises(ValidationError, match="at most 1000"):
        SearchRequest(text="x" * 1001)
