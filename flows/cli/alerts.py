"""`jobmine alerts`: tell saved searches about newly matching postings (the pipeline does it after indexing)."""

from __future__ import annotations

import typer

from flows.cli.common import cli

PANEL = "Search"


def register(app: typer.Typer) -> None:
    app.command("alerts", rich_help_panel=PANEL)(alerts)


def alerts(ctx: typer.Context) -> None:
    """Check every saved search against the index; send signed webhooks, update the Atom feeds."""
    from flows.alerts import alerts as alerts_flow

    run = cli(ctx)
    summary = alerts_flow(settings=run.settings)
    run.emit(summary.model_dump_json())
