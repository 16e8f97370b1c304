"""Named points where a test can make the run SIGKILL its own process group, as an operator would.

`JOBMINE_KILL_AT=<point>[@<n>]` (e.g. `scrape:mid-fetch@3`) kills the whole group (the run and the
ephemeral Prefect server it started) the n-th time the run passes `point`. Unset, as in production,
`reached()` is one dictionary lookup: no file, no network, nothing to configure by accident. A point
inside the run is the only way to kill deterministically between two writes (mid-load, mid-bulk):
watching from outside cannot land between them reliably.
"""

from __future__ import annotations

import os
import signal
import threading

POINTS = (
    "scrape:before-fetch",
    "scrape:mid-fetch",
    "scrape:mid-load",
    "extract:mid-batch",
    "index:mid-bulk",
    "report",
)
_hits: dict[str, int] = {}
_lock = threading.Lock()


def reached(point: str) -> None:
    """Kill the process group here when `JOBMINE_KILL_AT` names this point (and its count is reached)."""
    wanted = os.environ.get("JOBMINE_KILL_AT")
    if not wanted:
        return
    name, _, nth = wanted.partition("@")
    if name != point:
        return
    with _lock:
        _hits[point] = _hits.get(point, 0) + 1
        if _hits[point] < int(nth or 1):
            return
    os.killpg(os.getpgrp(), signal.SIGKILL)
