"""Kill a discovery run in the middle of a unit, run again: finished units and pages are not read twice,
and the registry ends up exactly as the index lines say."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from flows.discover import discover
from schemas.settings import Settings
from tasks.discover import registry
from tasks.storage.database import Database
from tests.discovery.conftest import GH, NEW
from tests.discovery.test_discover_flow import _expected_captures

pytestmark = pytest.mark.usefixtures("prefect_server")
ASHBY = "jobs.ashbyhq.com/*"


def _env(settings: Settings) -> dict[str, str]:
    from prefect.settings import PREFECT_API_URL

    env = dict(os.environ)
    env |= {
        "PREFECT_API_URL": str(PREFECT_API_URL.value()),
        "JOBMINE_DATABASE_URL": settings.pg_dsn,
        "JOBMINE_RAW_STORE": settings.raw_store,
        "JOBMINE_CC_INDEX_URL": settings.cc_index_url,
        "JOBMINE_CC_DATA_URL": settings.cc_data_url,
        "JOBMINE_DISCOVERY_NEWEST_CRAWLS": str(settings.discovery_newest_crawls),
        "JOBMINE_DISCOVERY_OLDER_CRAWLS": json.dumps(settings.discovery_older_crawls),
        "JOBMINE_DISCOVERY_CACHE_DIR": str(settings.discovery_cache_dir),
    }
    return env


def test_a_killed_run_resumes_where_it_stopped(disc_settings: Settings, db: Database, world: tuple) -> None:
    cc, _ = world
    cc.page_size = 2
    cc.hold = (NEW, ASHBY, 1)  # the second page of the Ashby unit hangs until the process is gone
    cmd = [
        str(Path(sys.executable).parent / "jobmine"),
        "discover",
        "run",
        "--no-pages",
        "--no-probe",
        "--no-validate",
    ]
    proc = subprocess.Popen(cmd, env=_env(disc_settings), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        assert cc.held.wait(180), "the run never reached the held page"
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(30)
    cc.hold = None
    cc.release.set()

    gh_pages = registry.checkpoint(db, NEW, GH)
    assert gh_pages["done"] and gh_pages["next_page"] == 7  # 14 lines, 2 per page
    ashby = registry.checkpoint(db, NEW, ASHBY)
    assert (ashby["done"], ashby["next_page"]) == (False, 1)
    before = len(cc.requests)

    report = discover(settings=disc_settings, read_pages=False, probe_other_ats=False, revalidate=False)

    resumed = cc.requests[before:]
    assert not any(f"{NEW}-index" in r and "boards.greenhouse.io" in r and "page=" in r for r in resumed)
    ashby_pages = [r for r in resumed if f"{NEW}-index" in r and "ashbyhq" in r and "page=" in r]
    assert ashby_pages and all("page=0" not in r for r in ashby_pages)
    assert report.units_skipped >= 2
    rows = {f"{r['source_type']}:{r['token']}": r["capture_count"] for r in registry.list_sources(db)}
    assert rows == _expected_captures(cc, disc_settings)
