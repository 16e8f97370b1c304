"""`job_extracted_v1` invariants: every one is a validator an LLM answer can fail (and be re-asked on)."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from schemas.extracted import BatchAnswer, ExtractedFields, Highlight, JobFunction

TEXT = "We need 5+ years of Python. Salary $100k - $120k."


def test_every_field_is_described_so_the_schema_is_the_prompt():
    props = ExtractedFields.model_json_schema()["properties"]
    assert props and all(p.get("description") for p in props.values())
    assert set(ExtractedFields.model_json_schema()["$defs"]["JobFunction"]["enum"]) == {
        f.value for f in JobFunction
    }
    assert len(JobFunction) == 20


def test_highlight_offsets_must_quote_the_text():
    ok = Highlight.model_validate(
        {"label": "requirement", "text": "5+ years of Python", "start_char": 8, "end_char": 26},
        context={"text": TEXT},
    )
    assert TEXT[ok.start_char : ok.end_char] == ok.text
    with pytest.raises(ValidationError, match="does not quote"):
        Highlight.model_validate(
            {"label": "r", "text": "5+ years of Java", "start_char": 8, "end_char": 24},
            context={"text": TEXT},
        )
    with pytest.raises(ValidationError, match="past the text"):
        Highlight.model_validate(
            {"label": "r", "text": "x", "start_char": 49, "end_char": 80}, context={"text": TEXT}
        )
    with pytest.raises(ValidationError, match="must be after"):
        Highlight(label="r", text="", start_char=5, end_char=5)


def test_nested_highlights_get_the_text_too():
    with pytest.raises(ValidationError, match="does not quote"):
        ExtractedFields.model_validate(
            {"highlights": [{"label": "r", "text": "nope", "start_char": 0, "end_char": 4}]},
            context={"text": TEXT},
        )


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"salary_min_usd": 120000, "salary_max_usd": 100000}, "above the maximum"),
        ({"salary_min_amount": 9.0, "salary_max_amount": 8.0}, "above the maximum"),
        ({"summary": "word " * 61}, "limit is 60"),
        ({"seniority": "wizard"}, "seniority"),
        ({"job_function": "astrology"}, "job_function"),
        ({"remote_type": "moon"}, "remote_type"),
        ({"country": "USA"}, "2-letter"),
        ({"salary_currency": "dollars"}, "3-letter"),
        ({"confidence": 1.5}, "confidence"),
        ({"locations": [{"country": "Germany"}]}, "alpha-2"),
    ],
)
def test_invariants(data, message):
    with pytest.raises(ValidationError, match=message):
        ExtractedFields.model_validate(data)


def test_a_batch_answer_validates_each_posting():
    with pytest.raises(ValidationError):
        BatchAnswer.model_validate({"postings": [{"id": "a"}, {"id": "b", "confidence": -1}]})
    assert len(BatchAnswer.model_validate({"postings": [{"id": "a"}]}).postings) == 1
