"""Saved searches in PostgreSQL: create, read, delete, and the matches their feeds show."""

from __future__ import annotations

import secrets
from typing import Any

from psycopg.types.json import Jsonb

from schemas.alerts import SavedSearch
from schemas.search import SearchRequest
from tasks.storage.database import Database
from tasks.storage.sql_queries import query

SQL = "alerts/alerts.sql"


def q(name: str) -> str:
    return query(name, SQL)


def _search(row: dict[str, Any]) -> SavedSearch:
    return SavedSearch.model_validate({**row, "request": SearchRequest.model_validate(row["request"])})


def create_search(
    db: Database,
    name: str,
    request: SearchRequest,
    query_string: str,
    webhook_url: str | None,
    mark: int,
) -> SavedSearch:
    """A new saved search with random id, feed token and signing secret; `mark` is the index watermark
    now, so postings already searchable when it was saved never alert."""
    stored = request.model_copy(update={"search_after": None, "facets": [], "size": 10})
    params = {
        "id": secrets.token_urlsafe(18),
        "feed_token": secrets.token_urlsafe(18),
        "name": name.strip(),
        "query_string": query_string,
        "request": Jsonb(stored.model_dump(mode="json")),
        "webhook_url": webhook_url or None,
        "secret": secrets.token_hex(32),
        "mark": mark,
    }
    with db.transaction() as conn:
        conn.execute(q("insert_search"), params)
    found = get_search(db, params["id"])
    assert found is not None
    return found


def get_search(db: Database, search_id: str) -> SavedSearch | None:
    with db.transaction() as conn:
        row = conn.execute(q("search_by_id"), {"id": search_id}).fetchone()
    return _search(row) if row else None


def all_searches(db: Database) -> list[SavedSearch]:
    with db.transaction() as conn:
        return [_search(r) for r in conn.execute(q("all_searches")).fetchall()]


def delete_search(db: Database, search_id: str) -> bool:
    with db.transaction() as conn:
        return conn.execute(q("delete_search"), {"id": search_id}).rowcount > 0


def search_by_feed(db: Database, feed_token: str) -> dict[str, Any] | None:
    with db.transaction() as conn:
        return conn.execute(q("search_by_feed"), {"feed_token": feed_token}).fetchone()


def feed_entries(db: Database, search_id: str, limit: int = 50) -> list[dict[str, Any]]:
    with db.transaction() as conn:
        return conn.execute(q("feed_entries"), {"search_id": search_id, "limit": limit}).fetchall()


def deliveries_of(db: Database, search_id: str, limit: int = 50) -> list[dict[str, Any]]:
    with db.transaction() as conn:
        return conn.execute(q("deliveries_of"), {"search_id": search_id, "limit": limit}).fetchall()
