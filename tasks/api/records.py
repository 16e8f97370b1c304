"""PostgreSQL reads of the API: one job with its history, and skill-name suggestions."""

from __future__ import annotations

from typing import Any

from psycopg import sql

from tasks.storage.database import Database
from tasks.storage.sql_queries import query

# Columns that order a job's snapshots, best first; the scrape stage owns `job_snapshots`.
_SNAPSHOT_ORDER = ("captured_at", "seen_at", "fetched_at", "created_at", "id")


def _all(db: Database, query_name: str, **params: Any) -> list[dict[str, Any]]:
    with db.transaction() as conn:
        return conn.execute(query(query_name, "search/search.sql"), params).fetchall()


def _present(db: Database, table: str) -> bool:
    return bool(_all(db, "table_exists", name=table)[0]["present"])


def job_with_history(db: Database, job_uid: str, history_limit: int = 50) -> dict[str, Any] | None:
    """The current row, plus its snapshots newest first when the snapshot table exists."""
    found = _all(db, "job_by_uid", job_uid=job_uid)
    if not found:
        return None
    job = found[0]
    job["history"] = []
    if _present(db, "job_snapshots"):
        columns = {r["column_name"] for r in _all(db, "table_columns", name="job_snapshots")}
        order = next((c for c in _SNAPSHOT_ORDER if c in columns), None)
        stmt = sql.SQL("SELECT to_jsonb(s) AS snapshot FROM job_snapshots s WHERE s.job_uid = %s {} LIMIT %s")
        stmt = stmt.format(
            sql.SQL("ORDER BY {} DESC").format(sql.Identifier(order)) if order else sql.SQL("")
        )
        with db.transaction() as conn:
            rows = conn.execute(stmt, (job_uid, history_limit)).fetchall()
        job["history"] = [r["snapshot"] for r in rows]
    return job


def suggest_skills(db: Database, prefix: str, limit: int) -> list[dict[str, Any]]:
    """Canonical skills and aliases starting with `prefix` (case-insensitive), shortest first."""
    if not _present(db, "skills"):
        return []
    pattern = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    which = "suggest_skills_and_aliases" if _present(db, "skill_aliases") else "suggest_skills"
    return _all(db, which, pattern=pattern, limit=limit)
