"""PostgreSQL side of extraction: which jobs need it, the answer cache, `llm_calls`, and writing results."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import psycopg
from psycopg.types.json import Jsonb

from extractors.ats.common import build_job
from extractors.fields import taxonomy
from extractors.fields.version import rules_version
from schemas.errors import LoadError
from schemas.extracted import JOB_COLUMNS, JobExtracted
from schemas.job import FieldSource, Job, StructuredFields
from tasks.extract.llm_calls import LlmCall
from tasks.storage.database import Database
from tasks.storage.sql_queries import query

SQL = "extract/extraction.sql"


def q(name: str) -> str:
    return query(name, SQL)


class PgAnswerCache:
    """The answer cache in `extraction_cache`, keyed by (description hash, prompt version, model)."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def get_many(self, keys: Sequence[str], prompt: str, model: str) -> dict[str, dict]:
        with self.db.transaction() as conn:
            rows = conn.execute(q("cache_get"), {"keys": list(keys), "prompt": prompt, "model": model})
            return {r["description_hash"]: r["answer"] for r in rows.fetchall()}

    def put_many(self, answers: dict[str, dict], prompt: str, model: str) -> None:
        with self.db.transaction() as conn, conn.cursor() as cur:
            cur.executemany(
                q("cache_put"),
                [
                    {"key": k, "prompt": prompt, "model": model, "answer": Jsonb(v)}
                    for k, v in answers.items()
                ],
            )


def seed_skills(db: Database, tax: taxonomy.Taxonomy) -> int:
    """Load the taxonomy into `skills` / `skill_aliases` when the table does not hold it yet (idempotent)."""
    with db.transaction() as conn:
        row = conn.execute(q("count_skills")).fetchone()
        if row and row["n"] >= len(tax.entries):
            return 0
        ids: dict[str, int] = {}
        for entry in tax.entries:
            ids[entry.canonical] = conn.execute(
                q("seed_skill"), {"name": entry.canonical, "kind": entry.kind}
            ).fetchone()["skill_id"]
        with conn.cursor() as cur:
            cur.executemany(
                q("seed_alias"),
                [
                    {"alias": alias, "skill_id": ids[name]}
                    for name, aliases in tax.aliases().items()
                    for alias in aliases
                ],
            )
    return len(tax.entries)


def jobs_to_extract(db: Database, signature: str, limit: int, after: str = "") -> list[Job]:
    """The next jobs (by uid) whose extraction stamp is not current, rebuilt as `Job`s."""
    with db.transaction() as conn:
        rows = conn.execute(
            q("jobs_to_extract"), {"signature": signature, "limit": limit, "after": after}
        ).fetchall()
    return [job_from_row(r) for r in rows]


def ats_salary_units(db: Database, uids: Sequence[str]) -> dict[str, tuple[str | None, str | None]]:
    """Currency and interval the ATS stated, for jobs whose salary came from the ATS (kept as stated)."""
    with db.transaction() as conn:
        rows = conn.execute(
            "SELECT job_uid, salary_currency, salary_interval FROM jobs"
            " WHERE job_uid = ANY(%(uids)s) AND field_sources ->> 'salary_min_usd' = 'ats'",
            {"uids": list(uids)},
        ).fetchall()
    return {r["job_uid"]: (r["salary_currency"], r["salary_interval"]) for r in rows}


def job_from_row(row: dict[str, Any]) -> Job:
    """A `Job` from its `jobs` row; values the ATS stated come back as structured fields, so they still win."""
    sources = row.get("field_sources") or {}
    ats = {k for k, v in sources.items() if v == FieldSource.ats.value}
    structured = StructuredFields(
        workplace_type=row["remote_type"] if "remote_type" in ats else None,
        employment_type=row["employment_type"].replace("_", "-") if "employment_type" in ats else None,
        country=row["country"] if "country" in ats else None,
    )
    if "salary_min_usd" in ats and row["salary_min_usd"] is not None:
        structured.salary_min, structured.salary_max = row["salary_min_usd"], row["salary_max_usd"]
        structured.salary_currency, structured.salary_interval = "USD", "year"
    job = build_job(
        source_type=row["source_type"],
        board_token=row["board_token"],
        ats_job_id=row["ats_job_id"],
        title=row["title"],
        company=row["company"],
        locations=list(row["locations"] or []),
        department=row["department"],
        description_text=row["description_text"] or "",
        structured=structured,
    )
    return job.model_copy(update={"content_hash": row["content_hash"]})


