"""`jobmine parse`, `jobmine scrape` and `jobmine dead-letters`: the scrape stage's commands."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from extractors.reporting.views import render
from schemas.errors import ConfigError, JobmineError
from schemas.job import SOURCE_TYPES, BoardRef
from schemas.settings import Settings


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("parse", help="run an ATS parser on a saved payload (no network), JSON lines out")
    p.add_argument("source_type", choices=SOURCE_TYPES)
    p.add_argument("payload", type=Path, help="a saved API response (JSON)")
    p.add_argument("--token", default=None, help="board token (default: from the file name)")
    p.set_defaults(func=_parse)

    p = sub.add_parser("scrape", help="scrape boards politely into PostgreSQL (default: every valid board)")
    p.add_argument("--board", action="append", default=[], help="SOURCE:TOKEN, repeatable")
    p.add_argument("--source", action="append", default=[], choices=SOURCE_TYPES, help="registry filter")
    p.add_argument("--shards", type=int, default=1, help="split the boards into N shards")
    p.add_argument("--deployment", default=None, help="run each shard as a run of this deployment")
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.set_defaults(func=_scrape)

    p = sub.add_parser("dead-letters", help="boards that failed every retry: list them or retry them")
    p.add_argument("action", choices=["list", "retry"])
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=_dead_letters)


def _parse(args: argparse.Namespace, settings: Settings) -> int:
    from extractors.ats import parse_board

    if not args.payload.is_file():
        raise ConfigError(f"{args.payload}: no such file")
    token = args.token or _token_from(args.payload.stem)
    board = BoardRef.parse(f"{args.source_type}:{token}")
    for job in parse_board(args.payload.read_bytes(), board):
        sys.stdout.write(job.model_dump_json() + "\n")
    return 0


def _token_from(stem: str) -> str:
    """`lever_postings_people-ai` -> `people-ai`; any safe stem works as a token."""
    tail = stem.rsplit("_", 1)[-1]
    return tail if tail else "board"


def _scrape(args: argparse.Namespace, settings: Settings) -> int:
    from flows.scrape import scrape
    from tasks.resources import preflight

    if args.shards < 1:
        raise ConfigError("--shards must be 1 or more")
    boards = [str(BoardRef.parse(b)) for b in args.board] or None
    preflight(settings)
    report = scrape(
        boards=boards,
        source_types=args.source or None,
        shards=args.shards,
        deployment=args.deployment,
        settings=settings,
    )
    sys.stdout.write((report.to_json() if args.json else render(report)) + "\n")
    return 0


def _dead_letters(args: argparse.Namespace, settings: Settings) -> int:
    from tasks.scrape.store import open_dead_letters
    from tasks.storage.database import Database

    with Database(settings.pg_dsn) as db:
        db.migrate()
        rows = open_dead_letters(db)
    if args.action == "list":
        if args.json:
            sys.stdout.write(json.dumps(rows, default=str, indent=2) + "\n")
        else:
            sys.stdout.write(f"{len(rows)} dead letters\n")
            for r in rows:
                sys.stdout.write(
                    f"  {r['source_type']}:{r['board_token']}  {r['reason']}  attempts={r['attempts']}"
                    f"  last_status={r['last_status']}  failures={r['failures']}\n"
                )
        return 0
    if not rows:
        sys.stdout.write("no dead letters to retry\n")
        return 0
    from flows.scrape import scrape

    report = scrape(boards=[f"{r['source_type']}:{r['board_token']}" for r in rows], settings=settings)
    sys.stdout.write(render(report) + "\n")
    if report.failures:
        raise JobmineError(f"{len(report.failures)} of {len(rows)} dead letters failed again")
    return 0
