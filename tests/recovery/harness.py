"""Running `jobmine pipeline` as an operator would (its own process group, the default ephemeral Prefect
server in a PREFECT_HOME of its own), killing it, and reading the end state it leaves.

Shared by tests/recovery/test_kill_and_rerun.py and bench/chaos.py.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg
from psycopg.rows import dict_row

from schemas.settings import Settings
from tasks.search.index import SearchIndex

REAL = Path(
    os.environ.get("JOBMINE_REAL_FIXTURES", Path(__file__).resolve().parents[3] / "shared/fixtures/real")
)
PAYLOADS = {
    "greenhouse": ["anthropic", "duolingo", "stripe", "homepl", "generalassembly_2013"],
    "lever": ["palantir", "people-ai"],
}
FILES = {"greenhouse": "greenhouse_jobs_{}.json", "lever": "lever_postings_{}.json"}
TABLES = ("jobs", "job_snapshots", "job_skills", "board_fetches", "board_state")
# run ids, row versions, serial ids and clock readings differ between any two runs: not the state
VOLATILE = re.compile(r"^(id|row_version)$|run_id|_version$|(?<!posted)(?<!updated)_at$")
JOBMINE = Path(sys.executable).parent / "jobmine"


def lay_out_boards(root: Path, n: int) -> list[str]:
    """`n` boards served from real recorded payloads (reused under numbered tokens)."""
    sources = [(s, name) for s, names in PAYLOADS.items() for name in names]
    boards = []
    for i in range(n):
        source, name = sources[i % len(sources)]
        token = f"{name.replace('_', '-')}-{i}"
        (root / source).mkdir(parents=True, exist_ok=True)
        shutil.copy(REAL / FILES[source].format(name), root / source / f"{token}.json")
        boards.append(f"{source}:{token}")
    return boards


@dataclass
class Run:
    returncode: int
    wall_s: float
    stderr: str
    stdout: str = ""
    left_behind: bool = False  # processes of its group still alive once it had exited (reaped since)


def pipeline_env(
    settings: Settings, ats_url: str, prefect_home: Path, api_url: str | None = None
) -> dict[str, str]:
    """The run's environment: the ephemeral server in `prefect_home`, or the server at `api_url`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "JOBMINE_"))}
    if api_url:
        env["PREFECT_API_URL"] = api_url
    env |= {
        "PREFECT_HOME": str(prefect_home),  # the ephemeral server's SQLite lives here, across runs
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "PREFECT_LOGGING_LEVEL": "WARNING",
        "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "600",  # a loaded machine
        "JOBMINE_DATABASE_URL": settings.pg_dsn,
        "JOBMINE_OPENSEARCH_URL": settings.os_url,
        "JOBMINE_INDEX_ALIAS": settings.index_alias,
        "JOBMINE_RAW_STORE": settings.raw_store,
        "JOBMINE_REPORTS_DIR": str(settings.reports_dir),
        "JOBMINE_GREENHOUSE_API_URL": ats_url,
        "JOBMINE_LEVER_API_URL": ats_url,
        "JOBMINE_REQUEST_JITTER_S": "0",
    }
    return env


def run_pipeline(
    env: dict[str, str],
    boards: list[str],
    kill_at: str | None = None,
    kill_after_s: float | None = None,
    options: tuple[str, ...] = (),
) -> Run:
    """One `jobmine pipeline` in a new session; killed (whole group) at a named point or after a delay.

    Output goes to files, not pipes: a pipe stays open as long as any process of the group holds it, so a
    server the run failed to stop would keep the reader waiting long after the run itself had exited."""
    cmd = [str(JOBMINE), *options, "pipeline", *[a for b in boards for a in ("--board", b)]]
    run_env = env | ({"JOBMINE_KILL_AT": kill_at} if kill_at else {})
    started = time.perf_counter()
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        proc = subprocess.Popen(cmd, env=run_env, stdout=out, stderr=err, text=True, start_new_session=True)
        try:
            proc.wait(timeout=kill_after_s if kill_after_s is not None else 900)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            if kill_after_s is None:
                raise
            proc.wait(timeout=60)
        wall_s = time.perf_counter() - started
        left_behind = _reap_group(proc.pid)
        out.seek(0)
        err.seek(0)
        return Run(proc.returncode, wall_s, err.read(), out.read(), left_behind)


def _reap_group(pgid: int) -> bool:
    """Whatever the group left behind goes with it, as with a killed terminal; whether there was any."""
    try:
        os.killpg(pgid, signal.SIGKILL)
    except ProcessLookupError:
        return False
    return True


def end_state(settings: Settings) -> dict[str, Any]:
    """The stored outcome of the runs, without what differs between any two runs (ids, clocks)."""
    state: dict[str, Any] = {}
    with psycopg.connect(settings.pg_dsn, row_factory=dict_row) as conn:
        for table in TABLES:
            rows = conn.execute(f"SELECT * FROM {table}").fetchall()
            kept = {tuple(sorted((k, repr(v)) for k, v in r.items() if not VOLATILE.search(k))) for r in rows}
            state[table] = sorted(kept)
    root = Path(settings.raw_store.removeprefix("file://"))
    state["raw_keys"] = sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())
    client = SearchIndex(settings.os_url, settings.index_alias).client
    client.indices.refresh(index=settings.index_alias)
    hits = client.search(index=settings.index_alias, body={"query": {"match_all": {}}, "size": 10000})
    state["documents"] = sorted(
        (h["_id"], repr(sorted((k, repr(v)) for k, v in h["_source"].items() if not VOLATILE.search(k))))
        for h in hits["hits"]["hits"]
    )
    return state


def difference(got: list[Any], want: list[Any], limit: int = 3) -> tuple[list[str], list[str]]:
    """A few items of an end-state list that one side has and the other lacks (for a failure message)."""
    extra = [repr(x)[:400] for x in got if x not in want][:limit]
    missing = [repr(x)[:400] for x in want if x not in got][:limit]
    return extra, missing


def leftovers(settings: Settings, prefect_home: Path) -> dict[str, Any]:
    """What a finished rerun must not leave: running runs, ledger holds, taken slots, RUNNING flow runs."""
    with psycopg.connect(settings.pg_dsn, row_factory=dict_row) as conn:
        running = conn.execute("SELECT run_id FROM runs WHERE status = 'running'").fetchall()
        holds = conn.execute("SELECT limit_name, run_id FROM slot_holds").fetchall()
    db = sqlite3.connect(prefect_home / "prefect.db")
    try:
        slots = db.execute(
            "SELECT name, active_slots FROM concurrency_limit_v2 WHERE active_slots > 0 AND name LIKE 'jobmine-host-%'"
        ).fetchall()
        flows = db.execute(
            "SELECT name, state_type FROM flow_run WHERE state_type IN ('RUNNING', 'PENDING')"
        ).fetchall()
    finally:
        db.close()
    return {"running_runs": running, "slot_holds": holds, "held_slots": slots, "running_flow_runs": flows}


def crashed_runs(settings: Settings) -> dict[str, str]:
    with psycopg.connect(settings.pg_dsn, row_factory=dict_row) as conn:
        rows = conn.execute("SELECT run_id, crash_reason FROM runs WHERE status = 'crashed'").fetchall()
    return {r["run_id"]: r["crash_reason"] for r in rows}


def latest_report(settings: Settings) -> dict[str, Any]:
    with psycopg.connect(settings.pg_dsn, row_factory=dict_row) as conn:
        row = conn.execute(
            "SELECT report FROM runs WHERE status = 'finished' ORDER BY finished_at DESC LIMIT 1"
        ).fetchone()
    return row["report"] if row else {}
