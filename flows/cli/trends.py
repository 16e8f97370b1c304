"""`jobmine trends` (a table, `--json`, `--plot DIR`) and `jobmine export` (the dataset as files)."""

from __future__ import annotations

import argparse
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

from schemas.settings import Settings
from schemas.trends import TrendsRequest


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("trends", help="hiring trends over whole weeks, with the same filters as search")
    p.add_argument(
        "--by",
        default="all",
        help="split weekly counts: company, job_function, seniority, country, skill, source",
    )
    p.add_argument("--weeks", type=int, default=12, help="whole weeks in the window (default 12)")
    p.add_argument("--until", type=datetime.fromisoformat, help="ISO date the window ends at (default: now)")
    p.add_argument(
        "--filter", action="append", default=[], metavar="NAME=VALUE", help="as in search, repeatable"
    )
    p.add_argument("--min-count", type=int, help="hide figures behind fewer postings (default: settings)")
    p.add_argument(
        "--refresh", action="store_true", help="mark stale postings and refresh the trends view first"
    )
    p.add_argument("--plot", metavar="DIR", help="also write the PNG charts into DIR")
    p.add_argument("--json", action="store_true", help="print the whole report as JSON")
    p.set_defaults(func=_trends)

    p = sub.add_parser("export", help="write the dataset (postings snapshot, event ledger) as files")
    p.add_argument("--to", help="folder or s3://bucket/prefix (default: JOBMINE_EXPORT_DIR)")
    p.add_argument("--format", choices=["parquet", "csv", "jsonl"], default="parquet")
    p.add_argument(
        "--since", type=datetime.fromisoformat, help="ledger events from this ISO date (default: 2 days ago)"
    )
    p.add_argument("--only", choices=["postings", "ledger"], help="write just one of the two datasets")
    p.set_defaults(func=_export)


def trends_text(settings: Settings, req: TrendsRequest, refresh: bool, plot: str | None) -> tuple[str, str]:
    """The report as (short text, JSON), after an optional refresh; charts into `plot` when given."""
    from extractors.trends.views import short_text
    from tasks.storage.database import Database
    from tasks.trends import store
    from tasks.trends.charts import write_charts

    with Database(settings.pg_dsn) as db:
        db.migrate()
        if refresh:
            store.mark_stale(db, settings.stale_after_days)
            store.refresh_view(db)
        report = store.trends(db, req, settings)
    text = short_text(report)
    if plot:
        charts = write_charts(report, Path(plot))
        text += "\ncharts: " + ", ".join(str(c) for c in charts)
    return text, report.model_dump_json(indent=2)


def _trends(args: argparse.Namespace, settings: Settings) -> int:
    from extractors.search.query import parse_filters

    req = TrendsRequest(
        by=args.by,
        weeks=args.weeks,
        until=args.until,
        filters=parse_filters(args.filter),
        min_count=args.min_count,
    )
    text, as_json = trends_text(settings, req, args.refresh, args.plot)
    print(as_json if args.json else text)
    return 0


def _export(args: argparse.Namespace, settings: Settings) -> int:
    from tasks.export.run import export_ledger, export_postings
    from tasks.storage.database import Database

    target = args.to or settings.export_dir
    since = args.since or datetime.now(UTC) - timedelta(days=2)
    with Database(settings.pg_dsn) as db:
        db.migrate()
        done = []
        if args.only in (None, "postings"):
            done.append(export_postings(db, settings, target, args.format))
        if args.only in (None, "ledger"):
            done.append(
                export_ledger(db, settings, target, since.replace(tzinfo=since.tzinfo or UTC), args.format)
            )
    for s in done:
        print(
            json.dumps(
                {
                    "dataset": s.dataset,
                    "rows": s.rows,
                    "partitions": len(s.partitions),
                    "seconds": s.seconds,
                    "target": s.target,
                }
            )
        )
    return 0


def demo_trends(settings: Settings) -> str:
    """The end of `make demo`: a short trends table over the demo's postings and where its charts are."""
    folder = settings.reports_dir / "trends" / "demo"
    text, _ = trends_text(settings, TrendsRequest(weeks=4, min_count=1), refresh=True, plot=str(folder))
    return text
