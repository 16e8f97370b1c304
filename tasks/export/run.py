"""Exports streamed out of PostgreSQL as Arrow record batches, one batch in memory at a time.

The rows come through the ADBC PostgreSQL driver (Apache Arrow's own): it runs the query as
COPY ... TO STDOUT (FORMAT binary) and decodes the stream into Arrow columns in C++, so no Python object
is made per row or value, and timestamps and arrays travel as themselves. A batch is read ahead on a
second thread while the last one is written (both release the GIL), so PostgreSQL, the decoding and the
Parquet encoding overlap. Earlier designs and their figures are in docs/DATASET.md: a server-side cursor
(per-value Python objects), then COPY's CSV parsed by pyarrow (COPY's one message per row, received in
Python, was most of the client's time).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, date, datetime
from typing import Any

import adbc_driver_postgresql.dbapi as adbc
import psycopg
import pyarrow as pa
import pyarrow.compute as pc

from schemas.export import ExportSummary
from schemas.settings import Settings
from tasks.export.dataset import LEDGER, POSTINGS, conform
from tasks.export.writer import ExportFormat, PartitionedWriter, filesystem
from tasks.storage.database import Database
from tasks.storage.sql_queries import query

_SQL = "export/export.sql"
# Bytes of rows per batch (one Parquet row group): ~2,500 postings with their descriptions.
BLOCK_BYTES = 4 << 20


def _render(db: Database, name: str, params: dict[str, Any]) -> str:
    """The named query with its parameters quoted into it by psycopg (the driver binds none in COPY)."""
    with db.pool.connection() as conn:
        return psycopg.ClientCursor(conn).mogrify(query(name, _SQL), params)


def _stream(db: Database, name: str, params: dict[str, Any], block_bytes: int) -> Iterator[pa.RecordBatch]:
    """Record batches of a named query (about `block_bytes` each), the next one read while this is used."""
    sql = _render(db, name, params)
    with adbc.connect(db.dsn) as conn, conn.cursor() as cur:
        cur.execute("SET jit = off")  # one pass over every row: compiling costs more than it saves
        cur.adbc_statement.set_options(**{"adbc.postgresql.batch_size_hint_bytes": str(block_bytes)})
        cur.execute(sql)
        reader = cur.fetch_record_batch()
        with ThreadPoolExecutor(1, thread_name_prefix="export-read") as ahead:
            pending = ahead.submit(_next, reader)
            while (batch := pending.result()) is not None:
                pending = ahead.submit(_next, reader)
                yield batch


def _next(reader: pa.RecordBatchReader) -> pa.RecordBatch | None:
    try:
        return reader.read_next_batch()
    except StopIteration:
        return None


def _runs(days: pa.Array) -> Iterator[tuple[str, int, int]]:
    """(day, first row, row count) of each run of equal days, found in C++ (a snapshot is one long run)."""
    encoded = pc.run_end_encode(days)
    start = 0
    for day, end in zip(encoded.values.to_pylist(), encoded.run_ends.to_pylist(), strict=True):
        yield day, start, end - start
        start = end


def _export(
    settings: Settings,
    target: str,
    fmt: ExportFormat,
    dataset: str,
    schema: pa.Schema,
    batches: Iterator[pa.RecordBatch],
) -> ExportSummary:
    started = time.perf_counter()
    fs, root = filesystem(target, settings)
    writer = PartitionedWriter(fs, root, dataset, schema, fmt)
    try:
        for batch in batches:
            days, table = conform(batch, schema)
            for day, start, length in _runs(days):  # rows arrive ordered by day
                writer.write(day, table.slice(start, length))
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
    block_bytes: int = BLOCK_BYTES,
) -> ExportSummary:
    """Today's snapshot of every posting into `postings/date=<day>/` (rewritten if run again that day)."""
    label = (day or datetime.now(UTC).date()).isoformat()
    return _export(
        settings,
        target,
        fmt,
        "postings",
        POSTINGS,
        _stream(db, "postings", {"day": label}, block_bytes),
    )


def export_ledger(
    db: Database,
    settings: Settings,
    target: str,
    since: datetime,
    fmt: ExportFormat = "parquet",
    block_bytes: int = BLOCK_BYTES,
) -> ExportSummary:
    """Events at or after `since` into `ledger/date=<event day>/`; each day's partition rewritten whole.

    `since` is taken back to midnight UTC so the first partition, too, is complete."""
    start = datetime.combine(since.astimezone(UTC).date(), datetime.min.time(), tzinfo=UTC)
    return _export(
        settings, target, fmt, "ledger", LEDGER, _stream(db, "ledger", {"since": start}, block_bytes)
    )
