"""`jobmine db upgrade|load`: apply migrations, or bulk-load the postings `jobmine parse` printed."""

from __future__ import annotations

import json
import sys
import uuid
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, nullcontext
from datetime import UTC, datetime
from pathlib import Path
from typing import IO

import typer

from flows.cli.common import cli, positive
from schemas.errors import ConfigError
from schemas.progress import Progress

PANEL = "Store & index"


def register(app: typer.Typer) -> None:
    db = typer.Typer(help="Apply migrations, or bulk-load postings that `jobmine parse` printed")
    db.command("upgrade")(upgrade)
    db.command("load")(load)
    app.add_typer(db, name="db", rich_help_panel=PANEL)


def upgrade(ctx: typer.Context) -> None:
    """Bring the database to the newest migration."""
    from tasks.storage.database import Database

    run = cli(ctx)
    with Database(run.settings.pg_dsn) as db:
        db.migrate()
    run.emit({"migrated": True}, "database is at the newest migration")


def load(
    ctx: typer.Context,
    file: str = typer.Argument(..., help="JSON lines of postings, `-` for standard input"),
    batch: int = typer.Option(5000, help="postings per transaction"),
) -> None:
    """Bulk-load normalized postings; each batch is one transaction, a re-run changes nothing."""
    from extractors.storage.job_lines import record_batches
    from tasks.storage.database import Database

    run = cli(ctx)
    positive(batch, "--batch")
    if file != "-" and not Path(file).is_file():
        raise ConfigError(f"{file}: no such file")
    with Database(run.settings.pg_dsn) as db, run.progress() as progress:
        db.migrate()
        run_id = f"db-load-{uuid.uuid4().hex[:12]}"
        started = datetime.now(UTC)
        db.start_run(run_id, "db-load", started)
        with _open(file) as lines:
            total = _line_count(file) if progress and file != "-" else None
            batches = record_batches(lines, batch)
            if progress:
                batches = _counted(batches, progress, total)
            result = db.upsert_stream(batches, run_id, started)
        counts = {"inserted": result.inserted, "updated": result.updated, "unchanged": result.unchanged}
        db.finish_run(run_id, datetime.now(UTC), json.dumps({"run_id": run_id, "counts": counts}))
    run.emit(
        {"run_id": run_id, "counts": counts},
        f"{run_id}: {result.inserted} new, {result.updated} changed, {result.unchanged} unchanged jobs",
    )


def _open(file: str) -> AbstractContextManager[IO[bytes]]:
    return nullcontext(sys.stdin.buffer) if file == "-" else open(file, "rb")


def _line_count(path: str) -> int:
    """Lines of the file, the progress bar's total (a fast pass: blank lines count too)."""
    with open(path, "rb") as f:
        return sum(chunk.count(b"\n") for chunk in iter(lambda: f.read(1 << 20), b""))


def _counted(
    batches: Iterable[Sequence[object]], progress: Progress, total: int | None
) -> Iterator[Sequence[object]]:
    done = 0
    for chunk in batches:
        yield chunk
        done += len(chunk)
        progress("postings", done, total)
