"""Publishing a run report, shared by every flow: a stage run on its own reports just like `pipeline`.

Usage in a flow: `report = new_report("scrape")`, fill `counts` / `tiers` / `timings_s` / `skills` /
`dead_letters`, then `publish_report(report, settings, db)` once at the end.
"""

from __future__ import annotations

import re
import time
from datetime import UTC, datetime
from pathlib import Path

from prefect import get_run_logger, task
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.cache_policies import NO_CACHE
from prefect.runtime import flow_run

from extractors.reporting.views import render, tables
from schemas.report import RunReport
from schemas.settings import Settings
from tasks.recovery import killpoints
from tasks.reporting.report_store import save_report
from tasks.storage.database import Database


def new_report(flow: str) -> RunReport:
    """A report keyed by the current flow run's id (or a local id outside Prefect)."""
    run_id = str(flow_run.get_id() or f"local-{int(time.time() * 1000)}")
    return RunReport(run_id=run_id, flow=flow, started_at=datetime.now(UTC))


@task(name="publish-report", cache_policy=NO_CACHE)
def publish_report(report: RunReport, settings: Settings, db: Database | None = None) -> Path:
    """reports/run_<id>.json, the `runs` row, and the markdown + table artifacts on the flow run."""
    if db is None:
        with Database(settings.pg_dsn) as own:
            return publish_report.fn(report, settings, own)
    killpoints.reached("report")
    clean, path = save_report(settings, db, report)
    prefix = re.sub(r"[^a-z0-9-]+", "-", clean.flow.lower())
    create_markdown_artifact(
        key=f"{prefix}-report", markdown=render(clean), description=f"jobmine {prefix} run report"
    )
    for name, rows in tables(clean).items():
        if rows:
            create_table_artifact(key=f"{prefix}-{name}", table=rows, description=f"jobmine {prefix} {name}")
    if clean.boards:
        create_table_artifact(
            key=f"{prefix}-boards",
            table=[b.model_dump(mode="json") for b in clean.boards],
            description=f"jobmine {prefix} boards this run",
        )
    get_run_logger().info("report of run %s at %s", clean.run_id, path)
    return path
