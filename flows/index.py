"""The `index` flow: bring OpenSearch up to PostgreSQL (catch up), or rebuild it behind the alias."""

from __future__ import annotations

import time
from datetime import UTC, datetime

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE

from flows.reporting import new_report, publish_report
from schemas.search import IndexSummary
from schemas.settings import Settings
from tasks.search.index import IndexResult, SearchIndex, pending_jobs
from tasks.storage.database import Database
from tasks.trends.store import mark_stale


@task(name="catch-up-index", cache_policy=NO_CACHE)
def catch_up_index(index: SearchIndex, db: Database) -> IndexResult:
    """Every job changed since the alias's watermark; safe to rerun after any failure."""
    return index.catch_up(db)


@task(name="rebuild-index", cache_policy=NO_CACHE)
def rebuild_index(index: SearchIndex, db: Database) -> IndexResult:
    """A fresh versioned index filled from PostgreSQL, then one atomic alias swap."""
    return index.rebuild(db)


@flow(name="index")
def index(rebuild: bool = False, settings: Settings | None = None, standalone: bool = True) -> IndexSummary:
    """Catch the search index up with PostgreSQL, or rebuild it with no downtime (`rebuild=True`).

    Run on its own it publishes its own report; `pipeline` passes `standalone=False` and reports for it.
    """
    settings = settings or Settings()
    report = new_report("index") if standalone else None
    started = time.perf_counter()
    search = SearchIndex(settings.os_url, settings.index_alias)
    with Database(settings.pg_dsn) as db:
        db.migrate()
        search.check()
        mark_stale(db, settings.stale_after_days)  # a board that went quiet: its postings leave search
        result = rebuild_index(search, db) if rebuild else catch_up_index(search, db)
        pending = pending_jobs(db, result.watermark)
        summary = IndexSummary(
            mode="rebuild" if rebuild else "catch_up",
            indexed=result.indexed,
            watermark=result.watermark,
            index=result.index,
            pending=pending,
        )
        if report is not None:
            report.counts = {"jobs_indexed": summary.indexed, "jobs_pending_index": summary.pending}
            report.timings_s = {"index": round(time.perf_counter() - started, 3)}
            report.finished_at = datetime.now(UTC)
            publish_report(report, settings, db)
    get_run_logger().info("index %s: %s", settings.index_alias, summary.model_dump())
    return summary
