"""Running a chunk of boards: fetch lanes per host feed a pool that parses and loads.

Each host gets at most its cap of fetch lanes. A lane holds one of the host's slots on the Prefect
server for up to a minute at a time and fetches boards back to back, so the host sees its cap of
requests in flight while parsing and loading happen elsewhere (asking the server for a slot costs round
trips during which the lane sends nothing). A bounded hand-over keeps memory flat.
"""

from __future__ import annotations

import contextvars
import threading
import time
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from urllib.parse import urlsplit

from schemas.job import BoardRef
from schemas.settings import Settings
from tasks.ats_connectors import api_bases
from tasks.polite_http import HostGate, PoliteClient, RobotsCache, policy_from
from tasks.resources import Resources
from tasks.scrape_board import BoardResult, ScrapeContext, fetch, scrape_board
from tasks.scrape_store import board_states

HOLD_S = 60.0  # how long a lane keeps its slot before giving other workers a chance at it


@contextmanager
def polite_client(res: Resources) -> Iterator[PoliteClient]:
    """One polite client per run over the run's HTTP client."""
    settings: Settings = res.settings
    policy = policy_from(settings)
    robots = RobotsCache(res.db, res.http, settings.robots_ttl_s)
    yield PoliteClient(res.http, policy, HostGate(policy), robots)


def run_chunk(ctx: ScrapeContext, boards: list[BoardRef], workers: int) -> list[BoardResult]:
    """Every board of the chunk, in order of the input; each thread carries the caller's Prefect context."""
    queues: dict[str, deque[tuple[int, BoardRef]]] = {}
    for i, board in enumerate(boards):
        host = urlsplit(api_bases(ctx.res.settings, board, None)[0]).netloc
        queues.setdefault(host, deque()).append((i, board))
    futures: list[Future[BoardResult] | None] = [None] * len(boards)
    states = board_states(ctx.res.db, boards)
    errors: list[BaseException] = []
    handover = threading.BoundedSemaphore(2 * max(1, workers))
    with ThreadPoolExecutor(max_workers=max(1, workers), thread_name_prefix="ingest") as pool:

        def done(_: Future[BoardResult]) -> None:
            handover.release()

        def lane(host: str, queue: deque[tuple[int, BoardRef]]) -> None:
            try:
                fetch_lane(host, queue)
            except BaseException as exc:  # re-raised in the caller's thread below
                errors.append(exc)
                queue.clear()

        def fetch_lane(host: str, queue: deque[tuple[int, BoardRef]]) -> None:
            while queue:
                with ctx.client.gate.hold(host):
                    until = time.monotonic() + HOLD_S
                    while time.monotonic() < until:
                        try:
                            i, board = queue.popleft()
                        except IndexError:
                            return
                        fetched = fetch(ctx, board, states.get(board))
                        handover.acquire()
                        future = pool.submit(
                            contextvars.copy_context().run, scrape_board, ctx, board, fetched
                        )
                        future.add_done_callback(done)
                        futures[i] = future

        cap = ctx.client.policy.host_concurrency
        lanes = [
            threading.Thread(target=contextvars.copy_context().run, args=(lane, host, queue), daemon=True)
            for host, queue in queues.items()
            for _ in range(min(cap, len(queue)))
        ]
        for t in lanes:
            t.start()
        for t in lanes:
            t.join()
        if errors:
            raise errors[0]
        return [f.result() for f in futures if f is not None]
