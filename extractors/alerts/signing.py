"""Webhook signatures: HMAC-SHA256 over `{timestamp}.{body}` with the saved search's secret.

Signing the timestamp with the body lets a receiver refuse replays of an old message; the scheme is the
one Stripe and GitHub receivers already know how to check.
"""

from __future__ import annotations

import hashlib
import hmac

SIGNATURE_HEADER = "X-Jobmine-Signature"
TIMESTAMP_HEADER = "X-Jobmine-Timestamp"
SEARCH_HEADER = "X-Jobmine-Search"
MAX_SKEW_S = 300


def sign(secret: str, timestamp: int, body: bytes) -> str:
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return f"sha256={mac.hexdigest()}"


def verify(
    secret: str, timestamp: int, body: bytes, signature: str, now: float, max_skew_s: int = MAX_SKEW_S
) -> bool:
    """What a receiver does: a matching signature on a recent timestamp (constant-time compare)."""
    if abs(now - timestamp) > max_skew_s:
        return False
    return hmac.compare_digest(sign(secret, timestamp, body), signature)


def backoff_delays(attempts: int, base_s: float, cap_s: float = 60.0) -> list[float]:
    """Waits between tries: base, 2*base, 4*base, ... capped; one fewer than the attempts."""
    return [min(cap_s, base_s * 2**i) for i in range(max(0, attempts - 1))]
