"""The `discover` flow: Common Crawl index → board tokens → the `sources` registry, kept true by validation.

Each (crawl, pattern) is a unit read page by page; a page's sightings and its checkpoint commit together, so
a run killed midway resumes at the page it stopped on and counts nothing twice.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime

from prefect import flow, get_run_logger

from schemas.discovery import DiscoveryReport
from schemas.progress import Progress, notify
from schemas.settings import Settings
from tasks.discover.cdx_index import CdxIndex
from tasks.discover.steps import plan_units, probe, read_company_pages, read_unit, validate_boards
from tasks.http.client import http_client
from tasks.http.polite import polite_client
from tasks.reporting.publish import new_report, publish_report
from tasks.resources import open_database
from tasks.storage.database import Database


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
    with open_database(settings) as db:
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
        with http_client(settings) as http, polite_client(settings, db, http) as client:
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
