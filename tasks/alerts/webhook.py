"""Sending one alert: SSRF guard after DNS resolution, HMAC signature, retries with backoff."""

from __future__ import annotations

import json
import logging
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass

import httpx

from extractors.alerts.addresses import Network, pinned, refusals, webhook_host
from extractors.alerts.signing import SEARCH_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER, backoff_delays, sign
from schemas.errors import ConfigError

log = logging.getLogger(__name__)
_RETRY_STATUS = {408, 425, 429, 500, 502, 503, 504}


@dataclass(frozen=True)
class Outcome:
    status: str  # sent | failed | refused
    attempts: int
    http_status: int | None = None
    error: str | None = None


def resolve(host: str, port: int) -> list[str]:
    """The host's addresses, IPv4 first (the family most receivers answer on)."""
    try:
        found = {str(info[4][0]) for info in socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)}
        return sorted(found, key=lambda a: (":" in a, a))
    except socket.gaierror as exc:
        raise ConfigError(f"the webhook host {host!r} does not resolve: {exc}") from exc


def check_webhook(url: str, allow: list[Network]) -> list[str]:
    """The addresses `url`'s host resolves to; `ConfigError` when it is not http(s) or any is internal."""
    host, port = webhook_host(url)
    addresses = resolve(host, port)
    found = refusals(addresses, allow)
    if found:
        raise ConfigError(f"webhook refused: {found[0]} (set JOBMINE_ALERT_WEBHOOK_ALLOW to allow it)")
    return addresses


def send(
    http: httpx.Client,
    url: str,
    secret: str,
    feed_token: str,
    message: dict[str, object],
    allow: list[Network],
    attempts: int,
    backoff_s: float,
    sleep: Callable[[float], None] = time.sleep,
) -> Outcome:
    """POST one signed message; transport errors, 429 and 5xx are retried, other answers are final.
    The address is checked before every try, so a host re-pointed inside the network is caught too, and
    the request goes to the address that was checked, never to a second lookup of the name."""
    body = json.dumps(message, separators=(",", ":"), sort_keys=True, default=str).encode()
    delays = [*backoff_delays(attempts, backoff_s), 0.0]
    last: Outcome = Outcome("failed", 0)
    for attempt, delay in enumerate(delays, start=1):
        try:
            addresses = check_webhook(url, allow)
        except ConfigError as exc:
            return Outcome("refused", attempt - 1, error=str(exc))
        target, host_header = pinned(url, addresses[0])
        stamp = int(time.time())
        headers = {
            "Content-Type": "application/json",
            TIMESTAMP_HEADER: str(stamp),
            SIGNATURE_HEADER: sign(secret, stamp, body),
            SEARCH_HEADER: feed_token,
            "Host": host_header,
        }
        tls_name = {"sni_hostname": webhook_host(url)[0]} if url.strip().lower().startswith("https") else {}
        try:
            resp = http.post(target, content=body, headers=headers, extensions=tls_name)
        except httpx.HTTPError as exc:
            last = Outcome("failed", attempt, error=f"{type(exc).__name__}: {exc}"[:500])
        else:
            if resp.is_success:
                return Outcome("sent", attempt, resp.status_code)
            last = Outcome("failed", attempt, resp.status_code, f"HTTP {resp.status_code}")
            if resp.status_code not in _RETRY_STATUS:
                return last
        if attempt < len(delays):
            log.info("webhook try %d failed (%s); next in %.1fs", attempt, last.error, delay)
            sleep(delay)
    return last
