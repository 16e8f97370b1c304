"""`jobmine report`: print a run's report, or what changed between two runs."""

from __future__ import annotations

import json

import typer

from extractors.reporting.views import render
from flows.cli.common import cli
from schemas.errors import ConfigError


def register(app: typer.Typer) -> None:
    app.command("report", rich_help_panel="Report")(report)


def report(
    ctx: typer.Context,
    run_id: str | None = typer.Argument(None, help="run id, or an unambiguous prefix of it"),
    flow: str | None = typer.Option(
        None, help="with no RUN_ID: the latest run of this flow (pipeline, scrape, ...)"
    ),
    compare_runs: tuple[str, str] | None = typer.Option(
        None, "--compare", metavar="A B", help="show what changed from run A to run B"
    ),
) -> None:
    """Print a run's cost report (the latest one without RUN_ID)."""
    from extractors.reporting.views import compare, render_compare
    from tasks.reporting.report_store import load_report
    from tasks.storage.database import Database

    run = cli(ctx)
    if compare_runs and run_id:
        raise ConfigError("give either RUN_ID or --compare A B, not both")
    with Database(run.settings.pg_dsn) as db:
        if compare_runs:
            a, b = (load_report(run.settings, db, r) for r in compare_runs)
            run.emit(json.dumps(compare(a, b), indent=2), render_compare(a, b))
            return
        found = load_report(run.settings, db, run_id, flow=flow)
    run.emit(found.to_json(), render(found))
