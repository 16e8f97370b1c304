"""`jobmine doctor [--free]`: runs marked running and host slots taken, who holds them, alive or dead;
`--free` marks the dead runs crashed and gives their slots back (what every run does when it starts)."""

from __future__ import annotations

import argparse

from schemas.settings import Settings


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("doctor", help="show held host slots and running runs; --free frees dead runs' slots")
    p.add_argument("--free", action="store_true", help="mark dead runs crashed and free their host slots")
    p.set_defaults(func=_doctor)


def _doctor(args: argparse.Namespace, settings: Settings) -> int:
    from tasks.recovery.recover import recover, status_lines
    from tasks.storage.database import Database

    with Database(settings.pg_dsn) as db:
        db.migrate()
        if args.free:
            recovery = recover(db, settings, me="")
            for run_id, why in recovery.crashed.items():
                print(f"marked run {run_id} crashed: {why}")
            print(f"freed {recovery.slots_freed} host slot(s)")
        print("\n".join(status_lines(db, settings)))
    return 0
