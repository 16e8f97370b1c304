"""`jobmine parse`, `jobmine scrape` and `jobmine dead-letters list|retry`: the scrape stage's commands."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from extractors.reporting.views import render
from flows.cli.common import choice, cli, positive
from schemas.errors import ConfigError, JobmineError
from schemas.job import SOURCE_TYPES, BoardRef

PANEL = "Scrape"
SOURCE = choice(*SOURCE_TYPES)
SOURCES_HELP = ", ".join(SOURCE_TYPES)


def register(app: typer.Typer) -> None:
    app.command("parse", rich_help_panel=PANEL)(parse)
    app.command("scrape", rich_help_panel=PANEL)(scrape)
    dead = typer.Typer(help="Boards that failed every retry: list them or retry them")
    dead.command("list")(list_dead_letters)
    dead.command("retry")(retry_dead_letters)
    app.add_typer(dead, name="dead-letters", rich_help_panel=PANEL)


def parse(
    source_type: str = typer.Argument(
        ..., callback=SOURCE, help=f"the ATS that wrote the payload: {SOURCES_HELP}"
    ),
    payload: Path = typer.Argument(..., help="a saved API response (JSON)"),
    token: str | None = typer.Option(None, help="board token (default: from the file name)"),
) -> None:
    """Run an ATS parser on a saved payload (no network); one JSON line per posting."""
    from extractors.ats import parse_board

    if not payload.is_file():
        raise ConfigError(f"{payload}: no such file")
    board = BoardRef.parse(f"{source_type}:{token or _token_from(payload.stem)}")
    for job in parse_board(payload.read_bytes(), board):
        sys.stdout.write(job.model_dump_json() + "\n")


def _token_from(stem: str) -> str:
    """`lever_postings_people-ai` -> `people-ai`; any safe stem works as a token."""
    tail = stem.rsplit("_", 1)[-1]
    return tail if tail else "board"


def scrape(
    ctx: typer.Context,
    board: list[str] = typer.Option([], help="SOURCE:TOKEN, repeatable"),
    source: list[str] = typer.Option(
        [], callback=SOURCE, help=f"registry filter, repeatable: {SOURCES_HELP}"
    ),
    shards: int = typer.Option(1, help="split the boards into N shards"),
    deployment: str | None = typer.Option(None, help="run each shard as a run of this deployment"),
) -> None:
    """Scrape boards politely into PostgreSQL (default: every valid board of the registry)."""
    from flows.scrape import scrape as scrape_flow
    from tasks.resources import preflight

    run = cli(ctx)
    positive(shards, "--shards")
    boards = [str(BoardRef.parse(b)) for b in board] or None
    preflight(run.settings)
    with run.progress() as progress:
        report = scrape_flow(
            boards=boards,
            source_types=source or None,
            shards=shards,
            deployment=deployment,
            settings=run.settings,
            progress=progress,
        )
    run.emit(report.to_json(), render(report))


def _open_dead_letters(ctx: typer.Context) -> list[dict]:
    from tasks.scrape.store import open_dead_letters
    from tasks.storage.database import Database

    with Database(cli(ctx).settings.pg_dsn) as db:
        db.migrate()
        return open_dead_letters(db)


def list_dead_letters(ctx: typer.Context) -> None:
    """List the boards that failed every retry."""
    rows = _open_dead_letters(ctx)
    lines = [f"{len(rows)} dead letters"] + [
        f"  {r['source_type']}:{r['board_token']}  {r['reason']}  attempts={r['attempts']}"
        f"  last_status={r['last_status']}  failures={r['failures']}"
        for r in rows
    ]
    cli(ctx).emit(rows, "\n".join(lines))


def retry_dead_letters(ctx: typer.Context) -> None:
    """Scrape the dead-lettered boards again; fails if any of them fails again."""
    from flows.scrape import scrape as scrape_flow

    run = cli(ctx)
    rows = _open_dead_letters(ctx)
    if not rows:
        run.emit({"retried": 0}, "no dead letters to retry")
        return
    boards = [f"{r['source_type']}:{r['board_token']}" for r in rows]
    with run.progress() as progress:
        report = scrape_flow(boards=boards, settings=run.settings, progress=progress)
    run.emit(report.to_json(), render(report))
    if report.failures:
        raise JobmineError(f"{len(report.failures)} of {len(rows)} dead letters failed again")
