"""Trends and export at a million postings with a year of history.

- trends queries (each section of `GET /trends`, and the whole report), p50/p95 over varied dimensions
  and filters, read from the `trend_postings` view the trends flow refreshes (target: p95 < 500 ms each);
  the view's refresh and the stale marking are timed too;
- export of every posting to Parquet (binary COPY decoded into Arrow by the ADBC driver), in a child
  process so its peak memory and CPU time are its own (target: >= 100k rows/s, peak RSS < 500 MB).

    python bench/trends_export.py [--scale N]      # scale 1 = 1,000,000 postings

History: postings are loaded through the product loader (synthetic rows, first seen over the year before
2026-11-01), then ~70% are closed after 3-90 days (through the ledger trigger), some boards go dark (stale),
some salaries are stated in EUR per year or USD per hour. Uses its own database, dropped at the end.
The last line is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import psycopg

from schemas.settings import Settings
from schemas.trends import ALL_SECTIONS, TrendsRequest
from tasks.export.run import export_postings
from tasks.storage.database import Database
from tasks.trends.store import mark_stale, refresh_view, trends
from tests.fakes.synthetic.rows import EXTRACTED_COLUMNS, postings, to_record

SEED, BATCH, WINDOW = 2027, 5000, 50_000
NOW = datetime(2026, 11, 1, tzinfo=UTC)
_EXTRACTED = ["job_uid", *EXTRACTED_COLUMNS]
_CLOSE_AT = "(j.posted_at + make_interval(hours => hashtext(j.job_uid) & 31, days => 3 + (hashtext(j.job_uid || 'c') & 127) %% 88))"
_CLOSES = f"((hashtext(j.job_uid) & 1023) < 717 AND {_CLOSE_AT} < %(now)s)"
# One pass over `jobs`: the extraction fields, first seen, ~70% closed after 3-90 days (the ledger trigger
# fires), boards starting with 'a' dark for 20 days (stale), some salaries stated in EUR or per hour.
HISTORY = f"""
UPDATE jobs j SET job_function = e.job_function, summary = e.summary, skills = e.skills::text[],
    tools = e.tools::text[], cities = e.cities::text[], regions = e.regions::text[],
    countries = e.countries::text[], years_experience_min = e.years_experience_min::int,
    first_seen_at = j.posted_at + make_interval(hours => hashtext(j.job_uid) & 31),
    duplicate_group = md5(j.company || j.title),
    closed_at = CASE WHEN {_CLOSES} THEN {_CLOSE_AT} END,
    last_seen_at = CASE WHEN {_CLOSES} THEN {_CLOSE_AT}
                        WHEN j.board_token LIKE 'a%%' THEN %(now)s - interval '20 days' ELSE %(now)s END,
    salary_currency = CASE WHEN j.salary_min_usd IS NULL THEN NULL
                           WHEN (hashtext(j.job_uid) & 15) = 0 THEN 'EUR' ELSE 'USD' END,
    salary_interval = CASE WHEN j.salary_min_usd IS NULL THEN NULL
                           WHEN (hashtext(j.job_uid) & 15) = 1 THEN 'hour' ELSE 'year' END
