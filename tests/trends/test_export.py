"""The dataset as files: read back with pyarrow and DuckDB, it matches PostgreSQL row for row."""

from __future__ import annotations

import csv
import json
from datetime import UTC, date, datetime
from pathlib import Path

import duckdb
import psycopg
import pyarrow.dataset as pads
import pyarrow.fs as pafs
import pyarrow.parquet as pq
import pytest
from psycopg.rows import dict_row

from schemas.errors import ConfigError
from tasks.export.dataset import POSTINGS
from tasks.export.run import export_ledger, export_postings
from tasks.trends.store import mark_stale
from tests.storage.conftest import load_postings
from tests.trends.conftest import day, insert

SNAPSHOT_DAY = date(2026, 12, 1)
DOC_QUERY = (Path(__file__).resolve().parents[2] / "docs" / "DATASET.md").read_text()


_FROM_FRESHNESS = {"liveness", "reposted_from"}


def _pg_postings(dsn: str) -> dict[str, dict]:
    """What PostgreSQL holds, read column by column (not through the export's own query)."""
    cols = [
        "(j.field_sources - '_extraction')::text AS field_tiers"
        if f.name == "field_tiers"
        else f"{'f' if f.name in _FROM_FRESHNESS else 'j'}.{f.name}"
        for f in POSTINGS
    ]
    sql = f"SELECT {', '.join(cols)} FROM jobs j JOIN job_freshness f USING (job_uid)"
    with psycopg.connect(dsn, row_factory=dict_row) as conn:
        rows = conn.execute(sql).fetchall()
    for r in rows:  # JSON text compares as data, whatever its spacing
        r["field_tiers"] = json.loads(r["field_tiers"])
    return {r["job_uid"]: r for r in rows}


@pytest.fixture
def history(settings, db):
    """Synthetic postings through the product loader, plus closes, a reopen, a repost, a stale board."""
    uids = load_postings(db, 0, 60)
    insert(
        settings.pg_dsn,
        [
            {"company": "Gone", "duplicate_group": "g", "first_seen": "2026-11-02", "closed": "2026-11-09"},
            {
                "company": "Gone",
                "duplicate_group": "g",
                "first_seen": "2026-11-10",
                "last_seen": "2026-11-30",
            },
            {"company": "Dark", "first_seen": "2026-11-02", "last_seen": "2026-11-05"},
        ],
    )
    with psycopg.connect(settings.pg_dsn) as conn:
        conn.execute("UPDATE jobs SET closed_at = %s WHERE job_uid = ANY(%s)", (day("2026-11-20"), uids[:5]))
        conn.execute(
            "UPDATE jobs SET closed_at = NULL, last_seen_at = %s WHERE job_uid = %s",
            (day("2026-11-25"), uids[0]),
        )
    mark_stale(db, 7, now=day("2026-11-30"))
    return uids


def test_parquet_postings_match_postgresql_row_for_row(settings, db, history, tmp_path):
    out = export_postings(db, settings, str(tmp_path / "export"), day=SNAPSHOT_DAY, block_bytes=20_000)
    assert out.partitions == {"2026-12-01": 63} and out.rows == 63
    table = pq.read_table(tmp_path / "export" / "postings" / "date=2026-12-01")
    assert table.schema.remove_metadata() == POSTINGS.remove_metadata()
    expected = _pg_postings(settings.pg_dsn)
    got = {r["job_uid"]: {**r, "field_tiers": json.loads(r["field_tiers"])} for r in table.to_pylist()}
    assert got.keys() == expected.keys()
    for uid, row in expected.items():
        assert got[uid] == row, uid
    states = {r["company"]: r["liveness"] for r in got.values() if r["company"] in ("Dark", "Gone")}
    assert states == {"Dark": "stale", "Gone": "open"}  # the closed 'Gone' is overwritten by the open one
    assert sum(1 for r in got.values() if r["reposted_from"]) == 1


def test_duckdb_reads_the_export_with_the_documented_query(settings, db, history, tmp_path):
    export_postings(db, settings, str(tmp_path / "export"), day=SNAPSHOT_DAY)
    sql = DOC_QUERY.split("```sql\n", 1)[1].split("```", 1)[0].replace("export/", f"{tmp_path}/export/")
    rows = duckdb.sql(sql).fetchall()
    with psycopg.connect(settings.pg_dsn) as conn:
        expected = conn.execute(
            "SELECT coalesce(job_function, 'unknown'), count(*) FROM jobs j JOIN job_freshness f USING (job_uid)"
            " WHERE f.liveness = 'open' GROUP BY 1 ORDER BY 2 DESC, 1"
        ).fetchall()
    assert [(r[0], r[1]) for r in rows] == expected


