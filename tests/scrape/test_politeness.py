"""The politeness policy's decisions, on their own."""

from __future__ import annotations

from datetime import UTC, datetime

from extractors.scrape.politeness import (
    Action,
    Attempt,
    CircuitBreaker,
    PolitenessPolicy,
    deny_page_reason,
    is_captcha,
    parse_retry_after,
    robots_rules,
    suspicious_empty,
)

NOW = datetime(2026, 11, 21, 12, 0, tzinfo=UTC)
POLICY = PolitenessPolicy()


def test_retries_only_throttling_server_errors_and_transport_failures():
    for status in (200, 301, 400, 403, 404):
        assert POLICY.decide(Attempt(1, status), NOW).action is Action.done
    for attempt in (Attempt(1, 429), Attempt(1, 500), Attempt(1, 503), Attempt(1, error="timeout")):
        assert POLICY.decide(attempt, NOW).action is Action.retry
    assert POLICY.decide(Attempt(1, error="connection_error"), NOW).reason == "connection_error"


def test_backoff_doubles_and_the_sixth_attempt_gives_up():
    delays = [POLICY.decide(Attempt(n, 503), NOW).delay_s for n in range(1, 6)]
    assert delays == [2, 4, 8, 16, 32]
    last = POLICY.decide(Attempt(6, 503), NOW)
    assert (last.action, last.reason) == (Action.give_up, "http_503")


def test_retry_after_seconds_and_dates_are_honoured_and_capped():
    assert POLICY.decide(Attempt(1, 429, retry_after="7"), NOW).delay_s == 7
    assert POLICY.decide(Attempt(3, 429, retry_after="1"), NOW).delay_s == 8  # never shorter than backoff
    assert parse_retry_after("Sat, 21 Nov 2026 12:00:30 GMT", NOW) == 30
    assert parse_retry_after("soon", NOW) is None
    too_long = POLICY.decide(Attempt(1, 429, retry_after="3600"), NOW)
    assert too_long.action is Action.give_up and too_long.reason == "rate_limited_retry_after_too_long"


def test_circuit_opens_after_consecutive_failures_and_closes_on_success():
    breaker = CircuitBreaker(failures_to_open=3, cooldown_s=60)
    assert not breaker.record(False, 0) and not breaker.record(False, 1)
    breaker.record(True, 2)
    assert [breaker.record(False, t) for t in (3, 4, 5)] == [False, False, True]
    assert breaker.is_open(6) and not breaker.is_open(66)


def test_deny_pages_and_suspicious_empty_boards():
    assert deny_page_reason("text/html; charset=utf-8", b"<html>blocked</html>") == "html_body"
    assert deny_page_reason("text/html; charset=utf-8", b"{}") == "wrong_content_type"
    assert deny_page_reason("text/plain", b'{"jobs": []}') == "wrong_content_type"
    assert deny_page_reason("application/json; charset=utf-8", b'{"jobs": []}') is None
    assert deny_page_reason("", b'{"jobs": []}') is None
    assert deny_page_reason("application/json", b"  <!DOCTYPE html><html>") == "html_body"
    assert deny_page_reason("application/json", b'{"jobs": []}') is None
    assert is_captcha(b"<html><div class='g-recaptcha'>") and not is_captcha(b"<html>maintenance")
    assert suspicious_empty(0, 12) and not suspicious_empty(0, 0) and not suspicious_empty(0, None)
    assert not suspicious_empty(3, 12)


def test_robots_rules_follow_rfc_9309():
    rules, _ = robots_rules(200, "User-agent: *\nDisallow: /v1/boards/private\n")
    assert rules.can_fetch("jobmine", "https://h/v1/boards/public/jobs")
    assert not rules.can_fetch("jobmine", "https://h/v1/boards/private/jobs")
    allow_all, why = robots_rules(404, "")
    assert allow_all.can_fetch("jobmine", "https://h/anything") and "allowed" in why
    for status in (503, None):
        deny_all, why = robots_rules(status, "")
        assert not deny_all.can_fetch("jobmine", "https://h/anything") and "disallowed" in why
