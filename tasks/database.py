"""PostgreSQL, the system of record: migrations, idempotent batch loads, the index watermark."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import psycopg
from psycopg.rows import dict_row
from psycopg.types.json import Jsonb
from psycopg_pool import ConnectionPool, PoolTimeout

from extractors.hashing import content_hash
from schemas.errors import LoadError, ServiceUnavailable
from schemas.job import JobRecord
from tasks.sql_queries import query

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
STAGING_COLUMNS = (
    "job_uid",
    "source_type",
    "board_token",
    "ats_job_id",
    "title",
    "company",
    "locations",
    "department",
    "url",
    "apply_url",
    "posted_at",
    "updated_at",
    "description_text",
    "content_hash",
    "record_hash",
    "remote_type",
    "employment_type",
    "seniority",
    "salary_min_usd",
    "salary_max_usd",
    "salary_currency",
    "salary_interval",
    "country",
    "field_sources",
)
_HINT = "start the local one with `jobmine services up`, or set JOBMINE_DATABASE_URL"


@dataclass(frozen=True)
class UpsertResult:
    inserted: int
    updated: int
    unchanged: int


def record_row(record: JobRecord) -> tuple[Any, ...]:
    """The staging row of a record; `record_hash` changes whenever anything a reader sees changes."""
    job, ext = record.job, record.extraction
    ext_json = ext.model_dump(mode="json")
    row = {
        "job_uid": job.job_uid,
        "source_type": job.source_type,
        "board_token": job.board_token,
        "ats_job_id": job.ats_job_id,
        "title": job.title,
        "company": job.company,
        "locations": job.locations,
        "department": job.department,
        "url": job.url,
        "apply_url": job.apply_url,
        "posted_at": job.posted_at,
        "updated_at": job.updated_at,
        "description_text": job.description_text,
        "content_hash": job.content_hash,
        "remote_type": ext.remote_type.value,
        "employment_type": ext.employment_type.value,
        "seniority": ext.seniority.value,
        "salary_min_usd": ext.salary_min_usd,
        "salary_max_usd": ext.salary_max_usd,
        "salary_currency": ext.salary_currency,
        "salary_interval": ext.salary_interval,
        "country": ext.country,
        "field_sources": Jsonb(ext_json["sources"]),
    }
    row["record_hash"] = content_hash({"job": job.content_hash, "extraction": ext_json})
    return tuple(row[c] for c in STAGING_COLUMNS)


def redact(dsn: str) -> str:
    """A DSN safe to print: no password."""
    info = psycopg.conninfo.conninfo_to_dict(dsn)
    info.pop("password", None)
    return " ".join(f"{k}={v}" for k, v in info.items())


class Database:
    """A small repository over a psycopg pool; SQL lives in `tasks/sql/`."""

    def __init__(self, dsn: str, max_size: int = 4) -> None:
        self.dsn = dsn
        self.pool = ConnectionPool(
            dsn, min_size=1, max_size=max_size, open=False, kwargs={"autocommit": False}
        )

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
        """Apply every pending migration (idempotent; safe from concurrent processes)."""
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
                conn.execute(query("create_staging"))
                with conn.cursor().copy(
                    f"COPY jobs_staging ({', '.join(STAGING_COLUMNS)}) FROM STDIN"
                ) as copy:
                    for record in records:
                        copy.write_row(record_row(record))
                floor = conn.execute("SELECT nextval('jobs_row_version_seq') AS v").fetchone()["v"]
                rows = conn.execute(query("merge_staging"), {"run_id": run_id, "seen_at": seen_at}).fetchall()
                if then is not None:
                    then(conn)
        except psycopg.Error as exc:
            raise LoadError(f"loading {len(records)} jobs failed, nothing kept: {exc}") from exc
        inserted = sum(1 for r in rows if r["inserted"])
        changed = sum(1 for r in rows if not r["inserted"] and r["row_version"] > floor)
        return UpsertResult(inserted=inserted, updated=changed, unchanged=len(rows) - inserted - changed)

    def watermark(self, alias: str) -> int:
        row = self.one("get_watermark", alias=alias)
        return int(row["row_version"]) if row else 0
