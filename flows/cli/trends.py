"""`jobmine trends` (a short table, `--json`, `--plot DIR`) and `jobmine export` (the dataset as files)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import typer
from pydantic import ValidationError

from flows.cli.common import choice, cli
from schemas.errors import ConfigError
from schemas.settings import Settings
from schemas.trends import TrendsReport, TrendsRequest

PANEL = "Trends & dataset"
DIMENSIONS = ("all", "company", "job_function", "seniority", "country", "skill", "source")


def register(app: typer.Typer) -> None:
    app.command("trends", rich_help_panel=PANEL)(trends)
    app.command("export", rich_help_panel=PANEL)(export)


def _date(value: str | None, option: str) -> datetime | None:
    if value is None:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError as exc:
        raise ConfigError(f"{option} must be an ISO date or date-time, not {value!r}") from exc
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def trends(
    ctx: typer.Context,
    by: str = typer.Option("all", callback=choice(*DIMENSIONS), help="split the weekly counts by this"),
    weeks: int = typer.Option(12, help="whole weeks (Monday to Monday, UTC) in the window"),
    until: str | None = typer.Option(None, help="ISO date the window ends at (default: now)"),
    filters: list[str] = typer.Option([], "--filter", help="NAME=VALUE as in search, repeatable"),
    min_count: int | None = typer.Option(None, help="hide figures behind fewer postings (default: settings)"),
    refresh: bool = typer.Option(False, "--refresh", help="mark stale postings and refresh the views first"),
    plot: Path | None = typer.Option(None, help="also write the PNG charts into this folder"),
) -> None:
    """Hiring trends: postings per week, salary bands, days open, rising skills, freshness."""
    from extractors.search.query import parse_filters

    run = cli(ctx)
    try:
        req = TrendsRequest(
            by=by,
            weeks=weeks,
            until=_date(until, "--until"),
            filters=parse_filters(filters),
            min_count=min_count,
        )
    except ValidationError as exc:
        raise ConfigError(str(exc.errors()[0]["msg"])) from exc
    report, text = trends_text(run.settings, req, refresh, plot)
    run.emit(report.model_dump(mode="json"), text)


def trends_text(
    settings: Settings, req: TrendsRequest, refresh: bool, plot: Path | None
) -> tuple[TrendsReport, str]:
    """The report and its short text, after an optional refresh; charts into `plot` when given."""
    from extractors.trends.views import short_text
    from tasks.storage.database import Database
    from tasks.trends import store
    from tasks.trends.charts import write_charts

    with Database(settings.pg_dsn) as db:
        db.migrate()
        if refresh:
            store.mark_stale(db, settings.stale_after_days)
            store.refresh_view(db)
        report = store.trends(db, req, settings)
    text = short_text(report)
    if plot:
        text += "\ncharts: " + ", ".join(str(c) for c in write_charts(report, plot))
    return report, text


def export(
    ctx: typer.Context,
    to: str | None = typer.Option(None, help="folder or s3://bucket/prefix (default: JOBMINE_EXPORT_DIR)"),
    fmt: str = typer.Option(
        "parquet", "--format", callback=choice("parquet", "csv", "jsonl"), help="file format"
    ),
    since: str | None = typer.Option(None, help="ledger events from this ISO date (default: 2 days ago)"),
    only: str | None = typer.Option(
        None, callback=choice("postings", "ledger"), help="write just this dataset"
    ),
) -> None:
    """Write the dataset (postings snapshot, event ledger) as date-partitioned files."""
    from tasks.export.run import export_ledger, export_postings
    from tasks.storage.database import Database

    run = cli(ctx)
    settings = run.settings
    target = to or settings.export_dir
    start = _date(since, "--since") or datetime.now(UTC) - timedelta(days=2)
    done = []
    with Database(settings.pg_dsn) as db:
        db.migrate()
        if only in (None, "postings"):
            done.append(export_postings(db, settings, target, fmt))  # type: ignore[arg-type]
        if only in (None, "ledger"):
            done.append(export_ledger(db, settings, target, start, fmt))  # type: ignore[arg-type]
    rows = [{k: v for k, v in s.model_dump().items() if k != "files"} for s in done]
    text = "\n".join(
        f"{s.dataset}: {s.rows} rows in {len(s.partitions)} partitions under {s.target} ({s.seconds}s)"
        for s in done
    )
    run.emit(rows, text)


def demo_trends(settings: Settings) -> str:
    """The end of `make demo`: a short trends table over the demo's postings and where its charts are."""
    folder = settings.reports_dir / "trends" / "demo"
    _, text = trends_text(settings, TrendsRequest(weeks=4, min_count=1), refresh=True, plot=folder)
    return text
