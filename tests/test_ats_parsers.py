"""The Greenhouse and Lever parsers on real recorded payloads, field by field."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from extractors.ats import parse_board
from schemas.errors import PayloadError
from schemas.job import BoardRef
from tests.conftest import REAL_FIXTURES, REPO


def parse(board: str, filename: str):
    return parse_board((REAL_FIXTURES / filename).read_bytes(), BoardRef.parse(board))


def test_greenhouse_duolingo_fields():
    jobs = parse("greenhouse:duolingo", "greenhouse_jobs_duolingo.json")
    assert len(jobs) == 2
    job = jobs[0]
    assert job.job_uid == "greenhouse:duolingo:8455252002"
    assert job.title == "Business Development Manager" and job.company == "Duolingo"
    assert job.locations == ["London, England"] and job.department == "Business Development"
    assert job.url == "https://careers.duolingo.com/jobs/8455252002?gh_jid=8455252002"
    assert job.posted_at == datetime(2026, 3, 9, 15, 34, 5, tzinfo=UTC)
    assert job.description_text.startswith("Our mission at Duolingo is to develop the best education")
    assert "<" not in job.description_text and "&lt;" not in job.description_text


def test_greenhouse_multi_location_and_metadata():
    job = parse("greenhouse:anthropic", "greenhouse_jobs_anthropic.json")[0]
    assert job.locations == ["San Francisco, CA", "New York City, NY", "Seattle, WA"]
    assert job.structured.workplace_type == "On-Site"


def test_greenhouse_field_subset_and_legacy_shapes():
    homepl = parse("greenhouse:homepl", "greenhouse_jobs_homepl.json")
    assert len(homepl) == 2 and all(j.description_text == "" for j in homepl)
    assert homepl[0].company == "homepl"  # the API gave no company name
    legacy = parse("greenhouse:generalassembly", "greenhouse_jobs_generalassembly_2013.json")
    assert len(legacy) == 2 and all(j.title for j in legacy)


def test_lever_fields_and_structured_salary():
    jobs = parse("lever:people-ai", "lever_postings_people-ai.json")
    job = jobs[0]
    assert job.job_uid == "lever:people-ai:d6d4ddcc-1d05-433f-8777-e803665e219a"
    assert job.title == "Director of IT" and job.company == "People Ai"
    assert job.locations == ["United States"] and job.department == "G&A"
    assert job.structured.salary_min == 200000 and job.structured.salary_max == 270000
    assert job.structured.salary_currency == "USD" and job.structured.salary_interval == "per-year-salary"
    assert job.structured.workplace_type == "remote" and job.structured.country == "US"
    assert job.structured.employment_type == "Full-Time"
    assert "Recruit, mentor, and lead" in job.description_text  # the lists are part of the text


def test_lever_palantir_lists_and_hashes():
    jobs = parse("lever:palantir", "lever_postings_palantir.json")
    assert len(jobs) == 10
    assert len({j.content_hash for j in jobs}) == 10
    again = parse("lever:palantir", "lever_postings_palantir.json")
    assert [j.content_hash for j in again] == [j.content_hash for j in jobs]
    assert jobs[0].posted_at == datetime.fromtimestamp(1711403416463 / 1000, tz=UTC)


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b"", "empty_body"),
        (b"<!DOCTYPE html><html><body>blocked</body></html>", "html_body"),
        (b'{"jobs": [{"id": 1, "title": "x"', "malformed_json"),
        (b'{"meta": {}}', "unexpected_shape"),
        (b'{"jobs": [{"title": "no id"}]}', "unexpected_shape"),
    ],
)
def test_greenhouse_bad_payloads(body, reason):
    with pytest.raises(PayloadError) as err:
        parse_board(body, BoardRef.parse("greenhouse:x"))
    assert err.value.reason == reason


def test_lever_error_object_and_wrong_shape():
    with pytest.raises(PayloadError) as err:
        parse_board(b'{"ok":false,"error":"Document not found"}', BoardRef.parse("lever:x"))
    assert err.value.reason == "api_error"
    with pytest.raises(PayloadError) as err:
        parse_board(json.dumps({"jobs": []}).encode(), BoardRef.parse("lever:x"))
    assert err.value.reason == "unexpected_shape"


@pytest.mark.parametrize(
    "text",
    ["greenhouse", "greenhouse:", "workday:acme", "lever:a/b", "lever:../x", "greenhouse:a b", "lever:%2F"],
)
def test_board_refs_reject_unsafe_input(text):
    from schemas.errors import ConfigError

    with pytest.raises(ConfigError):
        BoardRef.parse(text)


def test_a_workable_job_listed_once_per_country_is_one_posting_with_every_location():
    # A recorded account (the gold set's copy) lists job DD136DD7E7 twice: in Spain, then in Portugal.
    body = (REPO / "tests" / "gold" / "payloads" / "workable_account_zaelab.json").read_bytes()
    jobs = parse_board(body, BoardRef.parse("workable:zaelab"))
    merged = [j for j in jobs if j.ats_job_id == "DD136DD7E7"]
    assert len(merged) == 1 and len(jobs) == len({j.ats_job_id for j in jobs})
    assert merged[0].locations == ["Spain", "Portugal"]
    assert merged[0].structured.country == "ES"
