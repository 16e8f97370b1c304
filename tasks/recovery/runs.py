"""A run says who runs it and that it is alive; the next run marks the dead ones crashed.

Each run registers its process (host, pid, start stamp) in its `runs` row and beats a heartbeat. A run
is dead when its process is gone (same host: asked directly, so at once) or its heartbeat has been silent
for three beats (another host). The next run to start marks it `crashed` with the reason, in `runs` and
in Prefect (the flow run, its subflows and their task runs), so nothing stays RUNNING forever.
"""

from __future__ import annotations

import logging
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any

from schemas.settings import Settings
from tasks.recovery.process import ProcessId, alive_here, current
from tasks.storage.database import Database
from tasks.storage.sql_queries import query

log = logging.getLogger(__name__)
SQL = "recovery/recovery.sql"
MISSED_BEATS = 3


def run_sql(db: Database, name: str, **params: Any) -> list[dict[str, Any]]:
    with db.transaction() as conn:
        cur = conn.execute(query(name, SQL), params)
        return cur.fetchall() if cur.description else []


def death_reason(row: dict[str, Any], beat_s: float) -> str | None:
    """Why the process of a `runs` or `slot_holds` row is dead, None while it may be alive."""
    if row.get("host") is None or row.get("pid") is None:
        return None
    alive = alive_here(ProcessId(row["host"], row["pid"], row["proc_stamp"] or ""))
    if alive is False:
        return f"process {row['pid']} on {row['host']} is gone"
    silent = row.get("silent_s")
    if alive is None and silent is not None and float(silent) > MISSED_BEATS * beat_s:
        return f"no heartbeat from {row['host']} for {float(silent):.0f}s"
    return None


@contextmanager
def registered_run(
    db: Database, settings: Settings, run_id: str, flow: str, started: datetime
) -> Iterator[None]:
    """The run's `runs` row with its process and a heartbeat until the block ends; `failed` on an error
    (a clean end is written by the report, which sets `finished`)."""
    me = current()
    run_sql(
        db,
        "register_run",
        run_id=run_id,
        flow=flow,
        started_at=started,
        host=me.host,
        pid=me.pid,
        stamp=me.stamp,
    )
    stop = threading.Event()

    def beat() -> None:
        while not stop.wait(settings.run_heartbeat_s):
            try:
                run_sql(db, "heartbeat", run_id=run_id)
            except Exception as exc:  # a missed beat is not fatal; three are, to the others
                log.warning("heartbeat of run %s failed: %s", run_id, exc)

    thread = threading.Thread(target=beat, name=f"heartbeat-{run_id[:8]}", daemon=True)
    thread.start()
    try:
        yield
    except BaseException as exc:
        run_sql(db, "run_failed", run_id=run_id, reason=f"{type(exc).__name__}")
        raise
    finally:
        stop.set()
        thread.join(timeout=5)


def crash_dead_runs(db: Database, settings: Settings, me: str) -> dict[str, str]:
    """Mark every dead run `crashed` (here and in Prefect); returns run id -> reason for those this run
    marked (another run recovering at the same time marks the others)."""
    crashed: dict[str, str] = {}
    for row in run_sql(db, "running_runs", me=me):
        reason = death_reason(row, settings.run_heartbeat_s)
        if reason and run_sql(db, "crash_run", run_id=row["run_id"], reason=reason):
            crashed[row["run_id"]] = reason
            log.warning("run %s (%s) crashed: %s", row["run_id"], row["flow"], reason)
            crash_flow_runs(row["run_id"], reason)
    return crashed


def crash_flow_runs(run_id: str, reason: str) -> int:
    """Set the run's Prefect flow run, its subflow runs and their task runs that are not final to
    CRASHED; returns how many were changed."""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterId, FlowRunFilterParentFlowRunId
    from prefect.states import Crashed

    try:
        pending = [uuid.UUID(run_id)]
    except ValueError:
        return 0  # a run outside Prefect (`local-...`) has no flow run
    changed = 0
    message = f"crashed: {reason} (marked by a later run)"
    with get_client(sync_client=True) as client:
        seen: set[uuid.UUID] = set()
        while pending:
            ids = [i for i in pending if i not in seen]
            seen.update(ids)
            if not ids:
                break
            runs = client.read_flow_runs(flow_run_filter=FlowRunFilter(id=FlowRunFilterId(any_=ids)))
            for fr in runs:
                if fr.state is None or not fr.state.is_final():
                    client.set_flow_run_state(fr.id, Crashed(message=message), force=True)
                    changed += 1
            for tr in client.read_task_runs(flow_run_filter=FlowRunFilter(id=FlowRunFilterId(any_=ids))):
                if tr.state is not None and not tr.state.is_final():
                    client.set_task_run_state(tr.id, Crashed(message=message), force=True)
            children = client.read_flow_runs(
                flow_run_filter=FlowRunFilter(parent_flow_run_id=FlowRunFilterParentFlowRunId(any_=ids))
            )
            pending = [c.id for c in children]
    return changed


def claim_flow_run() -> None:
    """Write this process into the current flow run (`infrastructure_pid`, when no worker set one), first
    thing in a flow: a run killed before its `runs` row exists can still be told dead by its flow run."""
    from prefect.client.orchestration import get_client
    from prefect.runtime import flow_run

    run_id = flow_run.get_id()
    if not run_id:
        return
    me = current()
    with get_client(sync_client=True) as client:
        if not client.read_flow_run(uuid.UUID(str(run_id))).infrastructure_pid:
            pid = f"jobmine:{me.host}:{me.pid}:{me.stamp}"
            client.update_flow_run(uuid.UUID(str(run_id)), infrastructure_pid=pid)


def crash_orphan_flow_runs(me: str) -> dict[str, str]:
    """Prefect flow runs still RUNNING or PENDING whose process (as `claim_flow_run` wrote it) is gone:
    marked CRASHED; returns flow run id -> reason."""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterState, FlowRunFilterStateType
    from prefect.client.schemas.objects import StateType

    live = FlowRunFilter(
        state=FlowRunFilterState(type=FlowRunFilterStateType(any_=[StateType.RUNNING, StateType.PENDING]))
    )
    crashed: dict[str, str] = {}
    with get_client(sync_client=True) as client:
        runs = client.read_flow_runs(flow_run_filter=live, limit=200)
    for fr in runs:
        parts = (fr.infrastructure_pid or "").split(":")
        if str(fr.id) == me or len(parts) != 5 or parts[0] != "jobmine" or not parts[2].isdigit():
            continue
        proc = ProcessId(parts[1], int(parts[2]), ":".join(parts[3:]))
        if alive_here(proc) is False:
            reason = f"process {proc.pid} on {proc.host} is gone"
            crash_flow_runs(str(fr.id), reason)
            crashed[str(fr.id)] = reason
    return crashed
