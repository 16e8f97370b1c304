-- name: jobs_to_extract
-- A job needs extraction when its stamp (content hash + what the tiers depend on) is not the current one;
-- a re-ingest that resets field_sources clears the stamp, so the job is extracted again (cache hits).
SELECT job_uid, source_type, board_token, ats_job_id, title, company, locations, department,
       description_text, content_hash, remote_type, employment_type, seniority, salary_min_usd,
       salary_max_usd, salary_currency, salary_interval, country, field_sources
FROM jobs
WHERE (field_sources ->> '_extraction') IS DISTINCT FROM md5(content_hash || %(signature)s)
  AND job_uid > %(after)s
ORDER BY job_uid
LIMIT %(limit)s;

-- name: cache_get
SELECT description_hash, answer FROM extraction_cache
WHERE description_hash = ANY(%(keys)s) AND prompt_version = %(prompt)s AND model = %(model)s;

-- name: cache_put
INSERT INTO extraction_cache (description_hash, prompt_version, model, answer)
VALUES (%(key)s, %(prompt)s, %(model)s, %(answer)s)
ON CONFLICT (description_hash, prompt_version, model) DO NOTHING;

-- name: record_call
INSERT INTO llm_calls (run_id, tier, model, prompt_version, postings, tokens_in, tokens_out, latency_ms,
                       usd, outcome, detail)
VALUES (%(run_id)s, %(tier)s, %(model)s, %(prompt_version)s, %(postings)s, %(tokens_in)s, %(tokens_out)s,
        %(latency_ms)s, %(usd)s, %(outcome)s, %(detail)s);

-- name: upsert_extraction
INSERT INTO job_extractions (job_uid, tier, content_hash, description_hash, prompt_version, model, status,
                             fields, field_tiers, run_id, extracted_at)
VALUES (%(job_uid)s, %(tier)s, %(content_hash)s, %(description_hash)s, %(prompt_version)s, %(model)s,
        %(status)s, %(fields)s, %(field_tiers)s, %(run_id)s, now())
ON CONFLICT (job_uid, tier) DO UPDATE SET
    content_hash = excluded.content_hash, description_hash = excluded.description_hash,
    prompt_version = excluded.prompt_version, model = excluded.model, status = excluded.status,
    fields = excluded.fields, field_tiers = excluded.field_tiers, run_id = excluded.run_id,
    extracted_at = excluded.extracted_at;

-- name: apply_extraction
-- Only when the content is still the one extracted (a concurrent re-ingest wins); a new row_version
-- only when something a reader sees changed, so the search index picks it up.
UPDATE jobs AS j SET
    remote_type = %(remote_type)s, employment_type = %(employment_type)s, seniority = %(seniority)s,
    salary_min_usd = %(salary_min_usd)s, salary_max_usd = %(salary_max_usd)s,
    salary_currency = %(salary_currency)s, salary_interval = %(salary_interval)s, country = %(country)s,
    salary_min = %(salary_min)s, salary_max = %(salary_max)s, remote_evidence = %(remote_evidence)s,
    job_function = %(job_function)s, summary = %(summary)s, skills = %(skills)s, tools = %(tools)s,
    cities = %(cities)s, regions = %(regions)s, countries = %(countries)s,
    years_experience_min = %(years_experience_min)s, field_sources = %(field_sources)s,
    row_version = CASE
        WHEN (j.remote_type, j.employment_type, j.seniority, j.salary_min_usd, j.salary_max_usd,
              j.salary_currency, j.salary_interval, j.country, j.job_function, j.summary, j.skills, j.tools,
              j.cities, j.regions, j.countries, j.years_experience_min, j.salary_min, j.salary_max,
              j.remote_evidence)
             IS DISTINCT FROM
             (%(remote_type)s, %(employment_type)s, %(seniority)s, %(salary_min_usd)s::integer,
              %(salary_max_usd)s::integer, %(salary_currency)s, %(salary_interval)s, %(country)s,
              %(job_function)s, %(summary)s, %(skills)s::text[], %(tools)s::text[], %(cities)s::text[],
              %(regions)s::text[], %(countries)s::text[], %(years_experience_min)s::integer,
              %(salary_min)s::double precision, %(salary_max)s::double precision, %(remote_evidence)s::text)
        THEN nextval('jobs_row_version_seq') ELSE j.row_version END
WHERE j.job_uid = %(job_uid)s AND j.content_hash = %(content_hash)s;

-- name: clear_job_skills
DELETE FROM job_skills WHERE job_uid = %(job_uid)s;

-- name: add_job_skills
INSERT INTO job_skills (job_uid, skill_id, tier)
SELECT %(job_uid)s, s.skill_id, %(tier)s FROM skills s WHERE s.name = ANY(%(names)s)
ON CONFLICT DO NOTHING;

-- name: seed_skill
INSERT INTO skills (name, kind) VALUES (%(name)s, %(kind)s)
ON CONFLICT (name) DO UPDATE SET kind = excluded.kind
RETURNING skill_id;

-- name: seed_alias
INSERT INTO skill_aliases (alias, skill_id) VALUES (%(alias)s, %(skill_id)s)
ON CONFLICT (alias) DO UPDATE SET skill_id = excluded.skill_id;

-- name: count_skills
SELECT count(*) AS n FROM skills;
