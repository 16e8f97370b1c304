"""The `discover` flow: Common Crawl index → board tokens → the `sources` registry, kept true by validation.

Each (crawl, pattern) is a unit read page by page; a page's sightings and its checkpoint commit together, so
a run killed midway resumes at the page it stopped on and counts nothing twice.
"""

from __future__ import annotations

import time
from collections import Counter
from datetime import UTC, datetime, timedelta

import httpx
from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE

from extractors.discover.board_urls import host_sources
from extractors.discover.board_validation import decide
from extractors.discover.cdx_lines import CdxTally
from extractors.discover.probing import candidates
from flows.reporting import new_report, publish_report
from schemas.discovery import DiscoveryReport, Sighting
from schemas.errors import FetchError, PayloadError
from schemas.job import BoardRef
from schemas.progress import Progress, notify
from schemas.settings import Settings
from tasks.discover import registry
from tasks.discover.board_check import ask_board, open_client
from tasks.discover.cdx_index import CdxIndex
from tasks.discover.warc_records import company_of_record, fetch_record, keep_record
from tasks.storage.database import Database
from tasks.storage.raw_store import open_raw_store

DISCOVERY_SOURCES = ("greenhouse", "lever", "ashby")


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
    client: httpx.Client,
    settings: Settings,
    sources: list[str] | None,
    progress: Progress | None = None,
) -> dict[str, int]:
    """Ask every board that is due; record valid / invalid / pending and whether it moved."""
    hosts = host_sources(settings.discovery_patterns)
    outcome = Counter[str]()
    now = datetime.now(UTC)
    for n, row in enumerate(registry.due_for_validation(db, now, sources, settings.validation_per_run), 1):
        board = BoardRef(source_type=row["source_type"], token=row["token"])
        answer = ask_board(client, settings, board)
        verdict = decide(
            board,
            answer.status,
            answer.body,
            answer.location,
            now,
            hosts,
            row["company_name"],
            _retry(settings),
        )
        registry.record_validation(db, board, verdict, now)
        outcome["moved" if verdict.moved else verdict.status] += 1
        notify(progress, "boards validated", n)
    return dict(outcome)


@task(name="probe-across-ats", cache_policy=NO_CACHE)
def probe(db: Database, client: httpx.Client, settings: Settings, sources: list[str] | None) -> int:
    """Try every known company on the other ATSs; only boards that answer join the registry."""
    hosts = host_sources(settings.discovery_patterns)
    now = datetime.now(UTC)
    already = registry.source_keys(db) | registry.recently_probed(db, now)
    found = 0
    todo = candidates(registry.known_companies(db), sources or DISCOVERY_SOURCES, already)
    for board in todo[: settings.discovery_probe_per_run]:
        answer = ask_board(client, settings, board)
        verdict = decide(
            board, answer.status, answer.body, answer.location, now, hosts, None, _retry(settings)
        )
        registry.record_probe(db, board, answer.status, now, verdict.next_at)
        if verdict.status == "valid" and not verdict.moved:
            registry.record_sightings(
                db,
                [Sighting(source_type=board.source_type, token=board.token, found_by="probe", captures=0)],
                now,
            )  # type: ignore[arg-type]
            registry.record_validation(db, board, verdict, now)
            found += 1
    return found


@flow(name="discover")
def discover(
    crawls: list[str] | None = None,
    sources: list[str] | None = None,
    read_index: bool = True,
    read_pages: bool = True,
    probe_other_ats: bool = True,
    revalidate: bool = True,
    settings: Settings | None = None,
    progress: Progress | None = None,
) -> DiscoveryReport:
    """Find boards in the index (newest crawls, or the named ones), then enrich, probe and validate them."""
    settings = settings or Settings()
    log = get_run_logger()
    report = DiscoveryReport()
    started = time.perf_counter()
    with Database(settings.pg_dsn) as db:
        db.migrate()
        if read_index:
            index = CdxIndex(settings)
            report.crawls = index.crawls(settings.discovery_newest_crawls, crawls)
            units = plan_units(settings, report.crawls, sources)
            units = [(c, p) for c, p in units if c in index.endpoints]
            for n, (crawl, pattern) in enumerate(units, 1):  # one at a time: the index server asks for that
                counts = read_unit(index, db, settings, crawl, pattern)
                report.units_skipped += counts.get("skipped", 0)
                report.units_done += 1 - counts.get("skipped", 0)
                report.cdx_lines += counts.get("cdx_lines", 0)
                report.sightings += counts.get("sightings", 0)
                report.new_sources += counts.get("new_sources", 0)
                notify(progress, "index units", n, len(units))
        if read_pages:
            report.warc_records = read_company_pages(db, settings)
        with open_client(settings) as client:
            if probe_other_ats:
                report.probed = probe(db, client, settings, sources)
            if revalidate:
                report.validated = validate_boards(db, client, settings, sources, progress)
        publish_discovery_report(report, settings, db, started)
    log.info("discover: %s", report.model_dump_json())
    return report


def publish_discovery_report(
    report: DiscoveryReport, settings: Settings, db: Database, started: float
) -> None:
    """The same run report every stage publishes: counts, time, and boards by validation outcome."""
    run = new_report("discover")
    run.counts = {
        "crawl_units_done": report.units_done,
        "crawl_units_skipped": report.units_skipped,
        "cdx_lines": report.cdx_lines,
        "sightings": report.sightings,
        "boards_discovered": report.new_sources,
        "boards_probed": report.probed,
        "warc_records": report.warc_records,
        **{f"boards_{outcome}": n for outcome, n in sorted(report.validated.items())},
    }
    run.timings_s = {"discover": round(time.perf_counter() - started, 3)}
    run.finished_at = datetime.now(UTC)
    publish_report(run, settings, db)
