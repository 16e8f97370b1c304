-- The exported dataset: one JSON object per row (named as in `tasks/export/dataset.py`'s schemas) and the
-- day of its partition. The server writes the JSON; pyarrow parses a whole batch of lines in C++, so no
-- Python object is made per value (a row of 38 values through psycopg's loaders cost ~100x more).

-- name: postings
-- Every posting as PostgreSQL holds it now, with its liveness, repost link and per-field tiers.
SELECT NULL::text AS day, convert_to(row_to_json(p)::text, 'UTF8') AS line FROM (
SELECT j.job_uid, j.source_type, j.board_token, j.ats_job_id, j.company, j.title, j.department, j.locations,
       j.url, j.apply_url, j.posted_at, j.updated_at, j.first_seen_at, j.last_seen_at, j.closed_at, j.stale_at,
       f.liveness, f.reposted_from, j.duplicate_group, j.remote_type, j.employment_type, j.seniority,
       j.job_function, j.country, j.countries, j.regions, j.cities, j.skills, j.tools, j.years_experience_min,
       j.salary_min_usd, j.salary_max_usd, j.salary_currency, j.salary_interval, j.summary,
       j.description_text, j.content_hash, (j.field_sources - '_extraction')::text AS field_tiers
FROM jobs j JOIN job_freshness f USING (job_uid)
) p;

-- name: ledger
-- Lifecycle events at or after `since`, oldest first: opened (first seen), changed (a snapshot after the
-- posting's first), closed and reopened (the `job_events` trigger).
SELECT (e.at AT TIME ZONE 'UTC')::date::text AS day, convert_to(row_to_json(e)::text, 'UTF8') AS line FROM (
    SELECT job_uid, 'opened' AS event, first_seen_at AS at FROM jobs WHERE first_seen_at >= %(since)s
    UNION ALL
    SELECT s.job_uid, 'changed', s.captured_at FROM job_snapshots s
    WHERE s.captured_at >= %(since)s
      AND EXISTS (SELECT 1 FROM job_snapshots p WHERE p.job_uid = s.job_uid AND p.id < s.id)
    UNION ALL
    SELECT job_uid, event, at FROM job_events WHERE at >= %(since)s
) e
ORDER BY at, job_uid, event;
