"""The `extract` flow: every job in PostgreSQL whose extraction is not current goes through the tiers."""

from __future__ import annotations

from datetime import UTC, datetime

from prefect import flow, get_run_logger
from pydantic import BaseModel, Field

from extractors.fields import taxonomy
from schemas.progress import Progress, notify
from schemas.report import TierCost
from schemas.settings import Settings
from tasks.extract.chunk_task import extract_chunk
from tasks.extract.store import seed_skills
from tasks.extract.tiers import ExtractionResult
from tasks.reporting.publish import new_report, publish_report
from tasks.resources import open_database
from tasks.storage.database import Database


class ExtractSummary(BaseModel):
    """What an extract run did, per tier, with counts the run report adds up."""

    tier: str
    postings: int = 0
    jobs_changed: int = 0
    tiers: list[TierCost] = Field(default_factory=list)
    counts: dict[str, int] = Field(default_factory=dict)
    skills: dict[str, int] = Field(default_factory=dict)


@flow(name="extract")
def extract(
    tier: str | None = None,
    run_id: str | None = None,
    settings: Settings | None = None,
    progress: Progress | None = None,
) -> ExtractSummary:
    """Extract every job whose stamp is stale; rerunning finds nothing to do, a killed run resumes."""
    settings = settings or Settings()
    with open_database(settings) as db:
        return run_extract(db, settings, tier, run_id, progress)


def run_extract(
    db: Database,
    settings: Settings,
    tier: str | None,
    run_id: str | None,
    progress: Progress | None = None,
) -> ExtractSummary:
    """The extract stage on the run's database (`pipeline` passes its own); reports itself without `run_id`."""
    tier = tier or settings.extract_tier
    report = new_report("extract") if run_id is None else None  # run on its own: it reports itself
    run_id = run_id or report.run_id  # type: ignore[union-attr]
    summary = ExtractSummary(tier=tier)
    seed_skills(db, taxonomy.load())
    after = ""
    while True:
        result, changed, after = extract_chunk(db, settings, tier, after, run_id)
        if not result.results:
            break
        _add(summary, result, changed)
        notify(progress, "postings extracted", summary.postings)
    if report is not None:
        report.tiers, report.skills = summary.tiers, summary.skills
        report.counts = summary.counts | {"jobs_extracted_changed": summary.jobs_changed}
        report.finished_at = datetime.now(UTC)
        publish_report(report, settings, db)
    get_run_logger().info("extract %s: %s", tier, summary.model_dump(exclude={"skills"}))
    return summary


def _add(summary: ExtractSummary, result: ExtractionResult, changed: int) -> None:
    summary.postings += len(result.results)
    summary.jobs_changed += changed
    for key, value in result.counts.items():
        summary.counts[key] = summary.counts.get(key, 0) + value
    for ext in result.results:
        for skill in ext.skills + ext.tools:
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
