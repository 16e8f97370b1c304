"""A run killed while holding host slots: the next run marks it crashed (its `runs` row and its Prefect
flow run) and frees its slots, by lease when the server still knows it and by count when the lease is
gone (an ephemeral server that died with the run); a live holder's slot is never touched."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from contextlib import ExitStack

import pytest
from prefect.client.orchestration import get_client

from flows.cli.main import main
from schemas.settings import Settings
from tasks.http.polite import HostGate
from tasks.recovery.process import current
from tasks.recovery.recover import recover
from tasks.recovery.runs import run_sql
from tasks.recovery.slots import SlotLedger, held_slot, held_slots
from tasks.storage.database import Database

pytestmark = pytest.mark.usefixtures("prefect_server")

HOLDER = """
import sys, time
from datetime import UTC, datetime
from prefect import flow
from prefect.runtime import flow_run
from flows.cli.main import main
from schemas.settings import Settings
from tasks.recovery.runs import registered_run
from tasks.recovery.slots import SlotLedger, held_slot
from tasks.storage.database import Database

@flow(name="pipeline")
def holder(dsn: str, limit: str) -> None:
    run_id = str(flow_run.get_id())
    with Database(dsn) as db, registered_run(db, Settings(), run_id, "pipeline", datetime.now(UTC)):
        with held_slot(limit, 60, SlotLedger(db, run_id)):
            print(run_id, flush=True)
            time.sleep(600)

holder(sys.argv[1], sys.argv[2])
"""


def _active(name: str) -> int:
    with get_client(sync_client=True) as client:
        return client.read_global_concurrency_limit_by_name(name).active_slots


def test_a_dead_runs_slots_are_freed_and_a_live_holders_are_kept(
    settings: Settings, db: Database, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
):
    from prefect.settings import PREFECT_API_URL

    name = f"jobmine-host-recovery-{uuid.uuid4().hex[:8]}"
    HostGate._upsert(name, 3, None)
    env = dict(os.environ) | {"PREFECT_API_URL": str(PREFECT_API_URL.value())}
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLDER, settings.pg_dsn, name], env=env, stdout=subprocess.PIPE, text=True
    )
    dead_run = proc.stdout.readline().strip()  # type: ignore[union-attr]
    assert dead_run, "the holder never got its slot"
    proc.kill()
    proc.wait(30)
    # a second slot of the dead run whose lease the server lost: counted, in the ledger, no lease
    row = run_sql(db, "running_runs", me="")[0]
    db_row = {"limit_name": name, "run_id": dead_run, "host": row["host"], "pid": row["pid"]}
    run_sql(db, "hold_begin", **db_row, stamp=row["proc_stamp"])
    with get_client(sync_client=True) as client:
        client.increment_concurrency_slots([name], 1, mode="concurrency")
    with ExitStack() as live:
        live_run = str(uuid.uuid4())
        live.enter_context(held_slot(name, 60, SlotLedger(db, live_run)))
        assert _active(name) == 3  # full: without recovery the next run would wait forever

        monkeypatch.setenv("JOBMINE_DATABASE_URL", settings.pg_dsn)
        assert main(["doctor"]) == 0  # who holds what, before anything is freed
        shown = capsys.readouterr().out
        assert f"run {dead_run} pipeline: pid {proc.pid} on {current().host}, DEAD (process" in shown
        assert f"{name}: 3/3 slots taken, 2 by no live holder" in shown
        assert f"run {live_run} pid {os.getpid()} on {current().host} holds a slot" in shown

        recovery = recover(db, settings, me=live_run)

        assert set(recovery.crashed) == {dead_run}
        assert recovery.crashed[dead_run] == f"process {proc.pid} on {current().host} is gone"
        assert recovery.slots_freed == 2
        assert _active(name) == 1  # the live holder's slot is still counted
        [view] = [h for h in held_slots(db, settings) if h.name == name]
        assert [(h["run_id"], h["dead"]) for h in view.holders] == [(live_run, False)]
        assert view.unaccounted == 0
        assert recover(db, settings, me=live_run).slots_freed == 0  # nothing twice
    assert _active(name) == 0
    with get_client(sync_client=True) as client:
        state = client.read_flow_run(uuid.UUID(dead_run)).state
    assert state is not None and state.type.value == "CRASHED" and "is gone" in (state.message or "")
    status = run_sql(db, "running_runs", me="")
    assert status == []  # the dead run is no longer `running`


EARLY = """
import time
from prefect import flow
from prefect.runtime import flow_run
from tasks.recovery.runs import claim_flow_run

@flow(name="pipeline")
def early() -> None:
    claim_flow_run()
    print(flow_run.get_id(), flush=True)
    time.sleep(600)  # killed before it has a `runs` row

early()
"""


def test_a_run_killed_before_its_runs_row_exists_is_crashed_by_its_flow_run(settings: Settings, db: Database):
    from prefect.settings import PREFECT_API_URL

    env = dict(os.environ) | {"PREFECT_API_URL": str(PREFECT_API_URL.value())}
    proc = subprocess.Popen([sys.executable, "-c", EARLY], env=env, stdout=subprocess.PIPE, text=True)
    flow_run_id = proc.stdout.readline().strip()  # type: ignore[union-attr]
    assert flow_run_id
    proc.kill()
    proc.wait(30)
    assert run_sql(db, "running_runs", me="") == []  # nothing in `runs` to go by

    recovery = recover(db, settings, me=str(uuid.uuid4()))

    assert recovery.crashed[flow_run_id] == f"process {proc.pid} on {current().host} is gone"
    with get_client(sync_client=True) as client:
        state = client.read_flow_run(uuid.UUID(flow_run_id)).state
    assert state is not None and state.type.value == "CRASHED"
