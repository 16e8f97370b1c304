"""Stale postings: marked and cleared in PostgreSQL, hidden from search by default, and `GET /trends`."""

from __future__ import annotations

import psycopg
from fastapi.testclient import TestClient

from schemas.search import SearchRequest
from tasks.api.app import create_app
from tasks.search.index import SearchIndex
from tasks.trends.store import mark_stale, refresh_view
from tests.trends.conftest import day, insert


def _row(dsn: str, uid: str) -> tuple:
    with psycopg.connect(dsn) as conn:
        return conn.execute("SELECT stale_at, row_version FROM jobs WHERE job_uid = %s", (uid,)).fetchone()


def test_stale_is_marked_from_the_last_good_fetch_and_cleared_when_the_board_answers(settings, db):
    quiet, fresh = insert(
        settings.pg_dsn,
        [
            {"first_seen": "2026-11-01", "last_seen": "2026-11-10"},
            {"first_seen": "2026-11-01", "last_seen": "2026-11-28"},
        ],
    )
    version = _row(settings.pg_dsn, quiet)[1]
    assert mark_stale(db, 7, now=day("2026-11-29")) == 1
    stale_at, new_version = _row(settings.pg_dsn, quiet)
    assert stale_at == day("2026-11-17") and new_version > version  # the index learns it
    assert _row(settings.pg_dsn, fresh)[0] is None
    assert mark_stale(db, 7, now=day("2026-11-29")) == 0  # idempotent
    with psycopg.connect(settings.pg_dsn) as conn:  # the scrape stage's touch of an unchanged board
        conn.execute("UPDATE jobs SET last_seen_at = %s WHERE job_uid = %s", (day("2026-11-30"), quiet))
    assert _row(settings.pg_dsn, quiet)[0] is None


def test_a_board_fetched_recently_keeps_its_postings_fresh(settings, db):
    (uid,) = insert(
        settings.pg_dsn, [{"company": "Steady", "first_seen": "2026-11-01", "last_seen": "2026-11-10"}]
    )
    with psycopg.connect(settings.pg_dsn) as conn:
        conn.execute(
            "INSERT INTO board_state (source_type, board_token, last_ok_at) VALUES ('greenhouse', 'steady', %s)",
            (day("2026-11-27"),),
        )
    assert mark_stale(db, 7, now=day("2026-11-29")) == 0
    assert _row(settings.pg_dsn, uid)[0] is None


def test_search_hides_stale_postings_unless_asked(settings, db):
    quiet, live = insert(
        settings.pg_dsn,
        [
            {"first_seen": "2026-11-01", "last_seen": "2026-11-02"},
            {"first_seen": "2026-11-01", "last_seen": "2026-11-28"},
        ],
    )
    mark_stale(db, 7, now=day("2026-11-29"))
    index = SearchIndex(settings.os_url, settings.index_alias)
    index.catch_up(db)
    index.client.indices.refresh(index=settings.index_alias)
    default = {h["job_uid"] for h in index.search(SearchRequest(size=50))["hits"]}
    both = {h["job_uid"] for h in index.search(SearchRequest(size=50, include_stale=True))["hits"]}
    assert default == {live} and both == {live, quiet}


def test_trends_endpoint_answers_with_the_report_and_refuses_bad_filters(settings, db):
    insert(
        settings.pg_dsn, [{"first_seen": "2026-11-03"}, {"first_seen": "2026-11-10", "closed": "2026-11-20"}]
    )
    refresh_view(db)
    with TestClient(create_app(settings)) as api:
        resp = api.get(
            "/trends", params={"until": "2026-11-30", "weeks": 4, "section": "weekly", "company": "Xco"}
        )
        assert resp.status_code == 200, resp.text
        body = resp.json()
        assert [(p["opened"], p["closed"]) for p in body["weekly"]] == [(1, 0), (1, 0), (0, 1), (0, 0)]
        assert body["salary"] == [] and body["freshness"] is None
        assert api.get("/trends", params={"by": "colour"}).status_code == 422
