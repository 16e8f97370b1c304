"""The token rules, case by case: real board URLs, junk, and URLs built to steer a request elsewhere."""

from __future__ import annotations

import json

import pytest

from extractors.discover.board_urls import host_sources, parse_board_url
from extractors.discover.cdx_lines import CdxTally
from schemas.settings import Settings
from tests.conftest import REAL_FIXTURES
from tests.fakes.synthetic.cdx import synthetic_lines

HOSTS = host_sources(Settings().discovery_patterns)

GH, LV, AB = "greenhouse", "lever", "ashby"
CASES: list[tuple[str, str, str]] = [
    # Greenhouse board and posting pages, every host
    ("https://boards.greenhouse.io/stripe", GH, "stripe"),
    ("https://boards.greenhouse.io/stripe/", GH, "stripe"),
    ("https://boards.greenhouse.io/stripe/jobs/8026689", GH, "stripe"),
    ("https://boards.greenhouse.io/stripe/jobs/8026689?gh_jid=8026689", GH, "stripe"),
    ("http://boards.greenhouse.io/airbnb", GH, "airbnb"),
    ("https://boards.greenhouse.io/Airbnb", GH, "airbnb"),
    ("https://BOARDS.GREENHOUSE.IO/duolingo", GH, "duolingo"),
    ("https://boards.greenhouse.io:443/duolingo", GH, "duolingo"),
    ("https://job-boards.greenhouse.io/anthropic/jobs/4020350008", GH, "anthropic"),
    ("https://boards.eu.greenhouse.io/homepl", GH, "homepl"),
    ("https://job-boards.eu.greenhouse.io/homepl/jobs/4418431101", GH, "homepl"),
    ("https://boards.greenhouse.io/general_assembly", GH, "general_assembly"),
    ("https://boards.greenhouse.io/stripe#content", GH, "stripe"),
    ("https://boards.greenhouse.io/stripe?utm_source=x&t=1", GH, "stripe"),
    ("https://boards.greenhouse.io/embed/job_board?for=stripe", GH, "stripe"),
    ("https://boards.greenhouse.io/embed/job_board?for=Stripe&b=https%3A%2F%2Fstripe.com", GH, "stripe"),
    ("https://boards.greenhouse.io/embed/job_app?for=discord&token=5791212002", GH, "discord"),
    ("https://boards-api.greenhouse.io/v1/boards/stripe/jobs", GH, "stripe"),
    ("https://boards-api.greenhouse.io/v1/boards/stripe/jobs/8026689", GH, "stripe"),
    (
        "https://boards-api.greenhouse.io/v1/boards/generalassembly/embed/jobs?content=true",
        GH,
        "generalassembly",
    ),
    # Lever
    ("https://jobs.lever.co/palantir", LV, "palantir"),
    ("https://jobs.lever.co/palantir/ac978161-6f46-4f6b-ad9e-a258e642751c", LV, "palantir"),
    ("https://jobs.lever.co/palantir/ac978161-6f46-4f6b-ad9e-a258e642751c/apply", LV, "palantir"),
    ("https://jobs.lever.co/people-ai?lever-source=linkedin", LV, "people-ai"),
    ("https://jobs.eu.lever.co/Mistral", LV, "mistral"),
    ("http://jobs.lever.co/netflix/", LV, "netflix"),
    # Ashby: names are case-sensitive
    ("https://jobs.ashbyhq.com/ramp", AB, "ramp"),
    ("https://jobs.ashbyhq.com/Ramp/34413f8d-26bf-4bbc-8ade-eb309a0e2245", AB, "Ramp"),
    ("https://jobs.ashbyhq.com/wealth-com/abc/application", AB, "wealth-com"),
    ("https://jobs.ashbyhq.com/OpenAI?departmentId=1", AB, "OpenAI"),
    ("https://jobs.ashbyhq.com/etched", AB, "etched"),
    # junk on the ATS hosts
    ("https://boards.greenhouse.io/", "reject", "no_token_in_path"),
    ("https://boards.greenhouse.io", "reject", "no_token_in_path"),
    ("https://boards.greenhouse.io/embed", "reject", "embed_without_board"),
    ("https://boards.greenhouse.io/embed/job_board", "reject", "embed_for_missing_or_repeated"),
    ("https://boards.greenhouse.io/embed/job_board?for=", "reject", "token_not_alphanumeric"),
    ("https://boards.greenhouse.io/v1/boards/stripe", "reject", "junk_path"),
    ("https://boards.greenhouse.io/assets/application-1234.css", "reject", "junk_path"),
    ("https://boards.greenhouse.io/assets/logo", "reject", "junk_path"),
    ("https://boards.greenhouse.io/favicon.ico", "reject", "token_has_dot"),
    ("https://boards.greenhouse.io/robots.txt", "reject", "token_has_dot"),
    ("https://boards-api.greenhouse.io/v1/jobs", "reject", "not_a_board_api_path"),
    ("https://boards-api.greenhouse.io/stripe", "reject", "not_a_board_api_path"),
    ("https://jobs.lever.co/", "reject", "no_token_in_path"),
    ("https://jobs.lever.co/_next/static/chunk", "reject", "junk_path"),
    ("https://jobs.ashbyhq.com/api/non-user-graphql", "reject", "junk_path"),
    ("https://jobs.ashbyhq.com/", "reject", "no_token_in_path"),
    # hostile: anything that could make a request leave the ATS host
    ("https://boards.greenhouse.io@evil.example/stripe", "reject", "userinfo_in_host"),
    ("https://user:pw@jobs.lever.co/palantir", "reject", "userinfo_in_host"),
    ("https://boards.greenhouse.io.evil.example/stripe", "reject", "host_not_an_ats_board_host"),
    ("https://evil.example/boards.greenhouse.io/stripe", "reject", "host_not_an_ats_board_host"),
    ("https://evilgreenhouse.io/stripe", "reject", "host_not_an_ats_board_host"),
    ("https://boards.greenhouse.io:8080/stripe", "reject", "unexpected_port"),
    ("https://boards.greenhouse.io/evil.example", "reject", "token_has_dot"),
    ("https://boards.greenhouse.io/..", "reject", "token_has_dot"),
    ("https://boards.greenhouse.io/stripe%2F..%2F..%2Fadmin", "reject", "token_has_foreign_characters"),
    ("https://boards.greenhouse.io/%2e%2e", "reject", "token_has_foreign_characters"),
    ("https://boards.greenhouse.io/a@evil.example", "reject", "token_has_foreign_characters"),
    ("https://boards.greenhouse.io/embed/job_board?for=evil.example", "reject", "token_has_dot"),
    ("https://boards.greenhouse.io/embed/job_board?for=a%2Fb", "reject", "token_has_foreign_characters"),
    ("https://boards.greenhouse.io/embed/job_board?for=a&for=b", "reject", "embed_for_missing_or_repeated"),
    (
        "https://boards.greenhouse.io/embed/job_board?for=..%2F..%2Fv1",
        "reject",
        "token_has_foreign_characters",
    ),
    ("https://jobs.lever.co/pal antir", "reject", "token_has_foreign_characters"),
    ("https://jobs.lever.co/pal\tantir", "reject", "token_has_foreign_characters"),
    ("https://jobs.lever.co/palantir\\..\\x", "reject", "token_has_foreign_characters"),
    ("https://jobs.ashbyhq.com/Eight%20Sleep", "reject", "token_has_foreign_characters"),
    ("https://jobs.ashbyhq.com/caf\u00e9", "reject", "token_has_foreign_characters"),
    ("https://jobs.ashbyhq.com/-leading-dash", "reject", "token_not_alphanumeric"),
    ("https://jobs.ashbyhq.com/" + "a" * 101, "reject", "token_not_alphanumeric"),
    ("ftp://boards.greenhouse.io/stripe", "reject", "not_http_url"),
    ("javascript:alert(1)//boards.greenhouse.io/stripe", "reject", "not_http_url"),
    ("boards.greenhouse.io/stripe", "reject", "not_http_url"),
    ("", "reject", "not_http_url"),
    ("https://www.commoncrawl.org/", "reject", "host_not_an_ats_board_host"),
]


