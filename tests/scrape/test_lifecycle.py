"""Postings disappear, come back and change: closed_at, snapshots, duplicate groups, deny pages."""

from __future__ import annotations

import json

import pytest

from flows.scrape import scrape
from tests.conftest import REAL_FIXTURES
from tests.scrape.conftest import rows

pytestmark = pytest.mark.usefixtures("prefect_server")


def board(jobs: list[dict]) -> bytes:
    return json.dumps({"jobs": jobs, "meta": {"total": len(jobs)}}).encode()


def state(dsn: str) -> dict[str, dict]:
    return {
        r["ats_job_id"]: r
        for r in rows(dsn, "SELECT ats_job_id, title, closed_at, first_seen_at, duplicate_group FROM jobs")
    }


def snapshots(dsn: str, job_id: str) -> list[str]:
    found = rows(
        dsn, "SELECT title FROM job_snapshots WHERE job_uid = %s ORDER BY id", f"greenhouse:duolingo:{job_id}"
    )
    return [r["title"] for r in found]


def test_disappear_reappear_change_and_deny(scrape_settings, api):
    jobs = json.loads((REAL_FIXTURES / "greenhouse_jobs_duolingo.json").read_text())["jobs"]
    a, b = jobs
    copy = {**a, "id": 999, "location": {"name": "Somewhere Else"}}  # a multi-location copy of `a`
    a_id, b_id = str(a["id"]), str(b["id"])
    run = lambda: scrape(boards=["greenhouse:duolingo"], settings=scrape_settings)  # noqa: E731

    api.set_board("greenhouse", "duolingo", board([a, b, copy]))
    run()
    first = state(scrape_settings.pg_dsn)
    assert all(r["closed_at"] is None for r in first.values())
    assert first[a_id]["duplicate_group"] == first["999"]["duplicate_group"] != first[b_id]["duplicate_group"]

    api.set_board("greenhouse", "duolingo", board([a, copy]))  # b disappears
    report = run()
    gone = state(scrape_settings.pg_dsn)
    assert gone[b_id]["closed_at"] is not None and report.counts["jobs_closed"] == 1
    assert gone[a_id]["closed_at"] is None

    api.set_board("greenhouse", "duolingo", b'{"jobs": []}')  # empty where there were jobs: a soft block
    report = run()
    assert [(f.stage, f.reason) for f in report.failures] == [("parse", "suspicious_empty")]
    assert state(scrape_settings.pg_dsn)[a_id]["closed_at"] is None  # a deny page closes nothing

    api.set_board("greenhouse", "duolingo", b"<html><body>Access denied</body></html>", "text/html")
    report = run()
    assert [f.reason for f in report.failures] == ["html_body"]
    assert state(scrape_settings.pg_dsn)[a_id]["closed_at"] is None

    changed = {**a, "title": a["title"] + " (Remote)"}
    api.set_board("greenhouse", "duolingo", board([changed, b, copy]))  # b is back, a is renamed
    report = run()
    back = state(scrape_settings.pg_dsn)
    assert back[b_id]["closed_at"] is None and report.counts["jobs_reopened"] == 1
    assert back[b_id]["first_seen_at"] == first[b_id]["first_seen_at"]
    assert back[a_id]["title"].endswith("(Remote)")
    assert snapshots(scrape_settings.pg_dsn, a_id) == [a["title"], a["title"] + " (Remote)"]
    assert snapshots(scrape_settings.pg_dsn, b_id) == [b["title"]]  # coming back is not a change
    assert back[a_id]["duplicate_group"] != back["999"]["duplicate_group"]  # no longer copies

    run()  # the same payload again: nothing moves
    assert state(scrape_settings.pg_dsn) == back
    assert len(rows(scrape_settings.pg_dsn, "SELECT 1 FROM job_snapshots")) == 4
