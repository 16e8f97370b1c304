"""Running boards through per-host fetch lanes that feed a pool which parses and loads.

Each host gets at most its cap of fetch lanes for the whole run. A lane holds one of the host's slots on
the Prefect server for minutes at a time and fetches boards back to back, so the host sees its cap of
requests in flight while parsing and loading happen elsewhere. Lanes outlive chunks: the next chunk's
boards join the same per-host queue, so a chunk boundary costs no slot hand-over (asking the server for a
slot is round trips during which a lane sends nothing). A bounded hand-over keeps memory flat.
"""

from __future__ import annotations

import contextvars
import random
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from urllib.parse import urlsplit

from schemas.job import BoardRef
from tasks.http.polite import HostGate, PoliteClient
from tasks.recovery import killpoints
from tasks.scrape.board import BoardResult, ScrapeContext, fetch, scrape_board
from tasks.scrape.connectors import api_bases
from tasks.scrape.store import board_states

HOLD_S = 300.0  # how long a lane keeps its slot before giving other workers a chance at it
LINGER_S = 2.0  # how long an idle lane keeps its slot waiting for the next chunk's boards


@dataclass(frozen=True)
class Work:
    """One board's fetch for a lane: `run` it, or `fail` it when the lane cannot get a slot."""

    run: Callable[[], None]
    fail: Callable[[BaseException], None]


class FetchLanes:
    """Per-host queues of fetch work and at most `cap` lane threads per host, for one run."""

    def __init__(self, gate: HostGate, cap: int) -> None:
        self.gate, self.cap = gate, cap
        self._queues: dict[str, deque[Work]] = {}
        self._lanes: dict[str, int] = {}
        self._cond = threading.Condition()
        self._closing = False
        self._rng = random.Random()
        self._threads: list[threading.Thread] = []
        # Lanes run in the context of whoever made the pool (the flow run), not of the chunk's task run
        # that first needs them: Prefect ties slot leases to the run in context and revokes them when that
        # run ends, and lanes outlive chunks.
        self._context = contextvars.copy_context()

    def submit(self, host: str, work: Work) -> None:
        """Queue `work` for `host`; a lane runs it while holding one of the host's slots."""
        with self._cond:
            self._queues.setdefault(host, deque()).append(work)
            if self._lanes.get(host, 0) < self.cap:
                self._lanes[host] = self._lanes.get(host, 0) + 1
                runner = self._context.copy().run
                thread = threading.Thread(target=runner, args=(self._lane, host), daemon=True)
                self._threads.append(thread)
                thread.start()
            self._cond.notify_all()

    def close(self, wait_s: float = 30.0) -> None:
        """Idle lanes let go of their slots now instead of lingering, and the run waits until they have:
        a process that exits with a lane still holding would take the slot (and its ledger row) along."""
        with self._cond:
            self._closing = True
            self._cond.notify_all()
            threads = list(self._threads)
        deadline = time.monotonic() + wait_s
        for thread in threads:
            thread.join(max(0.0, deadline - time.monotonic()))

    def _next(self, host: str, wait_s: float) -> Work | None:
        deadline = time.monotonic() + wait_s
        with self._cond:
            queue = self._queues[host]
            while not queue:
                left = deadline - time.monotonic()
                if self._closing or left <= 0:
                    self._lanes[host] -= 1
                    return None
                self._cond.wait(left)
            return queue.popleft()

    def _lane(self, host: str) -> None:
        work = self._next(host, 0)  # None: the lane is retired (counted out under the lock)
        while work is not None:
            retired = False
            try:
                with self.gate.hold(host):
                    # lanes that started together do not all go back to the server at the same instant
                    until = time.monotonic() + HOLD_S * (0.75 + 0.5 * self._rng.random())
                    while True:
                        work.run()
                        work = None
                        if time.monotonic() >= until:
                            break
                        work = self._next(host, LINGER_S)
                        if work is None:
                            retired = True
                            break
            except BaseException as exc:  # no slot to be had: this host's boards fail, the lane ends
                self._fail_host(host, exc, work, retired)
                return
            if retired:
                return
            work = self._next(host, 0)

    def _fail_host(self, host: str, exc: BaseException, current: Work | None, retired: bool) -> None:
        with self._cond:
            failed = [current] if current is not None else []
            failed += self._queues[host]
            self._queues[host].clear()
            if not retired:
                self._lanes[host] -= 1
        for work in failed:
            work.fail(exc)


@contextmanager
def fetch_lanes(client: PoliteClient) -> Iterator[FetchLanes]:
    lanes = FetchLanes(client.gate, client.policy.host_concurrency)
    try:
        yield lanes
    finally:
        lanes.close()


def run_chunk(ctx: ScrapeContext, boards: list[BoardRef], workers: int) -> list[BoardResult]:
    """Every board of the chunk through the run's lanes, results in input order; processing threads
    carry the caller's Prefect context."""
    futures: list[Future[BoardResult] | None] = [None] * len(boards)
    states = board_states(ctx.res.db, boards)
    errors: list[BaseException] = []
    fetched_all = threading.Semaphore(0)
    handover = threading.BoundedSemaphore(2 * max(1, workers))
    caller = contextvars.copy_context()
    with ThreadPoolExecutor(max_workers=max(1, workers), thread_name_prefix="ingest") as pool:

        def done(_: Future[BoardResult]) -> None:
            handover.release()

        def fetch_one(i: int, board: BoardRef) -> None:
            try:
                if errors:
                    return  # a lane failed: the chunk is being abandoned
                killpoints.reached("scrape:before-fetch")
                fetched = fetch(ctx, board, states.get(board))
                handover.acquire()
                future = pool.submit(caller.copy().run, scrape_board, ctx, board, fetched)
                future.add_done_callback(done)
                futures[i] = future
            except BaseException as exc:  # re-raised in the caller's thread below
                errors.append(exc)
            finally:
                fetched_all.release()

        def give_up(exc: BaseException) -> None:
            errors.append(exc)
            fetched_all.release()

        for i, board in enumerate(boards):
            host = urlsplit(api_bases(ctx.res.settings, board, None)[0]).netloc
            ctx.lanes.submit(host, Work(run=lambda i=i, board=board: fetch_one(i, board), fail=give_up))
        for _ in boards:
            fetched_all.acquire()
        if errors:
            raise errors[0]
        return [f.result() for f in futures if f is not None]
