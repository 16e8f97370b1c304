"""The discover stage's Prefect tasks: read a CDX unit, read company pages, probe and validate boards."""

from __future__ import annotations

from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from typing import Any

from prefect import get_run_logger, task
from prefect.cache_policies import NO_CACHE

from extractors.ats import DISCOVERABLE
from extractors.discover.board_urls import host_sources
from extractors.discover.cdx_lines import CdxTally
from extractors.discover.probing import candidates
from schemas.discovery import Sighting, Validation
from schemas.errors import FetchError, PayloadError
from schemas.job import BoardRef
from schemas.progress import Progress, notify
from schemas.settings import Settings
from tasks.discover import registry
from tasks.discover.board_check import ask_board, judge
from tasks.discover.cdx_index import CdxIndex
from tasks.discover.warc_records import company_of_record, fetch_record, keep_record
from tasks.http.polite import PoliteClient
from tasks.storage.database import Database
from tasks.storage.raw_store import open_raw_store

DISCOVERY_SOURCES = DISCOVERABLE


def plan_units(settings: Settings, newest: list[str], sources: list[str] | None) -> list[tuple[str, str]]:
    """(crawl, pattern) units: every pattern in the newest crawls, older crawls for the ATSs that need them."""
    wanted = set(sources or DISCOVERY_SOURCES)
    patterns = [(p, s) for p, s in settings.discovery_patterns.items() if s in wanted]
    units = [(crawl, p) for crawl in newest for p, _ in patterns]
    older = [c for c in settings.discovery_older_crawls if c not in newest]
    units += [(c, p) for c in older for p, s in patterns if s in settings.discovery_older_sources]
    return units


@task(name="read-unit", cache_policy=NO_CACHE, task_run_name="cdx {crawl} {pattern}")
def read_unit(index: CdxIndex, db: Database, settings: Settings, crawl: str, pattern: str) -> dict[str, int]:
    """Read one (crawl, pattern) from its checkpoint on; returns lines, sightings and new boards."""
    hosts = host_sources(settings.discovery_patterns)
    cp = registry.checkpoint(db, crawl, pattern) or {}
    if cp.get("done"):
        return {"skipped": 1}
    pages = cp.get("pages_total")
    if pages is None:
        pages = index.num_pages(crawl, pattern)
    page, lines, found = cp.get("next_page", 0), cp.get("lines_read", 0), cp.get("tokens_found", 0)
    counts = Counter[str]()
    if pages == 0:  # "No Captures": the unit is done
        registry.save_checkpoint(
            db,
            crawl=crawl,
            pattern=pattern,
            pages_total=0,
            next_page=0,
            lines_read=0,
            tokens_found=0,
            done=True,
        )
    while page < pages:
        tally = CdxTally()
        tally.add_lines(index.page_lines(crawl, pattern, page), hosts)
        sightings = _sightings(tally, crawl)
        page, lines, found = page + 1, lines + tally.lines, found + len(sightings)
        checkpoint = {
            "crawl": crawl,
            "pattern": pattern,
            "pages_total": pages,
            "next_page": page,
            "lines_read": lines,
            "tokens_found": found,
            "done": page >= pages,
        }
        counts["new_sources"] += registry.record_sightings(db, sightings, datetime.now(UTC), checkpoint)
        counts["cdx_lines"] += tally.lines
        counts["sightings"] += len(sightings)
    return dict(counts)


def _sightings(tally: CdxTally, crawl: str) -> list[Sighting]:
    return [
        Sighting(
            source_type=s,
            token=t,
            crawl=crawl,
            captures=b.captures,
            sample_url=b.sample_url,  # type: ignore[arg-type]
            capture=b.capture,
        )
        for (s, t), b in sorted(tally.boards.items())
    ]


@task(name="read-company-pages", cache_policy=NO_CACHE)
def read_company_pages(db: Database, settings: Settings) -> int:
    """For new boards, the archived page's WARC record: company name and domain, record kept raw."""
    store = open_raw_store(settings)
    read = 0
    for row in registry.needs_company(db, settings.discovery_warc_per_run):
        board = BoardRef(source_type=row["source_type"], token=row["token"])
        try:
            record = fetch_record(settings, row["capture"])
            key = keep_record(store, board, record)
            page = company_of_record(record)
        except (FetchError, PayloadError) as exc:
            get_run_logger().warning("no company page for %s: %s", board, exc)
            registry.mark_warc_tried(db, board, datetime.now(UTC))
            continue
        registry.set_company(db, board, page.name, page.domain, key)
        read += 1
    return read


def _retry(settings: Settings) -> dict[str, timedelta]:
    return {
        "valid": timedelta(days=settings.valid_recheck_days),
        "invalid": timedelta(days=settings.invalid_retry_days),
        "pending": timedelta(hours=settings.pending_retry_hours),
    }


@task(name="validate-boards", cache_policy=NO_CACHE)
def validate_boards(
    db: Database,
    client: PoliteClient,
    settings: Settings,
    sources: list[str] | None,
    progress: Progress | None = None,
) -> dict[str, int]:
    """Ask every board that is due, `fetch_concurrency` at a time (each host's cap still holds, on the
    Prefect server); record valid / invalid / pending and whether it moved."""
    hosts = host_sources(settings.discovery_patterns)
    now = datetime.now(UTC)
    due = registry.due_for_validation(db, now, sources, settings.validation_per_run)

    def validate(row: dict[str, Any]) -> Validation:
        board = BoardRef(source_type=row["source_type"], token=row["token"])
        answer = ask_board(client, settings, board)
        verdict = judge(board, answer, now, hosts, row["company_name"], _retry(settings))
        registry.record_validation(db, board, verdict, now)
        return verdict

    outcome = Counter[str]()
    with ThreadPoolExecutor(max_workers=max(1, settings.fetch_concurrency)) as pool:
        for n, verdict in enumerate(pool.map(validate, due), 1):
            outcome["moved" if verdict.moved else verdict.status] += 1
            notify(progress, "boards validated", n)
    return dict(outcome)


@task(name="probe-across-ats", cache_policy=NO_CACHE)
def probe(db: Database, client: PoliteClient, settings: Settings, sources: list[str] | None) -> int:
    """Try every known company on the other ATSs; only boards that answer join the registry."""
    hosts = host_sources(settings.discovery_patterns)
    now = datetime.now(UTC)
    already = registry.source_keys(db) | registry.recently_probed(db, now)
    found = 0
    todo = candidates(registry.known_companies(db), sources or DISCOVERY_SOURCES, already)
    for board in todo[: settings.discovery_probe_per_run]:
        verdict = judge(board, ask_board(client, settings, board), now, hosts, None, _retry(settings))
        registry.record_probe(db, board, verdict, now)
        if verdict.status == "valid" and not verdict.moved:
            registry.record_sightings(
                db,
                [Sighting(source_type=board.source_type, token=board.token, found_by="probe", captures=0)],
                now,
            )  # type: ignore[arg-type]
            registry.record_validation(db, board, verdict, now)
            found += 1
    return found
