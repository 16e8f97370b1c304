"""`jobmine doctor [--free]`: runs marked running and host slots taken, who holds them, alive or dead;
`--free` marks the dead runs crashed and gives their slots back (what every run does when it starts)."""

from __future__ import annotations

import typer

from flows.cli.common import cli

PANEL = "Operate"


def register(app: typer.Typer) -> None:
    app.command("doctor", rich_help_panel=PANEL)(doctor)


def doctor(
    ctx: typer.Context,
    free: bool = typer.Option(False, "--free", help="mark dead runs crashed and free their host slots"),
) -> None:
    """Show running runs and taken host slots with their holders; --free frees what dead runs held."""
    from tasks.recovery.recover import recover, status_lines
    from tasks.storage.database import Database

    run = cli(ctx)
    with Database(run.settings.pg_dsn) as db:
        db.migrate()
        freed: dict[str, object] = {}
        if free:
            recovery = recover(db, run.settings, me="")
            freed = {"crashed": recovery.crashed, "slots_freed": recovery.slots_freed}
        lines = status_lines(db, run.settings)
    text = [f"marked run {r} crashed: {why}" for r, why in freed.get("crashed", {}).items()]  # type: ignore[union-attr]
    if free:
        text.append(f"freed {freed['slots_freed']} host slot(s)")
    run.emit(freed | {"status": lines}, "\n".join([*text, *lines]))
