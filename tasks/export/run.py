"""Exports streamed out of PostgreSQL through a server-side cursor, one batch in memory at a time."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from itertools import groupby
from typing import Any

import pyarrow as pa
from psycopg.rows import tuple_row

from schemas.export import ExportSummary
from schemas.settings import Settings
from tasks.export.dataset import LEDGER, POSTINGS
from tasks.export.writer import ExportFormat, PartitionedWriter, filesystem
from tasks.storage.database import Database
from tasks.storage.sql_queries import query

_SQL = "export/export.sql"
BATCH_ROWS = 20_000


def _stream(
    db: Database, name: str, params: dict[str, Any], batch_rows: int
) -> Iterator[list[tuple[Any, ...]]]:
    """Batches of a named query's rows from a named (server-side) cursor: the server keeps the result."""
    with (
        db.pool.connection() as conn,
        conn.transaction(),
        conn.cursor(name=f"export_{name}", row_factory=tuple_row, binary=True) as cur,  # bytea as bytes
    ):
        cur.itersize = batch_rows
        cur.execute(query(name, _SQL), params)
        while rows := cur.fetchmany(batch_rows):
            yield rows


def _export(
    db: Database,
    settings: Settings,
    target: str,
    fmt: ExportFormat,
    dataset: str,
    schema: pa.Schema,
    batches: Iterator[list[tuple[Any, ...]]],
    day_of: Callable[[tuple[Any, ...]], str],
) -> ExportSummary:
    started = time.perf_counter()
    fs, root = filesystem(target, settings)
    writer = PartitionedWriter(fs, root, dataset, schema, fmt)
    try:
        for rows in batches:
            for day, run in groupby(rows, key=day_of):
                writer.write(day, [line for _, line in run])
    finally:
        writer.close()
    return ExportSummary(
        dataset=dataset,  # type: ignore[arg-type]
        format=fmt,
        target=target,
        rows=sum(writer.rows.values()),
        partitions=writer.rows,
        files=writer.files,
        seconds=round(time.perf_counter() - started, 3),
    )


def export_postings(
    db: Database,
    settings: Settings,
    target: str,
    fmt: ExportFormat = "parquet",
    day: date | None = None,
    batch_rows: int = BATCH_ROWS,
) -> ExportSummary:
    """Today's snapshot of every posting into `postings/date=<day>/` (rewritten if run again that day)."""
    label = (day or datetime.now(UTC).date()).isoformat()
    rows = _stream(db, "postings", {}, batch_rows)
    return _export(db, settings, target, fmt, "postings", POSTINGS, rows, lambda _: label)


def export_ledger(
    db: Database,
    settings: Settings,
    target: str,
    since: datetime,
    fmt: ExportFormat = "parquet",
    batch_rows: int = BATCH_ROWS,
) -> ExportSummary:
    """Events at or after `since` into `ledger/date=<event day>/`; each day's partition rewritten whole.

    `since` is taken back to midnight UTC so the first partition, too, is complete."""
    start = datetime.combine(since.astimezone(UTC).date(), datetime.min.time(), tzinfo=UTC)
    rows = _stream(db, "ledger", {"since": start}, batch_rows)
    return _export(db, settings, target, fmt, "ledger", LEDGER, rows, lambda r: r[0])
