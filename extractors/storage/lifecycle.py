"""What makes a posting "changed" for its history, and which postings are copies of one another."""

from __future__ import annotations

from dataclasses import astuple, dataclass

from extractors.text.hashing import content_hash, sha256_bytes
from schemas.extracted import JobRecord


@dataclass(frozen=True)
class Tracked:
    """The fields whose change writes a `job_snapshots` row."""

    title: str
    locations: list[str]
    salary_min: float | None
    salary_max: float | None
    salary_currency: str | None
    salary_interval: str | None
    description_hash: str
    workplace_type: str | None

    @property
    def digest(self) -> str:
        return content_hash({"t": list(astuple(self))})


def tracked(record: JobRecord) -> Tracked:
    """Tracked fields of a record: the ATS's own salary and workplace when it states them."""
    job, ext = record.job, record.extraction
    s = job.structured
    ats_salary = s.salary_min is not None or s.salary_max is not None
    return Tracked(
        title=job.title,
        locations=list(job.locations),
        salary_min=s.salary_min if ats_salary else ext.salary_min_usd,
        salary_max=s.salary_max if ats_salary else ext.salary_max_usd,
        salary_currency=s.salary_currency if ats_salary else ext.salary_currency,
        salary_interval=s.salary_interval if ats_salary else ext.salary_interval,
        description_hash=description_hash(job.description_text),
        workplace_type=s.workplace_type or ext.remote_type.value,
    )


def description_hash(text: str) -> str:
    """Whitespace-insensitive, so re-wrapped HTML is not a change."""
    return sha256_bytes(" ".join(text.split()).encode())


def duplicate_group(record: JobRecord) -> str:
    """Multi-location copies share company, title and description; they share this id."""
    job = record.job
    key = {
        "company": job.company.casefold(),
        "title": job.title.casefold(),
        "d": description_hash(job.description_text),
    }
    return content_hash(key)[:20]
