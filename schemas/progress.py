"""The progress-callback contract between the `jobmine` command and the loops that do long work.

A flow or task that loops over units (boards, index pages, chunks of postings) takes an optional
`progress: Progress | None` and calls it as work completes. Only the command line turns the calls into
a live display (rich, on a terminal); flows, tasks and extractors never import a UI library, and a
caller that passes nothing pays nothing.
"""

from __future__ import annotations

from collections.abc import Callable

Progress = Callable[[str, int, "int | None"], None]
"""`progress(label, done, total)`: `done` units of `label` finished so far (cumulative, not a step),
out of `total` when it is known (`None` when the work is a stream of unknown length). Thread-safe
implementations only: flows may report from worker threads."""


def notify(progress: Progress | None, label: str, done: int, total: int | None = None) -> None:
    """Call `progress` if there is one, so loops need no `if` of their own."""
    if progress is not None:
        progress(label, done, total)