FROM bench_extracted e WHERE j.job_uid = e.job_uid
"""
BY = ["all", "company", "job_function", "seniority", "country", "skill", "source"]
FILTERS = [
    {},
    {"seniority": ["senior"]},
    {"country": ["US"]},
    {"job_function": ["engineering"]},
    {"skills": ["Python"]},
]


def load(db: Database, n: int) -> float:
    began = time.perf_counter()
    with db.transaction() as conn:
        conn.execute(f"CREATE UNLOGGED TABLE bench_extracted ({', '.join(f'{c} text' for c in _EXTRACTED)})")
    for lo in range(0, n, WINDOW):
        window = [list(postings(SEED, b, min(BATCH, n - b))) for b in range(lo, min(n, lo + WINDOW), BATCH)]
        db.upsert_stream([[to_record(p) for p in w] for w in window], run_id="bench", seen_at=NOW)
        with db.transaction() as conn, conn.cursor().copy("COPY bench_extracted FROM STDIN") as copy:
            for w in window:
                for p in w:
                    copy.write_row(
                        tuple(
                            _pg_array(v) if isinstance(v, list) else v
                            for v in (p.extracted[c] for c in _EXTRACTED)
                        )
                    )
    return time.perf_counter() - began


def _pg_array(values: list[str]) -> str:
    return "{" + ",".join('"' + v.replace('"', '\\"') + '"' for v in values) + "}"


def history(db: Database) -> dict[str, float]:
    timings = {}
    began = time.perf_counter()
    with db.transaction() as conn:
        conn.execute(HISTORY, {"now": NOW})
        conn.execute("DROP TABLE bench_extracted")
    with psycopg.connect(db.dsn, autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE jobs")
    timings["history_s"] = time.perf_counter() - began
    began = time.perf_counter()
    timings["stale_marked"] = mark_stale(db, 7, now=NOW)
    timings["mark_stale_s"] = time.perf_counter() - began
    began = time.perf_counter()
    refresh_view(db)
    with psycopg.connect(db.dsn, autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE trend_postings")
    timings["refresh_view_s"] = time.perf_counter() - began
    return timings


def time_trends(db: Database, settings: Settings, runs: int) -> dict[str, dict[str, float]]:
    rng = random.Random(3)
    out = {}
    labels = (
        "weekly_unfiltered",
        "weekly_filtered",
        "salary",
        "time_open",
        "rising_skills",
        "freshness",
        "all",
    )
    for label in labels:
        section = "weekly" if label.startswith("weekly") else label
        spent = []
        for _ in range(runs):
            choices = {"weekly_unfiltered": FILTERS[:1], "weekly_filtered": FILTERS[1:]}.get(label, FILTERS)
            req = TrendsRequest(
                by=rng.choice(BY),
                filters=rng.choice(choices),
                sections=[section] if label != "all" else list(ALL_SECTIONS),
            )
            began = time.perf_counter()
            trends(db, req, settings, now=NOW)
            spent.append((time.perf_counter() - began) * 1000)
        spent.sort()
        out[label if label != "all" else "all_sections"] = {
            "p50_ms": round(statistics.median(spent), 1),
            "p95_ms": round(spent[min(len(spent) - 1, int(0.95 * len(spent)))], 1),
        }
    return out


def child_export(dsn: str, folder: str) -> None:
    settings = Settings(database_url=dsn)
    with Database(dsn) as db:
        cpu = time.process_time()
        out = export_postings(db, settings, folder)
        cpu = time.process_time() - cpu
    # VmHWM, not ru_maxrss: Linux carries ru_maxrss over exec, so it would report the forking parent's size.
    status = Path("/proc/self/status").read_text()
    peak_mb = int(next(x for x in status.splitlines() if x.startswith("VmHWM:")).split()[1]) / 1024
    print(
        json.dumps({"rows": out.rows, "seconds": out.seconds, "cpu_s": cpu, "peak_rss_mb": round(peak_mb, 1)})
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--child-export", nargs=2, metavar=("DSN", "FOLDER"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child_export:
        return child_export(*args.child_export)
    n = max(200, int(1_000_000 * args.scale))
    base = Settings()
    name = f"jobmine_bench_tr_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(base.pg_dsn, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    dsn = psycopg.conninfo.make_conninfo(base.pg_dsn, dbname=name)
    settings = base.model_copy(update={"database_url": dsn})
    try:
        with Database(dsn) as db:
            db.migrate()
            load_s = load(db, n)
            timings = history(db)
            print(json.dumps({"postings": n, "load_s": round(load_s, 1), **timings}), flush=True)
            queries = time_trends(db, settings, runs=20 if n >= 100_000 else 5)
            print(json.dumps({"trends": queries}), flush=True)
        with tempfile.TemporaryDirectory() as folder:
            proc = subprocess.run(
                [sys.executable, __file__, "--child-export", dsn, folder],
                capture_output=True,
                text=True,
                check=True,
            )
            export = json.loads(proc.stdout.strip().splitlines()[-1])
            size = sum(p.stat().st_size for p in Path(folder).rglob("*.parquet"))
    finally:
        with psycopg.connect(base.pg_dsn, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    result = {
        "postings": n,
        "load_s": round(load_s, 1),
        **{k: round(v, 2) for k, v in timings.items()},
        "trends": queries,
        "trends_p95_target_met": all(q["p95_ms"] < 500 for k, q in queries.items() if k != "all_sections"),
        "export_rows": export["rows"],
        "export_rows_per_s": round(export["rows"] / export["seconds"]),
        "export_rows_per_client_cpu_s": round(export["rows"] / max(export["cpu_s"], 1e-9)),
        "load_average_1m": round(os.getloadavg()[0], 1),
        "export_peak_rss_mb": export["peak_rss_mb"],
        "export_parquet_mb": round(size / 1e6, 1),
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
