"""Pure logic of the page and the alerts: URL state, pay as stated, signatures, feeds, address checks."""

from __future__ import annotations

from datetime import UTC, datetime
from urllib.parse import parse_qsl
from xml.etree import ElementTree as ET

import httpx
import pytest

from extractors.alerts.addresses import parse_allow, pinned, refusal, webhook_host
from extractors.alerts.feed import atom_feed
from extractors.alerts.signing import backoff_delays, sign, verify
from extractors.search import page as state
from schemas.errors import ConfigError
from tasks.alerts import webhook
from tasks.alerts.webhook import check_webhook, send


def test_links_toggle_one_thing_and_drop_the_page_cursor():
    pairs = [("q", "data"), ("company", "Stripe"), ("search_after", "abc"), ("page", "2")]
    assert parse_qsl(state.toggle(pairs, "company", "Stripe")[1:]) == [("q", "data")]
    assert parse_qsl(state.toggle(pairs, "company", "Ramp")[1:]) == [
        ("q", "data"),
        ("company", "Stripe"),
        ("company", "Ramp"),
    ]
    excluded = parse_qsl(state.toggle_exclude(pairs, "company", "Stripe")[1:])
    assert excluded == [("q", "data"), ("exclude", "company=Stripe")]
    assert parse_qsl(state.toggle_exclude(excluded, "company", "Stripe")[1:]) == [("q", "data")]
    rows = state.facet_rows({"Ramp": 3}, "company", excluded)
    assert [(r["value"], r["excluded"], r["count"]) for r in rows] == [
        ("Stripe", True, 0),
        ("Ramp", False, 3),
    ]


@pytest.mark.parametrize(
    ("lo", "hi", "cur", "per", "text"),
    [
        (150000, 200000, "USD", "year", "$150k–$200k / year"),
        (None, None, "USD", "year", ""),
        (116000, 116000, "EUR", "year", "€100k / year"),
        (41600, 62400, "USD", "hour", "$20.00–$30.00 / hour"),
        (27000, 32400, "PLN", "month", "8,333–10,000 PLN / month"),
        # open ranges: "up to £80k", "from $25 an hour"
        (None, 104800, "GBP", "year", "up to £80k / year"),
        (52000, None, "USD", "hour", "from $25.00 / hour"),
    ],
)
def test_pay_is_shown_as_the_posting_states_it(lo, hi, cur, per, text):
    assert state.salary_text(lo, hi, cur, per) == text


def test_signature_covers_timestamp_and_body():
    sig = sign("s3cret", 1700000000, b'{"a":1}')
    assert sig.startswith("sha256=") and verify("s3cret", 1700000000, b'{"a":1}', sig, now=1700000010)
    assert not verify("s3cret", 1700000000, b'{"a":2}', sig, now=1700000010)
    assert not verify("s3cret", 1700000001, b'{"a":1}', sig, now=1700000010)
    assert not verify("s3cret", 1700000000, b'{"a":1}', sig, now=1700009999)  # too old: a replay
    assert backoff_delays(4, 2.0) == [2.0, 4.0, 8.0]


@pytest.mark.parametrize(
    ("address", "kind"),
    [
        ("127.0.0.1", "loopback"),
        ("::1", "loopback"),
        ("::ffff:127.0.0.1", "loopback"),
        ("10.1.2.3", "private"),
        ("192.168.0.10", "private"),
        ("169.254.169.254", "link-local"),
        ("fe80::1", "link-local"),
        ("0.0.0.0", "unspecified"),
        ("100.64.0.1", "not a public"),
    ],
)
def test_internal_addresses_are_refused(address, kind):
    assert kind in (refusal(address, []) or "")
    assert refusal(address, parse_allow([address])) is None


def test_public_addresses_and_url_shapes():
    assert refusal("93.184.216.34", []) is None and refusal("2606:2800:220:1::1", []) is None
    assert webhook_host("https://hooks.example.org/x") == ("hooks.example.org", 443)
    for bad in (
        "ftp://example.org/",
        "http://user:pw@example.org/",
        "/relative",
        "http://example.org:99999/",
    ):
        with pytest.raises(ConfigError):
            webhook_host(bad)
    with pytest.raises(ConfigError, match="not an address"):
        parse_allow(["localhost"])


