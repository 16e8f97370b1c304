"""Bad boards are reported with a reason, the run goes on, and nothing partial is written."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import REAL_FIXTURES, fixture_boards, free_port
from tests.test_pipeline_e2e import os_docs, pg_rows, run

pytestmark = pytest.mark.usefixtures("prefect_server")


def test_404_truncated_and_html_boards_are_reported_and_skipped(settings, ats_root, ats_server):
    fixture_boards(ats_root, {"greenhouse:duolingo": "greenhouse_jobs_duolingo.json"})
    good = (REAL_FIXTURES / "lever_postings_people-ai.json").read_bytes()
    (ats_root / "lever").mkdir()
    (ats_root / "lever" / "truncated.json").write_bytes(good[: len(good) // 2])
    (ats_root / "greenhouse" / "denied.html").write_text(
        "<!DOCTYPE html><html><body><h1>Access denied</h1><p>captcha</p></body></html>"
    )
    (ats_root / "greenhouse" / "wrongshape.json").write_text('{"jobs": [{"id": 1}]}')

    report = run(
        settings,
        ats_server,
        [
            "greenhouse:duolingo",
            "greenhouse:gone",
            "lever:truncated",
            "greenhouse:denied",
            "greenhouse:wrongshape",
        ],
    )

    reasons = {b.board: (b.stage, b.reason) for b in report.failures}
    assert reasons == {
        "greenhouse:gone": ("fetch", "not_found"),
        "lever:truncated": ("parse", "malformed_json"),
        "greenhouse:denied": ("parse", "html_body"),
        "greenhouse:wrongshape": ("parse", "unexpected_shape"),
    }
    assert report.counts["boards_ok"] == 1
    boards = {(r["source_type"], r["board_token"]) for r in pg_rows(settings.pg_dsn, "SELECT * FROM jobs")}
    assert boards == {("greenhouse", "duolingo")}
    assert {d["board_token"] for d in os_docs(settings).values()} == {"duolingo"}
    fetches = {
        (r["board_token"], r["status"], r["reason"])
        for r in pg_rows(settings.pg_dsn, "SELECT board_token, status, reason FROM board_fetches")
    }
    assert ("truncated", "failed", "malformed_json") in fetches and ("duolingo", "ok", None) in fetches
    # the bad bodies are kept in the raw store, so nothing that was fetched is lost
    raw = {b.board: b.raw_key for b in report.boards}
    assert raw["lever:truncated"] and raw["greenhouse:denied"] and raw["greenhouse:gone"] is None


@pytest.mark.parametrize(
    ("variable", "service"),
    [("JOBMINE_DATABASE_URL", "PostgreSQL"), ("JOBMINE_OPENSEARCH_URL", "OpenSearch")],
)
def test_missing_service_gives_one_clear_line(variable, service, settings, tmp_path):
    dead = (
        f"postgresql://nobody@127.0.0.1:{free_port()}/x"
        if service == "PostgreSQL"
        else f"http://127.0.0.1:{free_port()}"
    )
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(tmp_path),
        "JOBMINE_DATABASE_URL": settings.pg_dsn,
        "JOBMINE_OPENSEARCH_URL": settings.os_url,
        variable: dead,
    }
    proc = subprocess.run(
        [sys.executable, "-m", "flows.cli.main", "pipeline", "--board", "greenhouse:x"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert service in lines[0] and "jobmine services up" in lines[0]
    assert "password" not in lines[0]
