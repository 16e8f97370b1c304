"""PostgreSQL, the system of record: migrations, idempotent batch loads, the index watermark."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import orjson
import psycopg
from psycopg.rows import dict_row
from psycopg.types.json import Jsonb
from psycopg_pool import ConnectionPool, PoolTimeout

from extractors.text.hashing import sha256_bytes
from schemas.errors import LoadError, ServiceUnavailable
from schemas.extracted import JOB_COLUMNS, JobRecord
from tasks.storage.sql_queries import query

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
# Staging columns and their PostgreSQL types: the loader COPYs in binary, so each value goes over the
# wire in its native form and the server parses no text.
STAGING_TYPES: dict[str, str] = {
    "job_uid": "text",
    "source_type": "text",
    "board_token": "text",
    "ats_job_id": "text",
    "title": "text",
    "company": "text",
    "locations": "text[]",
    "department": "text",
    "url": "text",
    "apply_url": "text",
    "posted_at": "timestamptz",
    "updated_at": "timestamptz",
    "description_text": "text",
    "content_hash": "text",
    "record_hash": "text",
    "remote_type": "text",
    "employment_type": "text",
    "seniority": "text",
    "salary_min_usd": "int4",
    "salary_max_usd": "int4",
    "salary_currency": "text",
    "salary_interval": "text",
    "country": "text",
    "field_sources": "jsonb",
}
STAGING_COLUMNS = tuple(STAGING_TYPES)
_COPY_STAGING = f"COPY jobs_staging ({', '.join(STAGING_COLUMNS)}) FROM STDIN (FORMAT BINARY)"
_HINT = "start the local one with `jobmine services up`, or set JOBMINE_DATABASE_URL"


@dataclass(frozen=True)
class UpsertResult:
    inserted: int
    updated: int
    unchanged: int

    def __add__(self, other: UpsertResult) -> UpsertResult:
        return UpsertResult(
            self.inserted + other.inserted, self.updated + other.updated, self.unchanged + other.unchanged
        )


def record_row(record: JobRecord) -> tuple[Any, ...]:
    """The staging row of a record, in `STAGING_COLUMNS` order.

    `record_hash` changes whenever anything a reader sees changes; it decides whether a row gets a new
    `row_version` and whether the merge keeps the extracted columns, so it is hashed with orjson (sorted
    keys) to keep the hot path cheap.
    """
    job, ext = record.job, record.extraction
    sources = {k: v.value for k, v in ext.field_tiers.items() if k in JOB_COLUMNS}
    values = (
        ext.remote_type.value,
        ext.employment_type.value,
        ext.seniority.value,
        ext.salary_min_usd,
        ext.salary_max_usd,
        ext.salary_currency,
        ext.salary_interval,
        ext.country,
    )
    record_hash = sha256_bytes(
        orjson.dumps({"extraction": [values, sources], "job": job.content_hash}, option=orjson.OPT_SORT_KEYS)
    )
    return (
        job.job_uid,
        job.source_type,
        job.board_token,
        job.ats_job_id,
        job.title,
        job.company,
        job.locations,
        job.department,
        job.url,
        job.apply_url,
        job.posted_at,
        job.updated_at,
        job.description_text,
        job.content_hash,
        record_hash,
        *values,
        Jsonb(sources, dumps=_dumps_json),
    )


def _dumps_json(obj: Any) -> str:
    return orjson.dumps(obj).decode()


def redact(dsn: str) -> str:
    """A DSN safe to print: no password."""
    info = psycopg.conninfo.conninfo_to_dict(dsn)
    info.pop("password", None)
    return " ".join(f"{k}={v}" for k, v in info.items())


def _stage(conn: psycopg.Connection[Any], records: Iterable[JobRecord]) -> None:
    """The batch into this transaction's staging table, as binary COPY."""
    conn.execute(query("create_staging"))
    with conn.cursor().copy(_COPY_STAGING) as copy:
        copy.set_types(list(STAGING_TYPES.values()))
        for record in records:
            copy.write_row(record_row(record))


def _merge(conn: psycopg.Connection[Any], run_id: str, seen_at: datetime) -> UpsertResult:
    """Staging into `jobs` with one statement; counts what was new, changed and unchanged."""
    floor = conn.execute("SELECT nextval('jobs_row_version_seq') AS v").fetchone()["v"]
    rows = conn.execute(query("merge_staging"), {"run_id": run_id, "seen_at": seen_at}).fetchall()
    inserted = sum(1 for r in rows if r["inserted"])
    changed = sum(1 for r in rows if not r["inserted"] and r["row_version"] > floor)
    return UpsertResult(inserted=inserted, updated=changed, unchanged=len(rows) - inserted - changed)


def _give_back(pool: ConnectionPool, conn: psycopg.Connection[Any]) -> None:
    """Return a connection taken outside `transaction()`; an open transaction is rolled back."""
    if conn.info.transaction_status != psycopg.pq.TransactionStatus.IDLE:
        conn.rollback()
    pool.putconn(conn)


def _batch_failed(size: int, exc: psycopg.Error) -> LoadError:
    return LoadError(f"loading a batch of {size} jobs failed, nothing of it kept: {exc}")


def _settled(future: Future[UpsertResult], size: int) -> UpsertResult:
    try:
        return future.result()
    except psycopg.Error as exc:
        raise _batch_failed(size, exc) from exc


