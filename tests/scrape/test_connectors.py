"""Each connector's parser on real recorded payloads, field by field; no network."""

from __future__ import annotations

import json

import pytest

from extractors.ats import ashby, lever, parse_board, smartrecruiters, workable
from extractors.fields.rules_fields import extract_fields
from flows.cli.main import main
from schemas.errors import PayloadError
from schemas.job import BoardRef
from tests.conftest import REAL_FIXTURES


def real(name: str) -> bytes:
    return (REAL_FIXTURES / name).read_bytes()


def test_ashby_keeps_compensation_workplace_and_secondary_locations():
    jobs = ashby.parse(real("ashby_jobboard_ramp.json"), BoardRef.parse("ashby:ramp"))
    raw = json.loads(real("ashby_jobboard_ramp.json"))["jobs"]
    assert [j.ats_job_id for j in jobs] == [r["id"] for r in raw]
    job = jobs[0]
    assert job.title == "Security Engineer, Cloud"  # the API's leading space is trimmed
    assert job.locations == ["New York, NY (HQ)", "Remote (Canada)", "Remote (US)", "Miami, FL"]
    assert (job.department, job.company) == ("Engineering", "Ramp")
    assert job.url == "https://jobs.ashbyhq.com/ramp/34413f8d-26bf-4bbc-8ade-eb309a0e2245"
    assert job.apply_url == job.url + "/application"
    s = job.structured
    assert (s.salary_min, s.salary_max, s.salary_currency, s.salary_interval) == (
        211400,
        290600,
        "USD",
        "year",
    )
    assert (s.workplace_type, s.employment_type) == ("Hybrid", "FullTime")
    assert job.extra["isRemote"] is True and job.extra["team"] == "Backend"
    assert job.extra["compensation"]["compensationTierSummary"].startswith("$211.4K")
    assert len(job.extra["secondaryLocations"]) == 3
    ext = extract_fields(job)
    assert ext.salary_min_usd == 211400 and ext.field_tiers["salary_min_usd"] == "ats"
    assert ext.remote_type == "hybrid" and ext.field_tiers["remote_type"] == "ats"


def test_ashby_without_compensation_and_with_remote_flag():
    jobs = ashby.parse(real("ashby_jobboard_etched.json"), BoardRef.parse("ashby:Etched"))
    assert len(jobs) == 10
    assert all(j.structured.salary_min is None for j in jobs)
    assert jobs[0].structured.workplace_type == "OnSite" and jobs[0].locations == ["San Jose"]
    assert len(jobs[0].description_text) > 1000 and "<p" not in jobs[0].description_text


def sr_board_with_detail() -> bytes:
    """The real WesternDigital list page plus the real detail of one more posting."""
    page = json.loads(real("smartrecruiters_postings_westerndigital.json"))
    detail = json.loads(real("smartrecruiters_posting_westerndigital_744000140949875.json"))
    item = {k: v for k, v in detail.items() if k in page["content"][0]}
    return smartrecruiters.SPEC.paging.bundle([*page["content"], item], {detail["id"]: detail})


def test_smartrecruiters_list_plus_detail():
    jobs = smartrecruiters.parse(sr_board_with_detail(), BoardRef.parse("smartrecruiters:WesternDigital"))
    assert len(jobs) == 11
    first = jobs[0]
    assert first.title == "Technician 2, Failure Analysis Engineering"
    assert first.company == "Western Digital"
    assert first.locations == ["Bayan Lepas, Penang, Malaysia"]
    assert first.structured.country == "MY" and first.structured.employment_type == "Full-time"
    assert first.extra["refNumber"] == "REF33848V" and first.extra["experienceLevel"]["id"] == "entry_level"
    intern = jobs[-1]
    assert intern.ats_job_id == "744000140949875"
    assert intern.url.startswith("https://jobs.smartrecruiters.com/WesternDigital/744000140949875")
    s = intern.structured
    assert (s.salary_min, s.salary_max, s.salary_currency, s.salary_interval) == (34, 47, "USD", "hour")
    assert s.workplace_type == "hybrid" and s.employment_type == "Intern"
    assert "Company Description" in intern.description_text and len(intern.description_text) > 2000


def test_smartrecruiters_single_detail_payload_and_non_latin_labels():
    [job] = smartrecruiters.parse(
        real("smartrecruiters_posting_westerndigital_744000140949875.json"),
        BoardRef.parse("smartrecruiters:WD"),
    )
    assert job.title == "Summer 2027 Intern - Hardware Engineering"
    tieto = smartrecruiters.parse(
        real("smartrecruiters_postings_tieto.json"), BoardRef.parse("smartrecruiters:Tieto2")
    )
    assert tieto[0].structured.employment_type == "Pełny etat"
    assert tieto[0].locations == ["Szczecin, West Pomeranian Voivodeship, Poland"]


def test_workable_widget():
    jobs = workable.parse(real("workable_account_netguru.json"), BoardRef.parse("workable:netguru"))
    assert [j.ats_job_id for j in jobs] == [
        r["shortcode"] for r in json.loads(real("workable_account_netguru.json"))["jobs"]
    ]
    job = jobs[0]
    assert (job.title, job.company) == ("(Senior) Data Engineer - Freelance", "Netguru")
    assert job.locations == ["Poland"] and job.structured.country == "PL"
    assert job.structured.workplace_type == "remote"
    assert job.url == "https://apply.workable.com/j/C99A238797"
    assert job.posted_at is not None and job.posted_at.date().isoformat() == "2026-07-14"


def test_lever_and_greenhouse_keep_every_other_field():
    [people, *_] = lever.parse(real("lever_postings_people-ai.json"), BoardRef.parse("lever:people-ai"))
    assert {"categories", "salaryRange", "workplaceType", "country", "lists"} <= set(people.extra)
    jobs = parse_board(real("greenhouse_jobs_duolingo.json"), BoardRef.parse("greenhouse:duolingo"))
    assert {"metadata", "departments", "offices"} <= set(jobs[0].extra)
    polish = parse_board(real("greenhouse_jobs_homepl.json"), BoardRef.parse("greenhouse:homepl"))
    assert any(any(ch in j.title for ch in "ąćęłńóśźż") for j in polish)


def test_lever_page_items_rejects_a_non_array():
    with pytest.raises(PayloadError, match="unexpected_shape"):
        lever.SPEC.paging.items(b'{"ok": false}', "lever")


@pytest.mark.parametrize(
    ("source", "filename", "count"),
    [
        ("ashby", "ashby_jobboard_wealth-com.json", 5),
        ("smartrecruiters", "smartrecruiters_postings_tieto.json", 3),
        ("workable", "workable_account_netguru.json", 3),
        ("lever", "lever_postings_palantir.json", 10),
    ],
)
def test_parse_command_prints_json_lines(source, filename, count, capsys):
    assert main(["parse", source, str(REAL_FIXTURES / filename)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == count
    assert all(json.loads(line)["source_type"] == source for line in lines)


def test_parse_command_names_a_bad_payload(tmp_path, capsys):
    bad = tmp_path / "ashby_broken.json"
    bad.write_bytes(real("ashby_jobboard_ramp.json")[:500])
    assert main(["parse", "ashby", str(bad)]) == 2
    assert "malformed_json" in capsys.readouterr().err
