"""`jobmine discover run|parse-url|validate|import-csv|list`: the discovery stage's commands."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from schemas.errors import ConfigError
from schemas.settings import Settings

_SOURCES = ("greenhouse", "lever", "ashby")


def register(sub: argparse._SubParsersAction) -> None:
    disc = sub.add_parser("discover", help="find ATS boards in Common Crawl and keep the registry true")
    dsub = disc.add_subparsers(dest="discover_command", required=True)

    p = dsub.add_parser("run", help="read the index (newest crawls or --crawl), enrich, probe, validate")
    p.add_argument("--crawl", action="append", default=[], help="crawl id (CC-MAIN-YYYY-WW), repeatable")
    p.add_argument("--source", action="append", default=[], choices=_SOURCES, help="only these ATSs")
    p.add_argument("--no-index", action="store_true", help="skip reading the index")
    p.add_argument("--no-pages", action="store_true", help="skip reading archived board pages")
    p.add_argument("--no-probe", action="store_true", help="skip cross-ATS probing")
    p.add_argument("--no-validate", action="store_true", help="skip validation")
    p.set_defaults(func=_run)

    p = dsub.add_parser("parse-url", help="print `source_type<TAB>token` or `reject<TAB>reason` per URL")
    p.add_argument("urls", nargs="+")
    p.add_argument("--json", action="store_true", help="JSON lines")
    p.set_defaults(func=_parse_url)

    p = dsub.add_parser("validate", help="validate the boards that are due now")
    p.add_argument("--source", action="append", default=[], choices=_SOURCES)
    p.set_defaults(func=_validate)

    p = dsub.add_parser(
        "import-csv", help="register candidate boards from a CSV (url | source_type,token | domain)"
    )
    p.add_argument("file", type=Path)
    p.set_defaults(func=_import_csv)

    p = dsub.add_parser("list", help="show the registry")
    p.add_argument("--status", choices=["pending", "valid", "invalid"])
    p.add_argument("--source", action="append", default=[], choices=_SOURCES)
    p.add_argument("--limit", type=int, default=100)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=_list)


def _parse_url(args: argparse.Namespace, settings: Settings) -> int:
    from extractors.discover.board_urls import host_sources, parse_board_url

    hosts = host_sources(settings.discovery_patterns)
    for url in args.urls:
        verdict = parse_board_url(url, hosts)
        sys.stdout.write((verdict.model_dump_json() if args.json else verdict.line()) + "\n")
    return 0


def _run(args: argparse.Namespace, settings: Settings) -> int:
    from flows.discover import discover

    report = discover(
        crawls=args.crawl or None,
        sources=args.source or None,
        read_index=not args.no_index,
        read_pages=not args.no_pages,
        probe_other_ats=not args.no_probe,
        revalidate=not args.no_validate,
        settings=settings,
    )
    print(report.model_dump_json(indent=2))
    return 0


def _validate(args: argparse.Namespace, settings: Settings) -> int:
    return _run(
        argparse.Namespace(
            crawl=[], source=args.source, no_index=True, no_pages=True, no_probe=True, no_validate=False
        ),
        settings,
    )


def _import_csv(args: argparse.Namespace, settings: Settings) -> int:
    from datetime import UTC, datetime

    from extractors.discover.board_urls import host_sources
    from extractors.discover.candidate_csv import parse_candidates
    from tasks.discover.registry import record_sightings
    from tasks.storage.database import Database

    if not args.file.is_file():
        raise ConfigError(f"{args.file}: no such file")
    try:
        sightings, rejects = parse_candidates(
            args.file.read_text(encoding="utf-8-sig"), host_sources(settings.discovery_patterns), _SOURCES
        )
    except (ValueError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{args.file}: {exc}") from exc
    with Database(settings.pg_dsn) as db:
        db.migrate()
        new = record_sightings(db, sightings, datetime.now(UTC))
    for line, reason in rejects:
        sys.stderr.write(f"reject\tline {line}\t{reason}\n")
    print(
        f"{len(sightings)} candidates ({new} new), {len(rejects)} rows refused; `jobmine discover validate` checks them"
    )
    return 0


def _list(args: argparse.Namespace, settings: Settings) -> int:
    from tasks.discover.registry import list_sources
    from tasks.storage.database import Database

    with Database(settings.pg_dsn) as db:
        rows = list_sources(db, args.status, args.source or None, args.limit)
    for r in rows:
        if args.json:
            sys.stdout.write(json.dumps({k: v for k, v in r.items() if k != "capture"}, default=str) + "\n")
        else:
            name = r["company_name"] or ""
            flag = " MOVED" if r["moved"] else ""
            sys.stdout.write(
                f"{r['source_type']}:{r['token']}\t{r['status']}{flag}\t{r['job_count'] or ''}\t{name}\n"
            )
    return 0
