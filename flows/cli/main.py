"""The `jobmine` command (typer + rich). It lives in `flows/` because it is the entry point: it builds
the one `Settings` object and hands it to flows and services.

How a stage adds its commands (the pattern to follow):

- One module per stage under `flows/cli/`, listed in `STAGE_COMMANDS` below, with
  `register(app: typer.Typer) -> None`. It either adds top-level commands,
  `app.command("report", rich_help_panel=PANEL)(report)`, or one group,
  `group = typer.Typer(help=...); group.command("run")(run); app.add_typer(group, name="discover",
  rich_help_panel=PANEL)`. `PANEL` is the stage's name: `jobmine --help` groups commands by it.
- A command takes `ctx: typer.Context` first and calls `common.cli(ctx)` for the `Cli`: `.settings`,
  `.json`, `.emit(data, text)` (prints JSON under `--json`, the text otherwise) and `.progress()` (a
  context manager giving a `schemas.progress.Progress` callback to pass to a flow: a live bar on a
  terminal, silent when stderr is not one). Do not declare `--json`, `-v` or `-q` yourself: they are
  global and may come before or after the subcommand (`main` moves them to the front).
- Import flows and tasks inside the command function, so `jobmine --help` stays fast.
- Fail with a `JobmineError` (usually `ConfigError`): `main` prints one line and exits 2. Return
  nothing on success, or raise `typer.Exit(code)` for another exit code.
"""

from __future__ import annotations

import importlib
import logging
import os
import select
import signal
import sys
from collections.abc import Sequence
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import typer
from pydantic import ValidationError

from flows.cli.common import JSON_HELP, Cli
from schemas.errors import ConfigError, JobmineError
from schemas.settings import Settings

STAGE_COMMANDS: tuple[str, ...] = (
    "flows.cli.discover",
    "flows.cli.scrape",
    "flows.cli.extract",
    "flows.cli.db",
    "flows.cli.search",
    "flows.cli.alerts",
    "flows.cli.report",
    "flows.cli.pipeline",
    "flows.cli.deploy",
    "flows.cli.dev",
    "flows.cli.trends",
    "flows.cli.doctor",
)
GLOBAL_FLAGS = frozenset({"--json", "-v", "--verbose", "-q", "--quiet"})

app = typer.Typer(
    name="jobmine",
    help="Open job-market data pipeline: discover ATS boards, scrape politely, extract in tiers, "
    "load into PostgreSQL and OpenSearch.",
    epilog="Global options (--json, -v, -q) may also follow the subcommand.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,  # errors are one line; a traceback with locals could show secrets
)


def _version(value: bool) -> None:
    if value:
        try:
            typer.echo(f"jobmine {version('jobmine')}")
        except PackageNotFoundError:
            typer.echo("jobmine (not installed)")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    json_out: bool = typer.Option(False, "--json", help=JSON_HELP),
    verbose: bool = typer.Option(False, "-v", "--verbose", help="debug logging"),
    quiet: bool = typer.Option(False, "-q", "--quiet", help="no progress display"),
    show_version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="print the version and exit"
    ),
) -> None:
    _logging(verbose)
    try:
        settings = Settings()
    except ValidationError as exc:
        err = exc.errors()[0]
        raise ConfigError(f"setting {'.'.join(map(str, err['loc']))}: {err['msg']}") from exc
    ctx.obj = Cli(json=json_out, verbose=verbose, quiet=quiet, settings=settings)


def _logging(verbose: bool) -> None:
    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.WARNING, format="%(levelname)s %(message)s"
    )
    if not verbose:  # client libraries log every failed attempt with a traceback; we say it once
        for noisy in ("opensearch", "urllib3", "psycopg.pool", "botocore"):
            logging.getLogger(noisy).setLevel(logging.CRITICAL)


for _module in STAGE_COMMANDS:
    importlib.import_module(_module).register(app)


def hoist_globals(argv: Sequence[str]) -> list[str]:
    """Global flags anywhere before a `--` move to the front, so `jobmine report --json` works."""
    args = list(argv)
    end = args.index("--") if "--" in args else len(args)
    flags = [a for a in args[:end] if a in GLOBAL_FLAGS]
    rest = [a for a in args[:end] if a not in GLOBAL_FLAGS]
    return flags + rest + args[end:]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (2 for usage and configuration errors)."""
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    # With no PREFECT_API_URL a run starts Prefect's temporary server, which migrates a fresh SQLite database
    # first: Prefect's 20 s default was seen running out on a busy 2-core machine (demo, chaos runs).
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")
    # Prefect makes its home without parents, and its temporary server then restarts on "unable to open
    # database file" until the timeout: a PREFECT_HOME in a folder not made yet is made here.
    if prefect_home := os.environ.get("PREFECT_HOME"):
        Path(prefect_home).expanduser().mkdir(parents=True, exist_ok=True)
    args = hoist_globals(sys.argv[1:] if argv is None else argv)
    try:
        result = app(args=args, prog_name="jobmine", standalone_mode=False)
    except JobmineError as exc:
        print(f"jobmine: error: {exc}", file=sys.stderr)
        return 2
    except typer.Abort:
        print("jobmine: interrupted", file=sys.stderr)
        return 130
    except typer.TyperException as exc:  # a usage error: unknown option, missing or bad argument
        ctx = getattr(exc, "ctx", None)
        hint = f" (see `{ctx.command_path} --help`)" if ctx else ""
        message = exc.format_message()  # type: ignore[attr-defined]
        if message:  # empty when a bare group printed its help
            print(f"jobmine: error: {message}{hint}", file=sys.stderr)
        return getattr(exc, "exit_code", 2)
    return result if isinstance(result, int) else 0


def run() -> None:
    """Console entry point. Output piped into `head` ends quietly, as with any Unix tool: status 141 (what
    a SIGPIPE gives) and no traceback.

    SIGPIPE itself stays ignored, as Python sets it. With its default action, a write to any socket whose
    peer had closed it (a keep-alive connection the Prefect server, OpenSearch or an ATS host had dropped,
    which httpx would otherwise just reopen) killed the run on the spot: no cleanup, and the ephemeral
    Prefect server it had started stayed behind."""
    try:
        code = main()
        sys.stdout.flush()
    except (BrokenPipeError, SystemExit):  # click ends a command whose output pipe broke with exit(1)
        if not _stdout_reader_gone():
            raise
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # nothing left to flush at exit
        code = 128 + signal.SIGPIPE
    sys.exit(code)


def _stdout_reader_gone() -> bool:
    """Whether standard output is a pipe whose reader has gone (poll reports an error on its write end)."""
    try:
        poller = select.poll()
        poller.register(sys.stdout.fileno(), select.POLLOUT)
        return any(events & select.POLLERR for _, events in poller.poll(0))
    except (OSError, ValueError):
        return False


if __name__ == "__main__":
    run()
