"""Validation asks boards through the same polite client as scraping: robots.txt is obeyed (and the refusal
recorded), the host's cap on the Prefect server holds, and 503s with Retry-After are waited out, then
recorded. The fake ATS server sees every request, so each claim is checked where the requests land."""

from __future__ import annotations

from datetime import UTC, datetime
from itertools import pairwise

import pytest
from prefect.client.orchestration import get_client

from flows.discover import discover
from schemas.discovery import Sighting
from schemas.job import BoardRef
from schemas.settings import Settings
from tasks.discover import registry
from tasks.http.polite import limit_name
from tasks.storage.database import Database
from tests.conftest import REAL_FIXTURES
from tests.fakes.ats_server import AtsServer, Reply

pytestmark = pytest.mark.usefixtures("prefect_server")
STRIPE = REAL_FIXTURES / "greenhouse_jobs_stripe.json"
BUSY = Reply(503, b'{"error": "busy"}', (("Retry-After", "1"),))


def _validate(
    settings: Settings, db: Database, ats: AtsServer, tokens: list[str], **overrides: object
) -> dict:
    """Register greenhouse boards, validate them (nothing else), and return their registry rows."""
    now = datetime.now(UTC)
    registry.record_sightings(db, [Sighting(source_type="greenhouse", token=t) for t in tokens], now)
    settings = settings.model_copy(
        update={
            "greenhouse_api_url": ats.url,
            "retry_backoff_s": [0.05, 0.05],  # three attempts
            "request_jitter_s": 0.0,
            "host_rate_per_s": 0.0,
            "http_timeout_s": 5.0,
            **overrides,
        }
    )
    discover(read_index=False, read_pages=False, probe_other_ats=False, settings=settings)
    return {t: registry.get_source(db, BoardRef(source_type="greenhouse", token=t)) for t in tokens}


def test_a_board_robots_txt_forbids_is_recorded_as_such_and_never_asked(
    settings: Settings, db: Database
) -> None:
    with AtsServer(robots_txt="User-agent: *\nDisallow: /v1/boards/secret\n") as ats:
        ats.set_board("greenhouse", "stripe", STRIPE)
        ats.set_board("greenhouse", "secret", STRIPE)
        rows = _validate(settings, db, ats, ["stripe", "secret"])
    secret = rows["secret"]
    assert (secret["status"], secret["validation_note"], secret["last_http_status"]) == (
        "pending",
        "disallowed by robots.txt",
        None,
    )
    assert ats.asked() == [("greenhouse", "stripe")]  # the forbidden board's path was never requested
    assert ats.requests["/robots.txt"] == 1
    assert (rows["stripe"]["status"], rows["stripe"]["validation_note"]) == ("valid", None)


def test_validating_many_boards_of_one_host_keeps_to_its_cap(settings: Settings, db: Database) -> None:
    tokens = [f"board{n}" for n in range(8)]
    body = b'{"jobs": [], "meta": {"total": 0}}'
    with AtsServer(latency_s=0.3) as ats:
        for token in tokens:
            ats.set_board("greenhouse", token, body)
        rows = _validate(settings, db, ats, tokens, host_concurrency=2, fetch_concurrency=6)
        host = ats.url.removeprefix("http://")
    assert all(r["status"] == "valid" for r in rows.values()), rows
    assert len(ats.asked()) == len(tokens)
    assert ats.max_in_flight == 2  # six validations at once, two at the host: the host's cap
    with get_client(sync_client=True) as client:
        limit = client.read_global_concurrency_limit_by_name(limit_name(host))
    assert (limit.limit, limit.active_slots) == (2, 0)


def test_503_with_retry_after_is_waited_out_then_recorded(settings: Settings, db: Database) -> None:
    with AtsServer() as ats:
        ats.set_board("greenhouse", "stripe", STRIPE)
        ats.script("/v1/boards/stripe/jobs", BUSY, BUSY)  # then the board as usual
        ats.script("/v1/boards/down/jobs", BUSY, BUSY, BUSY)
        rows = _validate(settings, db, ats, ["stripe", "down"])
    arrivals = ats.arrivals["/v1/boards/stripe/jobs"]
    assert len(arrivals) == 3
    assert all(b - a >= 0.95 for a, b in pairwise(arrivals))  # Retry-After, not 0.05 s
    assert (rows["stripe"]["status"], rows["stripe"]["job_count"]) == ("valid", 12)
    down = rows["down"]
    assert ats.requests["/v1/boards/down/jobs"] == 3
    assert (down["status"], down["last_http_status"]) == ("pending", 503)
    assert "gave up after 3 attempts" in down["validation_note"]
