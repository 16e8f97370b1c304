"""`jobmine discover run|parse-url|validate|import-csv|list`: the discovery stage's commands."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from extractors.ats import DISCOVERABLE
from flows.cli.common import Cli, choice, cli
from schemas.errors import ConfigError

_SOURCES = DISCOVERABLE
_STATUSES = ("pending", "valid", "invalid")
SOURCE = choice(*_SOURCES)


def register(app: typer.Typer) -> None:
    group = typer.Typer(help="Find ATS boards in Common Crawl and keep the registry true")
    group.command("run")(run)
    group.command("parse-url")(parse_url)
    group.command("validate")(validate)
    group.command("import-csv")(import_csv)
    group.command("list")(list_registry)
    app.add_typer(group, name="discover", rich_help_panel="Discover")


def run(
    ctx: typer.Context,
    crawl: list[str] = typer.Option([], help="crawl id (CC-MAIN-YYYY-WW), repeatable"),
    source: list[str] = typer.Option(
        [], callback=SOURCE, help=f"only these ATSs, repeatable: {', '.join(_SOURCES)}"
    ),
    no_index: bool = typer.Option(False, "--no-index", help="skip reading the index"),
    no_pages: bool = typer.Option(False, "--no-pages", help="skip reading archived board pages"),
    no_probe: bool = typer.Option(False, "--no-probe", help="skip cross-ATS probing"),
    no_validate: bool = typer.Option(False, "--no-validate", help="skip validation"),
) -> None:
    """Read the index (newest crawls or --crawl), enrich, probe, validate."""
    _discover(cli(ctx), crawl, source, not no_index, not no_pages, not no_probe, not no_validate)


def validate(
    ctx: typer.Context,
    source: list[str] = typer.Option(
        [], callback=SOURCE, help=f"only these ATSs, repeatable: {', '.join(_SOURCES)}"
    ),
) -> None:
    """Validate the boards that are due now."""
    _discover(cli(ctx), [], source, False, False, False, True)


def _discover(
    run: Cli, crawls: list[str], sources: list[str], index: bool, pages: bool, probe: bool, validate: bool
) -> None:
    from flows.discover import discover

    with run.progress() as progress:
        report = discover(
            crawls=crawls or None,
            sources=sources or None,
            read_index=index,
            read_pages=pages,
            probe_other_ats=probe,
            revalidate=validate,
            settings=run.settings,
            progress=progress,
        )
    run.emit(report.model_dump_json(indent=2))


def parse_url(ctx: typer.Context, urls: list[str] = typer.Argument(..., help="board URLs")) -> None:
    """Print `source_type<TAB>token` or `reject<TAB>reason` per URL (JSON lines with --json)."""
    from extractors.discover.board_urls import host_sources, parse_board_url

    run = cli(ctx)
    hosts = host_sources(run.settings.discovery_patterns)
    for url in urls:
        verdict = parse_board_url(url, hosts)
        sys.stdout.write((verdict.model_dump_json() if run.json else verdict.line()) + "\n")


def import_csv(ctx: typer.Context, file: Path = typer.Argument(..., help="the CSV of candidates")) -> None:
    """Register candidate boards from a CSV (url | source_type,token | domain)."""
    from datetime import UTC, datetime

    from extractors.discover.board_urls import host_sources
    from extractors.discover.candidate_csv import parse_candidates
    from tasks.discover.registry import record_sightings
    from tasks.storage.database import Database

    run = cli(ctx)
    if not file.is_file():
        raise ConfigError(f"{file}: no such file")
    try:
        sightings, rejects = parse_candidates(
            file.read_text(encoding="utf-8-sig"), host_sources(run.settings.discovery_patterns), _SOURCES
        )
    except (ValueError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{file}: {exc}") from exc
    with Database(run.settings.pg_dsn) as db:
        db.migrate()
        new = record_sightings(db, sightings, datetime.now(UTC))
    for line, reason in rejects:
        sys.stderr.write(f"reject\tline {line}\t{reason}\n")
    run.emit(
        {"candidates": len(sightings), "new": new, "refused": len(rejects)},
        f"{len(sightings)} candidates ({new} new), {len(rejects)} rows refused; "
        "`jobmine discover validate` checks them",
    )


def list_registry(
    ctx: typer.Context,
    status: str | None = typer.Option(
        None, callback=choice(*_STATUSES), help=f"only boards in this state: {', '.join(_STATUSES)}"
    ),
    source: list[str] = typer.Option(
        [], callback=SOURCE, help=f"only these ATSs, repeatable: {', '.join(_SOURCES)}"
    ),
    limit: int = typer.Option(100, help="at most this many boards"),
) -> None:
    """Show the registry (JSON lines with --json)."""
    import json

    from tasks.discover.registry import list_sources
    from tasks.storage.database import Database

    run = cli(ctx)
    with Database(run.settings.pg_dsn) as db:
        rows = list_sources(db, status, source or None, limit)
    for r in rows:
        if run.json:
            sys.stdout.write(json.dumps({k: v for k, v in r.items() if k != "capture"}, default=str) + "\n")
        else:
            flag = " MOVED" if r["moved"] else ""
            sys.stdout.write(
                f"{r['source_type']}:{r['token']}\t{r['status']}{flag}\t{r['job_count'] or ''}\t"
                f"{r['company_name'] or ''}\n"
            )
