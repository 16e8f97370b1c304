"""`jobmine search`, `jobmine index catch-up|rebuild` and `jobmine api`: the search stage from the shell."""

from __future__ import annotations

from datetime import datetime

import typer
from pydantic import ValidationError

from flows.cli.common import choice, cli
from schemas.errors import ConfigError

PANEL = "Search"


def register(app: typer.Typer) -> None:
    app.command("search", rich_help_panel=PANEL)(search)
    index = typer.Typer(help="Catch the search index up with PostgreSQL, or rebuild it")
    index.command("catch-up")(catch_up)
    index.command("rebuild")(rebuild)
    app.add_typer(index, name="index", rich_help_panel="Store & index")
    app.command("api", rich_help_panel=PANEL)(api)


def search(
    ctx: typer.Context,
    query: str = typer.Argument("", help="full-text query"),
    facet: list[str] = typer.Option([], help="facet to count, repeatable"),
    filters: list[str] = typer.Option([], "--filter", help="NAME=VALUE, repeatable"),
    salary_min: int | None = typer.Option(None, help="paying at least this (USD/year) at the top"),
    salary_max: int | None = typer.Option(None, help="paying at most this (USD/year) at the bottom"),
    posted_since: str | None = typer.Option(None, help="ISO date or date-time"),
    sort: str = typer.Option(
        "relevance", callback=choice("relevance", "date", "salary"), help="relevance, date or salary"
    ),
    search_after: str | None = typer.Option(None, help="the `next` cursor printed by the previous page"),
    include_closed: bool = typer.Option(False, "--include-closed", help="also show closed postings"),
    size: int = typer.Option(10, help="hits per page"),
) -> None:
    """Full-text search with facets over the loaded jobs."""
    from extractors.search.query import parse_filters
    from schemas.search import SearchRequest
    from tasks.search.index import SearchIndex

    run = cli(ctx)
    try:
        req = SearchRequest(
            text=query,
            filters=parse_filters(filters),
            facets=facet,
            salary_min=salary_min,
            salary_max=salary_max,
            posted_since=datetime.fromisoformat(posted_since) if posted_since else None,
            sort=sort,
            search_after=search_after,
            include_closed=include_closed,
            size=size,
        )
    except (ValidationError, ValueError) as exc:
        raise ConfigError(_first_problem(exc)) from exc
    index = SearchIndex(run.settings.os_url, run.settings.index_alias)
    index.check()
    result = index.search(req)
    text = format_search(result)
    if result["next"]:
        text += f"\nnext page: --search-after {result['next']}"
    run.emit(result, text)


def format_search(result: dict) -> str:
    lines = [f"{result['total']} jobs"]
    for hit in result["hits"]:
        pay = f"  ${hit['salary_min_usd']:,}-{hit['salary_max_usd']:,}" if hit.get("salary_min_usd") else ""
        lines.append(f"  {hit['title']} — {hit['company']} [{hit['remote_type']}, {hit['seniority']}]{pay}")
    for facet, buckets in result["facets"].items():
        lines.append(f"{facet}:")
        lines += [f"  {key:<24} {count}" for key, count in buckets.items()]
    return "\n".join(lines)


def _first_problem(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err["loc"])
        return f"{where}: {err['msg']}" if where else err["msg"]
    return f"posted-since: {exc}"


def catch_up(ctx: typer.Context) -> None:
    """Index every job changed in PostgreSQL since the last catch-up."""
    _index(ctx, rebuild=False)


def rebuild(ctx: typer.Context) -> None:
    """Fill a new index version from PostgreSQL and swap the alias to it (no downtime)."""
    _index(ctx, rebuild=True)


def _index(ctx: typer.Context, rebuild: bool) -> None:
    from flows.index import index

    run = cli(ctx)
    with run.progress() as progress:
        summary = index(rebuild=rebuild, settings=run.settings, progress=progress)
    run.emit(summary.model_dump_json())


def api(
    ctx: typer.Context,
    host: str = typer.Option("127.0.0.1", help="address to listen on"),
    port: int = typer.Option(8000, help="port to listen on"),
) -> None:
    """Serve the search API (FastAPI, OpenAPI at /docs)."""
    import uvicorn

    from tasks.api.app import create_app

    uvicorn.run(create_app(cli(ctx).settings), host=host, port=port, log_level="info")
