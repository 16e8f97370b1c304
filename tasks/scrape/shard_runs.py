"""Shards as deployment runs on a work pool, and their reports read back from PostgreSQL."""

from __future__ import annotations

import contextvars
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from prefect.deployments import run_deployment

from schemas.errors import JobmineError
from schemas.report import RunReport
from schemas.settings import Settings
from tasks.storage.database import Database


def run_shards(deployment: str, params: dict[str, Any], shards: int, settings: Settings) -> list[RunReport]:
    """Start one run of `deployment` per shard, wait for all, and return each shard's report."""

    def one(i: int) -> str:
        run = run_deployment(name=deployment, parameters={**params, "shard": i}, timeout=None)
        if run.state is None or not run.state.is_completed():
            raise JobmineError(
                f"shard {i} of {deployment} ended {run.state.name if run.state else 'unknown'}"
            )
        return str(run.id)

    with ThreadPoolExecutor(max_workers=shards) as pool:
        futures = [pool.submit(contextvars.copy_context().run, one, i) for i in range(shards)]
        run_ids = [f.result() for f in futures]
    with Database(settings.pg_dsn) as db, db.transaction() as conn:
        rows = conn.execute("SELECT run_id, report FROM runs WHERE run_id = ANY(%s)", (run_ids,)).fetchall()
    return [RunReport.model_validate(r["report"]) for r in rows if r["report"]]
