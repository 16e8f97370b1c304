"""What every `jobmine` command shares: the global options, the settings, output and the progress display.

A command takes `ctx: typer.Context` and calls `cli(ctx)` to get a `Cli`: `.settings` (the one
`Settings`, built at the entry point), `.json` (the global `--json`, accepted before or after the
subcommand), `.emit(data, text)` to print a result either way, and `.progress()` to get a `Progress`
callback to hand to a flow (a live rich display on a terminal, silent otherwise).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import IO, Any

import typer

from schemas.errors import ConfigError
from schemas.progress import Progress
from schemas.settings import Settings

JSON_HELP = "print results as JSON (also accepted before the subcommand: `jobmine --json ...`)"


@dataclass
class Cli:
    """The global options of one invocation, and the settings built from the environment."""

    json: bool = False
    verbose: bool = False
    quiet: bool = False
    settings: Settings = field(default_factory=Settings)

    def emit(self, data: Any, text: str | None = None) -> None:
        """Print a result: `data` as JSON with `--json` (or when there is no text form), else `text`."""
        if self.json or text is None:
            out = (
                data if isinstance(data, str) else json.dumps(data, indent=2, default=str, ensure_ascii=False)
            )
            sys.stdout.write(out.rstrip("\n") + "\n")
        else:
            sys.stdout.write(text.rstrip("\n") + "\n")

    @contextmanager
    def progress(self, stream: IO[str] | None = None) -> Iterator[Progress | None]:
        """A `Progress` callback drawing a live display for the duration of the block, or `None` (pass
        it on as is) when stderr is not a terminal or `--quiet` was given."""
        stream = stream or sys.stderr
        if self.quiet or not stream.isatty():
            yield None
            return
        with live_progress(stream) as update:
            yield update


def cli(ctx: typer.Context) -> Cli:
    """The invocation's `Cli`, set by the root callback (a bare `Cli()` when a command runs alone)."""
    root = ctx.find_root()
    if not isinstance(root.obj, Cli):
        root.obj = Cli()
    return root.obj


@contextmanager
def live_progress(stream: IO[str]) -> Iterator[Progress]:
    """One rich bar per label: count (of total), rate per second, elapsed and time left."""
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        ProgressColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )
    from rich.progress import (
        Progress as Bars,
    )
    from rich.text import Text

    class RateColumn(ProgressColumn):
        def render(self, task: Any) -> Text:
            return Text(f"{task.speed:,.1f}/s" if task.speed else "", style="progress.data.speed")

    bars = Bars(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        RateColumn(),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=Console(file=stream, force_terminal=True),
    )
    tasks: dict[str, Any] = {}

    def update(label: str, done: int, total: int | None) -> None:
        if label not in tasks:
            tasks[label] = bars.add_task(label, total=total)
        bars.update(tasks[label], completed=done, total=total)

    with bars:
        yield update


def choice(*values: str) -> Callable[[Any], Any]:
    """An option or argument callback accepting only `values` (single, repeatable or optional)."""

    def check(value: Any) -> Any:
        for v in value if isinstance(value, list | tuple) else [value]:
            if v is not None and v not in values:
                raise typer.BadParameter(f"{v!r} is not one of: {', '.join(values)}")
        return value

    return check


def positive(value: int, option: str) -> int:
    """A count option that must be 1 or more: a clear usage error otherwise."""
    if value < 1:
        raise ConfigError(f"{option} must be at least 1, not {value}")
    return value


def checkout_only(module: str, command: str) -> Any:
    """Import dev tooling that exists only in a jobmine checkout (`make install` puts it on the path)."""
    import importlib

    try:
        return importlib.import_module(module)
    except ModuleNotFoundError as exc:
        if exc.name and (module == exc.name or module.startswith(exc.name + ".")):
            raise ConfigError(
                f"`jobmine {command}` needs a jobmine checkout (run it from one after `make install`)"
            ) from exc
        raise
