"""The `trends` flow (weekly): mark stale postings, refresh the trends view, publish the report and charts."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.cache_policies import NO_CACHE

from extractors.trends.views import to_markdown, weekly_table
from schemas.settings import Settings
from schemas.trends import TrendsReport, TrendsRequest
from tasks.storage.database import Database
from tasks.trends import store
from tasks.trends.publish import report_folder, write_report


@task(name="refresh-freshness", cache_policy=NO_CACHE)
def refresh_freshness(db: Database, settings: Settings, now: datetime) -> int:
    """Stale marks first (the view reads them), then the view itself; both idempotent."""
    marked = store.mark_stale(db, settings.stale_after_days, now=now)
    store.refresh_view(db)
    return marked


@task(name="compute-trends", cache_policy=NO_CACHE)
def compute_trends(db: Database, req: TrendsRequest, settings: Settings, now: datetime) -> TrendsReport:
    return store.trends(db, req, settings, now=now)


@task(name="publish-trends", cache_policy=NO_CACHE)
def publish_trends(report: TrendsReport, folder: Path) -> tuple[Path, list[Path]]:
    """Files under reports/, then a markdown artifact linking the charts and a table of the weeks."""
    markdown, charts = write_report(report, folder)
    create_markdown_artifact(
        key="trends-report",
        markdown=to_markdown(report, [c.resolve().as_uri() for c in charts]),
        description="jobmine weekly hiring trends",
    )
    create_table_artifact(key="trends-weekly", table=weekly_table(report), description="postings per week")
    return markdown, charts


@flow(name="trends")
def trends(
    request: TrendsRequest | None = None, settings: Settings | None = None, now: datetime | None = None
) -> TrendsReport:
    """Weekly hiring trends over the filters of `request` (default: everything, 12 weeks to now)."""
    settings = settings or Settings()
    now = now or datetime.now(UTC)
    req = request or TrendsRequest()
    with Database(settings.pg_dsn) as db:
        db.migrate()
        marked = refresh_freshness(db, settings, now)
        report = compute_trends(db, req, settings, now)
    markdown, charts = publish_trends(report, report_folder(settings.reports_dir, report))
    get_run_logger().info("trends: %d stale marks changed; report %s; charts %s", marked, markdown, charts)
    return report
