"""What a starting run does first: register itself, then clean up after the runs that died."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime

from schemas.settings import Settings
from tasks.recovery.runs import crash_dead_runs, registered_run
from tasks.recovery.slots import free_dead_slots
from tasks.storage.database import Database


@dataclass
class Recovery:
    """Dead runs this run marked crashed (run id -> reason) and the host slots it gave back."""

    crashed: dict[str, str] = field(default_factory=dict)
    slots_freed: int = 0


def recover(db: Database, settings: Settings, me: str) -> Recovery:
    """Crash the dead runs first (their slot holds become dead with them), then free their slots."""
    crashed = crash_dead_runs(db, settings, me)
    return Recovery(crashed, free_dead_slots(db, settings))


@contextmanager
def guarded_run(
    db: Database, settings: Settings, run_id: str, flow: str, started: datetime
) -> Iterator[Recovery]:
    """Register the run (process, heartbeat), recover from the dead ones, run the block."""
    with registered_run(db, settings, run_id, flow, started):
        yield recover(db, settings, run_id)
