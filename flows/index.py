"""The `index` flow: bring OpenSearch up to PostgreSQL (catch up), or rebuild it behind the alias."""

from __future__ import annotations

import time
from datetime import UTC, datetime

from prefect import flow, get_run_logger

from schemas.progress import Progress
from schemas.search import IndexSummary
from schemas.settings import Settings
from tasks.reporting.publish import new_report, publish_report
from tasks.resources import open_database
from tasks.search.index import SearchIndex, pending_jobs
from tasks.search.index_tasks import catch_up_index, rebuild_index
from tasks.storage.database import Database


@flow(name="index")
def index(
    rebuild: bool = False,
    settings: Settings | None = None,
    standalone: bool = True,
    progress: Progress | None = None,
) -> IndexSummary:
    """Catch the search index up with PostgreSQL, or rebuild it with no downtime (`rebuild=True`).

    Run on its own it publishes its own report; `pipeline` calls `run_index` with its own resources.
    """
    settings = settings or Settings()
    search = SearchIndex(settings.os_url, settings.index_alias)
    with open_database(settings) as db:
        search.check()
        return run_index(db, search, settings, rebuild, standalone, progress)


def run_index(
    db: Database,
    search: SearchIndex,
    settings: Settings,
    rebuild: bool = False,
    standalone: bool = False,
    progress: Progress | None = None,
) -> IndexSummary:
    """The index stage on the run's database and search client; `standalone` publishes its own report."""
    report = new_report("index") if standalone else None
    started = time.perf_counter()
    result = rebuild_index(search, db, progress) if rebuild else catch_up_index(search, db, progress)
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
