"""Trends from PostgreSQL: mark stale postings, refresh the trends view, run the trend queries."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from extractors.trends import shaping
from schemas.settings import Settings
from schemas.trends import Freshness, TrendsReport, TrendsRequest
from tasks.storage.database import Database
from tasks.storage.sql_queries import query

_SQL = "trends/trends.sql"


def _q(name: str) -> str:
    """A trends query with the shared `filtered` subquery spliced in (a fixed fragment, never input)."""
    return query(name, _SQL).replace("/*filtered*/", query("filtered", _SQL))


def _rows(db: Database, name: str, params: dict[str, Any]) -> list[dict[str, Any]]:
    """Planned for these very values: a generic plan of a prepared statement would test every unused
    filter (`NULL IS NULL OR ...`) on every row instead of folding it away. Without JIT: at a million
    postings its cost estimates cross the JIT threshold, and compiling took ~1.1 s of a 1.2 s salary query
    (measured), more than the query it would speed up. Gathering rows from parallel workers priced near
    zero: PostgreSQL guesses a group per posting for the week expressions (a million where there are
    thousands), so it would not aggregate in the workers; with it, a filtered weekly query at a
    million postings went from 681 to 428 ms and rising skills from 520 to 418 ms (scans too small for a
    worker stay serial: `min_parallel_table_scan_size` still applies). work_mem is a cap, not an allocation:
    under the same wrong guess a 64 MB cap made PostgreSQL sort the weekly counts instead of hashing them
    (thousands of groups, a few MB), which cost a third of a weekly-by-skill request."""
    with db.transaction() as conn:
        conn.execute("SET LOCAL jit = off")
        conn.execute("SET LOCAL plan_cache_mode = force_custom_plan")
        conn.execute("SET LOCAL work_mem = '128MB'")
        conn.execute("SET LOCAL parallel_tuple_cost = 0.001")
        conn.execute("SET LOCAL parallel_setup_cost = 0")
        return conn.execute(_q(name), params).fetchall()


def mark_stale(db: Database, stale_after_days: int, now: datetime | None = None) -> int:
    """Set or clear `stale_at` where a posting's state changed; returns the rows written."""
    cutoff = (now or datetime.now(UTC)) - timedelta(days=stale_after_days)
    with db.transaction() as conn:
        return conn.execute(query("mark_stale", _SQL), {"cutoff": cutoff, "days": stale_after_days}).rowcount


def refresh_view(db: Database) -> None:
    """Rebuild `trend_postings` from `jobs`, then `trend_weekly` and `trend_salaries` from it, without
    blocking readers."""
    with db.pool.connection() as conn:
        conn.autocommit = True  # REFRESH ... CONCURRENTLY may not run inside a transaction block
        try:
            conn.execute(query("refresh_trend_postings", _SQL))
            conn.execute(query("refresh_trend_weekly", _SQL))  # built from trend_postings
            conn.execute(query("refresh_trend_salaries", _SQL))  # so is this
        finally:
            conn.autocommit = False


def trends(db: Database, req: TrendsRequest, settings: Settings, now: datetime | None = None) -> TrendsReport:
    """The sections asked for, over the window and filters of `req`."""
    now = now or datetime.now(UTC)
    since, until = shaping.window(req.until, req.weeks, now)
    min_count = req.min_count or settings.trends_min_count
    base = {**shaping.filter_params(req), "since": since, "until": until}
    report = TrendsReport(since=since, until=until, by=req.by, filters=req.filters, min_count=min_count)
    # No filter: the pre-aggregated weekly counts and the narrow salary view give the same answers.
    unfiltered = not req.filters and all(
        v is None for v in (req.salary_min, req.salary_max, req.posted_since)
    )
    if "weekly" in req.sections:
        name = "weekly_unfiltered" if unfiltered else "weekly"
        report.weekly = shaping.weekly_points(_rows(db, name, {**base, "by": req.by, "top": req.top}))
    if "salary" in req.sections:
        rows = _rows(db, "salary_unfiltered" if unfiltered else "salary", base)
        report.salary, report.salary_hidden = shaping.salary_bands(rows, min_count)
    if "time_open" in req.sections:
        rows = _rows(db, "time_open", {**base, "min_count": min_count, "top": req.top})
        report.time_open = shaping.time_open(rows, min_count, req.top)
    if "rising_skills" in req.sections:
        pivot = until - timedelta(weeks=req.period_weeks)
        params = {**base, "pivot": pivot, "since": pivot - timedelta(weeks=req.period_weeks)}
        report.rising_skills = shaping.rising_skills(_rows(db, "rising_skills", params), min_count, req.top)
    if "freshness" in req.sections:
        ghost_before = now - timedelta(days=settings.ghost_after_days)
        row = _rows(db, "freshness", {**base, "ghost_before": ghost_before})[0]
        report.freshness = Freshness(**row)
    return report
