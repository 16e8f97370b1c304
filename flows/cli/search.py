"""`jobmine search`, `jobmine index` and `jobmine api`: the search stage from the shell."""

from __future__ import annotations

import argparse
import json
from datetime import datetime

from pydantic import ValidationError

from schemas.errors import ConfigError
from schemas.settings import Settings


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("search", help="full-text search with facets over the loaded jobs")
    p.add_argument("query", nargs="?", default="")
    p.add_argument("--facet", action="append", default=[], help="facet to count, repeatable")
    p.add_argument("--filter", action="append", default=[], help="NAME=VALUE, repeatable")
    p.add_argument("--salary-min", type=int, help="paying at least this (USD/year) at the top")
    p.add_argument("--salary-max", type=int, help="paying at most this (USD/year) at the bottom")
    p.add_argument("--posted-since", help="ISO date or date-time")
    p.add_argument("--sort", choices=["relevance", "date", "salary"], default="relevance")
    p.add_argument("--search-after", help="the `next` cursor printed by the previous page")
    p.add_argument("--include-closed", action="store_true", help="also show closed postings")
    p.add_argument("--size", type=int, default=10)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=_search)

    p = sub.add_parser("index", help="catch the search index up with PostgreSQL, or rebuild it")
    p.add_argument("action", choices=["catch-up", "rebuild"])
    p.set_defaults(func=_index)

    p = sub.add_parser("api", help="serve the search API (FastAPI, OpenAPI at /docs)")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.set_defaults(func=_api)


def _search(args: argparse.Namespace, settings: Settings) -> int:
    from extractors.search.query import parse_filters
    from flows.cli.main import format_search
    from schemas.search import SearchRequest
    from tasks.search.index import SearchIndex

    try:
        req = SearchRequest(
            text=args.query or "",
            filters=parse_filters(args.filter),
            facets=args.facet,
            salary_min=args.salary_min,
            salary_max=args.salary_max,
            posted_since=datetime.fromisoformat(args.posted_since) if args.posted_since else None,
            sort=args.sort,
            search_after=args.search_after,
            include_closed=args.include_closed,
            size=args.size,
        )
    except (ValidationError, ValueError) as exc:
        raise ConfigError(_first_problem(exc)) from exc
    index = SearchIndex(settings.os_url, settings.index_alias)
    index.check()
    result = index.search(req)
    if args.json:
        print(json.dumps(result, indent=2, ensure_ascii=False))
    else:
        print(format_search(result))
        if result["next"]:
            print(f"next page: --search-after {result['next']}")
    return 0


def _first_problem(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err["loc"])
        return f"{where}: {err['msg']}" if where else err["msg"]
    return f"posted-since: {exc}"


def _index(args: argparse.Namespace, settings: Settings) -> int:
    from flows.index import index

    summary = index(rebuild=args.action == "rebuild", settings=settings)
    print(summary.model_dump_json())
    return 0


def _api(args: argparse.Namespace, settings: Settings) -> int:
    import uvicorn

    from tasks.api.app import create_app

    uvicorn.run(create_app(settings), host=args.host, port=args.port, log_level="info")
    return 0
