"""`jobmine report`: print a run's report, or what changed between two runs."""

from __future__ import annotations

import argparse
import json

from schemas.errors import ConfigError
from schemas.settings import Settings


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("report", help="print a run's cost report (the latest one without RUN_ID)")
    p.add_argument("run_id", nargs="?", help="run id, or an unambiguous prefix of it")
    p.add_argument("--flow", help="with no RUN_ID: the latest run of this flow (pipeline, scrape, ...)")
    p.add_argument("--compare", nargs=2, metavar=("A", "B"), help="show what changed from run A to run B")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=_report)


def _report(args: argparse.Namespace, settings: Settings) -> int:
    from extractors.reporting.views import compare, render, render_compare
    from tasks.reporting.report_store import load_report
    from tasks.storage.database import Database

    if args.compare and args.run_id:
        raise ConfigError("give either RUN_ID or --compare A B, not both")
    with Database(settings.pg_dsn) as db:
        if args.compare:
            a, b = (load_report(settings, db, run_id) for run_id in args.compare)
            print(json.dumps(compare(a, b), indent=2) if args.json else render_compare(a, b), end="")
            return 0
        report = load_report(settings, db, args.run_id, flow=args.flow)
    print(report.to_json() if args.json else render(report), end="" if not args.json else "\n")
    return 0
