"""The `export` flow (daily): today's postings snapshot and the recent event ledger, as files."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_table_artifact
from prefect.cache_policies import NO_CACHE

from schemas.export import ExportSummary
from schemas.settings import Settings
from tasks.export.run import export_ledger, export_postings
from tasks.export.writer import ExportFormat
from tasks.storage.database import Database
from tasks.trends.store import mark_stale


@task(name="export-postings", cache_policy=NO_CACHE)
def postings_task(db: Database, settings: Settings, target: str, fmt: ExportFormat) -> ExportSummary:
    mark_stale(db, settings.stale_after_days)  # liveness in the snapshot is today's
    return export_postings(db, settings, target, fmt)


@task(name="export-ledger", cache_policy=NO_CACHE)
def ledger_task(
    db: Database, settings: Settings, target: str, since: datetime, fmt: ExportFormat
) -> ExportSummary:
    return export_ledger(db, settings, target, since, fmt)


@flow(name="export")
def export(
    target: str | None = None,
    since_days: int = 2,
    fmt: ExportFormat = "parquet",
    settings: Settings | None = None,
) -> list[ExportSummary]:
    """Postings snapshot plus the ledger of the last `since_days` days (whole days, rewritten: a rerun or a
    late day is safe) to `target` (default `JOBMINE_EXPORT_DIR`)."""
    settings = settings or Settings()
    target = target or settings.export_dir
    since = datetime.now(UTC) - timedelta(days=since_days)
    with Database(settings.pg_dsn) as db:
        db.migrate()
        done = [postings_task(db, settings, target, fmt), ledger_task(db, settings, target, since, fmt)]
    create_table_artifact(
        key="export",
        table=[{k: v for k, v in s.model_dump().items() if k != "partitions"} for s in done],
        description="jobmine dataset export",
    )
    get_run_logger().info("export to %s: %s", target, {s.dataset: s.rows for s in done})
    return done
