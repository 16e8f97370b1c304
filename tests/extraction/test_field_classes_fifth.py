"""Fifth pass of the skills rules fixed by class (dev split of the 242-posting gold set): each test states a
class with text written for the test, not copied from the gold set."""

from __future__ import annotations

import pytest

from extractors.fields.rules_fields import extract_fields
from tests.extraction.test_field_classes import job
from tests.extraction.test_skills_classes import skills_of


@pytest.mark.parametrize(
    ("title", "text", "wanted", "unwanted"),
    [
        ("Commercial Counsel", "- Strong drafting and negotiation skills for vendor agreements", {"Contract negotiation"}, {"Negotiation"}),
        ("Account Executive", "- Strong negotiation skills", {"Negotiation"}, {"Contract negotiation"}),
        ("Sales Development Representative", "- Keep an accurate forecast of your pipeline", {"Sales forecasting"}, set()),
        ("Account Executive", "- Accurate forecasting and CRM hygiene", {"Sales forecasting"}, {"Forecasting"}),
        ("FP&A Analyst", "- Build the annual forecasting model", {"Forecasting"}, {"Sales forecasting"}),
        ("Backend Engineer", "- Forecast capacity for our clusters", set(), {"Sales forecasting"}),
    ],
)  # fmt: skip
def test_a_general_skill_takes_the_form_the_postings_function_gives_it(title, text, wanted, unwanted):
    found = skills_of(f"Requirements\n{text}", title=title)
    assert wanted <= found and not unwanted & found


def test_troubleshooting_is_read_in_prose_not_only_as_a_capitalised_label():
    text = "Requirements\n- Investigate, troubleshoot and resolve production issues\n- A deep understanding of troubleshooting"
    assert "Troubleshooting" in skills_of(text, title="Site Reliability Engineer")


@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        ("- Experience running A/B tests", {"A/B testing"}),
        ("- Data entry with high accuracy", {"Data entry"}),
        ("- Forklift certification required", {"Forklift operation"}),
        ("- Charting in Epic for patient records", {"Epic Systems"}),
        ("- Document care in Epic", {"Epic Systems"}),
        ("- Familiarity with Gong and Outreach", {"Gong", "Outreach"}),
        ("- Run usability tests with customers", {"Usability testing"}),
        ("- Build reporting in Looker Studio", {"Looker Studio"}),
        ("- Own account reconciliations and journal entries", {"Journal entries"}),
    ],
)
def test_common_names_of_skills_outside_software_are_found(text, wanted):
    assert wanted <= skills_of(f"Requirements\n{text}", title="Associate")


def test_epic_is_the_health_records_product_only_beside_clinical_words():
    found = skills_of("Requirements\n- Build epic products with Python", title="Associate")
    assert "Epic Systems" not in found and "Python" in found


@pytest.mark.parametrize(
    ("text", "mode"),
    [
        ("This role is based in our NYC office with 2 WFH days per week.", "hybrid"),
        ("This role is based in our NYC office.", "onsite"),
        ("In-office 4 days a week.", "hybrid"),
        ("On-site 5 days a week.", "onsite"),
        ("You will work 2 days per week from home.", "hybrid"),
        ("Flexible working: split your week between home and office.", "hybrid"),
        ("This is a telecommuting position.", "remote"),
        ("Telecommuting up to 2 days a week is allowed.", "unknown"),
    ],
)
def test_office_days_home_days_and_telecommuting_state_the_mode(text, mode):
    assert extract_fields(job(text=f"About the role\n{text}")).remote_type == mode


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Part-time, 20 hours per week.", "part_time"),
        ("Availability: 16 hours/week", "part_time"),
        ("- 20 h/week", "part_time"),
        ("Full-time, 37.5 hours a week.", "full_time"),
        ("You will spend 10 hours per week on code review.", "unknown"),
        ("Paid internship for summer 2027.", "internship"),
        ("Previous paid internship experience is a plus.", "unknown"),
        ("Temp-to-perm opportunity.", "temporary"),
    ],
)
def test_hours_short_of_a_full_week_paid_internships_and_temp_to_perm_state_the_type(text, kind):
    assert extract_fields(job(title="Analyst", text=f"About the role\n{text}")).employment_type == kind


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("- 7 or more years of experience", 7),
        ("- Three or more years of experience", 3),
        ("- Five plus years of experience", 5),
        (
            "What we value\n- Four or more years on a factory floor\n\nWhat we require\n- 2+ years of work experience",
            2,
        ),
    ],
)
def test_years_or_more_count_and_a_what_we_value_section_is_not_the_requirement(text, years):
    assert extract_fields(job(title="Analyst", text=f"About the role\n{text}")).years_experience_min == years


@pytest.mark.parametrize(
    ("title", "function"),
    [
        ("Copywriter", "marketing"),
        ("Actuary", "finance"),
        ("Underwriter", "finance"),
        ("Investment Banking Analyst", "finance"),
        ("Project Coordinator", "operations"),
        ("Barista", "operations"),
        ("Truck Driver", "operations"),
        ("Device Driver Engineer", "engineering"),
    ],
)
def test_titles_outside_tech_name_their_function(title, function):
    assert extract_fields(job(title=title)).job_function == function
