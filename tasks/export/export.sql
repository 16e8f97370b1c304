-- The exported dataset, streamed as COPY's binary rows straight into Arrow columns (tasks/export/run.py).
-- Columns are named and ordered as in `tasks/export/dataset.py`'s schemas, after a leading `day` (the
-- partition); arrays and timestamps travel as themselves.

-- name: postings
-- Every posting as PostgreSQL holds it now, with its liveness, repost link and per-field tiers. Liveness and
-- the repost link are the `job_freshness` view's (migration 0009) written out over `j`: joining the view
-- scanned `jobs` twice. tests/trends/test_export.py holds the two equal.
SELECT %(day)s::text AS day, j.job_uid, j.source_type, j.board_token, j.ats_job_id, j.company, j.title,
       j.department, j.locations, j.url, j.apply_url, j.posted_at, j.updated_at, j.first_seen_at,
       j.last_seen_at, j.closed_at, j.stale_at,
       CASE WHEN j.closed_at IS NOT NULL THEN 'closed' WHEN j.stale_at IS NOT NULL THEN 'stale' ELSE 'open' END
           AS liveness,
       (SELECT p.job_uid FROM jobs p
        WHERE p.duplicate_group = j.duplicate_group AND p.closed_at IS NOT NULL
          AND p.closed_at <= j.first_seen_at AND p.job_uid <> j.job_uid
        ORDER BY p.closed_at DESC, p.job_uid LIMIT 1) AS reposted_from,
       j.duplicate_group, j.remote_type, j.employment_type, j.seniority,
       j.job_function, j.country, j.countries, j.regions, j.cities, j.skills, j.tools,
       j.years_experience_min, j.salary_min_usd, j.salary_max_usd, j.salary_currency, j.salary_interval,
       j.summary, j.description_text, j.content_hash, (j.field_sources - '_extraction')::text AS field_tiers
FROM jobs j

-- name: ledger
-- Lifecycle events at or after `since`, oldest first: opened (first seen), changed (a snapshot after the
-- posting's first), closed and reopened (the `job_events` trigger).
SELECT (e.at AT TIME ZONE 'UTC')::date::text AS day, e.job_uid, e.event, e.at FROM (
    SELECT job_uid, 'opened' AS event, first_seen_at AS at FROM jobs WHERE first_seen_at >= %(since)s
    UNION ALL
    SELECT s.job_uid, 'changed', s.captured_at FROM job_snapshots s
    WHERE s.captured_at >= %(since)s
      AND EXISTS (SELECT 1 FROM job_snapshots p WHERE p.job_uid = s.job_uid AND p.id < s.id)
    UNION ALL
    SELECT job_uid, event, at FROM job_events WHERE at >= %(since)s
) e
ORDER BY e.at, e.job_uid, e.event
