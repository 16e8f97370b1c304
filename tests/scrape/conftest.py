"""A local server speaking the five ATS APIs, and settings that point every connector at it."""

from __future__ import annotations

from collections.abc import Iterator

import psycopg
import pytest
from psycopg.rows import dict_row

from schemas.settings import Settings
from tests.conftest import REAL_FIXTURES
from tests.fakes.ats_server import AtsServer, pointed_at

REAL = {
    "greenhouse:anthropic": "greenhouse_jobs_anthropic.json",
    "greenhouse:homepl": "greenhouse_jobs_homepl.json",
    "lever:people-ai": "lever_postings_people-ai.json",
    "ashby:ramp": "ashby_jobboard_ramp.json",
    "smartrecruiters:Tieto2": "smartrecruiters_postings_tieto.json",
    "workable:netguru": "workable_account_netguru.json",
}


def point_at(settings: Settings, url: str, **overrides: object) -> Settings:
    """Every ATS base URL on the local server (EU hosts under `/eu`), with test-sized politeness."""
    return settings.model_copy(
        update={
            **pointed_at(url),
            "retry_backoff_s": [0.01, 0.02, 0.04, 0.08, 0.16],
            "request_jitter_s": 0.0,
            "host_rate_per_s": 0.0,
            "http_timeout_s": 1.0,
            **overrides,
        }
    )


def load_real(api: AtsServer, boards: dict[str, str]) -> None:
    for board, filename in boards.items():
        source, token = board.split(":")
        api.set_board(source, token, (REAL_FIXTURES / filename).read_bytes())


def rows(dsn: str, sql: str, *params: object) -> list[dict]:
    with psycopg.connect(dsn, row_factory=dict_row) as conn:
        return conn.execute(sql, params).fetchall()


@pytest.fixture
def api() -> Iterator[AtsServer]:
    with AtsServer() as server:
        yield server


@pytest.fixture
def scrape_settings(settings: Settings, api: AtsServer) -> Settings:
    return point_at(settings, api.url)
