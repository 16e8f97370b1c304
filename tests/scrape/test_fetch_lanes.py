"""Fetch lanes live for the run: chunks share them, the host's cap holds, a lane that cannot get a slot
fails its host's boards instead of leaving the run waiting."""

from __future__ import annotations

import threading
import time
import uuid

import pytest

from extractors.scrape.politeness import PolitenessPolicy
from tasks.http.polite import HostGate
from tasks.scrape.lanes import FetchLanes, Work

pytestmark = pytest.mark.usefixtures("prefect_server")


class Recorder:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.now = self.peak = 0
        self.done: list[int] = []
        self.threads: set[int] = set()
        self.failed: list[BaseException] = []

    def work(self, n: int, together: threading.Barrier | None = None) -> Work:
        def run() -> None:
            with self.lock:
                self.now += 1
                self.peak = max(self.peak, self.now)
                self.threads.add(threading.get_ident())
            # Items given a barrier must run at the same time: the cap is reached, not hoped for.
            if together is not None:
                together.wait()
            time.sleep(0.03)
            with self.lock:
                self.now -= 1
                self.done.append(n)

        return Work(run=run, fail=self.failed.append)


def _wait_for(pred, timeout: float = 20.0) -> None:
    end = time.monotonic() + timeout
    while not pred():
        assert time.monotonic() < end, "timed out"
        time.sleep(0.01)


def test_two_chunks_share_the_lanes_and_the_cap_holds():
    gate = HostGate(PolitenessPolicy(host_concurrency=3))
    lanes, seen = FetchLanes(gate, cap=3), Recorder()
    host = f"lanes-{uuid.uuid4().hex[:8]}.example"
    # The first three items wait for each other (a slot from the server can take longer than an item under
    # load): three lanes must hold a slot at once; a fourth never may.
    together = threading.Barrier(3, timeout=20)
    for n in range(30):  # the first chunk
        lanes.submit(host, seen.work(n, together if n < 3 else None))
    _wait_for(lambda: len(seen.done) >= 25)
    for n in range(30, 60):  # the next chunk arrives while the first is finishing
        lanes.submit(host, seen.work(n))
    _wait_for(lambda: len(seen.done) == 60)
    lanes.close()

    assert sorted(seen.done) == list(range(60)) and not seen.failed
    assert seen.peak == 3
    assert len(seen.threads) == 3  # the same three lanes served both chunks
    _wait_for(lambda: lanes._lanes[host] == 0)


def test_a_lane_without_a_slot_fails_every_queued_board_of_its_host():
    gate = HostGate(PolitenessPolicy(host_concurrency=2))
    lanes, seen = FetchLanes(gate, cap=2), Recorder()

    def no_slot(host: str):
        raise RuntimeError("the Prefect server refused the slot")

    gate.hold = no_slot  # type: ignore[method-assign]
    for n in range(10):
        lanes.submit("refused.example", seen.work(n))
    _wait_for(lambda: len(seen.failed) == 10)
    assert not seen.done and all("refused the slot" in str(e) for e in seen.failed)
    _wait_for(lambda: lanes._lanes["refused.example"] == 0)
