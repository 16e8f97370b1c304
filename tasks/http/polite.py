"""Every request to an ATS host goes through here: robots.txt, the host's shared slots, retries, breaker.

The decisions come from `extractors.scrape.politeness.PolitenessPolicy`; this module only acts on them. The
per-host cap and rate are Prefect global concurrency limits, held on the Prefect server, so they hold
across every thread, process and worker that scrapes or validates boards at the same time.
"""

from __future__ import annotations

import logging
import math
import random
import re
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import urlsplit

import httpx
from prefect.client.orchestration import get_client
from prefect.concurrency.sync import rate_limit
from prefect.exceptions import ObjectAlreadyExists

from extractors.scrape.politeness import (
    LOCAL_ERRORS,
    Action,
    Attempt,
    CircuitBreaker,
    PolitenessPolicy,
)
from schemas.errors import FetchError
from schemas.settings import Settings
from tasks.http.body import get_bounded
from tasks.http.robots import RobotsCache
from tasks.recovery import killpoints
from tasks.recovery.slots import SlotLedger, held_slot
from tasks.storage.database import Database

log = logging.getLogger(__name__)


def policy_from(settings: Settings) -> PolitenessPolicy:
    return PolitenessPolicy(
        host_concurrency=settings.host_concurrency,
        host_rate_per_s=settings.host_rate_per_s,
        jitter_s=settings.request_jitter_s,
        backoff_s=tuple(settings.retry_backoff_s),
        retry_after_max_s=settings.retry_after_max_s,
        breaker_failures=settings.breaker_failures,
        breaker_cooldown_s=settings.breaker_cooldown_s,
        body_deadline_s=settings.http_body_deadline_s,
        max_body_bytes=int(settings.http_max_body_mb * 2**20),
    )


def limit_name(host: str, kind: str = "host") -> str:
    """Name of a host's global limit on the Prefect server (`jobmine-host-api-lever-co`)."""
    return f"jobmine-{kind}-" + re.sub(r"[^a-z0-9]+", "-", host.lower()).strip("-")


class HostGate:
    """A slot of a host's global concurrency limit (and a rate-limit token) around each request.

    The local semaphore only spares the Prefect server from polling by threads of this process that
    could not get a slot anyway; the cap itself is the server's.
    """

    def __init__(
        self, policy: PolitenessPolicy, lease_s: float = 60.0, ledger: SlotLedger | None = None
    ) -> None:
        self.policy, self.lease_s, self.ledger = policy, lease_s, ledger
        self._ready: dict[str, threading.BoundedSemaphore] = {}
        self._lock = threading.Lock()
        self._held = threading.local()

    def _local(self, host: str) -> threading.BoundedSemaphore:
        with self._lock:
            if host not in self._ready:
                self._upsert(limit_name(host), self.policy.host_concurrency, None)
                if self.policy.host_rate_per_s > 0:
                    burst = max(1, math.ceil(self.policy.host_rate_per_s))
                    self._upsert(limit_name(host, "rate"), burst, self.policy.host_rate_per_s)
                self._ready[host] = threading.BoundedSemaphore(self.policy.host_concurrency)
            return self._ready[host]

    @staticmethod
    def _upsert(name: str, limit: int, decay: float | None) -> None:
        """Create or update a limit; another worker creating it at the same instant is fine."""
        with get_client(sync_client=True) as client:
            try:
                client.upsert_global_concurrency_limit_by_name(name, limit, slot_decay_per_second=decay)
            except ObjectAlreadyExists:
                client.upsert_global_concurrency_limit_by_name(name, limit, slot_decay_per_second=decay)

    @contextmanager
    def hold(self, host: str) -> Iterator[None]:
        """Hold one of the host's slots for a series of requests made one at a time by this thread.

        Asking the Prefect server for a slot costs two API calls; a fetch lane holds its slot for minutes
        of back-to-back requests instead, and each request inside is already covered. The slot is on a
        short lease renewed while held and written in the run's ledger, so a run that dies cannot keep it
        (tasks/recovery/slots.py).
        """
        with self._local(host), held_slot(limit_name(host), self.lease_s, self.ledger):
            self._held.hosts = {*getattr(self._held, "hosts", ()), host}
            try:
                yield
            finally:
                self._held.hosts = self._held.hosts - {host}

    @contextmanager
    def slot(self, host: str) -> Iterator[None]:
        """One request's slot (a rate-limit token first, when a rate is set)."""
        if self.policy.host_rate_per_s > 0:
            self._local(host)
            rate_limit(limit_name(host, "rate"), strict=True)
        if host in getattr(self._held, "hosts", ()):
            yield
            return
        with self.hold(host):
            yield


