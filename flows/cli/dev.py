"""`jobmine services` and `jobmine demo`: development tooling, available in a jobmine checkout only.

Their code (`infra.local.services`, `tests.fakes`) is not shipped; `make install` puts the checkout on
the venv's path. Outside a checkout the commands say so in one line and exit 2.
"""

from __future__ import annotations

import tempfile
from dataclasses import asdict
from pathlib import Path

import typer

from extractors.reporting.views import render
from flows.cli.common import checkout_only, choice, cli

PANEL = "Run"


def register(app: typer.Typer) -> None:
    app.command("services", rich_help_panel=PANEL)(services)
    app.command("demo", rich_help_panel=PANEL)(demo)


def services(
    ctx: typer.Context,
    action: str = typer.Argument(..., callback=choice("up", "down", "status"), help="up, down or status"),
) -> None:
    """Start, stop or show the local PostgreSQL and OpenSearch."""
    local = checkout_only("infra.local.services", "services")
    run = cli(ctx)
    states = [getattr(svc, action)() for svc in local.services(run.settings)]
    run.emit([asdict(s) for s in states], "\n".join(s.line() for s in states))


def demo(ctx: typer.Context) -> None:
    """Run the pipeline offline over the bundled sample boards, then search the result."""
    fake_ats = checkout_only("tests.fakes.ats_server", "demo")
    world = checkout_only("tests.fakes.demo_world", "demo")
    from extractors.search.query import SearchRequest
    from flows.cli.search import format_search
    from flows.pipeline import pipeline
    from tasks.resources import preflight
    from tasks.search.index import SearchIndex

    settings = cli(ctx).settings
    preflight(settings)
    sample_root = Path(tempfile.mkdtemp(prefix="jobmine-sample-"))
    boards = [*world.write_sample(sample_root), "greenhouse:no-such-board"]
    with fake_ats.AtsServer(sample_root) as server:
        report = pipeline(boards=boards, settings=world.demo_settings(settings, server.url))
    print("\n" + render(report))
    result = SearchIndex(settings.os_url, settings.index_alias).search(
        SearchRequest(text="engineer", facets=["remote_type", "seniority", "source"], size=5)
    )
    print("Search 'engineer', faceted by remote type, seniority and source:")
    print(format_search(result))
