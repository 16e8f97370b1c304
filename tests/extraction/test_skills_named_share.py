"""The skills score counts the labelled skills a posting names in one of the taxonomy's forms, so that a
reader of `jobmine eval` sees how much of the skills recall a matcher of names can reach: a skill written in
other words, or one the taxonomy lacks, is beyond it."""

from __future__ import annotations

from extractors.fields import evaluation, taxonomy
from extractors.fields.rules_fields import extract_fields
from tests.extraction.test_field_classes import job

TEXT = (
    "Requirements\n- Daily work in python3 and PostgreSQL\n- A fast, precise writer on technical topics\n"
    "- Underwater basket weaving"
)
LABELS = {"skills": ["Python", "PostgreSQL", "Technical writing", "Underwater basket weaving"]}


def scored(texts: dict[str, str] | None) -> evaluation.FieldScore:
    ext = extract_fields(job("Backend Engineer", TEXT))
    return evaluation.score([("p1", ext, LABELS)], taxonomy.load(), texts).fields["skills"]


def test_a_skill_named_by_an_alias_counts_and_one_in_other_words_does_not():
    skills = scored({"p1": f"Backend Engineer\n{TEXT}"})
    # Python (as "python3") and PostgreSQL are named; Technical writing is paraphrased; the last is not in
    # the taxonomy.
    assert (skills.labelled, skills.not_in_taxonomy, skills.named) == (4, 1, 2)
    assert skills.named_share == 0.5
    assert skills.as_dict("skills")["named_in_posting"] == 2


def test_the_count_is_of_whole_tokens_and_each_skill_once():
    ext = extract_fields(job("Engineer", "We use Pythonic idioms. Python, Python and Python."))
    text = "Engineer\nWe use Pythonic idioms. Python, Python and Python."
    score = evaluation.score([("p", ext, {"skills": ["Python", "python"]})], taxonomy.load(), {"p": text})
    assert score.fields["skills"].named == 1
    unnamed = evaluation.score(
        [("p", ext, {"skills": ["Python"]})], taxonomy.load(), {"p": "Pythonic idioms"}
    )
    assert unnamed.fields["skills"].named == 0


def test_the_table_states_the_share_only_when_texts_were_given():
    none_named = evaluation.score(
        [("p1", extract_fields(job("Engineer", "Pythonic idioms")), {"skills": ["Python"]})],
        taxonomy.load(),
        {"p1": "Engineer\nPythonic idioms"},
    )
    assert "0 named in the posting in a form the taxonomy holds (0.000 of them" in evaluation.table(
        none_named
    )
    assert none_named.as_dict()["skills"]["named_in_posting"] == 0
    with_texts = evaluation.table(
        evaluation.score(
            [("p1", extract_fields(job("Backend Engineer", TEXT)), LABELS)],
            taxonomy.load(),
            {"p1": f"Backend Engineer\n{TEXT}"},
        )
    )
    assert "2 named in the posting in a form the taxonomy holds (0.500 of them" in with_texts
    without = evaluation.score(
        [("p1", extract_fields(job("Backend Engineer", TEXT)), LABELS)], taxonomy.load()
    )
    assert "named in the posting" not in evaluation.table(without)
    assert "named_in_posting" not in without.as_dict()["skills"]
