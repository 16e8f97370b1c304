"""Tier-0 rules: HTML to text, salary, remote type, employment type, seniority."""

from __future__ import annotations

import pytest

from extractors.ats.common import build_job
from extractors.fields import salary
from extractors.fields.rules_fields import extract_fields as extract
from extractors.text.html_text import html_to_text
from schemas.job import StructuredFields


def job(title="Engineer", text="", locations=(), **structured):
    return build_job(
        source_type="greenhouse",
        board_token="acme",
        ats_job_id="1",
        title=title,
        company="Acme",
        locations=list(locations),
        description_text=text,
        structured=StructuredFields(**structured),
    )


def test_html_to_text_keeps_lists_and_drops_scripts():
    markup = "<h2>Role</h2><p>Do&nbsp;things</p><script>alert(1)</script><style>p{}</style><ul><li>One</li><li>Two</li></ul>"
    assert html_to_text(markup) == "Role\n\nDo things\n\n- One\n- Two"
    assert html_to_text("&lt;p&gt;Escaped &amp;amp; fine&lt;/p&gt;") == "Escaped & fine"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The base salary range is $120,000 - $150,000 per year.", (120000, 150000, "USD", "year")),
        ("Pay: $120k–$150k", (120000, 150000, "USD", "year")),
        ("Compensation: £60,000 to £75,000", (78600, 98250, "GBP", "year")),
        ("Hourly rate $40 - $55 per hour", (83200, 114400, "USD", "hour")),
        ("We raised $50M - $100M last year", None),
        ("No numbers here", None),
    ],
)
def test_salary_from_text(text, expected):
    found = salary.from_text(text)
    if expected is None:
        assert found is None or found.interval != "year" or found.max_usd is None
        return
    assert found is not None
    assert (found.min_usd, found.max_usd, found.currency, found.interval) == expected


def test_structured_salary_wins_over_text():
    ext = extract(
        job(
            text="Salary $10,000 - $20,000",
            salary_min=100000,
            salary_max=120000,
            salary_currency="USD",
            salary_interval="per-year-salary",
        )
    )
    assert (ext.salary_min_usd, ext.salary_max_usd, ext.field_tiers["salary_min_usd"]) == (
        100000,
        120000,
        "ats",
    )


@pytest.mark.parametrize(
    ("lo", "hi", "expected"),
    [
        (90_000, None, (90_000, None, 90_000, None)),  # "from 90k": no maximum stated
        (None, 70_000, (None, 70_000, None, 70_000)),  # "up to 70k": no minimum stated
        (130_000, 110_000, (110_000, 130_000, 110_000, 130_000)),  # bounds given the wrong way round
    ],
)
def test_a_structured_range_with_one_bound_stays_open(lo, hi, expected):
    ext = extract(job(salary_min=lo, salary_max=hi, salary_currency="USD", salary_interval="per-year-salary"))
    assert (ext.salary_min, ext.salary_max, ext.salary_min_usd, ext.salary_max_usd) == expected
    assert ext.field_tiers["salary_max_usd"] == "ats"


@pytest.mark.parametrize(
    ("title", "locations", "text", "workplace", "expected"),
    [
        ("Engineer", ["Remote - US"], "Work from anywhere.", None, "remote"),
        (
            "Engineer",
            ["Remote"],
            "This role is on-site in our Austin office five days a week.",
            None,
            "onsite",
        ),
        ("Engineer", ["Berlin"], "We work hybrid: three days in the office.", None, "hybrid"),
        ("Engineer", ["Berlin"], "Nothing about place.", "On-Site", "onsite"),
        ("Engineer", ["Remote"], "", "hybrid", "hybrid"),
        ("Engineer", [], "", None, "unknown"),
    ],
)
def test_remote_type(title, locations, text, workplace, expected):
    assert (
        extract(job(title=title, locations=locations, text=text, workplace_type=workplace)).remote_type
        == expected
    )


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Senior Data Engineer", "senior"),
        ("Sr. Backend Engineer", "senior"),
        ("Staff Engineer", "staff"),
        ("Principal Scientist", "principal"),
        ("Director of IT", "director"),
        ("Head of Sales", "director"),
        ("VP Marketing", "vp"),
        ("Chief Technology Officer", "cxo"),
        ("Software Engineering Intern", "intern"),
        ("Junior Analyst", "junior"),
        ("Engineering Manager", "manager"),
        ("Software Engineer", "unknown"),
    ],
)
def test_seniority_from_title(title, expected):
    assert extract(job(title=title)).seniority == expected


@pytest.mark.parametrize(
    ("commitment", "title", "expected"),
    [
        ("Full-Time", "Engineer", "full_time"),
        ("Part-time", "Engineer", "part_time"),
        (None, "Summer Intern", "internship"),
        ("Contract", "Engineer", "contract"),
        (None, "Engineer", "unknown"),
    ],
)
def test_employment_type(commitment, title, expected):
    assert extract(job(title=title, employment_type=commitment)).employment_type == expected
