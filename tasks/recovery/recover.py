"""What a starting run does first: register itself, then clean up after the runs that died."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime

from schemas.settings import Settings
from tasks.recovery.runs import crash_dead_runs, crash_orphan_flow_runs, registered_run
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
    crashed |= {k: v for k, v in crash_orphan_flow_runs(me).items() if k not in crashed}
    return Recovery(crashed, free_dead_slots(db, settings))


@contextmanager
def guarded_run(
    db: Database, settings: Settings, run_id: str, flow: str, started: datetime
) -> Iterator[Recovery]:
    """Register the run (process, heartbeat), recover from the dead ones, run the block."""
    with registered_run(db, settings, run_id, flow, started):
        yield recover(db, settings, run_id)


def status_lines(db: Database, settings: Settings) -> list[str]:
    """What `jobmine doctor` shows: runs still marked running and whether they are alive, and every
    host limit's taken slots with who holds them."""
    from tasks.recovery.runs import death_reason, run_sql
    from tasks.recovery.slots import held_slots

    lines = []
    for row in run_sql(db, "running_runs", me=""):
        why = death_reason(row, settings.run_heartbeat_s)
        state = f"DEAD ({why})" if why else "alive"
        lines.append(f"run {row['run_id']} {row['flow']}: pid {row['pid']} on {row['host']}, {state}")
    for lim in held_slots(db, settings):
        lines.append(f"{lim.name}: {lim.active}/{lim.limit} slots taken, {lim.unaccounted} by no live holder")
        for h in lim.holders:
            held = "holds" if h["lease_id"] else "waits for"
            state = f"DEAD ({h['dead_reason']})" if h["dead"] else "alive"
            lines.append(
                f"  run {h['run_id']} pid {h['pid']} on {h['host']} {held} a slot since {h['since']:%H:%M:%S}, {state}"
            )
    return lines or ["no run is running and no host slot is taken"]