def test_the_table_is_big_enough() -> None:
    assert len(CASES) >= 60
    assert sum(kind == "reject" for _, kind, _ in CASES) >= 25


@pytest.mark.parametrize(("url", "kind", "expected"), CASES)
def test_token_rules(url: str, kind: str, expected: str) -> None:
    verdict = parse_board_url(url, HOSTS)
    if kind == "reject":
        assert not verdict.ok
        assert verdict.reason == expected
        assert verdict.line() == f"reject\t{expected}"
    else:
        assert (verdict.source_type, verdict.token) == (kind, expected)
        assert verdict.line() == f"{kind}\t{expected}"


def test_hosts_come_from_settings() -> None:
    """A host dropped from the configured patterns yields no tokens."""
    only_lever = host_sources({"jobs.lever.co/*": "lever"})
    assert (
        parse_board_url("https://boards.greenhouse.io/stripe", only_lever).reason
        == "host_not_an_ats_board_host"
    )
    assert parse_board_url("https://jobs.lever.co/palantir", only_lever).token == "palantir"


def test_a_pattern_for_an_ats_without_rules_is_a_config_error() -> None:
    from schemas.errors import ConfigError

    with pytest.raises(ConfigError, match="workable"):
        host_sources({"apply.workable.com/*": "workable"})


