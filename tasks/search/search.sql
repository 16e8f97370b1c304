-- name: index_bound
-- Run after taking the row-version lock exclusively: every row at or below this value is committed.
SELECT coalesce(max(row_version), 0) AS v FROM jobs;

-- name: jobs_to_index
SELECT job_uid, source_type, board_token, ats_job_id, company, title, department, locations, country,
       remote_type, employment_type, seniority, job_function, summary, skills, tools, cities, regions,
       countries, years_experience_min, salary_min_usd, salary_max_usd, salary_currency, salary_interval,
       salary_min, salary_max, posted_at, first_seen_at, updated_at, closed_at, stale_at, url, description_text, content_hash, row_version
FROM jobs
WHERE row_version > %(after)s AND row_version <= %(upto)s
ORDER BY row_version
LIMIT %(limit)s;

-- name: job_by_uid
SELECT job_uid, source_type, board_token, ats_job_id, company, title, department, locations, country,
       remote_type, employment_type, seniority, job_function, summary, skills, tools, cities, regions,
       countries, years_experience_min, salary_min_usd, salary_max_usd, salary_currency, salary_interval,
       salary_min, salary_max, remote_evidence, posted_at, updated_at, closed_at, url, apply_url, description_text, content_hash, field_sources,
       first_seen_at, last_seen_at, reopened_at, row_version
FROM jobs WHERE job_uid = %(job_uid)s;

-- name: table_exists
SELECT to_regclass(%(name)s) IS NOT NULL AS present;

-- name: table_columns
SELECT column_name FROM information_schema.columns
WHERE table_schema = current_schema() AND table_name = %(name)s;

-- name: pending_count
SELECT count(*) AS n FROM jobs WHERE row_version > %(after)s;

-- name: advance_watermark
-- Never moves back: two indexers racing each keep the highest mark either reached.
INSERT INTO index_watermarks (alias, row_version, updated_at) VALUES (%(alias)s, %(row_version)s, now())
ON CONFLICT (alias) DO UPDATE SET row_version = greatest(index_watermarks.row_version, excluded.row_version),
                                  updated_at = now();

-- name: reset_watermark
INSERT INTO index_watermarks (alias, row_version, updated_at) VALUES (%(alias)s, %(row_version)s, now())
ON CONFLICT (alias) DO UPDATE SET row_version = excluded.row_version, updated_at = now();

-- name: suggest_skills
SELECT name, kind, NULL::text AS matched_alias FROM skills
WHERE name ILIKE %(pattern)s
ORDER BY length(name), name
LIMIT %(limit)s;

-- name: suggest_skills_and_aliases
-- A skill once, through its name or its best (shortest) matching alias.
SELECT name, kind, matched_alias FROM (
    SELECT DISTINCT ON (s.skill_id) s.name, s.kind, m.alias AS matched_alias, m.rank
    FROM (
        SELECT skill_id, NULL::text AS alias, 0 AS rank FROM skills WHERE name ILIKE %(pattern)s
        UNION ALL
        SELECT skill_id, alias, 1 FROM skill_aliases WHERE alias ILIKE %(pattern)s
    ) m JOIN skills s USING (skill_id)
    ORDER BY s.skill_id, m.rank, length(m.alias)
) found
ORDER BY rank, length(name), name
LIMIT %(limit)s;
