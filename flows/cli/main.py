"""The `jobmine` command. It lives in `flows/` because it is the entry point: it builds the one
`Settings` object and hands it to flows and services."""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import signal
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from schemas.errors import ConfigError, JobmineError
from schemas.settings import Settings

if TYPE_CHECKING:
    from tasks.storage.database import Database

# Each stage adds its own subcommands: a module with `register(subparsers)`, listed here.
STAGE_COMMANDS: tuple[str, ...] = (
    "flows.cli.search",
    "flows.cli.report",
    "flows.cli.deploy",
    "flows.cli.scrape",
    "flows.cli.extract",
    "flows.cli.discover",
    "flows.cli.doctor",
)


def _services(args: argparse.Namespace, settings: Settings) -> int:
    from infra.local.services import services

    for svc in services(settings):
        status = getattr(svc, args.action)()
        print(status.line())
    return 0


def _pipeline(args: argparse.Namespace, settings: Settings) -> int:
    from flows.pipeline import pipeline
    from tasks.resources import preflight

    preflight(settings)
    # no --board: the boards the discovery registry holds as valid
    report = pipeline(boards=args.board or None, settings=settings)
    print(report.to_json() if args.json else report.to_markdown())
    return 0


def format_search(result: dict) -> str:
    lines = [f"{result['total']} jobs"]
    for hit in result["hits"]:
        pay = f"  ${hit['salary_min_usd']:,}-{hit['salary_max_usd']:,}" if hit.get("salary_min_usd") else ""
        lines.append(f"  {hit['title']} — {hit['company']} [{hit['remote_type']}, {hit['seniority']}]{pay}")
    for facet, buckets in result["facets"].items():
        lines.append(f"{facet}:")
        lines += [f"  {key:<24} {count}" for key, count in buckets.items()]
    return "\n".join(lines)


def _demo(args: argparse.Namespace, settings: Settings) -> int:
    from extractors.search.query import SearchRequest
    from flows.pipeline import pipeline
    from tasks.resources import preflight
    from tasks.search.index import SearchIndex
    from tests.fakes.ats_server import AtsServer
    from tests.fakes.demo_world import demo_settings, write_sample

    preflight(settings)
    sample_root = Path(tempfile.mkdtemp(prefix="jobmine-sample-"))
    boards = [*write_sample(sample_root), "greenhouse:no-such-board"]
    with AtsServer(sample_root) as server:
        run_settings = demo_settings(settings, server.url)
        report = pipeline(boards=boards, settings=run_settings)
    print("\n" + report.to_markdown())
    result = SearchIndex(settings.os_url, settings.index_alias).search(
        SearchRequest(text="engineer", facets=["remote_type", "seniority", "source"], size=5)
    )
    print("Search 'engineer', faceted by remote type, seniority and source:")
    print(format_search(result))
    return 0


def _db(args: argparse.Namespace, settings: Settings) -> int:
    from tasks.storage.database import Database

    if args.action == "load" and not args.file:
        raise ConfigError("`jobmine db load` needs a file of JSON lines (`-` for standard input)")
    if args.batch < 1:
        raise ConfigError(f"--batch must be at least 1, not {args.batch}")
    with Database(settings.pg_dsn) as db:
        db.migrate()
        if args.action == "upgrade":
            print("database is at the newest migration")
            return 0
        return _db_load(db, args.file, args.batch)


def _db_load(db: Database, path: str, batch: int) -> int:
    """Bulk-load normalized postings; each batch is one transaction, a re-run changes nothing."""
    import json
    import uuid
    from datetime import UTC, datetime

    from extractors.storage.job_lines import record_batches

    run_id = f"db-load-{uuid.uuid4().hex[:12]}"
    started = datetime.now(UTC)
    db.start_run(run_id, "db-load", started)
    if path == "-":
        result = db.upsert_stream(record_batches(sys.stdin.buffer, batch), run_id, started)
    else:
        if not Path(path).is_file():
            raise ConfigError(f"{path}: no such file")
        with open(path, "rb") as lines:
            result = db.upsert_stream(record_batches(lines, batch), run_id, started)
    counts = {"inserted": result.inserted, "updated": result.updated, "unchanged": result.unchanged}
    db.finish_run(run_id, datetime.now(UTC), json.dumps({"run_id": run_id, "counts": counts}))
    print(f"{run_id}: {result.inserted} new, {result.updated} changed, {result.unchanged} unchanged jobs")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="jobmine", description=__doc__)
    parser.add_argument("-v", "--verbose", action="store_true", help="debug logging")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("services", help="start, stop or show the local PostgreSQL and OpenSearch")
    p.add_argument("action", choices=["up", "down", "status"])
    p.set_defaults(func=_services)

    p = sub.add_parser("pipeline", help="run the pipeline flow over chosen boards")
    p.add_argument(
        "--board",
        action="append",
        default=[],
        help="SOURCE:TOKEN, repeatable (default: the registry's valid boards)",
    )
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.set_defaults(func=_pipeline)

    p = sub.add_parser("demo", help="run the pipeline offline over the bundled sample boards")
    p.set_defaults(func=_demo)

    p = sub.add_parser("db", help="apply migrations, or bulk-load postings that `jobmine parse` printed")
    p.add_argument("action", choices=["upgrade", "load"])
    p.add_argument("file", nargs="?", help="for `load`: JSON lines of postings, `-` for standard input")
    p.add_argument("--batch", type=int, default=5000, help="postings per transaction (default 5000)")
    p.set_defaults(func=_db)

    for module in STAGE_COMMANDS:
        importlib.import_module(module).register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.WARNING, format="%(levelname)s %(message)s"
    )
    if not args.verbose:  # client libraries log every failed attempt with a traceback; we say it once
        for noisy in ("opensearch", "urllib3", "psycopg.pool", "botocore"):
            logging.getLogger(noisy).setLevel(logging.CRITICAL)
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    try:
        return args.func(args, Settings())
    except JobmineError as exc:
        print(f"jobmine: error: {exc}", file=sys.stderr)
        return 2


def run() -> None:
    """Console entry point: output piped into `head` ends quietly, as with any Unix tool."""
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    sys.exit(main())


if __name__ == "__main__":
    run()
