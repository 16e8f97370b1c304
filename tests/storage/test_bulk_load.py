"""The streaming loader and `jobmine db load`: batches in order, each all or nothing, re-runs change nothing."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import psycopg
import pytest

from flows.cli import main as cli
from schemas.errors import LoadError
from tests.conftest import REAL_FIXTURES
from tests.fakes.synthetic.rows import postings, to_record
from tests.storage.conftest import pg


def _batches(start: int, sizes: list[int]) -> list[list]:
    out, lo = [], start
    for size in sizes:
        out.append([to_record(p) for p in postings(5, lo, size)])
        lo += size
    return out


def test_stream_loads_every_batch_and_a_rerun_changes_nothing(settings, db):
    batches = _batches(0, [40, 1, 0, 25, 34])
    first = db.upsert_stream(batches, "first", datetime.now(UTC))
    versions = pg(settings.pg_dsn, "SELECT job_uid, row_version, record_hash FROM jobs ORDER BY 1")
    again = db.upsert_stream(batches, "again", datetime.now(UTC))

    assert (first.inserted, first.updated, first.unchanged) == (100, 0, 0)
    assert (again.inserted, again.updated, again.unchanged) == (0, 0, 100)
    assert pg(settings.pg_dsn, "SELECT job_uid, row_version, record_hash FROM jobs ORDER BY 1") == versions
    assert pg(settings.pg_dsn, "SELECT count(DISTINCT last_run_id) FROM jobs") == [(1,)]


def test_stream_gives_the_same_rows_as_one_batch_at_a_time(settings, db):
    batches = _batches(0, [30, 30, 30])
    db.upsert_stream(batches[:2], "stream", datetime.now(UTC))
    db.upsert_records(batches[2], "single", datetime.now(UTC))
    cols = "job_uid, title, company, locations, description_text, content_hash, remote_type, salary_min_usd"
    streamed = pg(settings.pg_dsn, f"SELECT {cols} FROM jobs WHERE last_run_id = 'stream' ORDER BY 1")
    assert len(streamed) == 60
    expected = sorted(
        (r.job.job_uid, r.job.title, r.job.company, r.job.locations, r.job.description_text,
         r.job.content_hash, r.extraction.remote_type.value, r.extraction.salary_min_usd)
        for batch in batches[:2] for r in batch
    )  # fmt: skip
    assert [tuple(row) for row in streamed] == expected


def test_a_failing_batch_stops_the_stream_and_keeps_the_batches_before_it(settings, db):
    batches = _batches(0, [20, 20, 20])
    bad = batches[1][7]
    bad.extraction.salary_min_usd, bad.extraction.salary_max_usd = 200_000, 100_000  # breaks a CHECK
    with pytest.raises(LoadError, match="batch of 20 jobs failed"):
        db.upsert_stream(batches, "broken", datetime.now(UTC))
    kept = {r[0] for r in pg(settings.pg_dsn, "SELECT job_uid FROM jobs")}
    assert kept == {r.job.job_uid for r in batches[0]}
    stats = db.pool.get_stats()
    assert stats["pool_size"] == stats["pool_available"]  # no connection left in a transaction

    bad.extraction.salary_min_usd, bad.extraction.salary_max_usd = 100_000, 200_000
    fixed = db.upsert_stream(batches, "fixed", datetime.now(UTC))
    assert (fixed.inserted, fixed.unchanged) == (40, 20)


def test_job_uid_must_spell_the_identity(settings, db):
    db.upsert_stream(_batches(0, [1]), "one", datetime.now(UTC))
    with psycopg.connect(settings.pg_dsn) as conn, pytest.raises(psycopg.errors.CheckViolation):
        conn.execute("UPDATE jobs SET ats_job_id = ats_job_id || 'x'")


def test_cli_db_load_from_parse_output(settings, db, monkeypatch, capsys, tmp_path):
    monkeypatch.setenv("JOBMINE_DATABASE_URL", settings.pg_dsn)
    payload = REAL_FIXTURES / "greenhouse_jobs_stripe.json"
    assert cli.main(["parse", "greenhouse", str(payload), "--token", "stripe"]) == 0
    lines = capsys.readouterr().out.splitlines()
    jsonl = tmp_path / "stripe.jsonl"
    jsonl.write_text("\n".join(lines) + "\n")

    assert cli.main(["db", "load", str(jsonl), "--batch", "50"]) == 0
    assert f"{len(lines)} new, 0 changed, 0 unchanged" in capsys.readouterr().out
    assert cli.main(["db", "load", str(jsonl)]) == 0
    assert f"0 new, 0 changed, {len(lines)} unchanged" in capsys.readouterr().out
    rows = pg(settings.pg_dsn, "SELECT count(*), count(DISTINCT board_token) FROM jobs")
    assert rows == [(len(lines), 1)]
    first = json.loads(lines[0])
    title = pg(
        settings.pg_dsn, "SELECT title FROM jobs WHERE ats_job_id = %(id)s", {"id": first["ats_job_id"]}
    )
    assert title == [(first["title"],)]


def test_cli_db_load_names_the_bad_line_and_loads_nothing_of_its_batch(
    settings, db, monkeypatch, capsys, tmp_path
):
    monkeypatch.setenv("JOBMINE_DATABASE_URL", settings.pg_dsn)
    good = [r.job.model_dump_json() for r in _batches(0, [3])[0]]
    jsonl = tmp_path / "bad.jsonl"
    jsonl.write_text("\n".join([good[0], "", good[1], '{"title": 5}', good[2]]) + "\n")

    assert cli.main(["db", "load", str(jsonl)]) == 2
    err = capsys.readouterr().err
    assert "line 4" in err and "source_type" in err
    assert pg(settings.pg_dsn, "SELECT count(*) FROM jobs") == [(0,)]
    assert cli.main(["db", "load", str(tmp_path / "missing.jsonl")]) == 2
    assert "no such file" in capsys.readouterr().err
