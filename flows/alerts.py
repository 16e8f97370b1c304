"""The `alerts` flow: after an index run, tell each saved search about the postings that newly match it."""

from __future__ import annotations

import time
from datetime import UTC, datetime

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE

from flows.reporting import new_report, publish_report
from schemas.alerts import AlertsSummary
from schemas.settings import Settings
from tasks.alerts.run import run_alerts
from tasks.search.index import SearchIndex
from tasks.storage.database import Database


@task(name="deliver-alerts", cache_policy=NO_CACHE)
def deliver_alerts(db: Database, index: SearchIndex, settings: Settings, run_id: str) -> AlertsSummary:
    """New matches claimed, webhooks sent; safe to rerun (each posting alerts a search at most once)."""
    return run_alerts(db, index, settings, run_id)


@flow(name="alerts")
def alerts(
    settings: Settings | None = None, run_id: str | None = None, standalone: bool = True
) -> AlertsSummary:
    """Check every saved search against the index; `pipeline` runs it after `index` with `standalone=False`."""
    settings = settings or Settings()
    report = new_report("alerts") if standalone else None
    started = time.perf_counter()
    index = SearchIndex(settings.os_url, settings.index_alias)
    with Database(settings.pg_dsn) as db:
        db.migrate()
        index.check()
        summary = deliver_alerts(db, index, settings, run_id or (report.run_id if report else "alerts"))
        if report is not None:
            report.counts = {"alert_searches": summary.searches, "alert_matches": summary.matched}
            report.deliveries = summary.deliveries
            report.timings_s = {"alerts": round(time.perf_counter() - started, 3)}
            report.finished_at = datetime.now(UTC)
            publish_report(report, settings, db)
    get_run_logger().info("alerts: %s", summary.model_dump())
    return summary