def test_a_loopback_webhook_is_refused_after_resolution_unless_allowed():
    with pytest.raises(ConfigError, match="loopback"):
        check_webhook("http://localhost:9/hook", [])
    check_webhook("http://localhost:9/hook", parse_allow(["127.0.0.1/32", "::1/128"]))


def test_send_refuses_an_internal_target_without_a_request():
    calls: list[httpx.Request] = []
    transport = httpx.MockTransport(lambda req: calls.append(req) or httpx.Response(204))
    with httpx.Client(transport=transport) as http:
        out = send(http, "http://127.0.0.1:9/hook", "k", "feed", {"job": {}}, [], attempts=3, backoff_s=0)
    assert out.status == "refused" and out.attempts == 0 and calls == []


def test_send_retries_5xx_with_backoff_and_stops_on_4xx():
    answers = iter([503, 502, 204])
    waits: list[float] = []
    transport = httpx.MockTransport(lambda req: httpx.Response(next(answers)))
    allow = parse_allow(["127.0.0.1/32"])
    with httpx.Client(transport=transport) as http:
        out = send(
            http,
            "http://127.0.0.1:9/h",
            "k",
            "f",
            {"x": 1},
            allow,
            attempts=4,
            backoff_s=1.0,
            sleep=waits.append,
        )
    assert (out.status, out.attempts, waits) == ("sent", 3, [1.0, 2.0])
    with httpx.Client(transport=httpx.MockTransport(lambda req: httpx.Response(410))) as http:
        out = send(
            http,
            "http://127.0.0.1:9/h",
            "k",
            "f",
            {"x": 1},
            allow,
            attempts=4,
            backoff_s=1.0,
            sleep=waits.append,
        )
    assert (out.status, out.attempts, out.http_status) == ("failed", 1, 410)


def test_atom_feed_lists_each_posting_once():
    when = datetime(2026, 12, 1, tzinfo=UTC)
    entries = [
        {
            "job_uid": "greenhouse:a:1",
            "posting": {
                "title": "Data Engineer",
                "company": "A",
                "url": "https://x/1",
                "locations": ["Berlin", "Remote"],
            },
            "matched_at": when,
        },
        {
            "job_uid": "greenhouse:a:2",
            "posting": {"title": "<Analyst & co>", "company": None},
            "matched_at": when,
        },
    ]
    xml = atom_feed("Data jobs", "http://h/feeds/t.atom", "http://h/?q=data", "t", entries, when)
    root = ET.fromstring(xml)
    ns = "{http://www.w3.org/2005/Atom}"
    titles = [e.findtext(f"{ns}title") for e in root.iter(f"{ns}entry")]
    assert titles == ["Data Engineer at A", "<Analyst & co> at unknown company"]
    assert root.findtext(f"{ns}title") == "jobmine: Data jobs"


@pytest.mark.parametrize(
    ("url", "address", "target", "host"),
    [
        (
            "https://hooks.example.com/in?x=1",
            "93.184.216.34",
            "https://93.184.216.34/in?x=1",
            "hooks.example.com",
        ),
        (
            "http://hooks.example.com:8080/in",
            "2606:2800:220:1::",
            "http://[2606:2800:220:1::]:8080/in",
            "hooks.example.com:8080",
        ),
    ],
)
def test_a_request_is_aimed_at_the_checked_address(url, address, target, host):
    assert pinned(url, address) == (target, host)


def test_a_name_re_pointed_after_the_check_is_not_followed(monkeypatch):
    """DNS rebinding: the name answers a public address to the check and loopback to any later lookup."""
    answers = iter([["93.184.216.34"]])
    monkeypatch.setattr(webhook, "resolve", lambda host, port: next(answers, ["127.0.0.1"]))
    seen: list[httpx.Request] = []
    transport = httpx.MockTransport(lambda req: seen.append(req) or httpx.Response(204))
    with httpx.Client(transport=transport) as http:
        out = send(http, "https://hooks.example.com/in", "k", "f", {"x": 1}, [], attempts=1, backoff_s=0)
    assert out.status == "sent"
    assert [(r.url.host, r.headers["host"], r.extensions.get("sni_hostname")) for r in seen] == [
        ("93.184.216.34", "hooks.example.com", "hooks.example.com")
    ]
