"""The `pipeline` flow: scrape boards (fetch, keep raw, normalize, rules, load), index, report."""

from __future__ import annotations

import time
from datetime import UTC, datetime

from prefect import flow, get_run_logger
from prefect.runtime import flow_run
from prefect.task_runners import ThreadPoolTaskRunner

from extractors.reporting.redact import redact_report
from flows.extract import extract
from flows.index import index
from flows.reporting import publish_report
from flows.scrape import scrape
from schemas.errors import JobmineError
from schemas.job import BoardRef
from schemas.report import RunReport
from schemas.settings import Settings
from tasks.discover.registry import valid_boards
from tasks.recovery.recover import guarded_run
from tasks.reporting.report_store import known_secrets
from tasks.resources import open_resources
from tasks.storage.database import Database


@flow(name="pipeline", task_runner=ThreadPoolTaskRunner(max_workers=5))
def pipeline(
    boards: list[str] | None = None,
    settings: Settings | None = None,
    source_types: list[str] | None = None,
) -> RunReport:
    """Run every stage over the given boards (`greenhouse:stripe`, ...), or the registry's valid ones."""
    settings = settings or Settings()
    if boards is None:  # no list given: the discovery registry says which boards are alive
        with Database(settings.pg_dsn) as registry_db:
            refs = valid_boards(registry_db, source_types)
    else:
        refs = list(dict.fromkeys(BoardRef.parse(b) for b in boards))
    run_id = str(flow_run.get_id() or f"local-{int(time.time())}")
    report = RunReport(run_id=run_id, flow="pipeline", started_at=datetime.now(UTC))
    started = time.perf_counter()
    with (
        open_resources(settings) as res,
        guarded_run(res.db, res.settings, run_id, "pipeline", report.started_at) as recovery,
    ):
        report.recovered = recovery.crashed
        report.counts["slots_reclaimed"] = recovery.slots_freed
        # fetch + load is the scrape stage, run as a subflow that writes under this run's id
        scraped = scrape(boards=[str(r) for r in refs], run_id=run_id, settings=res.settings)
        report.timings_s["ingest"] = round(time.perf_counter() - started, 3)
        report.boards = scraped.boards
        report.counts |= scraped.counts
        report.open_circuits, report.dead_letters = scraped.open_circuits, scraped.dead_letters
        mark = time.perf_counter()
        extracted = extract(run_id=run_id, settings=res.settings)
        report.tiers, report.skills = extracted.tiers, extracted.skills
        report.counts |= extracted.counts | {"jobs_extracted_changed": extracted.jobs_changed}
        report.timings_s["extract"] = round(time.perf_counter() - mark, 3)
        mark = time.perf_counter()
        try:  # PostgreSQL holds the run; a search index that is down is caught up next run
            report.counts["jobs_indexed"] = index(settings=res.settings, standalone=False).indexed
        except JobmineError as exc:
            report.counts["jobs_indexed"], report.counts["index_deferred"] = 0, 1
            get_run_logger().warning("indexing deferred to the next run: %s", exc)
        report.timings_s["index"] = round(time.perf_counter() - mark, 3)
        report.timings_s["total"] = round(time.perf_counter() - started, 3)
        report.finished_at = datetime.now(UTC)
        path = publish_report(report, res.settings, res.db)
    get_run_logger().info("run %s: %s; report at %s", run_id, report.counts, path)
    return redact_report(report, known_secrets(settings))  # what callers print is what was published