def test_ledger_holds_opened_changed_closed_reopened_by_day(settings, db, tmp_path):
    (uid,) = insert(settings.pg_dsn, [{"first_seen": "2026-11-02", "closed": "2026-11-09"}])
    with psycopg.connect(settings.pg_dsn) as conn:
        conn.execute(
            "UPDATE jobs SET last_seen_at = %s, closed_at = NULL WHERE job_uid = %s", (day("2026-11-12"), uid)
        )
        for at in ("2026-11-02", "2026-11-13"):  # the first snapshot is the opening, the second a change
            conn.execute(
                "INSERT INTO job_snapshots (job_uid, captured_at, tracked_hash, title, description_hash)"
                " VALUES (%s, %s, %s, 't', 'd')",
                (uid, day(at), at),
            )
    out = export_ledger(db, settings, str(tmp_path / "x"), since=datetime(2026, 11, 5, 13, tzinfo=UTC))
    events = pq.read_table(tmp_path / "x" / "ledger").to_pylist()
    assert [(e["event"], e["at"].date().isoformat()) for e in events] == [
        ("closed", "2026-11-09"),
        ("reopened", "2026-11-12"),
        ("changed", "2026-11-13"),
    ]
    assert out.partitions == {"2026-11-09": 1, "2026-11-12": 1, "2026-11-13": 1}
    full = export_ledger(db, settings, str(tmp_path / "x"), since=datetime(2026, 11, 1, tzinfo=UTC))
    assert full.partitions["2026-11-02"] == 1  # opened; the first snapshot is not a change


def test_export_to_s3_on_moto(s3_settings, history):
    from tasks.storage.database import Database

    bucket = s3_settings.raw_store.removeprefix("s3://").split("/")[0]
    with Database(s3_settings.pg_dsn) as db:
        out = export_postings(db, s3_settings, f"s3://{bucket}/datasets", day=SNAPSHOT_DAY)
    fs = pafs.S3FileSystem(
        endpoint_override=s3_settings.s3_endpoint_url.removeprefix("http://"),
        scheme="http",
        region="us-east-1",
    )
    table = pads.dataset(f"{bucket}/datasets/postings", filesystem=fs, partitioning="hive").to_table()
    assert table.num_rows == out.rows == 63
    assert sorted(table.column("job_uid").to_pylist()) == sorted(_pg_postings(s3_settings.pg_dsn))


def test_csv_and_jsonl_carry_the_same_rows(settings, db, history, tmp_path):
    expected = _pg_postings(settings.pg_dsn)
    export_postings(db, settings, str(tmp_path), fmt="csv", day=SNAPSHOT_DAY, block_bytes=30_000)
    export_postings(db, settings, str(tmp_path / "j"), fmt="jsonl", day=SNAPSHOT_DAY, block_bytes=30_000)
    folder = "postings/date=2026-12-01"
    with open(tmp_path / folder / "part-00000.csv", newline="") as fh:
        rows = {r["job_uid"]: r for r in csv.DictReader(fh)}
    lines = [json.loads(x) for x in (tmp_path / "j" / folder / "part-00000.jsonl").read_text().splitlines()]
    assert rows.keys() == expected.keys() == {r["job_uid"] for r in lines}
    uid = history[7]
    assert json.loads(rows[uid]["skills"]) == expected[uid]["skills"]
    assert rows[uid]["description_text"] == expected[uid]["description_text"]


def test_rerun_replaces_a_partition_and_bad_targets_are_refused(settings, db, history, tmp_path):
    for _ in range(2):
        export_postings(db, settings, str(tmp_path), day=SNAPSHOT_DAY, block_bytes=50_000)
    files = sorted(p.name for p in (tmp_path / "postings" / "date=2026-12-01").iterdir())
    assert files == ["part-00000.parquet"]
    with pytest.raises(ConfigError):
        export_postings(db, settings, "http://elsewhere.example/x", day=SNAPSHOT_DAY)
