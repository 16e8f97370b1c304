"""Skill traps found by probing the rules with sentences written for the purpose (no gold posting): words that
name a skill in one sense and something else in the sentence at hand. Each case failed on the rules before."""

from __future__ import annotations

import pytest

from tests.extraction.test_skills_classes import skills_of

CASES = [
    # names that are also ordinary words follow their neighbours
    ("- Proficiency in C and Python", {"C", "Python"}, set()),
    ("- Strong C and C++ skills", {"C", "C++"}, set()),
    ("- We raised a Series C round last year; you know Rust.", {"Rust"}, {"C"}),
    ("- Plan A, plan B and plan C are all on the table; you know Kotlin.", {"Kotlin"}, {"C"}),
    ("- Go the extra mile for customers; experience with Java.", {"Java"}, {"Go"}),
    ("- Apply through Greenhouse; experience with SQL.", {"SQL"}, {"Greenhouse"}),
    ("- Experience with Greenhouse and Lever as a recruiter", {"Greenhouse"}, set()),
    ("- Airflow containment and hot aisle design in data halls", set(), {"Airflow"}),
    ("- Airflow and dbt for our data pipelines", {"Airflow", "dbt"}, set()),
    # a language that names a market or a clientele is not asked
    ("- Polish the onboarding flow until it shines; fluent English.", {"English"}, {"Polish"}),
    ("- Fluent Polish and English", {"Polish", "English"}, set()),
    ("- Grow our revenue in the German market; fluent English.", {"English"}, {"German"}),
    ("- Sell to Japanese enterprises and Korean banks", set(), {"Japanese", "Korean"}),
    ("- Support our Spanish-speaking customers in LATAM", set(), {"Spanish"}),
    ("- German-speaking candidates only", {"German"}, set()),
    # customers partners and backers are not skills
    ("- Our customers include Notion, Figma and Airtable; you know SQL.", {"SQL"}, {"Notion", "Figma"}),
    ("- Trusted by teams at Shopify. You know Python.", {"Python"}, {"Shopify"}),
    ("- Partners such as AWS and Salesforce resell us", set(), {"AWS", "Salesforce"}),
    (
        "- Companies like Airbnb use our API, and experience with Kotlin is a plus.",
        {"Kotlin"},
        {"Airbnb"},
    ),
    ("- Experience with tools like Jira and Confluence", {"Jira", "Confluence"}, set()),
    # a leaders remit and an organisational unit are not skills
    ("- You will report to the Head of Data Science; strong SQL.", {"SQL"}, {"Data science"}),
    ("- This role reports to the Director of Sales Operations", set(), {"Sales operations"}),
    ("- You will join the Risk Management function", set(), {"Risk management"}),
    ("- Write SQL functions and Python functions", {"SQL", "Python"}, set()),
    ("- Experience in risk management", {"Risk management"}, set()),
    # what the job teaches, what it does not ask, and the company's tools and community
    ("- Opportunity to learn Rust on the job; you know Python.", {"Python"}, {"Rust"}),
    ("- No prior experience with Kubernetes required; strong SQL.", {"SQL"}, {"Kubernetes"}),
    ("- Interest in robotics, and experience with Python", {"Python"}, set()),
    ("- Join our Slack community of developers; you know Java.", {"Java"}, {"Slack"}),
    ("- Windows laptops provided; experience with Linux.", {"Linux"}, {"Microsoft Windows"}),
    ("- Experience with Slack and Windows administration", {"Slack", "Microsoft Windows"}, set()),
    ("- Community and Outreach programs; you know Excel.", {"Excel"}, {"Outreach"}),
]


@pytest.mark.parametrize(("text", "wanted", "unwanted"), CASES)
def test_a_name_that_is_also_something_else_here_is_not_a_skill(text, wanted, unwanted):
    found = skills_of(f"Requirements\n{text}", title="Specialist")
    assert wanted <= found and not unwanted & found
