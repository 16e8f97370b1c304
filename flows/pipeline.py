"""The `pipeline` flow: fetch boards, keep raw payloads, normalize, extract with rules, load, index, report."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.cache_policies import NO_CACHE
from prefect.runtime import flow_run
from prefect.task_runners import ThreadPoolTaskRunner

from extractors import rules
from extractors.ats import parse_board
from extractors.hashing import sha256_bytes
from schemas.errors import FetchError, LoadError, PayloadError
from schemas.job import BoardRef, JobRecord
from schemas.report import BoardOutcome, RunReport, TierCost
from schemas.settings import Settings
from tasks.ats_fetch import fetch_board
from tasks.raw_store import raw_key
from tasks.resources import Resources, open_resources


@dataclass
class BoardResult:
    outcome: BoardOutcome
    counts: dict[str, int] = field(default_factory=dict)


@task(name="ingest-board", cache_policy=NO_CACHE, task_run_name="ingest {board}")
def ingest_board(res: Resources, board: BoardRef, run_id: str, day: date) -> BoardResult:
    """One board, all or nothing in PostgreSQL; bad input is reported, never half-loaded."""
    outcome = BoardOutcome(board=str(board), status="ok")
    counts: dict[str, int] = {}
    stage = "fetch"
    try:
        fetched = fetch_board(res.http, res.settings, board)
        outcome.http_status = fetched.status
        stage = "store_raw"
        digest = sha256_bytes(fetched.body)
        outcome.raw_key = raw_key(board.source_type, board.token, day, digest)
        counts["raw_objects_written"] = int(res.store.put(outcome.raw_key, fetched.body))
        stage = "parse"
        jobs = parse_board(fetched.body, board)
        stage = "extract"
        records = [JobRecord(job=job, extraction=rules.extract(job)) for job in jobs]
        stage = "load"
        result = res.db.upsert_records(records, run_id=run_id, seen_at=datetime.now(UTC))
        outcome.postings = len(records)
        counts |= {
            "postings_fetched": len(records),
            "jobs_inserted": result.inserted,
            "jobs_updated": result.updated,
            "jobs_unchanged": result.unchanged,
        }
    except (FetchError, PayloadError, LoadError) as exc:
        outcome.status, outcome.stage = "failed", stage
        outcome.reason = getattr(exc, "reason", "load_failed")
        outcome.detail = str(exc)[:500]
        outcome.http_status = getattr(exc, "status", None) or outcome.http_status
        get_run_logger().warning("board %s failed at %s: %s", board, stage, exc)
    res.db.record_fetch(
        run_id=run_id,
        source_type=board.source_type,
        board_token=board.token,
        http_status=outcome.http_status,
        payload_sha256=outcome.raw_key.rsplit("/", 1)[-1].removesuffix(".json") if outcome.raw_key else None,
        raw_key=outcome.raw_key,
        postings=outcome.postings,
        status=outcome.status,
        reason=outcome.reason,
        detail=outcome.detail,
    )
    return BoardResult(outcome=outcome, counts=counts)


@task(name="index-jobs", cache_policy=NO_CACHE)
def index_jobs(res: Resources) -> int:
    """Bring OpenSearch up to PostgreSQL's watermark."""
    return res.index.catch_up(res.db)


@task(name="publish-report", cache_policy=NO_CACHE)
def publish_report(res: Resources, report: RunReport) -> str:
    """reports/run_<id>.json, the runs row and the Prefect artifacts."""
    res.settings.reports_dir.mkdir(parents=True, exist_ok=True)
    path = res.settings.reports_dir / f"run_{report.run_id}.json"
    payload = report.to_json()
    path.write_text(payload + "\n")
    res.db.finish_run(report.run_id, report.finished_at or datetime.now(UTC), payload)
    create_markdown_artifact(
        key="run-report", markdown=report.to_markdown(), description="jobmine run report"
    )
    create_table_artifact(
        key="run-boards",
        table=[b.model_dump(mode="json") for b in report.boards],
        description="boards this run",
    )
    return str(path)


@flow(name="pipeline", task_runner=ThreadPoolTaskRunner(max_workers=5))
def pipeline(boards: list[str], settings: Settings | None = None) -> RunReport:
    """Run every stage over the given boards (`greenhouse:stripe`, `lever:palantir`, ...)."""
    settings = settings or Settings()
    refs = list(dict.fromkeys(BoardRef.parse(b) for b in boards))
    run_id = str(flow_run.get_id() or f"local-{int(time.time())}")
    report = RunReport(run_id=run_id, flow="pipeline", started_at=datetime.now(UTC))
    started = time.perf_counter()
    with open_resources(settings) as res:
        res.db.start_run(run_id, "pipeline", report.started_at)
        day = report.started_at.date()
        futures = [ingest_board.submit(res, ref, run_id, day) for ref in refs]
        results = [f.result() for f in futures]
        report.timings_s["ingest"] = round(time.perf_counter() - started, 3)
        report.boards = [r.outcome for r in results]
        report.counts = {
            "boards_requested": len(refs),
            "boards_ok": sum(r.outcome.status == "ok" for r in results),
            "boards_failed": sum(r.outcome.status != "ok" for r in results),
        }
        for r in results:
            for key, value in r.counts.items():
                report.counts[key] = report.counts.get(key, 0) + value
        mark = time.perf_counter()
        report.counts["jobs_indexed"] = index_jobs(res)
        report.timings_s["index"] = round(time.perf_counter() - mark, 3)
        report.tiers = [
            TierCost(tier="rules", postings=report.counts.get("postings_fetched", 0)),
            TierCost(tier="ollama"),
            TierCost(tier="openai"),
        ]
        report.timings_s["total"] = round(time.perf_counter() - started, 3)
        report.finished_at = datetime.now(UTC)
        path = publish_report(res, report)
    get_run_logger().info("run %s: %s; report at %s", run_id, report.counts, path)
    return report
