"""Twelfth pass of the rules fixed by class: statements each rule's pattern was written to read, but that its
hint words kept it from ever seeing (`test_hint_lists.py` finds such gaps from the patterns themselves). Texts
written for the test; the guard cases beside them held before and still hold."""

from __future__ import annotations

import pytest

from extractors.fields.rules_fields import extract_fields
from tests.extraction.test_field_classes import job, names


@pytest.mark.parametrize(
    ("text", "employment"),
    [
        ("Schedule: 40 hr/week, Monday to Friday.", "full_time"),
        ("Hours: 37.5 hours per wk.", "full_time"),
        ("Part-time role, 20 hrs/wk.", "part_time"),
        # guards: a partner or a department is not part-time; a duty's hours are not the working week
        ("Partner with the finance department on month-end reporting.", None),
        ("Spend 10 hours a week on code reviews.", None),
    ],
)
def test_a_working_week_written_in_hours_names_the_employment_type(text, employment):
    assert extract_fields(job("Software Engineer", text)).employment_type == (employment or "unknown")


@pytest.mark.parametrize(
    ("title", "text", "remote"),
    [
        ("Desarrollador Backend", "Modalidad remota desde cualquier ciudad de España.", "remote"),
        ("Développeur Python", "Teletravail 2 jours par semaine, le reste au bureau de Lyon.", "hybrid"),
        ("Account Executive", "You will work from HQ daily alongside the sales team.", "onsite"),
        ("Designer", "You'll work in our Brooklyn studio Monday to Friday.", "onsite"),
        # guard: an HQ named without the days said is not a place of work
        ("Account Executive", "Our HQ is in Denver.", None),
    ],
)
def test_where_the_role_works_in_words_its_hints_missed(title, text, remote):
    assert extract_fields(job(title, text)).remote_type == (remote or "unknown")


@pytest.mark.parametrize(
    ("title", "text", "seniority"),
    [
        (
            "Product Marketing Lead",
            "- 10+ years of product marketing experience, with 3+ years as a people manager",
            "manager",
        ),
        ("Engineering Lead", "You will hire and lead engineers across two time zones.", "manager"),
        ("Support Lead", "You will have four direct reports.", "manager"),
        # guard: a Lead who leads work, not people, keeps the title's level
        ("Engineering Lead", "You will lead the migration to Kubernetes.", "senior"),
    ],
)
def test_managing_people_said_without_the_word_team(title, text, seniority):
    assert extract_fields(job(title, text)).seniority == seniority


@pytest.mark.parametrize(
    ("text", "kept", "dropped"),
    [
        (
            "We deeply care about Kubernetes and Terraform.\n\n- Experience with SQL",
            {"SQL"},
            {"Kubernetes", "Terraform"},
        ),
        (
            "Today, clients including Salesforce and HubSpot grow with us.\n\n- Experience with SQL",
            {"SQL"},
            {"Salesforce", "HubSpot"},
        ),
    ],
)
def test_a_value_or_a_client_list_is_not_a_skill_asked(text, kept, dropped):
    found = names(extract_fields(job("Data Analyst", text)))
    assert kept <= found and not (dropped & found)
