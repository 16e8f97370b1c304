"""`jobmine pipeline`: the whole pipeline flow (scrape, extract, index) over chosen boards."""

from __future__ import annotations

import typer

from extractors.reporting.views import render
from flows.cli.common import cli


def register(app: typer.Typer) -> None:
    app.command("pipeline", rich_help_panel="Run")(pipeline)


def pipeline(
    ctx: typer.Context,
    board: list[str] = typer.Option(
        [], "--board", help="SOURCE:TOKEN, repeatable (default: the registry's valid boards)"
    ),
) -> None:
    """Run the pipeline flow over chosen boards and print its report."""
    from flows.pipeline import pipeline as pipeline_flow
    from tasks.resources import preflight

    run = cli(ctx)
    preflight(run.settings)
    report = pipeline_flow(boards=board or None, settings=run.settings)
    run.emit(report.to_json(), render(report))
