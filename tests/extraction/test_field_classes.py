"""The rules fixed by class (issue: fields people can trust): each test states a class of failure seen on
real postings, with text written for the test, not copied from the gold set."""

from __future__ import annotations

from extractors.ats.common import build_job
from extractors.fields import boilerplate, taxonomy
from extractors.fields.rules_fields import extract_fields
from schemas.job import StructuredFields


def job(title="Engineer", text="", locations=(), company="Acme", board="acme", **structured):
    return build_job(
        source_type="greenhouse",
        board_token=board,
        ats_job_id="1",
        title=title,
        company=company,
        locations=list(locations),
        description_text=text,
        structured=StructuredFields(**structured),
    )


def names(ext):
    return set(ext.skills_raw + ext.tools_raw)


def test_the_company_and_its_own_products_are_not_skills():
    text = "Requirements\n- Python and SQL\n- Curiosity about Palantir Foundry and Stripe"
    ext = extract_fields(job(text=text, company="Palantir", board="palantir"))
    assert {"Python", "SQL"} <= names(ext) and "Palantir Foundry" not in names(ext)
    assert "Stripe" in names(extract_fields(job(text=text)))
    assert "Stripe" not in names(extract_fields(job(text=text, company="Stripe, Inc.", board="stripe")))


def test_a_discipline_after_a_degree_or_before_team_is_not_a_skill():
    tax = taxonomy.load()
    degree = "Bachelor's degree in Mechanical Engineering. Work with the electrical engineering team."
    assert taxonomy.match(degree, tax) == ([], [])
    skills, _ = taxonomy.match("Strong mechanical engineering fundamentals", tax)
    assert skills == ["Mechanical engineering"]


def test_short_benefit_items_stay_in_the_benefits_section_and_process_text_is_cut():
    text = (
        "Responsibilities\n\nWrite Kubernetes operators\n\nBenefits\n\nMedical, dental, and vision\n\n"
        "Daily lunch + dinner in our office\n\nWellness benefits covering fitness, mental health, and more\n\n"
        "Applying allows our recruiting team to consider you for other roles.\n\nWhat you'll do:\n\nShip Go code"
    )
    body = boilerplate.cut(text)
    assert "mental health" not in body and "recruiting" not in body
    assert "Kubernetes" in body and "Ship Go code" in body
    ext = extract_fields(job(text=text))
    assert "Mental health" not in names(ext) and "Recruiting" not in names(ext)


def test_taxonomy_covers_the_market_with_one_canonical_per_alias():
    tax = taxonomy.load()
    assert len(tax.entries) >= 2000
    for probe in (
        "IFRS",
        "Contract negotiation",
        "Figma",
        "German",
        "Salesforce",
        "Accounts payable",
        "Nursing",
    ):
        assert taxonomy.match(f"You know {probe}.", tax) != ([], []), probe
    # Acronyms that are ordinary lower-case words match only as written.
    assert taxonomy.match("Based in San Francisco, pos tagging", tax) == ([], [])
