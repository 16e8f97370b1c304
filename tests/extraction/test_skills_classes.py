"""Fourth pass (skills) of the rules fixed by class on the dev split of gold set v2: each test states a class
with text written for the test, not copied from the gold set."""

from __future__ import annotations

import pytest

from extractors.fields import boilerplate
from extractors.fields.rules_fields import extract_fields
from tests.extraction.test_field_classes import job, names


def skills_of(text: str, title: str = "Engineer") -> set[str]:
    return names(extract_fields(job(title=title, text=text)))


def tools_of(text: str) -> set[str]:
    return set(extract_fields(job(text=text)).tools)


def test_an_acronyms_spelled_out_name_matches_in_any_case():
    text = (
        "Requirements\n- Maintain Standard Operating Procedures\n- Own the Bill of Materials for each build"
    )
    found = skills_of(text)
    assert {"Standard operating procedures", "BOM management"} <= found
    # The acronym itself still matches only as written: "sop" or "bom" in prose are not it.
    assert "BOM management" not in skills_of("Requirements\n- Say bom and sop to the team")


def test_a_name_of_several_words_does_not_span_a_list_break():
    text = "Requirements\n- Represent Product, Design and Engineering to customers"
    assert "Product design" not in skills_of(text)
    assert "Product design" in skills_of("Requirements\n- Strong product design skills")


@pytest.mark.parametrize(
    ("text", "tool", "found"),
    [
        # a product named by its domain or "JS" suffix is the product in any case
        ("Requirements\n- API work in nodeJS and react.js", "Node.js", True),
        ("Requirements\n- API work in nodeJS and react.js", "React", True),
        ("Requirements\n- Build front ends in vuejs or angularjs", "Vue.js", True),
        ("Requirements\n- Build front ends in vuejs or angularjs", "Angular", True),
        ("Requirements\n- Workflows on temporal.io", "Temporal", True),
        # the bare name stays case-sensitive: an ordinary word in lower case is not the product
        ("Requirements\n- Each node must react to express requests", "Node.js", False),
        ("Requirements\n- Each node must react to express requests", "React", False),
        ("Requirements\n- Each node must react to express requests", "Express", False),
    ],
)
def test_a_product_named_by_its_domain_or_js_suffix_matches_in_any_case(text, tool, found):
    assert (tool in tools_of(text)) is found


@pytest.mark.parametrize(
    ("text", "skill", "kept"),
    [
        # the next word belongs to the next list item: it says nothing of this one
        ("Requirements\n- Experience with active learning; function calling", "Active learning", True),
        ("Requirements\n- Experience with active learning, function calling", "Active learning", True),
        ("Requirements\n- Fluent Spanish (customers in Mexico)", "Spanish", True),
        (
            "You will shape organizational design.\n\nTeam leadership: coach the leads",
            "Organizational design",
            True,
        ),
        # the same words inside one item still read as the unit, the market and the team they name
        ("Requirements\n- Report into the active learning function", "Active learning", False),
        ("Requirements\n- Grow our Spanish customers", "Spanish", False),
        ("Requirements\n- Partner with the organizational design team", "Organizational design", False),
    ],
)
def test_the_word_after_a_list_break_is_not_a_neighbour(text, skill, kept):
    assert (skill in skills_of(text)) is kept


@pytest.mark.parametrize(
    "text",
    [
        "You will work cross-functionally with Sales, Customer Success, Product, and Engineering.",
        "Partner with stakeholders such as Finance, Product Marketing, and Legal on launches.",
        "Partnering closely with technical teams and customer success on renewals.",
        "Hire for technical roles (e.g., Data Scientists, DevOps, Product Managers).",
    ],
)
def test_a_company_function_named_as_colleagues_is_not_a_skill(text):
    found = skills_of(f"Responsibilities\n- {text}")
    assert found.isdisjoint({"Customer success", "Product marketing", "DevOps"})


def test_a_company_function_asked_of_the_hire_is_a_skill():
    text = "Requirements\n- 3+ years in customer success or account management\n- Hands-on DevOps experience"
    assert {"Customer success", "DevOps"} <= skills_of(text)


