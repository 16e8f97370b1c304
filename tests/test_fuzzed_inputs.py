"""Arbitrary, huge, deeply nested, mis-encoded inputs: every ATS parser, the HTML-to-text converter, the
salary parser and the board-URL rules end in a result or a clear `PayloadError`, never another
exception."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractors.ats import PARSERS, parse_board
from extractors.discover.board_urls import host_sources, parse_board_url
from extractors.fields.salary import from_text
from extractors.text.html_text import html_to_text
from schemas.errors import PayloadError
from schemas.job import BoardRef, Job
from schemas.settings import Settings

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=40),
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=12), inner, max_size=5),
    max_leaves=40,
)
# the keys the parsers look for, so shapes get past the envelope and into the postings
KEYS = [
    "jobs",
    "data",
    "content",
    "results",
    "postings",
    "id",
    "title",
    "text",
    "name",
    "location",
    "absolute_url",
    "hostedUrl",
    "jobUrl",
    "shortcode",
    "updated_at",
    "createdAt",
    "categories",
    "departments",
    "offices",
    "lists",
    "compensation",
    "isListed",
    "employmentType",
    "ref",
]
shaped = st.recursive(
    st.none() | st.integers() | st.text(max_size=30) | st.booleans(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.sampled_from(KEYS), inner, max_size=6),
    max_leaves=60,
)


def _parse(source: str, body: bytes) -> None:
    try:
        jobs = parse_board(body, BoardRef(source_type=source, token="acme"))  # type: ignore[arg-type]
    except PayloadError as exc:
        assert exc.reason and str(exc)
        return
    assert isinstance(jobs, list) and all(isinstance(j, Job) for j in jobs)


@pytest.mark.parametrize("source", sorted(PARSERS))
@FUZZ
@given(value=json_values | shaped)
def test_any_json_shape_parses_or_is_a_payload_error(source: str, value: object):
    _parse(source, json.dumps(value).encode())


@pytest.mark.parametrize("source", sorted(PARSERS))
@FUZZ
@given(body=st.binary(max_size=400))
def test_any_bytes_including_invalid_utf8_parse_or_are_a_payload_error(source: str, body: bytes):
    _parse(source, body)


@pytest.mark.parametrize("source", sorted(PARSERS))
def test_deep_nesting_and_mis_encoding_are_payload_errors(source: str):
    for body in (
        b"[" * 200_000 + b"]" * 200_000,  # deeper than the decoder's recursion limit
        b'{"jobs": [{"title": "' + "Ingénieur".encode("latin-1") + b'"}]}',  # Latin-1 sent as UTF-8
        b"\xef\xbb\xbf" + b'{"jobs": []}',  # a byte order mark
        json.dumps({"jobs": [{"title": "x" * 2_000_000}]}).encode(),  # huge
    ):
        _parse(source, body)


@FUZZ
@given(
    markup=st.text(max_size=2000)
    | st.lists(
        st.sampled_from(
            [
                "<p>",
                "</p>",
                "<br>",
                "<li>",
                "&amp;",
                "&#x110000;",
                "&#0;",
                "<script>",
                "</div",
                "<!--",
                "-->",
                "<![CDATA[",
                "x",
                " ",
                "\n",
            ]
        ),
        max_size=200,
    ).map("".join)
)
def test_html_to_text_always_returns_text(markup: str):
    text = html_to_text(markup)
    assert isinstance(text, str)


@FUZZ
@given(
    text=st.text(max_size=500)
    | st.from_regex(
        r"[$€£]?\d{1,9}(,\d{3})*(\.\d+)?[kK]? ?(-|to) ?[$€£]?\d{1,12}[kK]? ?(per|/|an) ?(year|hour|month|yr|hr)?",
        fullmatch=True,
    )
)
def test_salary_parser_returns_a_range_or_nothing(text: str):
    salary = from_text(text)
    if salary is not None:
        assert 0 <= salary.min_amount <= salary.max_amount
        assert salary.min_usd is None or salary.max_usd is None or salary.min_usd <= salary.max_usd


HOSTS = host_sources(Settings().discovery_patterns)


@FUZZ
@given(
    url=st.text(max_size=200)
    | st.builds(
        lambda h, p: f"https://{h}/{p}",
        st.sampled_from(sorted({k.split("/")[0] for k in Settings().discovery_patterns})),
        st.text(max_size=80),
    )
)
def test_a_board_url_gives_a_path_safe_token_or_a_reason(url: str):
    verdict = parse_board_url(url, HOSTS)
    if verdict.token is None:
        assert verdict.reason
    else:  # a token stays one path segment on the ATS host: nothing that could steer a request elsewhere
        assert verdict.token.replace("-", "").replace("_", "").isascii()
        assert not set(verdict.token) & set("./%@\\?#: \t\n")
