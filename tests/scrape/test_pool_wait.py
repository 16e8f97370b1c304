"""A wait for one of our own pooled connections is not the remote host's timeout: it is retried, never
pushes the host toward its circuit breaker, and is counted as its own outcome."""

from __future__ import annotations

import httpx
import pytest

from extractors.scrape.politeness import PolitenessPolicy
from schemas.errors import FetchError
from schemas.settings import Settings
from tasks.http.client import http_client, pool_size
from tasks.http.polite import HostGate, PoliteClient
from tasks.http.robots import RobotsCache
from tasks.storage.database import Database

pytestmark = pytest.mark.usefixtures("prefect_server")
POLICY = PolitenessPolicy(host_concurrency=2, backoff_s=(0.01,) * 5, breaker_failures=2)


def _client(db: Database, failure: type[httpx.TimeoutException], failures: int) -> PoliteClient:
    calls = {"jobs": 0}

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/robots.txt":
            return httpx.Response(404)
        calls["jobs"] += 1
        if calls["jobs"] <= failures:
            raise failure("no connection within the pool timeout", request=request)
        return httpx.Response(200, json={"jobs": []})

    http = httpx.Client(transport=httpx.MockTransport(handler))
    return PoliteClient(http, POLICY, HostGate(POLICY), RobotsCache(db, http, 60))


def test_pool_waits_are_retried_and_never_open_the_circuit(db: Database):
    client = _client(db, httpx.PoolTimeout, failures=4)  # twice the breaker's threshold
    response = client.get("https://pool-wait.example/v1/boards/acme/jobs")
    assert response.status_code == 200
    assert client.pool_waits == 4 and client.open_circuits == []


def test_the_same_number_of_remote_timeouts_opens_it(db: Database):
    client = _client(db, httpx.ReadTimeout, failures=4)
    with pytest.raises(FetchError) as err:
        client.get("https://read-timeout.example/v1/boards/acme/jobs")
    assert client.open_circuits == ["read-timeout.example"] and client.pool_waits == 0
    assert err.value.reason == "timeout" and err.value.attempts == 2


def test_the_pool_holds_every_lane_of_every_api_host(settings: Settings):
    hosts = 5  # greenhouse, lever, ashby, smartrecruiters, workable by default
    assert pool_size(settings) >= settings.host_concurrency * hosts + settings.scrape_workers
    with http_client(settings) as http:
        pool = http._transport._pool  # type: ignore[attr-defined]
        assert pool._max_connections == pool_size(settings)
