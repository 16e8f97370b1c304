"""Several scrape workers at once against one host: the per-host cap holds across all of them."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from prefect.settings import PREFECT_API_URL

from tests.conftest import REPO
from tests.fakes.ats_server import AtsServer
from tests.fakes.synthetic.boards import greenhouse_board
from tests.scrape.conftest import rows

pytestmark = pytest.mark.usefixtures("prefect_server")
CAP, WORKERS, BOARDS_EACH = 3, 3, 12


def test_three_worker_processes_never_exceed_the_host_cap(settings):
    with AtsServer(latency_s=0.15) as server:
        for w in range(WORKERS):
            for i in range(BOARDS_EACH):
                server.set_board("greenhouse", f"w{w}b{i}", greenhouse_board(1, "Co", f"w{w}b{i}", 3))
        env = {
            **os.environ,
            "PREFECT_API_URL": PREFECT_API_URL.value(),
            "JOBMINE_DATABASE_URL": settings.pg_dsn,
            "JOBMINE_OPENSEARCH_URL": settings.os_url,
            "JOBMINE_INDEX_ALIAS": settings.index_alias,
            "JOBMINE_RAW_STORE": settings.raw_store,
            "JOBMINE_REPORTS_DIR": str(settings.reports_dir),
            "JOBMINE_GREENHOUSE_API_URL": server.url,
            "JOBMINE_HOST_CONCURRENCY": str(CAP),
            "JOBMINE_HOST_RATE_PER_S": "0",
            "JOBMINE_REQUEST_JITTER_S": "0",
            "JOBMINE_SCRAPE_WORKERS": "6",  # each worker alone would put 6 requests in flight
        }
        procs = [
            subprocess.Popen(
                [sys.executable, "-m", "flows.cli.main", "scrape", "--json"]
                + [f"--board=greenhouse:w{w}b{i}" for i in range(BOARDS_EACH)],
                cwd=REPO,
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for w in range(WORKERS)
        ]
        outs = [p.communicate(timeout=240) for p in procs]
    for proc, (out, err) in zip(procs, outs, strict=True):
        assert proc.returncode == 0, err[-2000:]
        assert json.loads(out)["counts"]["boards_ok"] == BOARDS_EACH
    assert server.max_in_flight == CAP  # reached, and never broken, by the server's own count
    board_calls = sum(n for path, n in server.requests.items() if path.startswith("/v1/boards/"))
    assert board_calls == WORKERS * BOARDS_EACH
    assert len(rows(settings.pg_dsn, "SELECT 1 FROM jobs")) == WORKERS * BOARDS_EACH * 3
