"""The clients one run needs, opened once at the start and closed at the end.

`pipeline` opens them all once and hands them to every stage; a stage flow run on its own opens only
what it needs through the same functions, so a run has one PostgreSQL pool and checks migrations once.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import httpx

from schemas.settings import Settings
from tasks.http.client import http_client
from tasks.reporting.log_scrub import mask_secrets_in_logs
from tasks.reporting.report_store import known_secrets
from tasks.search.index import SearchIndex
from tasks.storage.database import Database
from tasks.storage.raw_store import RawStore, open_raw_store


@dataclass
class Resources:
    settings: Settings
    db: Database
    store: RawStore
    index: SearchIndex
    http: httpx.Client


def preflight(settings: Settings) -> None:
    """Raise `ServiceUnavailable` naming the first backing service that does not answer."""
    with Database(settings.pg_dsn):
        pass
    SearchIndex(settings.os_url, settings.index_alias).check()
    open_raw_store(settings)


@contextmanager
def open_database(settings: Settings) -> Iterator[Database]:
    """The run's one PostgreSQL pool, migrated once."""
    with Database(settings.pg_dsn) as db:
        db.migrate()
        yield db


@contextmanager
def open_resources(settings: Settings) -> Iterator[Resources]:
    """Check every service first, so a missing one fails the run before any work, with one clear line.
    The run's secrets are masked in every log record from here on."""
    mask_secrets_in_logs(known_secrets(settings))
    index = SearchIndex(settings.os_url, settings.index_alias)
    db = Database(settings.pg_dsn).open()
    try:
        index.check()
        store = open_raw_store(settings)
        db.migrate()
        index.ensure()
        with http_client(settings) as http:
            yield Resources(settings=settings, db=db, store=store, index=index, http=http)
    finally:
        db.close()
