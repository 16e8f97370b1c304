"""The scrape flow against a local server speaking all five APIs, with real payloads and real faults."""

from __future__ import annotations

import json
import time

import pytest

from extractors.ats import api_url
from flows.cli.main import main
from flows.scrape import scrape
from tasks.storage.raw_store import open_raw_store
from tests.conftest import REAL_FIXTURES
from tests.fakes.ats_server import AtsServer, Reply
from tests.fakes.synthetic.boards import lever_board
from tests.scrape.conftest import REAL, load_real, point_at, rows
from tests.scrape.test_connectors import sr_board_with_detail

pytestmark = pytest.mark.usefixtures("prefect_server")


def expected_ids(filename: str) -> set[str]:
    payload = json.loads((REAL_FIXTURES / filename).read_text())
    items = payload if isinstance(payload, list) else payload.get("jobs") or payload.get("content")
    return {str(i.get("id") or i.get("shortcode")) for i in items}


def test_five_connectors_end_to_end_then_nothing_to_do(scrape_settings, api):
    load_real(api, REAL)
    api.set_board("lever", "eu-only", (REAL_FIXTURES / "lever_postings_people-ai.json").read_bytes(), eu=True)
    detail = json.loads(
        (REAL_FIXTURES / "smartrecruiters_posting_westerndigital_744000140949875.json").read_text()
    )
    api.set_board("smartrecruiters", "WesternDigital", sr_board_with_detail())
    api.details[("WesternDigital", detail["id"])] = json.dumps(detail).encode()
    boards = [*REAL, "lever:eu-only", "smartrecruiters:WesternDigital"]

    first = scrape(boards=boards, settings=scrape_settings)

    assert not first.failures, first.failures
    got = rows(scrape_settings.pg_dsn, "SELECT source_type, board_token, ats_job_id, first_seen_at FROM jobs")
    for board, filename in REAL.items():
        source, token = board.split(":")
        assert {r["ats_job_id"] for r in got if (r["source_type"], r["board_token"]) == (source, token)} == (
            expected_ids(filename)
        ), board
    assert sum(r["board_token"] == "eu-only" for r in got) == 4  # found on the EU host after a 404
    assert sum(r["board_token"] == "WesternDigital" for r in got) == 11
    # details are asked for every posting once (10 answer 404: the list item stands alone)
    detail_calls = sum(
        n for p, n in api.requests.items() if p.startswith("/v1/companies/WesternDigital/postings/")
    )
    assert detail_calls == 11
    assert all(ua.startswith("jobmine/") and "(+" in ua for ua in api.user_agents)
    assert api.requests["/robots.txt"] == 1
    [intern] = rows(
        scrape_settings.pg_dsn,
        "SELECT salary_min_usd, field_sources FROM jobs WHERE job_uid = %s",
        f"smartrecruiters:WesternDigital:{detail['id']}",
    )
    assert intern["salary_min_usd"] == 34 * 2080 and intern["field_sources"]["salary_min_usd"] == "ats"
    assert first.counts["snapshots"] == first.counts["jobs_inserted"] == len(got)

    api.requests.clear()
    second = scrape(boards=boards, settings=scrape_settings)

    assert second.counts["boards_unchanged"] == len(boards)
    assert second.counts.get("jobs_inserted", 0) == second.counts.get("jobs_updated", 0) == 0
    assert second.counts["raw_objects_written"] == 0 and second.counts.get("snapshots", 0) == 0
    assert not any(p.startswith("/v1/companies/WesternDigital/postings/") for p in api.requests)  # no details
    assert api.requests["/v1/boards/anthropic/jobs"] == 1 and api.requests["/eu/v0/postings/eu-only"] == 1
    again = rows(
        scrape_settings.pg_dsn, "SELECT source_type, board_token, ats_job_id, first_seen_at FROM jobs"
    )
    assert sorted(again, key=str) == sorted(got, key=str)
    # + one real detail and one `{}` (no job ad) per SmartRecruiters board, each stored once
    assert len(open_raw_store(scrape_settings).keys()) == len(boards) + 3