def test_a_benefits_list_split_by_country_is_benefits_to_its_end():
    text = (
        "Requirements\n- Python\n\n"
        "Benefits available to all full-time employees of the company (Global)\n\n"
        "Flexible PTO\n\nHome-office equipment ordering\n\nBudget for travel between offices\n\n"
        "United Kingdom\n\nPrivate medical insurance\n\nVirtual GP and at-home care through a partner\n\n"
        "Referral Instructions\n\nAsk your referrer to submit your name."
    )
    cut = boilerplate.cut(text)
    assert "at-home care" not in cut and "Home-office" not in cut
    assert "Python" in cut and "Ask your referrer" in cut
    assert "Home health" not in skills_of(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("- Sign-off with PrimeTime, Tempus and Voltus; IR drop and EM analysis", {"Tempus", "Voltus"}),
        ("- Full-cycle recruitment for technical roles; structured interviews", {"Full-cycle recruiting"}),
        ("- Experience with RAG, prompt engineering and fine-tuning of LLMs", {"RAG", "Fine-tuning"}),
        ("- Gather requirements, write user stories, run UAT and data migrations", {"UAT", "Data migration"}),
        ("- Kotlin coroutines, RxJava and Dagger Hilt in Android apps", {"Coroutines", "RxJava", "Hilt"}),
        ("- Run win/loss analysis and build competitive battlecards", {"Win/loss analysis", "Battlecards"}),
    ],
)
def test_families_added_to_the_taxonomy(text, expected):
    assert expected <= skills_of(f"Requirements\n{text}")


@pytest.mark.parametrize(
    "text",
    [
        "- Fine-tuning performance of our payment systems",
        "- Foster a culture of continuous improvement",
        "- Move the cursor where you want; the temporal order of events matters",
    ],
)
def test_new_aliases_that_are_ordinary_prose_do_not_fire(text):
    found = skills_of(f"Responsibilities\n{text}")
    assert found.isdisjoint({"Fine-tuning", "Continuous improvement", "Cursor", "Temporal"})


def test_vision_is_a_benefit_only_as_vision_cover():
    text = "Requirements\n- Lead Solution Architecture and the project's product vision\n\nBenefits\n- Vision insurance"
    assert "Solution architecture" in skills_of(text)
    assert "Lead Solution Architecture" in boilerplate.cut(text)


def test_a_recruiters_interview_process_duties_are_not_process_boilerplate():
    text = "Responsibilities\n- Facilitate technical assessments and structured interview processes"
    assert {"Technical assessments", "Structured interviewing"} <= skills_of(text)
    assert "interview" not in boilerplate.cut("Requirements\n- SQL\n\nOur interview process has three steps.")


@pytest.mark.parametrize(
    ("text", "kept", "dropped"),
    [
        ("- Interest in open source, and familiarity with Git and Docker.", {"Git", "Docker"}, set()),
        ("- Passionate about modern AI tools like ChatGPT.", set(), {"OpenAI ChatGPT"}),
    ],
)
def test_an_interest_clause_ends_where_a_new_ask_starts(text, kept, dropped):
    found = skills_of(f"Requirements\n{text}")
    assert kept <= found and found.isdisjoint(dropped)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("- Node, Postgres and Redis in the backend; React on the frontend", "Backend development"),
        ("- We work across the full stack", "Full-stack development"),
        ("- Build strong partnerships with Engineering and Product", "Partnerships"),
    ],
)
def test_a_place_in_the_stack_or_a_working_relationship_is_not_a_skill(text, word):
    assert word not in skills_of(f"Responsibilities\n{text}")
    assert {"Backend development", "Partnerships"} <= skills_of(
        "Requirements\n- 5+ years of backend development\n- Own channel partnerships end to end"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("- 리팩토링 및 구조 개선 경험", "Refactoring"),
        ("- 단위 테스트, Mocking 등 테스트 경험", "Unit testing"),
        ("- 코드 리뷰 및 지식 공유", "Code review"),
    ],
)
def test_core_engineering_practices_named_in_korean(text, expected):
    assert expected in skills_of(f"Requirements\n{text}")


@pytest.mark.parametrize(
    ("text", "skill", "asked"),
    [
        ("- Localization tooling (TMS, CAT, machine translation)", "CAT tools", True),
        ("- Our CAT scan results were shared with the team", "CAT tools", False),
        ("- Freight logistics on a TMS with carrier integrations", "Transportation management", True),
        ("- Localization tooling (TMS, CAT, machine translation)", "Transportation management", False),
        ("- We offer competitive compensation and benefits", "Compensation and benefits", False),
        ("- Manage onboarding logistics for new hires", "Logistics", False),
    ],
)
def test_an_ambiguous_acronym_or_phrase_needs_its_context(text, skill, asked):
    assert (skill in skills_of(f"Requirements\n{text}")) is asked


def test_a_language_named_inside_a_place_name_is_not_asked():
    text = "Requirements\n- Own enterprise accounts across Brazil and Latin America\n- Fluent Portuguese"
    assert "Latin" not in skills_of(text)
    assert "Portuguese" in skills_of(text)
    assert "Latin" in skills_of("Requirements\n- Reading knowledge of Latin and Greek")
