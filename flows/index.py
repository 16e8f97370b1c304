"""The `index` flow: bring OpenSearch up to PostgreSQL (catch up), or rebuild it behind the alias."""

from __future__ import annotations

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE

from schemas.search import IndexSummary
from schemas.settings import Settings
from tasks.database import Database
from tasks.search_index import IndexResult, SearchIndex, pending_jobs


@task(name="catch-up-index", cache_policy=NO_CACHE)
def catch_up_index(index: SearchIndex, db: Database) -> IndexResult:
    """Every job changed since the alias's watermark; safe to rerun after any failure."""
    return index.catch_up(db)


@task(name="rebuild-index", cache_policy=NO_CACHE)
def rebuild_index(index: SearchIndex, db: Database) -> IndexResult:
    """A fresh versioned index filled from PostgreSQL, then one atomic alias swap."""
    return index.rebuild(db)


@flow(name="index")
def index(rebuild: bool = False, settings: Settings | None = None) -> IndexSummary:
    """Catch the search index up with PostgreSQL, or rebuild it with no downtime (`rebuild=True`)."""
    settings = settings or Settings()
    search = SearchIndex(settings.os_url, settings.index_alias)
    with Database(settings.pg_dsn) as db:
        db.migrate()
        search.check()
        result = rebuild_index(search, db) if rebuild else catch_up_index(search, db)
        pending = pending_jobs(db, result.watermark)
    summary = IndexSummary(
        mode="rebuild" if rebuild else "catch_up",
        indexed=result.indexed,
        watermark=result.watermark,
        index=result.index,
        pending=pending,
    )
    get_run_logger().info("index %s: %s", settings.index_alias, summary.model_dump())
    return summary
