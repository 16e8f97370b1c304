"""The pipeline over real recorded boards, with PostgreSQL, OpenSearch, S3 and Prefect all real."""

from __future__ import annotations

import json

import psycopg
import pytest
from psycopg.rows import dict_row

from flows.pipeline import pipeline
from schemas.settings import Settings
from tasks.search.index import SearchIndex
from tasks.storage.raw_store import open_raw_store
from tests.conftest import REAL_FIXTURES, fixture_boards
from tests.fakes.ats_server import AtsServer

BOARDS = {
    "greenhouse:anthropic": "greenhouse_jobs_anthropic.json",
    "greenhouse:duolingo": "greenhouse_jobs_duolingo.json",
    "greenhouse:stripe": "greenhouse_jobs_stripe.json",
    "greenhouse:homepl": "greenhouse_jobs_homepl.json",
    "greenhouse:generalassembly": "greenhouse_jobs_generalassembly_2013.json",
    "lever:palantir": "lever_postings_palantir.json",
    "lever:people-ai": "lever_postings_people-ai.json",
}

pytestmark = pytest.mark.usefixtures("prefect_server")


def expected_ids(filename: str) -> set[str]:
    payload = json.loads((REAL_FIXTURES / filename).read_text())
    items = payload["jobs"] if isinstance(payload, dict) else payload
    return {str(item["id"]) for item in items}


def run(settings: Settings, server: AtsServer, boards: list[str]):
    return pipeline(
        boards=boards,
        settings=settings.model_copy(update={"greenhouse_api_url": server.url, "lever_api_url": server.url}),
    )


def pg_rows(dsn: str, sql: str) -> list[dict]:
    with psycopg.connect(dsn, row_factory=dict_row) as conn:
        return conn.execute(sql).fetchall()


def os_docs(settings: Settings) -> dict[str, dict]:
    client = SearchIndex(settings.os_url, settings.index_alias).client
    resp = client.search(index=settings.index_alias, body={"query": {"match_all": {}}, "size": 1000})
    return {h["_id"]: h["_source"] for h in resp["hits"]["hits"]}


@pytest.fixture
def loaded(s3_settings: Settings, ats_root, ats_server):
    fixture_boards(ats_root, BOARDS)
    report = run(s3_settings, ats_server, list(BOARDS))
    return s3_settings, ats_server, report


def test_every_posting_lands_in_postgres_opensearch_and_s3(loaded):
    settings, server, report = loaded
    assert report.counts["boards_ok"] == len(BOARDS) and not report.failures

    rows = pg_rows(settings.pg_dsn, "SELECT job_uid, source_type, board_token, ats_job_id, title FROM jobs")
    for board, filename in BOARDS.items():
        source, token = board.split(":")
        got = {r["ats_job_id"] for r in rows if (r["source_type"], r["board_token"]) == (source, token)}
        assert got == expected_ids(filename), board
    assert all(r["job_uid"] == f"{r['source_type']}:{r['board_token']}:{r['ats_job_id']}" for r in rows)
    assert all(r["title"] for r in rows)

    docs = os_docs(settings)
    assert set(docs) == {r["job_uid"] for r in rows}
    assert report.counts["jobs_indexed"] == len(rows) == report.counts["postings_fetched"]

    store = open_raw_store(settings)
    keys = store.keys()
    assert len(keys) == len(BOARDS)
    for board, filename in BOARDS.items():
        source, token = board.split(":")
        [key] = [k for k in keys if k.startswith(f"{source}/{token}/")]
        assert store.get(key) == (REAL_FIXTURES / filename).read_bytes()

    # every request went to the ATS API paths, once per board, with our User-Agent; robots.txt once per host
    assert server.requests.pop("/robots.txt") == 1
    assert sum(server.requests.values()) == len(BOARDS)
    assert all(ua.startswith("jobmine/") for ua in server.user_agents)

    saved = json.loads((settings.reports_dir / f"run_{report.run_id}.json").read_text())
    assert saved["counts"] == report.counts
    assert saved["total_usd"] == 0


