"""The weekly trends flow and the daily export flow on a real Prefect server and PostgreSQL."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import psycopg
import pyarrow.parquet as pq
from prefect.client.orchestration import get_client

from flows.export import export
from flows.trends import trends
from tests.storage.conftest import load_postings

NOW = datetime(2026, 11, 1, tzinfo=UTC)  # the synthetic postings were posted over the year before this

HISTORY = [
    "UPDATE jobs SET first_seen_at = posted_at, last_seen_at = %(now)s",
    "UPDATE jobs SET closed_at = first_seen_at + make_interval(days => 3 + abs(hashtext(job_uid)) %% 60),"
    " last_seen_at = first_seen_at + make_interval(days => 3 + abs(hashtext(job_uid)) %% 60)"
    " WHERE abs(hashtext(job_uid)) %% 10 < 7 AND first_seen_at < %(now)s - interval '63 days'",
    "UPDATE jobs SET last_seen_at = %(now)s - interval '30 days' WHERE closed_at IS NULL AND board_token LIKE 'b%%'",
]


def _history(settings, db, n=1500):
    load_postings(db, 0, n)
    with psycopg.connect(settings.pg_dsn) as conn:
        for stmt in HISTORY:
            conn.execute(stmt, {"now": NOW})


async def _artifact(key: str):
    async with get_client() as client:
        from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterKey

        found = await client.read_artifacts(artifact_filter=ArtifactFilter(key=ArtifactFilterKey(any_=[key])))
    return found


def test_trends_flow_publishes_report_charts_and_artifact(prefect_server, settings, db):
    import asyncio

    _history(settings, db)
    report = trends(settings=settings, now=NOW)
    folder = settings.reports_dir / "trends" / "2026-11-02"
    assert sorted(p.name for p in folder.iterdir()) == [
        "opened_closed.png",
        "rising_skills.png",
        "salary_bands.png",
        "trends.json",
        "trends.md",
    ]
    for png in folder.glob("*.png"):
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 10_000
    assert json.loads((folder / "trends.json").read_text())["since"].startswith("2026-08-10")
    assert report.freshness.stale > 0 and report.freshness.closed > 0
    with psycopg.connect(settings.pg_dsn) as conn:
        opened = conn.execute(
            "SELECT count(*) FROM jobs WHERE first_seen_at >= '2026-08-10' AND first_seen_at < '2026-11-02'"
        ).fetchone()[0]
    assert sum(p.opened for p in report.weekly) == opened
    (artifact,) = asyncio.run(_artifact("trends-report"))
    assert "opened_closed.png" in artifact.data and "## Salary" in artifact.data


def test_export_flow_writes_snapshot_and_ledger(prefect_server, settings, db, tmp_path):
    _history(settings, db, n=200)
    done = export(target=str(tmp_path / "out"), since_days=400, settings=settings)
    by = {s.dataset: s for s in done}
    assert by["postings"].rows == 200
    with psycopg.connect(settings.pg_dsn) as conn:
        closed = conn.execute("SELECT count(*) FROM jobs WHERE closed_at IS NOT NULL").fetchone()[0]
    events = pq.read_table(tmp_path / "out" / "ledger").column("event").to_pylist()
    assert events.count("opened") == 200 and events.count("closed") == closed > 0
