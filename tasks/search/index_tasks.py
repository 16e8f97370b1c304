"""The index stage's Prefect tasks: catch up with PostgreSQL, or rebuild behind the alias."""

from __future__ import annotations

from prefect import task
from prefect.cache_policies import NO_CACHE

from schemas.progress import Progress
from tasks.search.index import IndexResult, SearchIndex
from tasks.storage.database import Database


@task(name="catch-up-index", cache_policy=NO_CACHE)
def catch_up_index(index: SearchIndex, db: Database, progress: Progress | None = None) -> IndexResult:
    """Every job changed since the alias's watermark; safe to rerun after any failure."""
    return index.catch_up(db, progress)


@task(name="rebuild-index", cache_policy=NO_CACHE)
def rebuild_index(index: SearchIndex, db: Database, progress: Progress | None = None) -> IndexResult:
    """A fresh versioned index filled from PostgreSQL, then one atomic alias swap."""
    return index.rebuild(db, progress)
