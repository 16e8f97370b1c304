"""Scrape many boards through one polite host: achieved concurrency vs the cap, CPU per posting, memory.

`python bench/scrape.py [--scale N]`: scale 1 is 5,000 boards / 100,000 postings behind a local server
that answers every request after 200 ms (the server runs in its own process, so it costs this one
nothing). Targets: achieved concurrency >= 95% of the per-host cap (wall time within 5% of
requests x latency / cap), < 1 ms CPU per posting outside JSON parsing, peak memory < 500 MB.
PostgreSQL must be running (`jobmine services up`); the bench uses a database of its own and drops it.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
# A Prefect server of the bench's own (fresh SQLite under a temp home), started when the flow first runs.
if "PREFECT_API_URL" not in os.environ:  # else the one configured
    os.environ.setdefault("PREFECT_HOME", tempfile.mkdtemp(prefix="jobmine-bench-prefect-"))
os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")

import httpx  # noqa: E402
import psycopg  # noqa: E402

from schemas.settings import Settings  # noqa: E402
from tests.fakes.synthetic.boards import COMPANIES, greenhouse_board, lever_board  # noqa: E402

LATENCY_S, CAP, POSTINGS_PER_BOARD = 0.2, 5, 20
SERVER = """
import sys, time, zlib
sys.path.insert(0, {root!r})
from tests.fakes.synthetic.boards import COMPANIES, greenhouse_board, lever_board
from tests.fakes.ats_server import AtsServer

def board(source, token):
    n = int(token.rsplit("-", 1)[1])
    company = COMPANIES[n % len(COMPANIES)][0]
    make = lever_board if source == "lever" else greenhouse_board
    return make(7, company, token, {per}) if source in ("lever", "greenhouse") else None

server = AtsServer(latency_s={latency})
server.generator = board
server.start()
print(server.url, flush=True)
sys.stdin.read()
"""


def boards_for(n: int) -> list[str]:
    """Two Greenhouse boards for each Lever one, as in the wild."""
    return [f"{'lever' if i % 3 == 2 else 'greenhouse'}:b-{i}" for i in range(n)]


def json_seconds(sample: list[str]) -> float:
    """CPU seconds `json.loads` takes for these boards' bodies: the part of parsing we do not count."""
    bodies = []
    for board in sample:
        source, token = board.split(":")
        company = COMPANIES[int(token.rsplit("-", 1)[1]) % len(COMPANIES)][0]
        make = lever_board if source == "lever" else greenhouse_board
        bodies.append(make(7, company, token, POSTINGS_PER_BOARD))
    started = time.process_time()
    for body in bodies:
        json.loads(body)
    return time.process_time() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", type=float, default=1.0)
    args = parser.parse_args()
    n = max(5, round(5000 * args.scale))
    boards = boards_for(n)
    base = Settings()
    db_name = f"jobmine_bench_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(base.pg_dsn, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{db_name}"')
    info = psycopg.conninfo.conninfo_to_dict(base.pg_dsn) | {"dbname": db_name}
    server = subprocess.Popen(
        [sys.executable, "-c", SERVER.format(root=str(ROOT), per=POSTINGS_PER_BOARD, latency=LATENCY_S)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        url = server.stdout.readline().strip()  # type: ignore[union-attr]
        with tempfile.TemporaryDirectory() as tmp:
            result = run(boards, url, base, psycopg.conninfo.make_conninfo(**info), Path(tmp))
    finally:
        server.terminate()
        server.wait(timeout=10)
        with psycopg.connect(base.pg_dsn, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{db_name}" WITH (FORCE)')
    print(json.dumps(result))


def run(boards: list[str], url: str, base: Settings, dsn: str, tmp: Path) -> dict[str, object]:
    from flows.scrape import scrape
    from tasks.storage.database import Database

    settings = base.model_copy(
        update={
            "database_url": dsn,
            "raw_store": f"file://{tmp / 'raw'}",
            "reports_dir": tmp / "reports",
            "index_alias": f"bench-{uuid.uuid4().hex[:8]}",
            "greenhouse_api_url": url,
            "lever_api_url": url,
            "host_concurrency": CAP,
            "host_rate_per_s": 0.0,  # the rate would bind before the cap: this measures the cap
            "request_jitter_s": 0.0,
            "scrape_workers": 3 * CAP,
        }
    )
    with Database(dsn) as db:
        db.migrate()
    scrape(boards=boards[:1], settings=settings)  # warm up: Prefect server, limits, robots.txt
    before = httpx.get(f"{url}/__stats").json()
    cpu0, wall0 = time.process_time(), time.perf_counter()
    report = scrape(boards=boards[1:], settings=settings)
    wall, cpu = time.perf_counter() - wall0, time.process_time() - cpu0
    after = httpx.get(f"{url}/__stats").json()
    requests = after["requests"] - before["requests"]
    postings = report.counts.get("postings_fetched", 0)
    sample = random.Random(1).sample(boards[1:], min(200, len(boards) - 1))
    json_cpu = json_seconds(sample) * (len(boards) - 1) / len(sample)
    ideal = requests * LATENCY_S / CAP
    return {
        "bench": "scrape",
        "boards": len(boards) - 1,
        "boards_ok": report.counts.get("boards_ok", 0),
        "postings": postings,
        "requests": requests,
        "latency_s": LATENCY_S,
        "cap": CAP,
        "wall_s": round(wall, 2),
        "ideal_wall_s": round(ideal, 2),
        "achieved_concurrency": round((after["busy_s"] - before["busy_s"]) / wall, 3),
        "achieved_vs_cap": round(ideal / wall, 3),
        "max_in_flight": after["max_in_flight"],
        "cpu_s": round(cpu, 2),
        "cpu_ms_per_posting_outside_json": round((cpu - json_cpu) * 1000 / max(postings, 1), 3),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "target_achieved_vs_cap": 0.95,
        "target_cpu_ms_per_posting": 1.0,
        "target_peak_rss_mb": 500,
    }


if __name__ == "__main__":
    main()