def test_faults_retry_dead_letter_and_deny_pages(scrape_settings, api):
    load_real(
        api,
        {"greenhouse:anthropic": "greenhouse_jobs_anthropic.json", "ashby:ramp": "ashby_jobboard_ramp.json"},
    )
    load_real(
        api,
        {
            "workable:netguru": "workable_account_netguru.json",
            "lever:people-ai": "lever_postings_people-ai.json",
        },
    )
    good = (REAL_FIXTURES / "lever_postings_palantir.json").read_bytes()
    api.set_board("lever", "truncated", good[: len(good) // 3])
    api.set_board(
        "greenhouse", "blocked", b"<html><body>Please complete the captcha</body></html>", "text/html"
    )
    api.set_board("ashby", "empty", b'{"jobs": [], "apiVersion": "1"}')
    api.set_board("greenhouse", "slow", (REAL_FIXTURES / "greenhouse_jobs_stripe.json").read_bytes())
    api.script("/v1/boards/anthropic/jobs", Reply(429, b"{}", (("Retry-After", "1"),)))
    api.script("/posting-api/job-board/ramp", *[Reply(503, b"busy")] * 3)
    api.script("/v1/boards/slow/jobs", *[Reply(hang_s=1.5)] * 6)
    api.script("/api/v1/widget/accounts/netguru", Reply(500, b""), Reply(502, b""))
    boards = [
        "greenhouse:anthropic",
        "ashby:ramp",
        "workable:netguru",
        "lever:people-ai",
        "lever:truncated",
        "greenhouse:blocked",
        "ashby:empty",
        "greenhouse:slow",
    ]
    started = time.monotonic()

    report = scrape(boards=boards, settings=scrape_settings)

    assert time.monotonic() - started >= 1.0
    assert api.requests["/v1/boards/anthropic/jobs"] == 2
    first, second = api.arrivals["/v1/boards/anthropic/jobs"]
    assert second - first >= 1.0  # Retry-After: 1 was waited for, not the 0.01 s backoff
    assert api.requests["/posting-api/job-board/ramp"] == 4  # a burst of three 503s, then the board
    assert api.requests["/v1/boards/slow/jobs"] == 6  # first try + 5 retries, all timed out
    failures = {b.board: (b.stage, b.reason) for b in report.failures}
    assert failures == {
        "lever:truncated": ("parse", "malformed_json"),
        "greenhouse:blocked": ("parse", "html_body"),
        "greenhouse:slow": ("fetch", "timeout"),
    }
    assert "captcha" in next(b.detail for b in report.failures if b.board == "greenhouse:blocked")
    assert report.dead_letters == {"timeout": 1}
    [letter] = rows(scrape_settings.pg_dsn, "SELECT * FROM dead_letters")
    assert (letter["board_token"], letter["reason"], letter["attempts"]) == ("slow", "timeout", 6)
    assert letter["resolved_at"] is None
    loaded = {r["board_token"] for r in rows(scrape_settings.pg_dsn, "SELECT DISTINCT board_token FROM jobs")}
    assert loaded == {"anthropic", "ramp", "netguru", "people-ai"}

    assert main_with(scrape_settings, ["dead-letters", "list"]) == 0
    assert main_with(scrape_settings, ["dead-letters", "retry"]) == 0  # the server answers now
    [letter] = rows(scrape_settings.pg_dsn, "SELECT * FROM dead_letters")
    assert letter["resolved_at"] is not None
    assert len(rows(scrape_settings.pg_dsn, "SELECT 1 FROM jobs WHERE board_token = 'slow'")) == 12


def main_with(settings, argv: list[str]) -> int:
    """Run the CLI with these settings as its environment."""
    env = {
        "JOBMINE_DATABASE_URL": settings.pg_dsn,
        "JOBMINE_OPENSEARCH_URL": settings.os_url,
        "JOBMINE_INDEX_ALIAS": settings.index_alias,
        "JOBMINE_RAW_STORE": settings.raw_store,
        "JOBMINE_REPORTS_DIR": str(settings.reports_dir),
        "JOBMINE_GREENHOUSE_API_URL": api_url(settings, "greenhouse"),
        "JOBMINE_RETRY_BACKOFF_S": json.dumps(settings.retry_backoff_s),
        "JOBMINE_HOST_RATE_PER_S": "0",
        "JOBMINE_REQUEST_JITTER_S": "0",
    }
    with pytest.MonkeyPatch.context() as mp:
        for key, value in env.items():
            mp.setenv(key, value)
        return main(argv)


def test_circuit_breaker_defers_the_rest_of_a_failing_host(settings):
    with AtsServer() as down:
        for i in range(6):
            down.set_board("greenhouse", f"b{i}", b'{"jobs": []}')
            down.script(f"/v1/boards/b{i}/jobs", *[Reply(503, b"down")] * 10)
        local = point_at(settings, down.url, breaker_failures=4, host_concurrency=1)
        report = scrape(boards=[f"greenhouse:b{i}" for i in range(6)], settings=local)
    host = down.url.removeprefix("http://")
    assert report.open_circuits == [host]
    reasons = [b.reason for b in report.boards]
    assert reasons[0] == "http_503" and reasons[1:] == ["circuit_open"] * 5
    assert report.counts["boards_deferred"] == 5 and report.dead_letters == {"http_503": 1}
    assert sum(down.requests.values()) - down.requests["/robots.txt"] == 4


def test_robots_txt_is_obeyed(settings):
    with AtsServer(robots_txt="User-agent: *\nDisallow: /v1/boards/private/\n") as server:
        load_real(
            server,
            {
                "greenhouse:private": "greenhouse_jobs_stripe.json",
                "greenhouse:stripe": "greenhouse_jobs_stripe.json",
            },
        )
        report = scrape(
            boards=["greenhouse:private", "greenhouse:stripe"], settings=point_at(settings, server.url)
        )
    assert {b.board: b.reason for b in report.boards} == {
        "greenhouse:private": "robots_disallowed",
        "greenhouse:stripe": None,
    }
    assert "/v1/boards/private/jobs" not in server.requests
    assert not report.dead_letters


def test_a_board_of_5000_postings_pages_through_lever(scrape_settings, api):
    api.set_board("lever", "bigco", lever_board(11, "Big Co", "bigco", 5000))
    report = scrape(boards=["lever:bigco"], settings=scrape_settings)
    assert report.counts["postings_fetched"] == report.counts["jobs_inserted"] == 5000
    assert api.requests["/v0/postings/bigco"] == 51  # 50 full pages of 100, then an empty one
    [n] = rows(scrape_settings.pg_dsn, "SELECT count(DISTINCT ats_job_id) AS n FROM jobs")
    assert n["n"] == 5000


def test_shards_split_the_boards_and_merge_their_reports(scrape_settings, api):
    boards = [f"greenhouse:s{i}" for i in range(8)]
    for board in boards:
        api.set_board(
            "greenhouse", board.split(":")[1], (REAL_FIXTURES / "greenhouse_jobs_homepl.json").read_bytes()
        )
    report = scrape(boards=boards, shards=3, settings=scrape_settings)
    assert sorted(b.board for b in report.boards) == sorted(boards)  # each board in exactly one shard
    assert report.counts["boards_ok"] == 8 and report.counts["jobs_inserted"] == 16
    assert all(api.requests[f"/v1/boards/s{i}/jobs"] == 1 for i in range(8))
    saved = json.loads((scrape_settings.reports_dir / f"run_{report.run_id}.json").read_text())
    assert saved["counts"]["boards_ok"] == 8
