"""The `pipeline` flow: scrape boards (fetch, keep raw, normalize, rules, load), index, alerts, report."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from pathlib import Path

from prefect import flow, get_run_logger
from prefect.runtime import flow_run
from prefect.task_runners import ThreadPoolTaskRunner

from extractors.reporting.redact import redact_report
from flows.alerts import run_alerts_stage
from flows.extract import run_extract
from flows.index import run_index
from flows.scrape import run_scrape
from schemas.errors import JobmineError
from schemas.job import BoardRef
from schemas.report import RunReport
from schemas.settings import Settings
from tasks.discover.registry import valid_boards
from tasks.recovery.recover import guarded_run
from tasks.recovery.runs import claim_flow_run
from tasks.reporting.publish import publish_report
from tasks.reporting.report_store import known_secrets
from tasks.resources import Resources, open_resources


@flow(name="pipeline", task_runner=ThreadPoolTaskRunner(max_workers=5))
def pipeline(
    boards: list[str] | None = None,
    settings: Settings | None = None,
    source_types: list[str] | None = None,
) -> RunReport:
    """Run every stage over the given boards (`greenhouse:stripe`, ...), or the registry's valid ones."""
    claim_flow_run()  # first: a kill from here on leaves a flow run the next run can tell is dead
    settings = settings or Settings()
    run_id = str(flow_run.get_id() or f"local-{int(time.time())}")
    report = RunReport(run_id=run_id, flow="pipeline", started_at=datetime.now(UTC))
    started = time.perf_counter()
    with open_resources(settings) as res:  # the run's one pool, migrations checked once
        if boards is None:  # no list given: the discovery registry says which boards are alive
            refs = valid_boards(res.db, source_types)
        else:
            refs = list(dict.fromkeys(BoardRef.parse(b) for b in boards))
        guard = guarded_run(res.db, res.settings, run_id, "pipeline", report.started_at)
        with guard as recovery:
            report.recovered = recovery.crashed
            report.counts["slots_reclaimed"] = recovery.slots_freed
            path = _stages(res, refs, run_id, report, started)
    get_run_logger().info("run %s: %s; report at %s", run_id, report.counts, path)
    return redact_report(report, known_secrets(settings))  # what callers print is what was published


def _stages(res: Resources, refs: list[BoardRef], run_id: str, report: RunReport, started: float) -> Path:
    """Scrape, extract, index, report: the run's work once it is registered and has recovered."""
    # fetch + load is the scrape stage, writing under this run's id
    scraped = run_scrape(res, refs, run_id=run_id)
    report.timings_s["ingest"] = round(time.perf_counter() - started, 3)
    report.boards = scraped.boards
    report.counts |= scraped.counts
    report.open_circuits, report.dead_letters = scraped.open_circuits, scraped.dead_letters
    mark = time.perf_counter()
    extracted = run_extract(res.db, res.settings, None, run_id)
    report.tiers, report.skills = extracted.tiers, extracted.skills
    report.counts |= extracted.counts | {"jobs_extracted_changed": extracted.jobs_changed}
    report.timings_s["extract"] = round(time.perf_counter() - mark, 3)
    mark = time.perf_counter()
    try:  # PostgreSQL holds the run; a search index that is down is caught up next run
        report.counts["jobs_indexed"] = run_index(res.db, res.index, res.settings).indexed
    except JobmineError as exc:
        report.counts["jobs_indexed"], report.counts["index_deferred"] = 0, 1
        get_run_logger().warning("indexing deferred to the next run: %s", exc)
    report.timings_s["index"] = round(time.perf_counter() - mark, 3)
    mark = time.perf_counter()
    try:  # saved searches hear about what this run indexed; a failure waits for the next run
        alerted = run_alerts_stage(res.db, res.index, res.settings, run_id)
        report.counts["alert_matches"], report.deliveries = alerted.matched, alerted.deliveries
    except JobmineError as exc:
        get_run_logger().warning("alerts deferred to the next run: %s", exc)
    report.timings_s["alerts"] = round(time.perf_counter() - mark, 3)
    report.timings_s["total"] = round(time.perf_counter() - started, 3)
    report.finished_at = datetime.now(UTC)
    return publish_report(report, res.settings, res.db)
