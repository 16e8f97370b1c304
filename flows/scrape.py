"""The `scrape` flow: boards in, postings with their history in PostgreSQL, a report out.

Boards come from the arguments or, by default, from the registry of valid boards, as a stream. They are
cut into chunks (one Prefect task run each) and, with `shards`, into shards that can each run as their
own deployment run on a work pool; the per-host limits live on the Prefect server and hold across all.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

from prefect import flow, get_run_logger
from prefect.futures import PrefectFuture
from prefect.runtime import flow_run

from extractors.scrape.sharding import chunked, shard_of
from schemas.job import SOURCE_TYPES, BoardRef
from schemas.progress import Progress, notify
from schemas.report import RunReport
from schemas.settings import Settings
from tasks.http.polite import polite_client
from tasks.recovery.recover import guarded_run
from tasks.recovery.runs import claim_flow_run
from tasks.resources import Resources, open_resources
from tasks.scrape.board import BoardResult, ScrapeContext
from tasks.scrape.chunk_task import scrape_boards
from tasks.scrape.lanes import fetch_lanes


@flow(name="scrape")
def scrape(
    boards: list[str] | None = None,
    source_types: list[str] | None = None,
    shards: int = 1,
    shard: int | None = None,
    deployment: str | None = None,
    run_id: str | None = None,
    settings: Settings | None = None,
    progress: Progress | None = None,
) -> RunReport:
    """Scrape the given boards (`greenhouse:stripe`, ...) or every valid board of the registry.

    `shards` > 1 without `shard` fans out: one deployment run per shard when `deployment` names one
    (`scrape/daily`), else one subflow per shard here. `run_id` lets a parent flow own the records.
    `progress` hears of boards as their chunks finish.
    """
    claim_flow_run()  # first: a kill from here on leaves a flow run the next run can tell is dead
    settings = settings or Settings()
    if shards > 1 and shard is None:
        return _fan_out(boards, source_types, shards, deployment, run_id, settings)
    with open_resources(settings) as res:
        return run_scrape(res, boards, source_types, shards, shard or 0, run_id, progress)


def run_scrape(
    res: Resources,
    boards: list[str] | list[BoardRef] | None = None,
    source_types: list[str] | None = None,
    shards: int = 1,
    shard: int = 0,
    run_id: str | None = None,
    progress: Progress | None = None,
) -> RunReport:
    """One shard of the scrape stage on the run's resources (`pipeline` passes its own)."""
    own_run = run_id is None
    run_id = run_id or str(flow_run.get_id() or f"local-{int(time.time())}")
    report = RunReport(run_id=run_id, flow="scrape", started_at=datetime.now(UTC))
    started = time.perf_counter()
    refs = _board_stream(res, boards, source_types, shards, shard)
    total = len(set(boards)) if boards and shards <= 1 else None
    with (
        _run_guard(res, run_id, own_run, report),
        polite_client(res.settings, res.db, res.http, run_id) as client,
        fetch_lanes(client) as lanes,
    ):
        ctx = ScrapeContext(res=res, client=client, run_id=run_id, day=report.started_at.date(), lanes=lanes)
        # Two chunks in flight: the next one's lanes wait on the host's slots and take each one
        # the moment the current chunk's lanes let go, so its tail costs the hosts no idle time.
        running: deque[PrefectFuture[list[BoardResult]]] = deque()
        for n, chunk in enumerate(chunked(refs, res.settings.scrape_chunk)):
            running.append(scrape_boards.submit(ctx, chunk, label=f"chunk {n} ({len(chunk)} boards)"))
            if len(running) == 2:
                _add_all(report, running.popleft().result(), progress, total)
        while running:
            _add_all(report, running.popleft().result(), progress, total)
        report.open_circuits = client.open_circuits
        report.counts["requests"] = client.requests
        report.counts["local_pool_waits"] = client.pool_waits
    report.timings_s["scrape"] = round(time.perf_counter() - started, 3)
    report.finished_at = datetime.now(UTC)
    if own_run:
        _save_report(res, report)
    get_run_logger().info("scrape %s: %s", run_id, report.counts)
    return report


