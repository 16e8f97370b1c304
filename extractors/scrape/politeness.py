"""How politely we talk to ATS hosts: every decision in one policy object, no I/O.

The side effects (sleeping, slots on the Prefect server, HTTP) live in `tasks/http/polite.py`; this module
only answers questions: retry or not and after how long, is this body a deny page, is the circuit open.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from enum import StrEnum

from protego import Protego

RETRYABLE_ERRORS = frozenset({"timeout", "connection_error", "pool_wait"})
# Waiting for a connection of our own pool says nothing about the remote host: retried, never counted
# toward its circuit breaker, reported as its own outcome.
LOCAL_ERRORS = frozenset({"pool_wait"})
_JSON_TYPES = frozenset({"application/json", "text/json", "application/javascript", "text/javascript"})
_CAPTCHA = re.compile(rb"captcha|cf-challenge|access denied|are you a robot|cloudflare", re.IGNORECASE)


class Action(StrEnum):
    done = "done"
    retry = "retry"
    give_up = "give_up"


@dataclass(frozen=True)
class Attempt:
    """What one request gave: an HTTP status, or a transport error code (`timeout`, `connection_error`)."""

    number: int
    status: int | None = None
    error: str | None = None
    retry_after: str | None = None


@dataclass(frozen=True)
class Decision:
    action: Action
    delay_s: float = 0.0
    reason: str | None = None


@dataclass(frozen=True)
class PolitenessPolicy:
    """Caps, pacing, retries and the circuit breaker of every ATS host."""

    host_concurrency: int = 5
    host_rate_per_s: float = 0.0
    jitter_s: float = 0.0
    backoff_s: tuple[float, ...] = (2, 4, 8, 16, 32)
    retry_after_max_s: float = 120.0
    breaker_failures: int = 8
    breaker_cooldown_s: float = 900.0
    body_deadline_s: float = 60.0  # one request, first byte sent to last body byte read
    max_body_bytes: int = 64 * 2**20  # decoded: what a compressed answer inflates to

    @property
    def max_attempts(self) -> int:
        return len(self.backoff_s) + 1

    def decide(self, attempt: Attempt, now: datetime | None = None) -> Decision:
        """The whole retry policy.

        Only throttling (429), server errors (5xx), timeouts and connection errors are worth another try:
        anything else (404, 403, a 200) is the answer. Retries wait the configured backoff for that
        attempt, or longer when the server asks for it with Retry-After; a Retry-After beyond our patience
        ends the board for this run rather than blocking a worker. After the last backoff we give up.
        """
        reason = failure_reason(attempt)
        if reason is None:
            return Decision(Action.done)
        if attempt.number >= self.max_attempts:
            return Decision(Action.give_up, reason=reason)
        delay = self.backoff_s[attempt.number - 1]
        asked = parse_retry_after(attempt.retry_after, now or datetime.now(UTC))
        if asked is not None:
            if asked > self.retry_after_max_s:
                return Decision(Action.give_up, reason=f"{reason}_retry_after_too_long")
            delay = max(delay, asked)
        return Decision(Action.retry, delay_s=delay, reason=reason)

    def jitter(self, unit_random: float) -> float:
        """A pause in [0, jitter_s) from a uniform [0, 1) draw, so workers do not fire in lockstep."""
        return self.jitter_s * unit_random


def failure_reason(attempt: Attempt) -> str | None:
    """A short code when the attempt failed in a way worth retrying, else None."""
    if attempt.error in RETRYABLE_ERRORS:
        return attempt.error
    if attempt.status == 429:
        return "rate_limited"
    if attempt.status is not None and attempt.status >= 500:
        return f"http_{attempt.status}"
    return None


def parse_retry_after(value: str | None, now: datetime) -> float | None:
    """Seconds to wait from a Retry-After header: delta-seconds or an HTTP date (RFC 9110 §10.2.3)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - now).total_seconds())


def media_type(content_type: str) -> str:
    return content_type.split(";", 1)[0].strip().lower()


def deny_page_reason(content_type: str, body: bytes) -> str | None:
    """Why a JSON API's answer is not JSON, or None.

    `html_body`: a web page (a block page, a captcha, a login wall). `wrong_content_type`: labelled as
    something else (text/plain, or JSON sent as text/html): a host that mislabels its answer is not
    answering as its API does, and a body we cannot vouch for is never read as the board.
    """
    if body.lstrip()[:1] == b"<":
        return "html_body"
    media = media_type(content_type)
    if media and media not in _JSON_TYPES and not media.endswith("+json"):
        return "wrong_content_type"
    return None


def is_captcha(body: bytes) -> bool:
    """Whether an HTML answer looks like a bot check, for the failure detail."""
    return bool(_CAPTCHA.search(body[:4096]))


def suspicious_empty(postings: int, previous_postings: int | None) -> bool:
    """An empty board that had jobs last time is far likelier a soft block than a hiring freeze."""
    return postings == 0 and bool(previous_postings)


@dataclass
class CircuitBreaker:
    """Per host: N consecutive failed requests open it for a cool-down; one success closes it."""

    failures_to_open: int
    cooldown_s: float
    consecutive_failures: int = 0
    open_until: float | None = None
    times_opened: int = field(default=0)

    def is_open(self, now: float) -> bool:
        return self.open_until is not None and now < self.open_until

    def record(self, ok: bool, now: float) -> bool:
        """Count one request; True when this failure is the one that opened the circuit."""
        if ok:
            self.consecutive_failures = 0
            self.open_until = None
            return False
        self.consecutive_failures += 1
        if self.consecutive_failures >= self.failures_to_open and not self.is_open(now):
            self.open_until = now + self.cooldown_s
            self.times_opened += 1
            return True
        return False


@dataclass(frozen=True)
class RobotsRules:
    """A host's robots.txt decisions per RFC 9309: protego's parser (wildcards, `$`, the longest match
    wins, `Allow` wins a tie), or one answer for every path when there is no usable file."""

    parser: Protego | None = None
    default: bool = True

    def can_fetch(self, agent: str, url: str) -> bool:
        return self.default if self.parser is None else bool(self.parser.can_fetch(url, agent))


def robots_rules(status: int | None, body: str) -> tuple[RobotsRules, str]:
    """Rules of a robots.txt answer and why (RFC 9309 §2.3.1).

    2xx: the file's rules. 4xx: no robots.txt, so everything is allowed. 5xx or no answer: the host
    cannot tell us, so nothing is allowed until it can.
    """
    if status is not None and 200 <= status < 300:
        return RobotsRules(Protego.parse(body)), "rules"
    if status is not None and 400 <= status < 500:
        return RobotsRules(default=True), f"no robots.txt ({status}): allowed"
    return RobotsRules(default=False), f"robots.txt unreachable ({status or 'no answer'}): disallowed"
