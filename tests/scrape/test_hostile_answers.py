"""An ATS host that answers with a redirect elsewhere (another local service, the link-local metadata
address), a web page or a mislabelled body where JSON belongs, a body that never ends or a gzip bomb:
the board fails with a clear, recorded reason, no request ever leaves the ATS host, and the run's other
boards still load."""

from __future__ import annotations

import pytest

from flows.scrape import scrape
from tests.fakes.ats_server import AtsServer, Reply, gzip_bomb, redirect, slow_drip
from tests.scrape.conftest import load_real, point_at, rows

pytestmark = pytest.mark.usefixtures("prefect_server")


def test_redirects_off_the_ats_host_are_not_followed(settings):
    with AtsServer() as ats, AtsServer() as elsewhere:
        load_real(elsewhere, {"greenhouse:stripe": "greenhouse_jobs_stripe.json"})
        for token, target in {
            "loopback": f"{elsewhere.url}/v1/boards/stripe/jobs",
            "metadata": "http://169.254.169.254/latest/meta-data/iam/security-credentials/",
            "ipv6": "http://[::1]:9/v1/boards/stripe/jobs",
        }.items():
            ats.script(f"/v1/boards/{token}/jobs", *[redirect(target, 302)] * 6)
        ats.script(
            "/v1/boards/webpage/jobs",
            Reply(200, b"<html><body>Jobs</body></html>", (("Content-Type", "text/html"),)),
        )
        boards = ["greenhouse:loopback", "greenhouse:metadata", "greenhouse:ipv6", "greenhouse:webpage"]
        report = scrape(boards=boards, settings=point_at(settings, ats.url))
    outcomes = {b.board: (b.status, b.reason) for b in report.boards}
    assert all(status == "failed" and reason for status, reason in outcomes.values()), outcomes
    assert outcomes["greenhouse:webpage"][1] == "html_body"
    assert sum(elsewhere.requests.values()) == 0  # nothing followed the redirect
    assert report.counts.get("jobs_inserted", 0) == 0


def _run(settings, ats: AtsServer, hostile: dict[str, Reply], **overrides: object) -> dict[str, tuple]:
    """Scrape the hostile boards beside a real one; {board: (status, stage, reason)} and the real one loaded."""
    load_real(ats, {"greenhouse:anthropic": "greenhouse_jobs_anthropic.json"})
    for token, reply in hostile.items():
        ats.script(f"/v1/boards/{token}/jobs", reply)
    boards = ["greenhouse:anthropic", *(f"greenhouse:{t}" for t in hostile)]
    settings = point_at(settings, ats.url, **overrides)
    report = scrape(boards=boards, settings=settings)
    outcomes = {b.board: (b.status, b.stage, b.reason) for b in report.boards}
    assert outcomes.pop("greenhouse:anthropic")[0] == "ok", outcomes
    fetches = rows(settings.pg_dsn, "SELECT board_token, status, reason FROM board_fetches")
    recorded = {f"greenhouse:{r['board_token']}": (r["status"], r["reason"]) for r in fetches}
    assert recorded == {b: (s, reason) for b, (s, _, reason) in outcomes.items()} | {
        "greenhouse:anthropic": ("ok", None)
    }
    loaded = rows(settings.pg_dsn, "SELECT count(*) AS n FROM jobs WHERE board_token = 'anthropic'")
    assert loaded[0]["n"] > 0
    return outcomes


def test_a_body_that_never_ends_is_cut_at_the_request_deadline(settings):
    with AtsServer() as ats:
        # a few bytes every 0.2 s: each read is well inside the 1 s read timeout, the body never ends
        outcomes = _run(settings, ats, {"drip": slow_drip(0.2)}, http_body_deadline_s=2.0)
    assert outcomes == {"greenhouse:drip": ("failed", "fetch", "body_too_slow")}
    assert ats.requests["/v1/boards/drip/jobs"] == 1  # not retried: the same host drips again
    [letter] = rows(settings.pg_dsn, "SELECT board_token, reason, last_status FROM dead_letters")
    assert letter == {"board_token": "drip", "reason": "body_too_slow", "last_status": 200}


def test_a_gzip_bomb_is_read_only_up_to_the_body_cap_and_a_false_encoding_is_named(settings):
    bomb = gzip_bomb(256)
    assert len(bomb.body) < 2**20 // 2  # under half a MB on the wire, 256 MB inflated
    json_type = ("Content-Type", "application/json")
    hostile = {
        "bomb": bomb,
        "brotli": Reply(200, b"\x1b\x03\x00", (json_type, ("Content-Encoding", "br"))),
        "notgzip": Reply(200, b'{"jobs": []}', (json_type, ("Content-Encoding", "gzip"))),
    }
    with AtsServer() as ats:
        outcomes = _run(settings, ats, hostile, http_max_body_mb=1.0)
    assert outcomes == {
        "greenhouse:bomb": ("failed", "fetch", "body_too_large"),
        "greenhouse:brotli": ("failed", "fetch", "bad_encoding"),
        "greenhouse:notgzip": ("failed", "fetch", "bad_encoding"),
    }
    assert rows(settings.pg_dsn, "SELECT * FROM dead_letters") == []  # not passing faults: no retry


def test_a_body_labelled_other_than_json_is_not_read_as_the_board(settings):
    real = b'{"jobs": [], "meta": {"total": 0}}'
    hostile = {
        "plaintext": Reply(200, b"Service moved, see our careers page", (("Content-Type", "text/plain"),)),
        "jsonasplain": Reply(200, real, (("Content-Type", "text/plain; charset=utf-8"),)),
        "jsonashtml": Reply(200, real, (("Content-Type", "text/html"),)),
        "htmlasjson": Reply(
            200, b"<!DOCTYPE html><p>Access denied</p>", (("Content-Type", "application/json"),)
        ),
    }
    with AtsServer() as ats:
        outcomes = _run(settings, ats, hostile)
    assert outcomes == {
        "greenhouse:plaintext": ("failed", "parse", "wrong_content_type"),
        "greenhouse:jsonasplain": ("failed", "parse", "wrong_content_type"),
        "greenhouse:jsonashtml": ("failed", "parse", "wrong_content_type"),
        "greenhouse:htmlasjson": ("failed", "parse", "html_body"),
    }