@contextmanager
def _run_guard(res: Resources, run_id: str, own_run: bool, report: RunReport) -> Iterator[None]:
    """A run of its own registers itself and recovers from dead runs first; `pipeline` did for its own."""
    if not own_run:
        res.db.start_run(run_id, "scrape", report.started_at)
        yield
        return
    with guarded_run(res.db, res.settings, run_id, "scrape", report.started_at) as recovery:
        report.recovered = recovery.crashed
        report.counts["slots_reclaimed"] = recovery.slots_freed
        yield


def _board_stream(
    res: Resources,
    boards: list[str] | list[BoardRef] | None,
    source_types: list[str] | None,
    shards: int,
    shard: int,
) -> Iterator[BoardRef]:
    """Named boards, or the registry's valid boards, lazily; only this shard's."""
    if boards:
        refs: Iterable[BoardRef] = dict.fromkeys(
            b if isinstance(b, BoardRef) else BoardRef.parse(b) for b in boards
        )
    else:
        from tasks.discover.registry import valid_boards

        found = valid_boards(res.db, list(source_types or SOURCE_TYPES))
        refs = (BoardRef.parse(b) if isinstance(b, str) else b for b in found)
    return (r for r in refs if shards <= 1 or shard_of(str(r), shards) == shard)


def _add_all(
    report: RunReport, results: list[BoardResult], progress: Progress | None, total: int | None
) -> None:
    for result in results:
        _add(report, result)
    notify(progress, "boards", report.counts.get("boards_requested", 0), total)


def _add(report: RunReport, result: BoardResult) -> None:
    report.boards.append(result.outcome)
    ok = result.outcome.status == "ok"
    for key, value in {"boards_requested": 1, "boards_ok": int(ok), "boards_failed": int(not ok)}.items():
        report.counts[key] = report.counts.get(key, 0) + value
    for key, value in result.counts.items():
        report.counts[key] = report.counts.get(key, 0) + value
    if result.counts.get("dead_letters"):
        reason = result.outcome.reason or "unknown"
        report.dead_letters[reason] = report.dead_letters.get(reason, 0) + 1


def _merge(report: RunReport, child: RunReport) -> None:
    report.boards += child.boards
    for key, value in child.counts.items():
        report.counts[key] = report.counts.get(key, 0) + value
    report.open_circuits = sorted(set(report.open_circuits) | set(child.open_circuits))
    for reason, n in child.dead_letters.items():
        report.dead_letters[reason] = report.dead_letters.get(reason, 0) + n


def _fan_out(
    boards: list[str] | None,
    source_types: list[str] | None,
    shards: int,
    deployment: str | None,
    run_id: str | None,
    settings: Settings,
) -> RunReport:
    """One run per shard; their reports are merged into this run's."""
    parent_id = run_id or str(flow_run.get_id() or f"local-{int(time.time())}")
    report = RunReport(run_id=parent_id, flow="scrape", started_at=datetime.now(UTC))
    started = time.perf_counter()
    params = {"boards": boards, "source_types": source_types, "shards": shards}
    if deployment:
        from tasks.scrape.shard_runs import run_shards

        for child in run_shards(deployment, params, shards, settings):
            _merge(report, child)
    else:
        for i in range(shards):
            _merge(report, scrape(**params, shard=i, run_id=run_id, settings=settings))
    report.timings_s["scrape"] = round(time.perf_counter() - started, 3)
    report.finished_at = datetime.now(UTC)
    if run_id is None:
        with open_resources(settings) as res:
            res.db.start_run(parent_id, "scrape", report.started_at)
            _save_report(res, report)
    return report


def _save_report(res: Resources, report: RunReport) -> None:
    """reports/run_<id>.json, the runs row and the artifacts, like every flow."""
    from tasks.reporting.publish import publish_report

    publish_report(report, res.settings, res.db)
