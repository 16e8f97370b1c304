"""Host slots on the Prefect server that a dead run cannot leak.

What Prefect offers: a slot of a global concurrency limit is taken with a lease that its holder renews
(every 3/4 of `slot_lease_s`); the server's `repossessor` service frees slots whose lease expired. Two
gaps: the ephemeral server (the default local setup) does not run that service, and it keeps leases in
memory, so a run killed with its process group takes its leases with it while the slot counts stay in
the SQLite database for good. Prefect also cannot say who holds a slot.

What this adds: a ledger (`slot_holds`) of every slot a lane waits for or holds, with its process and
lease. A starting run (and `jobmine doctor --free`) frees the slots of dead holders: by their lease when
the server still knows it, and otherwise by the count the server has beyond what live holders account
for (a row is written before a slot is asked for and removed after it is given back, so that count is
a lower bound and a live holder's slot is never freed).
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from schemas.settings import Settings
from tasks.recovery.process import current
from tasks.recovery.runs import death_reason, run_sql
from tasks.storage.database import Database

log = logging.getLogger(__name__)
PREFIX = "jobmine-host-"


@dataclass
class SlotLedger:
    """Where one run's lanes write down the slots they wait for and hold."""

    db: Database
    run_id: str

    def begin(self, limit_name: str) -> int:
        me = current()
        rows = run_sql(
            self.db,
            "hold_begin",
            limit_name=limit_name,
            run_id=self.run_id,
            host=me.host,
            pid=me.pid,
            stamp=me.stamp,
        )
        return int(rows[0]["id"])

    def acquired(self, hold_id: int, lease_id: uuid.UUID) -> None:
        run_sql(self.db, "hold_acquired", id=hold_id, lease_id=lease_id)

    def end(self, hold_id: int) -> None:
        run_sql(self.db, "hold_end", id=hold_id)


@contextmanager
def held_slot(name: str, lease_s: float, ledger: SlotLedger | None) -> Iterator[None]:
    """One slot of the limit `name`, on a lease renewed while the block runs, written in the ledger."""
    from prefect.concurrency._leases import maintain_concurrency_lease
    from prefect.concurrency._sync import (
        acquire_concurrency_slots_with_lease,
        release_concurrency_slots_with_lease,
    )
    from prefect.types._concurrency import ConcurrencyLeaseHolder

    holder = None
    if ledger is not None:
        try:
            holder = ConcurrencyLeaseHolder(type="flow_run", id=uuid.UUID(ledger.run_id))
        except ValueError:
            holder = None
    hold_id = ledger.begin(name) if ledger else None
    try:
        lease = acquire_concurrency_slots_with_lease(
            [name], 1, lease_duration=lease_s, strict=True, holder=holder
        )
        if ledger is not None and hold_id is not None:
            ledger.acquired(hold_id, lease.lease_id)
        try:
            with maintain_concurrency_lease(lease.lease_id, lease_s, raise_on_lease_renewal_failure=True):
                yield
        finally:
            release_concurrency_slots_with_lease(lease.lease_id)
    finally:
        if ledger is not None and hold_id is not None:
            ledger.end(hold_id)


@dataclass
class HeldSlots:
    """One host limit as the server and the ledger see it."""

    name: str
    limit: int
    active: int
    holders: list[dict[str, Any]] = field(default_factory=list)

    @property
    def unaccounted(self) -> int:
        """Slots the server counts that no live holder in the ledger accounts for."""
        return max(0, self.active - sum(1 for h in self.holders if not h["dead"]))


def held_slots(db: Database, settings: Settings) -> list[HeldSlots]:
    """Every jobmine host limit with slots taken or holders written down, and who holds them."""
    from prefect.client.orchestration import get_client

    holds = _holds(db, settings)
    with get_client(sync_client=True) as client:
        limits = _host_limits(client)
    out = []
    for lim in limits:
        mine = [h for h in holds if h["limit_name"] == lim.name]
        if lim.active_slots or mine:
            out.append(HeldSlots(lim.name, lim.limit, lim.active_slots, mine))
    return out


def free_dead_slots(db: Database, settings: Settings) -> int:
    """Give back the slots of dead holders; returns how many slots were freed."""
    from prefect.client.orchestration import get_client
    from prefect.concurrency._sync import release_concurrency_slots_with_lease

    before = _holds(db, settings)
    dead = [h for h in before if h["dead"]]
    if not dead:
        return 0
    with get_client(sync_client=True) as client:
        active_before = {lim.name: lim.active_slots for lim in _host_limits(client)}
        for hold in dead:  # the server still knows the lease: it frees exactly that slot
            if hold["lease_id"] is not None:
                release_concurrency_slots_with_lease(hold["lease_id"])
        active = {lim.name: lim.active_slots for lim in _host_limits(client)}
        after = _holds(db, settings)
        freed = max(0, sum(active_before.get(n, 0) - active.get(n, 0) for n in active))
        live = {h["id"]: h["limit_name"] for h in (*before, *after) if not h["dead"]}
        for name in {h["limit_name"] for h in dead}:
            unaccounted = active.get(name, 0) - sum(1 for n in live.values() if n == name)
            lost = min(unaccounted, sum(1 for h in dead if h["limit_name"] == name))
            if lost > 0:  # leases the server no longer has (an ephemeral server that died with its run)
                client.release_concurrency_slots([name], lost, occupancy_seconds=1.0)
                freed += lost
    run_sql(db, "drop_holds", ids=[h["id"] for h in dead])
    if freed:
        log.warning("freed %d host slot(s) held by dead runs", freed)
    return freed


def _holds(db: Database, settings: Settings) -> list[dict[str, Any]]:
    rows = run_sql(db, "holds")
    for row in rows:
        reason = death_reason(row, settings.run_heartbeat_s)
        if (
            reason is None
            and row["run_status"] in ("crashed", "failed", "finished")
            and row["host"] != current().host
        ):
            reason = f"its run is {row['run_status']}"
        row["dead"], row["dead_reason"] = reason is not None, reason
    return rows


def _host_limits(client: Any) -> list[Any]:
    limits, offset = [], 0
    while True:
        page = client.read_global_concurrency_limits(limit=200, offset=offset)
        limits += [lim for lim in page if lim.name.startswith(PREFIX)]
        if len(page) < 200:
            return limits
        offset += 200