class Database:
    """A small repository over a psycopg pool; SQL lives in `.sql` files beside each stage package."""

    def __init__(self, dsn: str, max_size: int = 4) -> None:
        self.dsn = dsn
        self.pool = ConnectionPool(
            dsn, min_size=1, max_size=max_size, open=False, kwargs={"autocommit": False}
        )
        self.migrated = False  # checked once per run: every stage of the run shares this object

    def open(self, timeout: float = 5.0) -> Database:
        """Probe once (one clear error instead of the pool's retry warnings), then open the pool."""
        try:
            psycopg.connect(self.dsn, connect_timeout=max(1, int(timeout))).close()
        except psycopg.OperationalError as exc:
            raise ServiceUnavailable("PostgreSQL", redact(self.dsn), _HINT) from exc
        try:
            self.pool.open(wait=True, timeout=timeout)
        except PoolTimeout as exc:
            self.pool.close()
            raise ServiceUnavailable("PostgreSQL", redact(self.dsn), _HINT) from exc
        return self

    def close(self) -> None:
        self.pool.close()

    def __enter__(self) -> Database:
        return self.open()

    def __exit__(self, *exc: object) -> None:
        self.close()

    def migrate(self) -> None:
        """Apply every pending migration (idempotent; safe from concurrent processes); once per object."""
        if self.migrated:
            return
        from alembic import command
        from alembic.config import Config
        from sqlalchemy import create_engine

        engine = create_engine("postgresql+psycopg://", creator=lambda: psycopg.connect(self.dsn))
        try:
            with engine.connect() as connection:
                cfg = Config()
                cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
                cfg.attributes["connection"] = connection
                command.upgrade(cfg, "heads")
        finally:
            engine.dispose()
        self.migrated = True

    @contextmanager
    def transaction(self) -> Iterator[psycopg.Connection[dict[str, Any]]]:
        with self.pool.connection() as conn:
            conn.row_factory = dict_row  # type: ignore[assignment]
            with conn.transaction():
                yield conn  # type: ignore[misc]

    def one(self, name: str, **params: Any) -> dict[str, Any] | None:
        with self.transaction() as conn:
            return conn.execute(query(name), params).fetchone()

    def all(self, name: str, **params: Any) -> list[dict[str, Any]]:
        with self.transaction() as conn:
            return conn.execute(query(name), params).fetchall()

    def execute(self, name: str, **params: Any) -> None:
        with self.transaction() as conn:
            conn.execute(query(name), params)

    def start_run(self, run_id: str, flow: str, started_at: datetime) -> None:
        self.execute("start_run", run_id=run_id, flow=flow, started_at=started_at)

    def finish_run(self, run_id: str, finished_at: datetime, report_json: str) -> None:
        self.execute(
            "finish_run", run_id=run_id, finished_at=finished_at, report=Jsonb(json.loads(report_json))
        )

    def record_fetch(self, **fields: Any) -> None:
        self.execute("record_fetch", **fields)

    def upsert_records(
        self,
        records: Sequence[JobRecord],
        run_id: str,
        seen_at: datetime,
        then: Callable[[psycopg.Connection[dict[str, Any]]], None] | None = None,
    ) -> UpsertResult:
        """COPY into staging and merge with one statement; the whole batch lands or none of it.

        `then` runs in the same transaction after the merge (the scrape stage's history and lifecycle).
        """
        if not records and then is None:
            return UpsertResult(0, 0, 0)
        try:
            with self.transaction() as conn:
                _stage(conn, records)
                result = _merge(conn, run_id, seen_at)
                if then is not None:
                    then(conn)
        except psycopg.Error as exc:
            raise LoadError(f"loading {len(records)} jobs failed, nothing kept: {exc}") from exc
        return result

    def upsert_stream(
        self, batches: Iterable[Sequence[JobRecord]], run_id: str, seen_at: datetime
    ) -> UpsertResult:
        """Many batches, each its own all-or-nothing transaction, committed in order.

        Two connections take turns: while one merges and commits batch k, the other already has batch
        k+1 copied into its staging table, so building rows here overlaps the server's work there. A
        failing batch stops the stream; the batches before it stay committed (a re-run is idempotent).
        """
        totals = UpsertResult(0, 0, 0)
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="merge") as merger:
            pending: tuple[Future[UpsertResult], int, psycopg.Connection[Any]] | None = None
            try:
                for batch in batches:
                    if not batch:
                        continue
                    conn = self._staged(batch)
                    try:
                        if pending is not None:
                            totals = totals + _settled(pending[0], pending[1])
                    except BaseException:
                        _give_back(self.pool, conn)
                        raise
                    pending = (merger.submit(self._merge_and_commit, conn, run_id, seen_at), len(batch), conn)
            except BaseException:
                if pending is not None and pending[0].cancel():
                    _give_back(self.pool, pending[2])  # never merged: its transaction is rolled back
                raise
            if pending is not None:
                totals = totals + _settled(pending[0], pending[1])
        return totals

    def _staged(self, batch: Sequence[JobRecord]) -> psycopg.Connection[dict[str, Any]]:
        """A pooled connection whose open transaction holds `batch` in its staging table."""
        conn = self.pool.getconn()
        try:
            conn.row_factory = dict_row  # type: ignore[assignment]
            _stage(conn, batch)
        except BaseException as exc:
            _give_back(self.pool, conn)
            if isinstance(exc, psycopg.Error):
                raise _batch_failed(len(batch), exc) from exc
            raise
        return conn  # type: ignore[return-value]

    def _merge_and_commit(
        self, conn: psycopg.Connection[dict[str, Any]], run_id: str, seen_at: datetime
    ) -> UpsertResult:
        try:
            result = _merge(conn, run_id, seen_at)
            conn.commit()
            return result
        finally:
            _give_back(self.pool, conn)

    def watermark(self, alias: str) -> int:
        row = self.one("get_watermark", alias=alias)
        return int(row["row_version"]) if row else 0
