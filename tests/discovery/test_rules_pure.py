"""Validation verdicts, probing candidates, the user CSV and the company page: pure rules, real payloads."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from extractors.discover.board_urls import host_sources
from extractors.discover.board_validation import decide
from extractors.discover.candidate_csv import parse_candidates
from extractors.discover.probing import candidates, names_of
from schemas.job import BoardRef
from schemas.settings import Settings
from tasks.discover.warc_records import company_of_record
from tests.conftest import REAL_FIXTURES
from tests.fakes.warc_fixtures import board_page_record

HOSTS = host_sources(Settings().discovery_patterns)
NOW = datetime(2026, 11, 21, tzinfo=UTC)
RETRY = {"valid": timedelta(days=7), "invalid": timedelta(days=7), "pending": timedelta(hours=6)}


def _decide(
    board: str, status: int | None, body: bytes = b"", location: str | None = None, known: str | None = None
):
    return decide(BoardRef.parse(board), status, body, location, NOW, HOSTS, known, RETRY)


@pytest.mark.parametrize(
    ("board", "fixture", "jobs"),
    [
        ("greenhouse:stripe", "greenhouse_jobs_stripe.json", 12),
        ("lever:palantir", "lever_postings_palantir.json", 10),
        ("ashby:ramp", "ashby_jobboard_ramp.json", 4),
        ("ashby:etched", "ashby_jobboard_etched.json", 10),
    ],
)
def test_a_real_board_is_valid_with_its_job_count(board: str, fixture: str, jobs: int) -> None:
    v = _decide(board, 200, (REAL_FIXTURES / fixture).read_bytes())
    assert (v.status, v.job_count, v.moved, v.next_at) == ("valid", jobs, False, NOW + timedelta(days=7))


def test_greenhouse_company_name_is_recorded() -> None:
    v = _decide("greenhouse:stripe", 200, (REAL_FIXTURES / "greenhouse_jobs_stripe.json").read_bytes())
    assert v.company_name == "Stripe"


def test_404_is_invalid_and_retried_after_seven_days() -> None:
    v = _decide("greenhouse:gone", 404, b'{"status":404,"error":"Not Found"}')
    assert (v.status, v.next_at) == ("invalid", NOW + timedelta(days=7))


@pytest.mark.parametrize("status", [429, 500, 502, 503, None])
def test_throttled_broken_or_silent_is_pending(status: int | None) -> None:
    v = _decide("lever:palantir", status)
    assert (v.status, v.next_at, v.moved) == ("pending", NOW + timedelta(hours=6), False)


def test_a_200_that_is_not_the_api_shape_proves_nothing() -> None:
    assert _decide("greenhouse:stripe", 200, b"<html>login</html>").status == "pending"
    assert _decide("lever:palantir", 200, b'{"jobs": []}').status == "pending"  # lever answers a list


def test_a_redirect_is_flagged_as_moved_not_followed() -> None:
    v = _decide("greenhouse:oldname", 301, location="https://boards-api.greenhouse.io/v1/boards/newname/jobs")
    assert v.moved and "newname" in (v.moved_detail or "")


def test_postings_of_another_board_flag_a_move() -> None:
    body = (REAL_FIXTURES / "lever_postings_palantir.json").read_bytes()
    v = _decide("lever:palantir-old", 200, body)
    assert v.status == "valid" and v.moved and "lever:palantir" in (v.moved_detail or "")


def test_another_company_answering_flags_a_move() -> None:
    body = (REAL_FIXTURES / "greenhouse_jobs_stripe.json").read_bytes()
    assert _decide("greenhouse:stripe", 200, body, known="Stripe, Inc.").moved is False
    v = _decide("greenhouse:stripe", 200, body, known="Acme Rockets")
    assert v.moved and "Acme Rockets" in (v.moved_detail or "")


def test_probing_tries_each_company_on_the_other_ats_only_once() -> None:
    known = [
        {"source_type": "greenhouse", "token": "stripe", "company_domain": "stripe.com"},
        {"source_type": "ashby", "token": "Ramp", "company_domain": None},
        {"source_type": "greenhouse", "token": "acme-careers", "company_domain": "www.acmerockets.com"},
    ]
    got = {str(b) for b in candidates(known, ["greenhouse", "lever", "ashby"], {("lever", "ramp")})}
    assert {"lever:stripe", "ashby:stripe", "greenhouse:ramp"} <= got
    assert "lever:ramp" not in got and "greenhouse:stripe" not in got
    assert {"lever:acme", "lever:acmerockets", "ashby:acme-careers"} <= got
    assert names_of("stripe", "stripe.com") == ["stripe"]


def test_user_csv_accepts_urls_pairs_and_domains_and_reports_bad_rows() -> None:
    text = (
        "url,source_type,token,domain,company\n"
        "https://jobs.lever.co/palantir,,,,\n"
        ",ashby,Ramp,,\n"
        ",,,notion.so,Notion\n"
        "https://boards.greenhouse.io@evil.example/x,,,,\n"
        ",workday,acme,,\n"
        ",greenhouse,../admin,,\n"
        ",,,,\n"
    )
    sightings, rejects = parse_candidates(text, HOSTS, ("greenhouse", "lever", "ashby"))
    keys = {(s.source_type, s.token) for s in sightings}
    assert {("lever", "palantir"), ("ashby", "Ramp"), ("greenhouse", "notion"), ("lever", "notion")} <= keys
    assert all(s.found_by == "user" for s in sightings)
    assert [line for line, _ in rejects] == [5, 6, 7, 8]
    assert "userinfo_in_host" in rejects[0][1] and "source_type" in rejects[1][1]


def test_user_csv_without_a_known_header_is_refused() -> None:
    with pytest.raises(ValueError, match="header"):
        parse_candidates("a,b\n1,2\n", HOSTS, ("greenhouse",))


def test_company_name_and_domain_come_from_the_archived_page() -> None:
    record = board_page_record(
        "https://boards.greenhouse.io/acme",
        "<html><head><title>Jobs at Acme Rockets</title></head><body>"
        '<a href="https://www.linkedin.com/company/acme">in</a><a href="https://www.acmerockets.com/">site</a>'
        "</body></html>",
    )
    page = company_of_record(record)
    assert (page.name, page.domain) == ("Acme Rockets", "acmerockets.com")
    og = board_page_record(
        "https://jobs.ashbyhq.com/Ramp",
        '<meta property="og:site_name" content="Ramp"><title>Ramp Jobs</title>',
    )
    assert company_of_record(og).name == "Ramp"


def test_a_truncated_record_is_a_clear_error() -> None:
    from schemas.errors import PayloadError

    record = board_page_record("https://jobs.lever.co/x", "<title>X</title>")
    with pytest.raises(PayloadError):
        company_of_record(record[: len(record) // 2])
    with pytest.raises(PayloadError):
        company_of_record(b"not a warc at all")
