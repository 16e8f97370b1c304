"""The discover flow end to end against a local Common Crawl, WARC files and ATS APIs (real PostgreSQL)."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from extractors.discover.board_urls import host_sources
from extractors.discover.cdx_lines import CdxTally
from flows.discover import discover
from schemas.job import BoardRef
from schemas.settings import Settings
from tasks.discover import registry
from tasks.storage.database import Database
from tests.discovery.conftest import GH, NEW, OLD, PREV, TrapProxy
from tests.fakes.ats_server import Reply
from tests.fakes.cc_server import CcServer

pytestmark = pytest.mark.usefixtures("prefect_server")


def _rows(db: Database) -> dict[str, dict]:
    return {f"{r['source_type']}:{r['token']}": r for r in registry.list_sources(db)}


def _expected_captures(cc: CcServer, settings: Settings) -> dict[str, int]:
    """What the index lines say, counted independently of the flow."""
    hosts = host_sources(settings.discovery_patterns)
    totals: dict[str, int] = {}
    for lines in cc.lines.values():
        tally = CdxTally()
        tally.add_lines(lines, hosts)
        for (s, t), b in tally.boards.items():
            totals[f"{s}:{t}"] = totals.get(f"{s}:{t}", 0) + b.captures
    return totals


def test_discover_finds_enriches_probes_and_validates(
    disc_settings: Settings, db: Database, world: tuple, outside: TrapProxy
) -> None:
    cc, api = world
    cc.slow_down["jobs.ashbyhq.com/*"] = 2  # the index says "Slow Down" twice; the unit is still read

    report = discover(settings=disc_settings)

    assert report.crawls == [NEW, PREV]
    rows = _rows(db)
    found = {k for k, r in rows.items() if r["found_by"] == "crawl"}
    assert found == {
        "greenhouse:stripe",
        "greenhouse:acme",
        "greenhouse:people-ai",
        "greenhouse:stripe-old",
        "greenhouse:anthropic",
        "greenhouse:gone",
        "ashby:Ramp",
        "ashby:etched",
        "lever:palantir",
    }
    assert {k: r["capture_count"] for k, r in rows.items() if k in found} == _expected_captures(
        cc, disc_settings
    )
    stripe = rows["greenhouse:stripe"]
    assert (stripe["crawl_count"], sorted(stripe["crawls"])) == (2, sorted([NEW, PREV]))
    assert (stripe["company_name"], stripe["company_domain"]) == ("Stripe", "stripe.com")
    assert stripe["warc_raw_key"].startswith("discovery/warc/greenhouse/stripe/")
    assert (stripe["status"], stripe["job_count"]) == ("valid", 12)
    assert rows["ashby:Ramp"]["company_name"] == "Ramp" and rows["ashby:Ramp"]["status"] == "valid"
    [saved] = [json.loads(p.read_text()) for p in disc_settings.reports_dir.glob("run_*.json")]
    assert saved["flow"] == "discover" and saved["counts"]["boards_discovered"] == report.new_sources
    assert saved["counts"]["cdx_lines"] == report.cdx_lines > 0
    assert rows["lever:palantir"]["crawls"] == [OLD]  # Lever comes from the older crawl
    assert rows["greenhouse:gone"]["status"] == "invalid"
    assert (
        rows["greenhouse:acme"]["status"] == "pending" and rows["greenhouse:acme"]["last_http_status"] == 429
    )
    assert rows["greenhouse:stripe-old"]["moved"] is True
    probed = rows["lever:people-ai"]
    assert (probed["found_by"], probed["status"], probed["job_count"]) == ("probe", "valid", 4)
    assert report.probed == 1 and report.warc_records == 2

    # the pipeline's view: valid, not moved, ordered; filterable by ATS
    assert [str(b) for b in registry.valid_boards(db)] == [
        "ashby:Ramp",
        "ashby:etched",
        "greenhouse:anthropic",
        "greenhouse:stripe",
        "lever:palantir",
        "lever:people-ai",
    ]
    assert [str(b) for b in registry.valid_boards(db, ["lever"])] == ["lever:palantir", "lever:people-ai"]

    # nothing left the local hosts, hostile tokens were never fetched, and every request said who we are
    assert outside.hits == []
    asked = api.asked()
    assert asked and all(t.replace("-", "").replace("_", "").isalnum() for _, t in asked)
    assert "/robots.txt" in api.log  # asked before any board of the host, as scraping does
    assert all((api.route(p.split("?")[0]) or (None, ""))[1] == "list" for p in api.log if p != "/robots.txt")
    warc_reads = [p for p in cc.requests if p.startswith("/crawl-data/")]
    assert warc_reads and all(".." not in p for p in warc_reads)
    assert not any("evil" in p or "%2F" in p or ".." in p for p in api.log)
    assert all(ua.startswith("jobmine/") for ua in cc.user_agents), cc.user_agents

    # a second run: nothing re-read from the index, nothing due, the registry unchanged
    before = {k: (r["capture_count"], r["crawl_count"], r["status"]) for k, r in rows.items()}
    index_requests, api_requests = len(cc.index_requests()), len(api.log)
    again = discover(settings=disc_settings)
    assert again.units_done == 0 and again.units_skipped == report.units_done
    assert len(cc.index_requests()) == index_requests
    after = {k: (r["capture_count"], r["crawl_count"], r["status"]) for k, r in _rows(db).items()}
    assert after == before
    assert len(api.log) == api_requests  # probes remembered, validations not due


def test_seven_day_retry_and_state_changes(disc_settings: Settings, db: Database, world: tuple) -> None:
    _, api = world
    discover(settings=disc_settings, read_index=True, read_pages=False, probe_other_ats=False)
    gone = BoardRef.parse("greenhouse:gone")
    row = registry.get_source(db, gone)
    assert row["status"] == "invalid"
    assert row["next_validation_at"] - row["last_validated_at"] == timedelta(days=7)

    now = datetime.now(UTC)
    assert gone.token not in {r["token"] for r in registry.due_for_validation(db, now + timedelta(days=6))}
    assert gone.token in {
        r["token"] for r in registry.due_for_validation(db, now + timedelta(days=7, hours=1))
    }

    # a week later the board is back: it turns valid; the throttled one stays pending until it answers
    with db.transaction() as conn:
        conn.execute("UPDATE sources SET next_validation_at = now() - interval '1 minute'")
    api.boards[("greenhouse", "gone")] = api.boards[("greenhouse", "stripe")]
    api.set_board("greenhouse", "acme", Reply(500, b'{"error":"try later"}', (("Retry-After", "1"),)))
    discover(settings=disc_settings, read_index=False, read_pages=False, probe_other_ats=False)
    assert registry.get_source(db, gone)["status"] == "valid"
    acme = registry.get_source(db, BoardRef.parse("greenhouse:acme"))
    assert (acme["status"], acme["last_http_status"], acme["validation_attempts"]) == ("pending", 500, 2)
    assert acme["next_validation_at"] - acme["last_validated_at"] == timedelta(hours=6)

    # and a valid board that starts answering 404 becomes invalid
    with db.transaction() as conn:
        conn.execute("UPDATE sources SET next_validation_at = now() - interval '1 minute'")
    api.remove_board("lever", "palantir")
    discover(settings=disc_settings, read_index=False, read_pages=False, probe_other_ats=False)
    assert registry.get_source(db, BoardRef.parse("lever:palantir"))["status"] == "invalid"
    assert "lever:palantir" not in {str(b) for b in registry.valid_boards(db)}


def test_named_crawls_and_unknown_crawls(disc_settings: Settings, db: Database, world: tuple) -> None:
    from schemas.errors import ConfigError

    with pytest.raises(ConfigError, match="unknown crawls"):
        discover(crawls=["CC-MAIN-1999-01"], settings=disc_settings, revalidate=False)
    report = discover(
        crawls=[PREV],
        sources=["greenhouse"],
        settings=disc_settings,
        read_pages=False,
        probe_other_ats=False,
        revalidate=False,
    )
    assert report.crawls == [PREV]
    assert set(_rows(db)) == {"greenhouse:stripe", "greenhouse:gone"}
    assert registry.checkpoint(db, PREV, GH)["done"] is True
