"""Fifth pass of the skills rules fixed by class (dev split of the 242-posting gold set): each test states a
class with text written for the test, not copied from the gold set."""

from __future__ import annotations

import pytest

from extractors.fields.rules_fields import extract_fields
from tests.extraction.test_field_classes import job, names


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
    found = names(extract_fields(job(title=title, text=f"Requirements\n{text}")))
    assert wanted <= found and not unwanted & found


def test_troubleshooting_is_read_in_prose_not_only_as_a_capitalised_label():
    text = "Requirements\n- Investigate, troubleshoot and resolve production issues\n- A deep understanding of troubleshooting"
    assert "Troubleshooting" in names(extract_fields(job(title="Site Reliability Engineer", text=text)))


@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        ("- Experience running A/B tests", {"A/B testing"}),
        ("- Data entry with high accuracy", {"Data entry"}),
        ("- Forklift certification required", {"Forklift operation"}),
        ("- Charting in Epic for patient records", {"Epic Systems"}),
    ],
)
def test_common_names_of_skills_outside_software_are_found(text, wanted):
    assert wanted <= names(extract_fields(job(title="Associate", text=f"Requirements\n{text}")))


def test_epic_is_the_health_records_product_only_beside_clinical_words():
    ext = extract_fields(job(title="Associate", text="Requirements\n- Build epic products with Python"))
    assert "Epic Systems" not in names(ext) and "Python" in names(ext)
