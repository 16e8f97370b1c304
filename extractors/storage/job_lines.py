"""Normalized postings as JSON lines (what `jobmine parse` prints), read back in batches for a bulk load."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from pydantic import ValidationError

from extractors.fields.rules_fields import stated_fields
from schemas.errors import PayloadError
from schemas.extracted import JobRecord
from schemas.job import Job


def record_batches(lines: Iterable[str | bytes], size: int) -> Iterator[list[JobRecord]]:
    """Each line a `Job`, with what its ATS states as data, `size` at a time; blank lines are skipped.

    A line that is not a `Job` stops the reading with its line number, before its batch is handed on,
    so everything before that batch is loaded and a re-run after the fix loads the rest.
    """
    batch: list[JobRecord] = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            job = Job.model_validate_json(line)
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"]) or "line"
            raise PayloadError("bad_posting", f"line {number}: {where}: {first['msg']}") from None
        batch.append(JobRecord(job=job, extraction=stated_fields(job)))
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch
