"""Storage and search at a million postings, one run, side by side.

- PostgreSQL load rate through the product loader (binary COPY + one merge per batch, batches streamed) against
  the same upsert row by row, on the same work (the same number of new postings into an empty table) (target:
  >= 10x). Row by row is one INSERT ... ON CONFLICT per posting with a round trip each, which is what
  `executemany` does in psycopg 2 and most drivers; psycopg 3's `executemany` pipelines those statements
  instead, and is reported beside it. The loader's rate over the whole million (a table that grows to 1M rows)
  is reported too;
- OpenSearch bulk rate through the product indexer (watermark catch-up) (target: >= 5,000 docs/s);
- a faceted query (text + 2 filters + 6 facets), p50/p95 over varied queries at 100k and 1M postings, in
  OpenSearch and as a Postgres-only design would do it (tsvector + GIN, GROUP BY per facet)
  (target: p95 < 150 ms at 1M and >= 5x faster than PostgreSQL).

    python bench/storage_search.py [--scale N]      # scale 1 = 1,000,000 postings

Uses its own database and index alias and drops both at the end. The last line is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import psycopg
from psycopg import sql

from schemas.search import SearchRequest
from schemas.settings import Settings
from tasks.search.index import SearchIndex
from tasks.storage.database import STAGING_COLUMNS, Database, record_row
from tests.fakes.synthetic.rows import EXTRACTED_COLUMNS, SyntheticPosting, postings
from tests.fakes.synthetic.rows import to_record as record

BATCH = 5000
WINDOW = 50_000  # records built ahead of each timed load
SEED = 2026
FACETS = ["company", "seniority", "remote_type", "employment_type", "country", "skills"]
TERMS = [
    "data engineer",
    "python",
    "software engineer",
    "sales",
    "kubernetes",
    "product manager",
    "security",
    "machine learning",
    "frontend react",
    "dbt snowflake",
    "customer success",
    "designer figma",
    "account executive",
    "analytics",
    "recruiter",
    "site reliability",
    "terraform aws",
    "finance excel",
    "backend go",
    "marketing hubspot",
    "spark",
    "typescript",
    "ios swift",
    "sql",
]
FILTERS = {
    "remote_type": ["remote", "hybrid", "onsite"],
    "seniority": ["senior", "mid", "staff", "junior"],
    "country": ["US", "GB", "DE", "IN", "CA", "FR"],
    "employment_type": ["full_time", "contract"],
}
_EXTRACTED = ["job_uid", *EXTRACTED_COLUMNS]


def batches(start: int, count: int) -> Iterator[list[SyntheticPosting]]:
    for lo in range(start, start + count, BATCH):
        yield list(postings(SEED, lo, min(BATCH, start + count - lo)))


def side_by_side_rates(db: Database, n: int) -> dict[str, float]:
    """The loader and the two row-by-row baselines on the same work: n new postings into an empty `jobs`.

    Row by row is one INSERT ... ON CONFLICT per posting, one commit at the end: plain `execute` in a loop
    waits for each row (psycopg 2's `executemany` does exactly this); psycopg 3's `executemany` pipelines
    the statements. Rows are built inside the timing for all three."""
    cols = ", ".join(STAGING_COLUMNS)
    sets = ", ".join(f"{c} = excluded.{c}" for c in STAGING_COLUMNS if c != "job_uid")
    marks = ", ".join(["%s"] * len(STAGING_COLUMNS))
    stmt = f"INSERT INTO jobs ({cols}) VALUES ({marks}) ON CONFLICT (job_uid) DO UPDATE SET {sets}"
    rates = {}
    for how, start in (("loader", 40_000_000), ("executemany", 50_000_000), ("execute_per_row", 60_000_000)):
        records = [record(p) for p in postings(SEED, start, n)]
        with db.transaction() as conn:
            conn.execute("TRUNCATE jobs CASCADE")
        began = time.perf_counter()
        if how == "loader":
            db.upsert_stream([records[i : i + BATCH] for i in range(0, n, BATCH)], "bench", datetime.now(UTC))
        else:
            with db.transaction() as conn:
                cur = conn.cursor()
                if how == "executemany":
                    cur.executemany(stmt, [record_row(r) for r in records])
                else:
                    for r in records:
                        cur.execute(stmt, record_row(r))
        rates[how] = n / (time.perf_counter() - began)
    with db.transaction() as conn:
        conn.execute("TRUNCATE jobs CASCADE")
    return rates


def load(db: Database, start: int, count: int) -> float:
    """Seconds spent in the loader (`Database.upsert_stream`, as `jobmine db load` uses it), fed a window
    of ready records at a time; building them and the extraction side table are not timed."""
    spent = 0.0
    for lo in range(start, start + count, WINDOW):
        window = list(batches(lo, min(WINDOW, start + count - lo)))
        recs = [[record(p) for p in batch] for batch in window]
        began = time.perf_counter()
        db.upsert_stream(recs, run_id="bench", seen_at=datetime.now(UTC))
        spent += time.perf_counter() - began
        with (
            db.transaction() as conn,
            conn.cursor().copy(f"COPY bench_extracted ({', '.join(_EXTRACTED)}) FROM STDIN") as copy,
        ):
            for batch in window:
                for p in batch:
                    copy.write_row(tuple(p.extracted[c] for c in _EXTRACTED))
    return spent


def enrich_and_prepare_pg(db: Database) -> None:
    """What the extraction stage would write, then the Postgres-only search table (neither timed)."""
    with db.transaction() as conn:
        conn.execute(
            "UPDATE jobs j SET job_function = e.job_function, summary = e.summary, skills = e.skills,"
            " tools = e.tools, cities = e.cities, regions = e.regions, countries = e.countries,"
            " years_experience_min = e.years_experience_min FROM bench_extracted e"
            " WHERE j.job_uid = e.job_uid AND j.summary IS NULL"
        )
        conn.execute("DROP TABLE IF EXISTS pg_search")
        conn.execute(
            "CREATE TABLE pg_search AS SELECT job_uid, title, company, seniority, remote_type,"
            " employment_type, countries, skills, closed_at,"
            " setweight(to_tsvector('english', title), 'A') ||"
            " setweight(to_tsvector('english', coalesce(summary, '')), 'B') ||"
            " to_tsvector('english', description_text) AS fts FROM jobs"
        )
        conn.execute("CREATE INDEX ON pg_search USING gin (fts)")
        conn.execute("CREATE INDEX ON pg_search USING gin (countries)")
        for col in ("remote_type", "seniority", "employment_type"):
            conn.execute(sql.SQL("CREATE INDEX ON pg_search ({})").format(sql.Identifier(col)))
    with psycopg.connect(db.dsn, autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE pg_search")
        conn.execute("VACUUM ANALYZE jobs")


def query_set(n: int) -> list[tuple[str, dict[str, str]]]:
    rng = random.Random(7)
    out = []
    for _ in range(n):
        a, b = rng.sample(sorted(FILTERS), 2)
        out.append((rng.choice(TERMS), {a: rng.choice(FILTERS[a]), b: rng.choice(FILTERS[b])}))
    return out


def pg_query(text: str, filters: dict[str, str]) -> tuple[sql.Composed, dict[str, Any]]:
    conds = [sql.SQL("fts @@ q"), sql.SQL("closed_at IS NULL")]
    for name in sorted(filters):
        if name == "country":
            conds.append(sql.SQL("countries @> ARRAY[%(country)s]::text[]"))
        else:
            conds.append(sql.SQL("{} = %({})s").format(sql.Identifier(name), sql.SQL(name)))
    parts = [
        sql.SQL(
            "SELECT 'hit' AS kind, job_uid AS key, rank AS n FROM (SELECT job_uid, rank FROM m ORDER BY rank DESC, job_uid LIMIT 10) h"
        ),
        sql.SQL("SELECT 'total', NULL, count(*)::float8 FROM m"),
    ]
    for facet in FACETS:
        if facet in ("country", "skills"):
            col = "countries" if facet == "country" else "skills"
            src = sql.SQL("m, unnest(m.{}) v").format(sql.Identifier(col))
            key = sql.SQL("v")
        else:
            src, key = sql.SQL("m"), sql.Identifier(facet)
        parts.append(
            sql.SQL("(SELECT {}, {}, count(*)::float8 FROM {} GROUP BY 2 ORDER BY 3 DESC LIMIT 20)").format(
                sql.Literal(facet), key, src
            )
        )
    stmt = sql.SQL(
        "WITH m AS MATERIALIZED (SELECT job_uid, company, seniority, remote_type, employment_type, countries,"
        " skills, ts_rank(fts, q)::float8 AS rank FROM pg_search, websearch_to_tsquery('english', %(q)s) q"
        " WHERE {}) {}"
    ).format(sql.SQL(" AND ").join(conds), sql.SQL(" UNION ALL ").join(parts))
    return stmt, {"q": text, **filters}


def percentiles(samples: list[float]) -> dict[str, float]:
    s = sorted(samples)
    pick = lambda q: s[min(len(s) - 1, round(q * (len(s) - 1)))]  # noqa: E731
    return {"p50_ms": round(pick(0.5) * 1000, 1), "p95_ms": round(pick(0.95) * 1000, 1), "n": len(s)}


def measure_queries(db: Database, index: SearchIndex, n: int) -> dict[str, Any]:
    queries = query_set(n)
    os_times, pg_times, agree = [], [], 0
    for text, filters in queries[:5]:  # warm both sides once
        index.search(SearchRequest(text=text, filters={k: [v] for k, v in filters.items()}, facets=FACETS))
    with psycopg.connect(db.dsn) as conn:
        for text, filters in queries[:5]:
            conn.execute(*pg_query(text, filters)).fetchall()
        for text, filters in queries:
            req = SearchRequest(text=text, filters={k: [v] for k, v in filters.items()}, facets=FACETS)
            began = time.perf_counter()
            result = index.search(req)
            os_times.append(time.perf_counter() - began)
            began = time.perf_counter()
            rows = conn.execute(*pg_query(text, filters)).fetchall()
            pg_times.append(time.perf_counter() - began)
            pg_total = next(int(r[2]) for r in rows if r[0] == "total")
            agree += abs(result["total"] - pg_total) <= max(2, 0.05 * pg_total)
    os_p, pg_p = percentiles(os_times), percentiles(pg_times)
    return {
        "opensearch": os_p,
        "postgresql": pg_p,
        "speedup_p50": round(pg_p["p50_ms"] / max(os_p["p50_ms"], 0.1), 1),
        "speedup_p95": round(pg_p["p95_ms"] / max(os_p["p95_ms"], 0.1), 1),
        "totals_within_5pct": round(agree / len(queries), 3),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0)
    args = parser.parse_args()
    total = max(500, int(1_000_000 * args.scale))
    first = max(100, int(100_000 * args.scale))
    n_queries = 200 if args.scale >= 0.05 else 20
    base = Settings()
    tag = uuid.uuid4().hex[:8]
    dbname, alias = f"jobmine_bench_{tag}", f"jobmine-bench-{tag}"
    info = psycopg.conninfo.conninfo_to_dict(base.pg_dsn) | {"dbname": dbname}
    dsn = psycopg.conninfo.make_conninfo(**info)
    with psycopg.connect(base.pg_dsn, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(dbname)))
    index = SearchIndex(base.os_url, alias, timeout=120)
    wall = time.perf_counter()
    out: dict[str, Any] = {"postings": total, "scale": args.scale, "load_avg_start": os.getloadavg()}
    try:
        with Database(dsn) as db:
            db.migrate()
            with db.transaction() as conn:
                conn.execute(
                    "CREATE UNLOGGED TABLE bench_extracted (job_uid text PRIMARY KEY, job_function text,"
                    " summary text, skills text[], tools text[], cities text[], regions text[],"
                    " countries text[], years_experience_min integer)"
                )
            n_base = max(200, min(20_000, total // 50))
            baseline = side_by_side_rates(db, n_base)
            index.ensure()
            spent_load, spent_index, indexed, queries = 0.0, 0.0, 0, {}
            for start, count in ((0, first), (first, total - first)):
                spent_load += load(db, start, count)
                enrich_and_prepare_pg(db)
                began = time.perf_counter()
                indexed += index.catch_up(db).indexed
                spent_index += time.perf_counter() - began
                queries[str(start + count)] = measure_queries(db, index, n_queries)
                progress = {
                    "stage": start + count,
                    "loader_rows_per_s": round((start + count) / spent_load),
                    "baseline_rows_per_s": {k: round(v) for k, v in baseline.items()},
                    "bulk_docs_per_s": round(indexed / spent_index),
                    **queries[str(start + count)],
                }
                print(json.dumps(progress), flush=True)
        loader_rate = total / spent_load
        out["pg_load"] = {
            "same_work_rows": n_base,
            "same_work_rows_per_s": {k: round(v) for k, v in baseline.items()},
            "speedup_vs_row_by_row": round(baseline["loader"] / baseline["execute_per_row"], 1),
            "speedup_vs_pipelined_executemany": round(baseline["loader"] / baseline["executemany"], 1),
            "target_speedup": 10,
            "loader_rows_per_s_over_all": round(loader_rate),
            "all_vs_row_by_row_on_empty_table": round(loader_rate / baseline["execute_per_row"], 1),
        }
        out["os_bulk"] = {
            "docs": indexed,
            "docs_per_s": round(indexed / spent_index),
            "target_docs_per_s": 5000,
        }
        out["faceted_query"] = queries
        out["faceted_query_targets"] = {"p95_ms_at_1M": 150, "speedup_vs_postgresql": 5}
    finally:
        drop_scratch(index, alias, base.pg_dsn, dbname)
    out["load_avg_end"] = os.getloadavg()
    out["wall_s"] = round(time.perf_counter() - wall, 1)
    print(json.dumps(out))


def drop_scratch(index: SearchIndex, alias: str, dsn: str, dbname: str) -> None:
    """Remove a benchmark's scratch indexes, template and database (also used by bench/search_page.py)."""
    index.client.indices.delete(index=f"{alias}-v*", ignore_unavailable=True, allow_no_indices=True)
    index.client.indices.delete_index_template(name=f"{alias}-template", ignore=[404])
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(dbname)))


if __name__ == "__main__":
    main()
