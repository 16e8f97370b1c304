"""The exported files' schemas (documented in docs/DATASET.md) and their conversions (CSV has no lists).

pyarrow rather than DuckDB: the rows arrive from PostgreSQL already as Arrow record batches (the ADBC
driver, tasks/export/run.py) and all that is left is to write them; pyarrow's ParquetWriter appends one
row group per batch to an open file (memory stays at one batch), it writes CSV too, and talks to S3
itself. DuckDB would add a second query engine whose `postgres` extension downloads at run time and reads
tables its own way.
"""

from __future__ import annotations

import orjson
import pyarrow as pa

SCHEMA_VERSION = 1
_TS = pa.timestamp("us", tz="UTC")
_TEXTS = pa.list_(pa.string())

POSTINGS = pa.schema(
    [
        ("job_uid", pa.string()),
        ("source_type", pa.string()),
        ("board_token", pa.string()),
        ("ats_job_id", pa.string()),
        ("company", pa.string()),
        ("title", pa.string()),
        ("department", pa.string()),
        ("locations", _TEXTS),
        ("url", pa.string()),
        ("apply_url", pa.string()),
        ("posted_at", _TS),
        ("updated_at", _TS),
        ("first_seen_at", _TS),
        ("last_seen_at", _TS),
        ("closed_at", _TS),
        ("stale_at", _TS),
        ("liveness", pa.string()),
        ("reposted_from", pa.string()),
        ("duplicate_group", pa.string()),
        ("remote_type", pa.string()),
        ("employment_type", pa.string()),
        ("seniority", pa.string()),
        ("job_function", pa.string()),
        ("country", pa.string()),
        ("countries", _TEXTS),
        ("regions", _TEXTS),
        ("cities", _TEXTS),
        ("skills", _TEXTS),
        ("tools", _TEXTS),
        ("years_experience_min", pa.int32()),
        ("salary_min_usd", pa.int32()),
        ("salary_max_usd", pa.int32()),
        ("salary_currency", pa.string()),
        ("salary_interval", pa.string()),
        ("summary", pa.string()),
        ("description_text", pa.string()),
        ("content_hash", pa.string()),
        ("field_tiers", pa.string()),
    ],
    metadata={"jobmine.dataset": "postings", "jobmine.schema_version": str(SCHEMA_VERSION)},
)

LEDGER = pa.schema(
    [("job_uid", pa.string()), ("event", pa.string()), ("at", _TS)],
    metadata={"jobmine.dataset": "ledger", "jobmine.schema_version": str(SCHEMA_VERSION)},
)


# Columns whose values are (nearly) one per row: a Parquet dictionary of them is built, outgrows its page
# and is thrown away, which cost most of the write time (measured on 30,000 postings: 0.43 s with every
# column dictionary-encoded, 0.12 s with these left plain).
_ONE_PER_ROW = frozenset(
    {"job_uid", "ats_job_id", "url", "duplicate_group", "summary", "description_text", "content_hash"}
)


def dictionary_columns(schema: pa.Schema) -> list[str]:
    """The Parquet column paths worth a dictionary: repeated labels (company, function, skills' items...),
    not the per-row texts, ids and timestamps."""
    paths = []
    for f in schema:
        if f.name in _ONE_PER_ROW or pa.types.is_timestamp(f.type):
            continue
        paths.append(f"{f.name}.list.element" if pa.types.is_list(f.type) else f.name)
    return paths


def conform(batch: pa.RecordBatch, schema: pa.Schema) -> tuple[pa.Array, pa.Table]:
    """The `day` column and the rows as `schema`: the driver's types are already these (int4 as int32,
    text[] as list<string>, timestamptz as UTC microseconds); the cast drops its per-field metadata."""
    return batch.column("day"), pa.Table.from_batches([batch]).select(schema.names).cast(schema)


def for_csv(batch: pa.Table) -> pa.Table:
    """CSV has no lists: list columns become JSON arrays in a string column."""
    arrays, fields = [], []
    for field, array in zip(batch.schema, batch.columns, strict=True):
        if pa.types.is_list(field.type):
            values = [
                None if v is None else orjson.dumps(v).decode() for v in array.to_pylist()
            ]  # small columns
            array, field = pa.array(values, pa.string()), pa.field(field.name, pa.string())
        arrays.append(array)
        fields.append(field)
    return pa.table(arrays, schema=pa.schema(fields))