def test_known_fields_of_real_postings(loaded):
    settings, _, _ = loaded
    [people] = pg_rows(
        settings.pg_dsn,
        "SELECT * FROM jobs WHERE job_uid = 'lever:people-ai:d6d4ddcc-1d05-433f-8777-e803665e219a'",
    )
    assert people["title"] == "Director of IT"
    assert (people["remote_type"], people["employment_type"], people["seniority"]) == (
        "remote",
        "full_time",
        "director",
    )
    assert (people["salary_min_usd"], people["salary_max_usd"], people["country"]) == (200000, 270000, "US")
    assert people["field_sources"] == {
        "remote_type": "ats",
        "employment_type": "ats",
        "salary_min_usd": "ats",
        "salary_max_usd": "ats",
        "salary_currency": "ats",
        "salary_interval": "ats",
        "salary_min": "ats",  # the range as stated, beside the derived annual USD
        "salary_max": "ats",
        "remote_evidence": "ats",  # which source said remote: the ATS's workplace field
        # no skills or tools: the team it leads ("Web Developers", "Business Intelligence Developers") are
        # colleagues, not skills asked of the hire, and what it asks (leading a team, an IT roadmap) is not a
        # taxonomy phrase the rules can match
        "seniority": "rules",
        "country": "ats",
        "job_function": "rules",  # the extract step: job function from the title
        "_extraction": people["field_sources"]["_extraction"],  # its stamp (content + tiers)
    }
    assert people["job_function"] == "it" and people["countries"] == ["US"]
    assert (people["skills"], people["tools"]) == ([], [])
    [anthropic] = pg_rows(
        settings.pg_dsn, "SELECT * FROM jobs WHERE job_uid = 'greenhouse:anthropic:5215052008'"
    )
    assert anthropic["company"] == "Anthropic"
    assert anthropic["locations"] == ["San Francisco, CA", "New York City, NY", "Seattle, WA"]
    assert anthropic["remote_type"] == "onsite" and anthropic["department"] == "Sales"
    assert "&lt;" not in anthropic["description_text"] and "<p>" not in anthropic["description_text"]


def test_second_run_changes_nothing(loaded):
    settings, server, first = loaded
    volatile = {"last_seen_at", "last_run_id"}
    before = [
        {k: v for k, v in r.items() if k not in volatile}
        for r in pg_rows(settings.pg_dsn, "SELECT * FROM jobs ORDER BY job_uid")
    ]
    docs_before = os_docs(settings)
    store = open_raw_store(settings)
    raw_before = {k: store.get(k) for k in store.keys()}

    second = run(settings, server, list(BOARDS))

    after = [
        {k: v for k, v in r.items() if k not in volatile}
        for r in pg_rows(settings.pg_dsn, "SELECT * FROM jobs ORDER BY job_uid")
    ]
    assert after == before
    assert os_docs(settings) == docs_before
    assert {k: store.get(k) for k in store.keys()} == raw_before
    assert second.counts["jobs_inserted"] == second.counts["jobs_updated"] == 0
    assert second.counts["jobs_unchanged"] == first.counts["jobs_inserted"]
    assert second.counts["raw_objects_written"] == 0 and second.counts["jobs_indexed"] == 0
    seen = pg_rows(settings.pg_dsn, "SELECT DISTINCT last_run_id FROM jobs")
    assert seen == [{"last_run_id": second.run_id}]


def test_a_run_opens_one_pool_and_checks_migrations_once(s3_settings, monkeypatch):
    """Every stage of a pipeline run shares the run's resources: one pool, one migration check."""
    import alembic.command

    from tasks.storage.database import Database

    opened, upgrades = [], []
    real_open, real_upgrade = Database.open, alembic.command.upgrade

    def counting_open(self, *args, **kwargs):
        opened.append(self)
        return real_open(self, *args, **kwargs)

    def counting_upgrade(*args, **kwargs):
        upgrades.append(args[1:])
        return real_upgrade(*args, **kwargs)

    monkeypatch.setattr(Database, "open", counting_open)
    monkeypatch.setattr(alembic.command, "upgrade", counting_upgrade)
    report = pipeline(boards=None, settings=s3_settings)  # the registry's boards: none here
    assert report.counts.get("boards_requested", 0) == 0 and report.finished_at is not None
    assert len(opened) == 1 and upgrades == [("heads",)]