class PoliteClient:
    """GET with robots.txt, the host's shared cap and rate, jitter, retries and a circuit breaker."""

    def __init__(
        self, http: httpx.Client, policy: PolitenessPolicy, gate: HostGate, robots: RobotsCache
    ) -> None:
        self.http, self.policy, self.gate, self.robots = http, policy, gate, robots
        self.requests = 0
        self.pool_waits = 0  # requests that waited too long for a local connection: not the host's fault
        self._count_lock = threading.Lock()
        self._breakers: dict[str, CircuitBreaker] = {}
        self._lock = threading.Lock()
        self._rng = random.Random()

    @property
    def open_circuits(self) -> list[str]:
        with self._lock:
            return sorted(h for h, b in self._breakers.items() if b.times_opened)

    def _breaker(self, host: str) -> CircuitBreaker:
        with self._lock:
            return self._breakers.setdefault(
                host, CircuitBreaker(self.policy.breaker_failures, self.policy.breaker_cooldown_s)
            )

    def get(self, url: str, params: dict[str, str] | None = None) -> httpx.Response:
        """The answer that ends the retries (a success, a 404, ...); `FetchError` when there is none."""
        host = urlsplit(url).netloc
        breaker = self._breaker(host)
        if breaker.is_open(time.monotonic()):
            raise FetchError("circuit_open", f"{host} is cooling down after repeated failures")
        if not self.robots.allowed(url):
            raise FetchError("robots_disallowed", f"robots.txt of {host} forbids {urlsplit(url).path}")
        attempt = Attempt(number=0)
        while True:
            try:
                attempt, response = self._try(url, params, host, attempt.number + 1)
            except FetchError:  # a body past its bounds: the host's fault, not worth another try
                with self._lock:
                    breaker.record(False, time.monotonic())
                raise
            decision = self.policy.decide(attempt)
            with self._lock:
                local = attempt.error in LOCAL_ERRORS
                opened = not local and breaker.record(decision.reason is None, time.monotonic())
            if opened:
                log.warning("circuit of %s opened after %d failures", host, breaker.consecutive_failures)
            if decision.action is Action.done and response is not None:
                return response
            if decision.action is Action.give_up or opened:
                raise FetchError(
                    decision.reason or "circuit_open",
                    f"{url}: gave up after {attempt.number} attempts",
                    attempt.status,
                    attempt.number,
                )
            log.info("%s: %s, retry %d in %.2fs", url, decision.reason, attempt.number, decision.delay_s)
            time.sleep(decision.delay_s)

    def _try(
        self, url: str, params: dict[str, str] | None, host: str, number: int
    ) -> tuple[Attempt, httpx.Response | None]:
        time.sleep(self.policy.jitter(self._rng.random()))
        with self.gate.slot(host):
            with self._count_lock:
                self.requests += 1
            killpoints.reached("scrape:mid-fetch")
            try:
                response = get_bounded(self.http, url, params, self.policy)
            except httpx.PoolTimeout:  # before TimeoutException, its parent: our pool, not the host
                with self._count_lock:
                    self.pool_waits += 1
                return Attempt(number, error="pool_wait"), None
            except httpx.TimeoutException:
                return Attempt(number, error="timeout"), None
            except httpx.TransportError:
                return Attempt(number, error="connection_error"), None
        return Attempt(
            number, response.status_code, retry_after=response.headers.get("retry-after")
        ), response


@contextmanager
def polite_client(
    settings: Settings, db: Database, http: httpx.Client, run_id: str | None = None
) -> Iterator[PoliteClient]:
    """One polite client per run over the run's HTTP client; its slots are written in the run's ledger."""
    policy = policy_from(settings)
    robots = RobotsCache(db, http, settings.robots_ttl_s, policy)
    ledger = SlotLedger(db, run_id) if run_id else None
    yield PoliteClient(http, policy, HostGate(policy, settings.slot_lease_s, ledger), robots)
