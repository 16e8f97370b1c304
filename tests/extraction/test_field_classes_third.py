"""Third pass of the rules fixed by class (dev split of the grown gold set): each test states a class with
text written for the test, not copied from the gold set."""

from __future__ import annotations

import json

import pytest

from extractors.ats import parse_board
from extractors.fields.rules_fields import extract_fields
from schemas.job import BoardRef
from tests.extraction.test_field_classes import job, names


@pytest.mark.parametrize(
    ("title", "text", "expected"),
    [
        ("Senior / Staff Backend Engineer", "", "senior"),
        ("Senior Staff Engineer", "", "staff"),
        ("Mid-Market Account Executive", "", "unknown"),
        ("Mid Market Account Executive", "3+ years of experience", "mid"),
        ("Lifecycle Campaigns Manager, Payments", "", "unknown"),
        ("Senior Brand Marketing Manager, Europe", "", "senior"),
        ("Manager, Customer Support", "", "manager"),
        ("Senior Manager, Sales Development", "", "manager"),
    ],
)
def test_level_words_segments_and_alternatives_in_titles(title, text, expected):
    assert extract_fields(job(title=title, text=text)).seniority == expected


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("What you bring\n- 6+ years of data engineering experience\n- 2+ years leading projects", 6),
        ("Requirements\n- 3 to 6 years working in site reliability roles", 3),
        ("- Minimum 4 years certified as an administrator", 4),
        ("Requirements\n- Python\n\nPreferred qualifications\n- 8+ years across security operations", None),
        ("We were founded 12 years ago.\nRequirements\n- 2+ years in customer-facing roles", 2),
        ("- 백엔드 개발 경력 7년 이상", 7),
    ],
)
def test_years_asked_by_the_first_requirement_line(text, years):
    assert extract_fields(job(text=text)).years_experience_min == years


@pytest.mark.parametrize(
    ("location", "country"),
    [("Remote: Canada", "CA"), ("Remote in the UK", "GB"), ("Remote within Germany and Austria", "DE")],
)
def test_a_mode_word_before_the_country(location, country):
    assert extract_fields(job(locations=[location])).country == country


@pytest.mark.parametrize(
    ("text", "mode"),
    [
        ("About the role\nWe ask that you come in 2-3 times per week to our Paris office.", "hybrid"),
        ("Perks\nOur Hybrid Work Policy lets you work from wherever you are.", None),
    ],
)
def test_body_statements_of_the_mode(text, mode):
    assert extract_fields(job(text=text)).remote_type == (mode or "unknown")


def test_ashby_is_remote_alone_is_no_mode_and_a_spelled_out_country_is_iso():
    raw = {
        "jobs": [
            {
                "id": "a1",
                "title": "Engineer",
                "location": "Lisbon",
                "secondaryLocations": [{"location": "Madrid - Hybrid"}],
                "isRemote": True,
                "address": {"postalAddress": {"addressCountry": "Portugal"}},
                "descriptionPlain": "Build things.",
            }
        ]
    }
    parsed = parse_board(json.dumps(raw).encode(), BoardRef(source_type="ashby", token="acme"))
    ext = extract_fields(parsed[0])
    assert (ext.remote_type, ext.country) == ("hybrid", "PT")


def test_ashby_on_target_earnings_are_not_base_pay():
    component = {"compensationType": "Salary", "interval": "1 YEAR", "currencyCode": "USD"}
    tier = {
        "components": [component | {"summary": "OTE $150K – $200K", "minValue": 150000, "maxValue": 200000}]
    }
    raw = {
        "jobs": [{"id": "a2", "title": "Account Executive", "compensation": {"compensationTiers": [tier]}}]
    }
    parsed = parse_board(json.dumps(raw).encode(), BoardRef(source_type="ashby", token="acme"))
    assert extract_fields(parsed[0]).salary_min is None
    tier["components"][0]["summary"] = "$150K – $200K"
    parsed = parse_board(json.dumps(raw).encode(), BoardRef(source_type="ashby", token="acme"))
    assert extract_fields(parsed[0]).salary_min == 150000


def test_a_range_with_a_commission_split_is_on_target_earnings():
    text = "The target compensation for this role is $180,000 to $220,000, with a 50/50 split."
    assert extract_fields(job(text=text)).salary_min is None


@pytest.mark.parametrize(
    ("title", "function"),
    [
        ("Account Executive - Mid-Market, Growth", "sales"),
        ("Internal Audit Analytics Lead", "finance"),
        ("Salesforce Developer", "engineering"),
        ("Expansion Account Manager", "sales"),
        ("Claims Handler", "operations"),
        ("Lifecycle Campaigns Manager, Treasury", "marketing"),
    ],
)
def test_job_function_by_the_role_words_first(title, function):
    assert extract_fields(job(title=title)).job_function == function


def test_a_company_lead_of_several_paragraphs_is_not_asked_of_the_hire():
    text = (
        "Acme is the platform for observability at scale.\n\n"
        "Customers including Docker and Slack rely on Acme every day.\n\n"
        "As an engineer you will build services in Python and Kubernetes."
    )
    found = names(extract_fields(job(text=text)))
    assert {"Python", "Kubernetes"} <= found and not found & {"Docker", "Slack", "Observability"}


def test_recruitment_fraud_notices_and_an_industry_word_are_not_skills():
    text = (
        "You will run full-cycle sales in a SaaS environment.\n\n"
        "Beware of recruiting scams: our recruiters only contact you from our domain."
    )
    found = {n.lower() for n in names(extract_fields(job(text=text)))}
    assert not found & {"saas sales", "recruiting"}
