"""Tier 0 over the whole contract: taxonomy, locations, remote vs on-site, boilerplate, years, function."""

from __future__ import annotations

import gc
import shutil
from pathlib import Path

import pytest

from extractors.ats.common import build_job
from extractors.fields import boilerplate, taxonomy, version
from extractors.fields.job_function import classify
from extractors.fields.locations import parse_locations
from extractors.fields.rules_fields import extract_batch, extract_fields, years_of_experience
from schemas.job import StructuredFields
from schemas.settings import Settings
from tasks.extract.tiers import signature


def job(title="Engineer", text="", locations=(), department=None, **structured):
    return build_job(
        source_type="greenhouse",
        board_token="acme",
        ats_job_id="1",
        title=title,
        company="Acme",
        locations=list(locations),
        department=department,
        description_text=text,
        structured=StructuredFields(**structured),
    )


def test_taxonomy_is_a_data_file_with_at_least_300_entries():
    tax = taxonomy.load()
    assert len(tax.entries) >= 300
    assert len({e.canonical for e in tax.entries}) == len(tax.entries)


@pytest.mark.parametrize(
    ("text", "skills", "tools"),
    [
        ("We write Go and Python services.", ["Go", "Python"], []),
        ("Own our go-to-market motion. Go to market with us.", ["Go-to-market strategy"], []),
        ("Let's go to the office", [], []),
        ("C++, C#, .NET and Node.js; CI/CD.", ["C++", "C#", "CI/CD"], [".NET", "Node.js"]),
        ("Excel at communication.", [], []),
        ("Advanced Excel and Salesforce (SFDC).", [], ["Excel", "Salesforce"]),
        ("Spark joy. We run Apache Spark on k8s.", [], ["Apache Spark", "Kubernetes"]),
        ("Stripe's platform; experience with R&D.", [], []),
        ("Statistics in R and SQL", ["Statistics", "R", "SQL"], []),
    ],
)
def test_skills_match_on_word_boundaries_with_aliases(text, skills, tools):
    assert taxonomy.match(text, taxonomy.load()) == (skills, tools)


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (["US-San Francisco, US-Chicago"], [("San Francisco", "CA", "US"), ("Chicago", "IL", "US")]),
        (["CA-Toronto, CA-Montreal"], [("Toronto", "ON", "CA"), ("Montreal", "QC", "CA")]),
        (
            ["SF, NYC, SEA, CHI"],
            [
                ("San Francisco", "CA", "US"),
                ("New York", "NY", "US"),
                ("Seattle", "WA", "US"),
                ("Chicago", "IL", "US"),
            ],
        ),
        (["Pittsburgh, PA"], [("Pittsburgh", "PA", "US")]),
        (["London, UK", "Remote-Friendly, United States"], [("London", None, "GB"), (None, None, "US")]),
        (["Washington, D.C."], [("Washington", "DC", "US")]),
        (["ul. Zbożowa 4, 70-653 Stettin"], [("Szczecin", None, "PL")]),
        (["North America"], []),
    ],
)
def test_locations(values, expected):
    assert [(loc.city, loc.state, loc.country) for loc in parse_locations(values)] == expected


def test_remote_location_with_on_site_text_is_onsite():
    ext = extract_fields(
        job(locations=["Remote"], text="This role is on-site in our Austin office five days a week.")
    )
    assert ext.remote_type == "onsite" and ext.field_tiers["remote_type"] == "rules"


def test_ats_fields_win_and_say_so():
    ext = extract_fields(job(text="Great team.", workplace_type="On-Site", country="de"))
    assert (ext.remote_type, ext.field_tiers["remote_type"]) == ("onsite", "ats")
    assert ext.remote_evidence == "workplaceType=On-Site"
    assert (ext.country, ext.field_tiers["country"]) == ("DE", "ats")


def test_salary_keeps_the_stated_currency_and_interval():
    ext = extract_fields(job(text="Pay: 8 000 - 12 000 PLN per month"))
    assert (ext.salary_min, ext.salary_max, ext.salary_currency, ext.salary_interval) == (
        8000,
        12000,
        "PLN",
        "month",
    )
    assert ext.salary_min_usd == round(8000 * 12 * 0.27)


def test_boilerplate_is_marked_and_skipped_for_skills():
    text = (
        "About the role\nBuild data pipelines in Python.\n\nBenefits\n- 401(k) match\n- Gym with Salesforce perks\n\n"
        "Acme is an equal opportunity employer and considers applicants without regard to race.\n"
    )
    spans = boilerplate.spans(text)
    assert {label for _, _, label in spans} == {"benefits", "eeo"}
    cut = boilerplate.cut(text, spans)
    assert "Python" in cut and "401(k)" not in cut and "equal opportunity" not in cut
    ext = extract_fields(job(text=text))
    assert ext.skills == ["ETL", "Python"] and ext.tools == []
    assert ext.boilerplate


