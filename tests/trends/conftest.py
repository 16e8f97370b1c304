"""Synthetic posting histories written straight into `jobs`, so every trend has a known right answer."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime
from typing import Any

import psycopg

_ids = itertools.count(1)


def day(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def add_job(conn: psycopg.Connection[Any], company: str = "Xco", **fields: Any) -> str:
    """One posting; `first_seen` / `closed` / `last_seen` take ISO dates, other keys are `jobs` columns."""
    n = next(_ids)
    token = company.lower().replace(" ", "")
    uid = f"greenhouse:{token}:{n}"
    first_seen = day(fields.pop("first_seen", "2026-11-03"))
    closed = fields.pop("closed", None)
    last_seen = fields.pop("last_seen", None)
    row = {
        "job_uid": uid,
        "source_type": "greenhouse",
        "board_token": token,
        "ats_job_id": str(n),
        "title": fields.pop("title", f"Role {n}"),
        "company": company,
        "content_hash": f"c{n}",
        "record_hash": f"r{n}",
        "first_seen_at": first_seen,
        "last_seen_at": day(last_seen) if last_seen else (day(closed) if closed else first_seen),
        "job_function": "engineering",
        "seniority": "senior",
        "countries": ["US"],
        **fields,
    }
    cols = ", ".join(row)
    marks = ", ".join(f"%({c})s" for c in row)
    conn.execute(f"INSERT INTO jobs ({cols}) VALUES ({marks})", row)
    if closed:  # closing is an update, as the scrape stage does it, so the ledger trigger sees it
        conn.execute("UPDATE jobs SET closed_at = %s WHERE job_uid = %s", (day(closed), uid))
    return uid


def insert(dsn: str, jobs: list[dict[str, Any]]) -> list[str]:
    with psycopg.connect(dsn) as conn:
        return [add_job(conn, **job) for job in jobs]
