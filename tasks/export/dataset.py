"""The exported files' schemas (documented in docs/DATASET.md) and rows -> Arrow batches.

pyarrow rather than DuckDB: the rows already stream out of PostgreSQL through psycopg's server-side
cursor (as JSON lines the server writes), and all that is left is to parse and write them; pyarrow parses a
batch of JSON lines in C++, its ParquetWriter appends one row group per batch to an open file (memory stays
at one batch), it writes CSV too, and talks to S3 itself. DuckDB would add a
second query engine whose `postgres` extension downloads at run time and reads tables its own way.
"""

from __future__ import annotations

from collections.abc import Sequence

import orjson
import pyarrow as pa
import pyarrow.json as pajson

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


def parse_lines(lines: Sequence[bytes], schema: pa.Schema) -> pa.Table:
    """JSON lines written by the server -> a table of exactly `schema` (any other field is an error)."""
    options = pajson.ParseOptions(explicit_schema=schema, unexpected_field_behavior="error")
    table = pajson.read_json(
        pa.BufferReader(b"\n".join(lines)),
        read_options=pajson.ReadOptions(block_size=max(1 << 20, 2 * max(map(len, lines), default=0))),
        parse_options=options,
    )
    return table.select(schema.names).cast(schema)


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
