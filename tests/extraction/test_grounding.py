"""A tier-1 answer keeps only what the posting states: the salary, years and skills a model fills in are
checked against the text it read (texts written for the test)."""

from __future__ import annotations

import pytest

from extractors.fields import taxonomy
from extractors.llm.grounding import amounts, canonical, grounded
from schemas.extracted import ExtractedFields

TEXT = (
    "Senior Data Engineer\n"
    "- 5+ years building pipelines in Python and JS\n"
    "- Experience with dbt and Snowflake\n"
    "The base pay for this role is 120.000 - 150.000 EUR per year, plus a 1,500 EUR learning budget."
)


def _ground(**answer: object) -> tuple[ExtractedFields, list[str]]:
    return grounded(ExtractedFields(**answer), TEXT, taxonomy.load())


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("$120,000 - $150,000", 120_000),
        ("£60k–£75k per year", 75_000),
        ("8 000 - 12 000 zł brutto", 8_000),
        ("120.000 € brutto", 120_000),
        ("$45.50 per hour", 45.5),
        ("95K base", 95_000),
    ],
)
def test_an_amount_written_in_any_common_form_is_found(text, value):
    assert value in amounts(text)


def test_a_salary_the_text_states_is_kept_with_its_currency_and_interval():
    answer, dropped = _ground(
        salary_min=120_000, salary_max=150_000, salary_currency="EUR", salary_interval="year"
    )
    assert (answer.salary_min, answer.salary_max, answer.salary_currency) == (120_000, 150_000, "EUR")
    assert dropped == []


@pytest.mark.parametrize(
    ("lo", "hi"),
    [
        (100_000, 150_000),  # one bound the text never gives
        (90_000, None),
        (None, 200_000),
    ],
)
def test_a_salary_with_a_bound_the_text_does_not_give_is_dropped_whole(lo, hi):
    answer, dropped = _ground(salary_min=lo, salary_max=hi, salary_currency="USD", salary_interval="year")
    assert (answer.salary_min, answer.salary_max, answer.salary_currency, answer.salary_interval) == (
        None,
        None,
        None,
        None,
    )
    assert dropped == ["salary"]


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("at least three (3) years of experience", 3),
        ("2–4 yrs in a similar role", 2),
        ("mindestens 5 Jahre Berufserfahrung", 5),
        ("minimum 3 lata doświadczenia", 3),
        ("au moins 4 ans d'expérience", 4),
    ],
)
def test_a_number_of_years_is_read_in_the_forms_postings_write(text, years):
    answer, dropped = grounded(ExtractedFields(years_experience_min=years), text, taxonomy.load())
    assert answer.years_experience_min == years and dropped == []


@pytest.mark.parametrize(("years", "kept"), [(5, True), (3, False), (0, False)])
def test_a_minimum_of_years_is_kept_only_as_written(years, kept):
    answer, dropped = _ground(years_experience_min=years)
    assert (answer.years_experience_min == years) is kept
    assert (dropped == []) is kept


def test_skills_and_tools_are_kept_when_named_or_aliased_and_dropped_when_not():
    answer, dropped = _ground(
        skills=["Python", "JavaScript", "Data pipelines", "Kubernetes", "Leadership"],
        tools=["dbt", "Snowflake", "Airflow"],
    )
    # "JS" is an alias of JavaScript; "Data pipelines" is not written, nor Kubernetes, Leadership, Airflow.
    assert answer.skills == ["Python", "JavaScript"]
    assert answer.tools == ["dbt", "Snowflake"]
    assert sorted(dropped) == ["skills", "skills", "skills", "tools"]


def test_a_taxonomy_name_counts_only_where_the_rules_context_accepts_it():
    text = "- Own our go-to-market plans\n- Partner with the Rust and Go teams\n- Write Rust services"
    answer, dropped = grounded(ExtractedFields(skills=["Go", "Rust", "R"]), text, taxonomy.load())
    # "Go" is written twice, as a word of "go-to-market" and as a team; "R" only inside other words.
    assert answer.skills == ["Rust"] and dropped == ["skills", "skills"]


def test_a_name_outside_the_taxonomy_counts_on_whole_words_in_a_row():
    text = "- Coordinate onboarding for new hires\n- Plan the quarterly offsite"
    answer, _ = grounded(
        ExtractedFields(skills=["Quarterly offsite", "Onboarding coordination", "Site"]),
        text,
        taxonomy.load(),
    )
    assert answer.skills == ["Quarterly offsite"]


def test_an_answer_with_nothing_unstated_is_returned_unchanged():
    answer = ExtractedFields(skills=["Python"], summary="Builds pipelines.")
    assert grounded(answer, TEXT, taxonomy.load()) == (answer, [])


def test_names_the_taxonomy_knows_take_its_name_and_kind():
    answer = canonical(
        ExtractedFields(
            skills=["js", "python", "Snowflake", "Onboarding coordination"], tools=["JavaScript"]
        ),
        taxonomy.load(),
    )
    # one name per skill, as the rules write it; a tool listed among skills moves to the tools
    assert answer.skills == ["JavaScript", "Python", "Onboarding coordination"]
    assert answer.tools == ["Snowflake"]


@pytest.mark.parametrize(
    ("text", "mode", "evidence", "kept"),
    [
        (
            "This role is hybrid: three days a week in our Berlin office.",
            "hybrid",
            "This role is hybrid",
            True,
        ),
        ("Work from home anywhere in Poland.", "remote", "work from home", True),
        # the quote is not in the text, or does not name the mode, or cites an ATS value the posting lacks
        ("This role is hybrid: three days a week in our office.", "hybrid", "The role is hybrid", False),
        ("This role is hybrid: three days a week in our office.", "onsite", "three days a week", False),
        ("Join our Berlin team.", "onsite", "workplaceType=onsite", False),
        ("Join our Berlin team.\nworkplaceType=OnSite", "onsite", "workplaceType=OnSite", True),
    ],
)
def test_a_remote_type_is_kept_only_with_a_quote_that_names_it(text, mode, evidence, kept):
    answer, dropped = grounded(
        ExtractedFields(remote_type=mode, remote_evidence=evidence), text, taxonomy.load()
    )
    assert (answer.remote_type.value == mode and answer.remote_evidence == evidence) is kept
    assert (dropped == []) is kept


@pytest.mark.parametrize(
    ("text", "kind", "kept"),
    [
        ("A 6-month internship in our data team.", "internship", True),
        ("Join our internal tools team.", "internship", False),  # "internal" names no internship
        ("Befristet auf 12 Monate, Vollzeit.", "temporary", True),
        ("Join our internal tools team.", "full_time", False),
        ("This is a part-time role, 20 hours a week.", "part_time", True),
    ],
)
def test_an_employment_type_is_kept_only_where_the_text_names_it(text, kind, kept):
    answer, _ = grounded(ExtractedFields(employment_type=kind), text, taxonomy.load())
    assert (answer.employment_type.value == kind) is kept


@pytest.mark.parametrize(
    ("answered", "named", "kept"),
    [
        ("finance", None, False),  # the title names no function: the model's guess from the duties goes
        ("sales", "sales", True),  # the title names it
        ("hr", "operations", False),
        ("other", None, True),  # nothing guessed, nothing dropped
    ],
)
def test_a_job_function_is_kept_only_where_the_title_or_department_names_it(answered, named, kept):
    answer, dropped = grounded(
        ExtractedFields(job_function=answered), "Coach members on our gym floor.", taxonomy.load(), named
    )
    assert (answer.job_function.value == answered) is kept
    assert (dropped == []) is kept