def test_years_of_experience_and_job_function():
    assert years_of_experience("you have 5+ years of experience and 2 years in sales experience") == 2
    assert years_of_experience("founded 20 years ago") is None
    assert classify("Solutions Engineer", "Sales") == "solutions_engineering"
    assert classify("Product Marketing Manager", None) == "product_marketing"
    assert classify("Senior Software Engineer — XCore (Europe)", None) == "engineering"
    assert classify("Corporate Counsel", "Legal") == "legal"
    assert classify("Account Executive, Enterprise", None) == "sales"
    assert classify("Zzz", None) is None
    # deal desk is finance (gold rules), even in a sales department or beside "sales" in the title
    assert classify("Deal Desk Manager", "Sales") == "finance"
    assert classify("Sales Deal Desk Analyst", None) == "finance"
    assert classify("Sales Operations Analyst", None) == "sales_ops"
    # counsel is legal even when a sales word qualifies it; a UX engineer is an engineer
    assert classify("Associate Commercial Counsel", "Legal") == "legal"
    assert classify("Senior UX Software Engineer - Developer Confidence", None) == "engineering"
    assert classify("Senior UX Designer", None) == "design"
    # an account manager carries a quota; a technical account manager supports the account
    assert classify("Account Manager, Commercial, EMEA", None) == "sales"
    assert classify("Technical Account Manager", None) == "customer_success"
    # detection and incident response are security work
    assert classify("SIRT Detection Engineer", None) == "security"
    # ML engineering is engineering (ML research and data science are not); the craft decides for designers
    assert classify("Machine Learning Engineer", None) == "engineering"
    assert classify("Data Scientist, Machine Learning", None) == "data"
    assert classify("Brand Designer", None) == "design"
    assert classify("UX Researcher", None) == "design"
    assert classify("IT Support Specialist", None) == "it"
    assert classify("Accounts Payable Specialist", None) == "finance"
    assert classify("Warehouse Associate", None) == "operations"


def test_the_rules_version_follows_the_rules_not_the_install_path(tmp_path):
    """The extraction signature names the rules' version: a changed rule or taxonomy row must change it (so
    stored postings are extracted again), a copy of the same rules elsewhere must not."""
    here = Path(version.__file__).parent
    copy = tmp_path / "fields"
    shutil.copytree(here, copy, ignore=shutil.ignore_patterns("__pycache__"))
    assert version.version_of(copy) == version.rules_version()
    with (copy / "data" / "skills.csv").open("a") as fh:
        fh.write("Zeta notation,skill,,\n")
    assert version.version_of(copy) != version.rules_version()
    assert version.rules_version() in signature(Settings(), "rules")


def test_a_batch_gives_each_posting_its_own_fields_with_the_collector_paused_and_restored():
    """The extract stage's batch: the fields `extract_fields` gives each posting, in order; at a threshold of one
    allocation, the same postings start over a hundred collections one by one and at most one (the call's own,
    before the collector is off) as a batch; the collector is as it was afterwards, an error included."""
    jobs = [
        job("Senior Data Engineer", "- 5+ years of Python and SQL\n- Remote (US)", ["Remote - US"]),
        job("Account Executive", "Experience with Salesforce. Hybrid, 3 days a week in our London office."),
        job("Software Engineering Intern", "Summer internship. Java or Go."),
    ]
    collections: list[str] = []

    def count(phase: str, info: dict) -> None:
        if phase == "start":
            collections.append(phase)

    threshold = gc.get_threshold()
    gc.callbacks.append(count)
    try:
        gc.set_threshold(1)
        results = extract_batch(jobs)
        in_batch = len(collections)
        for j in jobs:
            extract_fields(j)
        one_by_one = len(collections) - in_batch
    finally:
        gc.set_threshold(*threshold)
        gc.callbacks.remove(count)
    assert in_batch <= 1 and one_by_one > 100
    assert results == [extract_fields(j) for j in jobs]
    assert results[0].seniority == "senior" and "Python" in results[0].skills
    assert gc.isenabled()
    with pytest.raises(AttributeError):
        extract_batch([jobs[0], None])  # type: ignore[list-item]
    assert gc.isenabled()
    gc.disable()
    try:
        extract_batch(jobs)
        assert not gc.isenabled()  # a batch leaves a collector it found off as it was
    finally:
        gc.enable()
