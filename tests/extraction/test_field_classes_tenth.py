"""Open pay ranges, found by probing with sentences written for the purpose (none copied from the gold set):
"up to $150,000" states a maximum only and "from £45k" a minimum only (tests/gold/README.md, "salary"); the
other bound stays empty, and the annual USD figure of the stated bound is kept."""

from __future__ import annotations

import pytest

from extractors.fields.rules_fields import extract_fields
from tests.extraction.test_field_classes import job


@pytest.mark.parametrize(
    ("place", "text", "expected"),
    [
        ("New York, NY", "The salary for this role is up to $150,000 per year.", (None, 150_000, "USD", "year")),
        ("London", "Salary: up to £80k depending on experience", (None, 80_000, "GBP", "year")),
        ("Berlin, Germany", "Compensation of up to €70,000 a year", (None, 70_000, "EUR", "year")),
        ("Austin, TX", "Maximum salary: $95,000", (None, 95_000, "USD", "year")),
        ("London", "Salary from £45,000", (45_000, None, "GBP", "year")),
        ("Chicago, IL", "Hourly pay starting at $25/hour", (25, None, "USD", "hour")),
        ("Paris, France", "We offer a salary of at least €50,000 per year.", (50_000, None, "EUR", "year")),
        ("Toronto, Canada", "Base pay: minimum of $70,000", (70_000, None, "CAD", "year")),
    ],
)  # fmt: skip
def test_an_open_range_keeps_the_bound_it_states(place, text, expected):
    ext = extract_fields(job(title="Analyst", text=f"Compensation\n{text}", locations=[place]))
    assert (ext.salary_min, ext.salary_max, ext.salary_currency, ext.salary_interval) == expected
    usd = (ext.salary_min_usd, ext.salary_max_usd)
    assert (usd[0] is None, usd[1] is None) == (expected[0] is None, expected[1] is None)


@pytest.mark.parametrize(
    "text",
    [
        "Referral bonus of up to $2,000 for every hire.",
        "A learning budget of up to $1,500 per year.",
        "We raised up to $50M from top investors.",
        "Salary: up to $5,000 signing bonus on top of base.",
        "Earn up to $300k OTE in your first year.",
    ],
)
def test_an_open_bound_that_is_not_base_pay_is_not_a_salary(text):
    ext = extract_fields(job(title="Analyst", text=f"Compensation\n{text}", locations=["New York, NY"]))
    assert (ext.salary_min, ext.salary_max) == (None, None)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Salary ranges from $100,000 to $150,000.", (100_000, 150_000)),
        ("The pay range is from $100k - $150k", (100_000, 150_000)),
        ("Base salary: $120,000", (120_000, 120_000)),
    ],
)
def test_a_range_or_a_single_figure_is_still_read_whole(text, expected):
    ext = extract_fields(job(title="Analyst", text=f"Compensation\n{text}", locations=["New York, NY"]))
    assert (ext.salary_min, ext.salary_max) == expected
