"""The extract stage's Prefect task: one chunk of stale jobs through the tiers, saved."""

from __future__ import annotations

import hashlib

from prefect import task
from prefect.cache_policies import NO_CACHE

from extractors.fields import taxonomy
from schemas.settings import Settings
from tasks.extract.store import PgAnswerCache, ats_salary_units, jobs_to_extract, record_calls, save_results
from tasks.extract.tiers import ExtractionResult, extract_jobs, signature
from tasks.recovery import killpoints
from tasks.storage.database import Database

_CHUNK = 200


@task(name="extract-chunk", cache_policy=NO_CACHE)
def extract_chunk(
    db: Database, settings: Settings, tier: str, after: str, run_id: str
) -> tuple[ExtractionResult, int, str]:
    """One chunk of jobs: read, run the tiers (cache first), write results and calls in PostgreSQL."""
    sig = signature(settings, tier)
    jobs = jobs_to_extract(db, sig, _CHUNK, after)
    if not jobs:
        return ExtractionResult(results=[], tiers=[]), 0, ""
    result = extract_jobs(jobs, settings, tier, cache=PgAnswerCache(db))
    # A posting whose LLM tier failed keeps a stale stamp, so the next run tries it again.
    stamps = {
        j.job_uid: "retry" if ext.failed_tiers else _stamp(j.content_hash, sig)
        for j, ext in zip(jobs, result.results, strict=True)
    }
    record_calls(db, result.calls.calls if result.calls else [], run_id)  # paid calls are kept first
    killpoints.reached("extract:mid-batch")
    units = ats_salary_units(db, [j.job_uid for j in jobs])
    changed = save_results(db, jobs, result.results, stamps, run_id, taxonomy.load(), units)
    return result, changed, jobs[-1].job_uid


def _stamp(content_hash: str, sig: str) -> str:
    return hashlib.md5(f"{content_hash}{sig}".encode()).hexdigest()  # matches md5() in extraction.sql