def test_real_index_lines_parse_and_none_is_a_board() -> None:
    """The recorded answers of the real index (commoncrawl.org captures) are read, and all passed over."""
    tally = CdxTally()
    for name in ("cc_cdx_commoncrawl.org.jsonl", "cc_cdx_commoncrawl.org_CC-MAIN-2017-51.jsonl"):
        tally.add_lines((REAL_FIXTURES / name).read_text().splitlines(), HOSTS)
    assert tally.lines == 20
    assert tally.boards == {}
    assert tally.rejects == {"host_not_an_ats_board_host": 20}


def test_tally_counts_captures_and_keeps_a_good_capture_per_board() -> None:
    lines = list(synthetic_lines(3000, boards=40, seed=3))
    lines += ["not json", '{"url": 5}', ""]
    tally = CdxTally()
    tally.add_lines(lines[:1000], HOSTS)
    tally.add_lines(lines[1000:], HOSTS)
    assert tally.lines == 3003
    assert sum(b.captures for b in tally.boards.values()) + sum(tally.rejects.values()) == 3003
    assert tally.rejects["bad_cdx_line"] == 3
    # a fresh tally over the same lines in one go agrees (the verdict cache changes nothing)
    again = CdxTally()
    again.add_lines(lines, HOSTS)
    assert {k: v.captures for k, v in again.boards.items()} == {
        k: v.captures for k, v in tally.boards.items()
    }
    ashby = {t for (s, t) in tally.boards if s == "ashby"}
    assert ashby and all(t[0].isupper() for t in ashby)  # case kept
    good = [b.capture for b in tally.boards.values() if b.capture]
    assert good and all(c["status"] == "200" and c["filename"].endswith(".warc.gz") for c in good)
    for (source, token), board in tally.boards.items():
        assert parse_board_url(board.sample_url, HOSTS).token == token
        assert source in {"greenhouse", "lever", "ashby"}


def test_escaped_url_in_a_line_is_decoded_before_judging() -> None:
    line = json.dumps(
        {"urlkey": "x", "url": "https://boards.greenhouse.io\u0040evil.example/x"}, ensure_ascii=True
    )
    line = line.replace("@", "\\u0040")
    tally = CdxTally()
    tally.add_lines([line], HOSTS)
    assert tally.boards == {} and tally.rejects == {"userinfo_in_host": 1}
