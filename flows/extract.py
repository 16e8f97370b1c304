"""The `extract` flow: every job in PostgreSQL whose extraction is not current goes through the tiers."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE
from pydantic import BaseModel, Field

from extractors.fields import taxonomy
from flows.reporting import new_report, publish_report
from schemas.report import TierCost
from schemas.settings import Settings
from tasks.extract.store import (
    PgAnswerCache,
    ats_salary_units,
    jobs_to_extract,
    record_calls,
    save_results,
    seed_skills,
)
from tasks.extract.tiers import ExtractionResult, extract_jobs, signature
from tasks.recovery import killpoints
from tasks.storage.database import Database

_CHUNK = 200


class ExtractSummary(BaseModel):
    """What an extract run did, per tier, with counts the run report adds up."""

    tier: str
    postings: int = 0
    jobs_changed: int = 0
    tiers: list[TierCost] = Field(default_factory=list)
    counts: dict[str, int] = Field(default_factory=dict)
    skills: dict[str, int] = Field(default_factory=dict)


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


@flow(name="extract")
def extract(
    tier: str | None = None, run_id: str | None = None, settings: Settings | None = None
) -> ExtractSummary:
    """Extract every job whose stamp is stale; rerunning finds nothing to do, a killed run resumes."""
    settings = settings or Settings()
    tier = tier or settings.extract_tier
    report = new_report("extract") if run_id is None else None  # run on its own: it reports itself
    run_id = run_id or report.run_id  # type: ignore[union-attr]
    summary = ExtractSummary(tier=tier)
    with Database(settings.pg_dsn) as db:
        db.migrate()
        seed_skills(db, taxonomy.load())
        after = ""
        while True:
            result, changed, after = extract_chunk(db, settings, tier, after, run_id)
            if not result.results:
                break
            _add(summary, result, changed)
        if report is not None:
            report.tiers, report.skills = summary.tiers, summary.skills
            report.counts = summary.counts | {"jobs_extracted_changed": summary.jobs_changed}
            report.finished_at = datetime.now(UTC)
            publish_report(report, settings, db)
    get_run_logger().info("extract %s: %s", tier, summary.model_dump(exclude={"skills"}))
    return summary


def _stamp(content_hash: str, sig: str) -> str:
    return hashlib.md5(f"{content_hash}{sig}".encode()).hexdigest()  # matches md5() in extraction.sql


def _add(summary: ExtractSummary, result: ExtractionResult, changed: int) -> None:
    summary.postings += len(result.results)
    summary.jobs_changed += changed
    for key, value in result.counts.items():
        summary.counts[key] = summary.counts.get(key, 0) + value
    for ext in result.results:
        for skill in ext.skills_raw + ext.tools_raw:
            summary.skills[skill] = summary.skills.get(skill, 0) + 1
    by_tier = {t.tier: t for t in summary.tiers}
    for cost in result.tiers:
        mine = by_tier.get(cost.tier)
        if mine is None:
            summary.tiers.append(cost.model_copy())
            continue
        for name in ("postings", "calls", "tokens_in", "tokens_out", "cache_hits", "escalated"):
            setattr(mine, name, getattr(mine, name) + getattr(cost, name))
        mine.usd = round(mine.usd + cost.usd, 6)
        mine.note = mine.note or cost.note
