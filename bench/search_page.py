"""Server time of the search page, its facet request and `/jobs`, on the same queries, at 100k and 1M postings.

The app is `create_app(settings)` driven in-process (Starlette's test client), so the times are the
server's own: parameter parsing, the OpenSearch request, template rendering; no browser, no network.
Each query is text + two filters, a third of them with a salary floor in EUR (undisclosed pay kept), a
third also excluding a company; the page asks for hits and ten facets, `/facets` for all default facets,
`/jobs` for the hits only. Target: page p95 < 100 ms at 1M postings.

    python bench/search_page.py [--scale N]      # scale 1 = 1,000,000 postings (stages at 10% and 100%)

Data: the synthetic postings of tests/fakes/synthetic/rows.py through the product loader, loaded and
enriched as bench/storage_search.py does it. Own database and alias, dropped at the end; the last line
is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
import uuid
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import psycopg
from fastapi.testclient import TestClient
from psycopg import sql
from storage_search import FILTERS, TERMS, drop_scratch, load, percentiles

from schemas.settings import Settings
from tasks.api.app import create_app
from tasks.search.index import SearchIndex
from tasks.storage.database import Database

ENDPOINTS = ("page", "facets", "jobs")


def enrich(db: Database) -> None:
    """The extraction columns the loader leaves empty (not timed)."""
    with db.transaction() as conn:
        conn.execute(
            "UPDATE jobs j SET job_function = e.job_function, summary = e.summary, skills = e.skills,"
            " tools = e.tools, cities = e.cities, regions = e.regions, countries = e.countries,"
            " years_experience_min = e.years_experience_min FROM bench_extracted e"
            " WHERE j.job_uid = e.job_uid AND j.summary IS NULL"
        )


def query_set(n: int, companies: list[str]) -> list[list[tuple[str, str]]]:
    rng = random.Random(11)
    out = []
    for i in range(n):
        a, b = rng.sample(sorted(FILTERS), 2)
        params = [("q", rng.choice(TERMS)), (a, rng.choice(FILTERS[a])), (b, rng.choice(FILTERS[b]))]
        if i % 3 == 1:
            params += [("salary_min", str(rng.choice([60, 90, 120]) * 1000)), ("salary_currency", "EUR")]
        if i % 3 == 2 and companies:
            params.append(("exclude", f"company={rng.choice(companies)}"))
        out.append(params)
    return out


def measure(client: TestClient, queries: list[list[tuple[str, str]]]) -> dict[str, Any]:
    times: dict[str, list[float]] = {e: [] for e in ENDPOINTS}
    paths = {"page": "/", "facets": "/facets", "jobs": "/jobs"}
    for params in queries[:5]:  # warm up
        for e in ENDPOINTS:
            client.get(paths[e], params=params)
    agree = 0
    for params in queries:
        totals = {}
        for e in ENDPOINTS:
            began = time.perf_counter()
            resp = client.get(paths[e], params=params)
            times[e].append(time.perf_counter() - began)
            if resp.status_code != 200:
                raise RuntimeError(f"{paths[e]} answered {resp.status_code}: {resp.text[:300]}")
            if e != "page":
                totals[e] = resp.json()["total"]
        agree += totals["facets"] == totals["jobs"]
    out: dict[str, Any] = {e: percentiles(t) for e, t in times.items()}
    out["same_totals"] = round(agree / len(queries), 3)
    return out


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
    dsn = psycopg.conninfo.make_conninfo(
        **(psycopg.conninfo.conninfo_to_dict(base.pg_dsn) | {"dbname": dbname})
    )
    with psycopg.connect(base.pg_dsn, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(dbname)))
    settings = base.model_copy(
        update={"database_url": dsn, "opensearch_url": base.os_url, "index_alias": alias}
    )
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
            index.ensure()
            stages: dict[str, Any] = {}
            for start, count in ((0, first), (first, total - first)):
                load(db, start, count)
                enrich(db)
                index.catch_up(db)
                with db.transaction() as conn:
                    companies = [
                        r["company"] for r in conn.execute("SELECT DISTINCT company FROM jobs LIMIT 50")
                    ]
                with TestClient(create_app(settings)) as client:
                    stages[str(start + count)] = measure(client, query_set(n_queries, companies))
                print(json.dumps({"stage": start + count, **stages[str(start + count)]}), flush=True)
        out["server_time"] = stages
        out["target"] = {"page_p95_ms_at_1M": 100}
    finally:
        drop_scratch(index, alias, base.pg_dsn, dbname)
    out["load_avg_end"] = os.getloadavg()
    out["wall_s"] = round(time.perf_counter() - wall, 1)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
