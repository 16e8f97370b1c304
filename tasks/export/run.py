"""Exports streamed out of PostgreSQL with COPY, one block in memory at a time.

COPY ... TO STDOUT (FORMAT csv) streams the result as the server produces it (nothing is held on either
side), and pyarrow's incremental CSV reader turns each block into Arrow columns in C++. A server-side
(named) cursor was the first design; at ~100k postings it spent its time in per-value Python objects
(psycopg rows, then `pa.array`) or, with JSON rows, in the server's `row_to_json` escaping every
description: both ~4x slower than this (docs/DATASET.md has the figures).
"""

from __future__ import annotations

import io
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from schemas.export import ExportSummary
from schemas.settings import Settings
from tasks.export.dataset import LEDGER, POSTINGS, csv_options, from_csv
from tasks.export.writer import ExportFormat, PartitionedWriter, filesystem
from tasks.storage.database import Database
from tasks.storage.sql_queries import query

_SQL = "export/export.sql"
# CSV per batch: ~2,500 postings with their descriptions, one Parquet row group. Exporting a million
# postings, 8 MB blocks peaked at 470-550 MB of memory and 4 MB blocks at 390 MB, at the same speed.
BLOCK_BYTES = 4 << 20


class _CopyStream(io.RawIOBase):
    """`read(size)` over COPY's chunks, for pyarrow's streaming reader.

    COPY hands over one row per chunk; joining them here, a block at a time, costs one `join` per block
    instead of a buffered reader's call per row."""

    def __init__(self, chunks: Iterator[Any]) -> None:
        self._chunks, self._rest = chunks, b""

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        parts, total = [self._rest], len(self._rest)
        for chunk in self._chunks:
            parts.append(chunk)
            total += len(chunk)
            if 0 <= size <= total:
                break
        data = b"".join(parts)
        if 0 <= size < len(data):
            self._rest, data = data[size:], data[:size]
        else:
            self._rest = b""
        return data


def _stream(
    db: Database, name: str, params: dict[str, Any], schema: pa.Schema, block_bytes: int
) -> Iterator[pa.RecordBatch]:
    """Record batches of a named query (about `block_bytes` of CSV each), as COPY streams it."""
    read, parse, convert = csv_options(schema, block_bytes)
    with db.pool.connection() as conn, conn.transaction():
        conn.execute("SET LOCAL jit = off")  # one pass over every row: compiling costs more than it saves
        with conn.cursor().copy(f"COPY ({query(name, _SQL)}) TO STDOUT (FORMAT csv)", params) as copy:
            reader = pacsv.open_csv(
                pa.PythonFile(_CopyStream(iter(copy)), mode="r"),
                read_options=read,
                parse_options=parse,
                convert_options=convert,
            )
            yield from reader


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
            days, table = from_csv(batch, schema)
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
        _stream(db, "postings", {"day": label}, POSTINGS, block_bytes),
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
        settings, target, fmt, "ledger", LEDGER, _stream(db, "ledger", {"since": start}, LEDGER, block_bytes)
    )
