"""The `alerts` flow: after an index run, tell each saved search about the postings that newly match it."""

from __future__ import annotations

import time
from datetime import UTC, datetime

from prefect import flow, get_run_logger

from schemas.alerts import AlertsSummary
from schemas.settings import Settings
from tasks.alerts.alerts_task import deliver_alerts
from tasks.reporting.publish import new_report, publish_report
from tasks.resources import open_database
from tasks.search.index import SearchIndex
from tasks.storage.database import Database


@flow(name="alerts")
def alerts(settings: Settings | None = None, run_id: str | None = None) -> AlertsSummary:
    """Check every saved search against the index and publish this run's report."""
    settings = settings or Settings()
    index = SearchIndex(settings.os_url, settings.index_alias)
    with open_database(settings) as db:
        index.check()
        return run_alerts_stage(db, index, settings, run_id, standalone=True)


def run_alerts_stage(
    db: Database, index: SearchIndex, settings: Settings, run_id: str | None, standalone: bool = False
) -> AlertsSummary:
    """The alerts stage on the run's resources; `pipeline` calls it after `index` with its own."""
    report = new_report("alerts") if standalone else None
    started = time.perf_counter()
    summary = deliver_alerts(db, index, settings, run_id or (report.run_id if report else "alerts"))
    if report is not None:
        report.counts = {"alert_searches": summary.searches, "alert_matches": summary.matched}
        report.deliveries = summary.deliveries
        report.timings_s = {"alerts": round(time.perf_counter() - started, 3)}
        report.finished_at = datetime.now(UTC)
        publish_report(report, settings, db)
    get_run_logger().info("alerts: %s", summary.model_dump())
    return summary