def save_results(
    db: Database,
    jobs: Sequence[Job],
    results: Sequence[JobExtracted],
    stamp_of: dict[str, str],
    run_id: str,
    tax: taxonomy.Taxonomy,
    ats_units: dict[str, tuple[str | None, str | None]] | None = None,
) -> int:
    """Write every result in one transaction: `job_extractions`, `job_skills`, the `jobs` columns; returns
    how many jobs changed in a way a reader can see."""
    changed = 0
    try:
        with db.transaction() as conn:
            for job, ext in zip(jobs, results, strict=True):
                if ats_units and job.job_uid in ats_units:
                    cur, interval = ats_units[job.job_uid]
                    ext = ext.model_copy(update={"salary_currency": cur, "salary_interval": interval})
                changed += _save_one(conn, job, ext, stamp_of[job.job_uid], run_id, tax)
    except psycopg.Error as exc:
        raise LoadError(f"saving {len(results)} extractions failed, nothing kept: {exc}") from exc
    return changed


def record_calls(db: Database, calls: Sequence[LlmCall], run_id: str) -> None:
    if not calls:
        return
    with db.transaction() as conn, conn.cursor() as cur:
        cur.executemany(q("record_call"), [c.__dict__ | {"run_id": run_id} for c in calls])


def _save_one(
    conn: psycopg.Connection[Any],
    job: Job,
    ext: JobExtracted,
    stamp: str,
    run_id: str,
    tax: taxonomy.Taxonomy,
) -> int:
    fields = ext.model_dump(mode="json", exclude={"field_tiers", "boilerplate"})
    tiers = {k: v.value for k, v in ext.field_tiers.items()}
    status = "failed" if ext.failed_tiers else "ok"
    conn.execute(
        q("upsert_extraction"),
        {
            "job_uid": job.job_uid,
            "tier": "final",
            "content_hash": job.content_hash,
            "description_hash": None,
            "prompt_version": ext.prompt_version,
            "model": ext.model,
            "status": status,
            "fields": Jsonb(fields),
            "field_tiers": Jsonb(tiers),
            "run_id": run_id,
        },
    )
    for tier in sorted(set(tiers.values()) - {"ats"}):
        mine = {k: fields.get(k) for k, v in tiers.items() if v == tier}
        conn.execute(
            q("upsert_extraction"),
            {
                "job_uid": job.job_uid,
                "tier": tier,
                "content_hash": job.content_hash,
                "description_hash": None,
                "prompt_version": ext.prompt_version if tier != "rules" else rules_version(),
                "model": ext.model if tier != "rules" else None,
                "status": "ok",
                "fields": Jsonb(mine),
                "field_tiers": Jsonb({k: tier for k in mine}),
                "run_id": run_id,
            },
        )
    canonical = _canonical_skills(ext, tax)
    conn.execute(q("clear_job_skills"), {"job_uid": job.job_uid})
    if canonical:
        tier = tiers.get("skills") or tiers.get("tools") or "rules"
        conn.execute(q("add_job_skills"), {"job_uid": job.job_uid, "tier": tier, "names": canonical})
    before = conn.execute("SELECT row_version FROM jobs WHERE job_uid = %s", (job.job_uid,)).fetchone()
    conn.execute(q("apply_extraction"), _job_columns(job, ext, tiers, stamp))
    after = conn.execute("SELECT row_version FROM jobs WHERE job_uid = %s", (job.job_uid,)).fetchone()
    return int(bool(before and after and before["row_version"] != after["row_version"]))


def _canonical_skills(ext: JobExtracted, tax: taxonomy.Taxonomy) -> list[str]:
    skills, tools = taxonomy.match("\n".join([*ext.skills, *ext.tools]), tax)
    return skills + tools


def _job_columns(job: Job, ext: JobExtracted, tiers: dict[str, str], stamp: str) -> dict[str, Any]:
    """The `jobs` columns of an extraction: the model's field names are the column names."""
    values = ext.model_dump(mode="json", include=set(JOB_COLUMNS))
    sources = {k: v for k, v in tiers.items() if k in JOB_COLUMNS} | {"_extraction": stamp}
    return values | {
        "job_uid": job.job_uid,
        "content_hash": job.content_hash,
        "cities": list(dict.fromkeys(loc.city for loc in ext.locations if loc.city)),
        "regions": list(dict.fromkeys(loc.state for loc in ext.locations if loc.state)),
        "countries": list(dict.fromkeys(loc.country for loc in ext.locations if loc.country)),
        "field_sources": Jsonb(sources),
    }
