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

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE
from prefect.futures import PrefectFuture
from prefect.runtime import flow_run

from extractors.scrape.sharding import chunked, shard_of
from schemas.job import SOURCE_TYPES, BoardRef
from schemas.report import RunReport
from schemas.settings import Settings
from tasks.recovery.recover import guarded_run
from tasks.resources import Resources, open_resources
from tasks.scrape.board import BoardResult, ScrapeContext
from tasks.scrape.lanes import fetch_lanes, polite_client, run_chunk


@task(name="scrape-boards", cache_policy=NO_CACHE, task_run_name="scrape {label}")
def scrape_boards(ctx: ScrapeContext, boards: list[BoardRef], label: str) -> list[BoardResult]:
    """A chunk of boards, several at a time, each all-or-nothing."""
    return run_chunk(ctx, boards, ctx.res.settings.scrape_workers)


@flow(name="scrape")
def scrape(
    boards: list[str] | None = None,
    source_types: list[str] | None = None,
    shards: int = 1,
    shard: int | None = None,
    deployment: str | None = None,
    run_id: str | None = None,
    settings: Settings | None = None,
) -> RunReport:
    """Scrape the given boards (`greenhouse:stripe`, ...) or every valid board of the registry.

    `shards` > 1 without `shard` fans out: one deployment run per shard when `deployment` names one
    (`scrape/daily`), else one subflow per shard here. `run_id` lets a parent flow own the records.
    """
    settings = settings or Settings()
    if shards > 1 and shard is None:
        return _fan_out(boards, source_types, shards, deployment, run_id, settings)
    own_run = run_id is None
    run_id = run_id or str(flow_run.get_id() or f"local-{int(time.time())}")
    report = RunReport(run_id=run_id, flow="scrape", started_at=datetime.now(UTC))
    started = time.perf_counter()
    with open_resources(settings) as res, _run_guard(res, run_id, own_run, report):
        refs = _board_stream(res, boards, source_types, shards, shard or 0)
        with polite_client(res, run_id) as client, fetch_lanes(client) as lanes:
            ctx = ScrapeContext(
                res=res, client=client, run_id=run_id, day=report.started_at.date(), lanes=lanes
            )
            # Two chunks in flight: the next one's lanes wait on the host's slots and take each one
            # the moment the current chunk's lanes let go, so its tail costs the hosts no idle time.
            running: deque[PrefectFuture[list[BoardResult]]] = deque()
            for n, chunk in enumerate(chunked(refs, settings.scrape_chunk)):
                running.append(scrape_boards.submit(ctx, chunk, label=f"chunk {n} ({len(chunk)} boards)"))
                if len(running) == 2:
                    for result in running.popleft().result():
                        _add(report, result)
            while running:
                for result in running.popleft().result():
                    _add(report, result)
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
    """A run of its own registers itself and recovers from dead runs first; a subflow's parent did."""
    if not own_run:
        res.db.start_run(run_id, "scrape", report.started_at)
        yield
        return
    with guarded_run(res.db, res.settings, run_id, "scrape", report.started_at) as recovery:
        report.recovered = recovery.crashed
        report.counts["slots_reclaimed"] = recovery.slots_freed
        yield


def _board_stream(
    res: Resources, boards: list[str] | None, source_types: list[str] | None, shards: int, shard: int
) -> Iterator[BoardRef]:
    """Named boards, or the registry's valid boards, lazily; only this shard's."""
    if boards:
        refs: Iterable[BoardRef] = dict.fromkeys(BoardRef.parse(b) for b in boards)
    else:
        from tasks.discover.registry import valid_boards

        found = valid_boards(res.db, list(source_types or SOURCE_TYPES))
        refs = (BoardRef.parse(b) if isinstance(b, str) else b for b in found)
    return (r for r in refs if shards <= 1 or shard_of(str(r), shards) == shard)


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
    from flows.reporting import publish_report

    publish_report(report, res.settings, res.db)
