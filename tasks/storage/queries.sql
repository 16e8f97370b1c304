-- name: start_run
INSERT INTO runs (run_id, flow, started_at) VALUES (%(run_id)s, %(flow)s, %(started_at)s)
ON CONFLICT (run_id) DO NOTHING;

-- name: finish_run
UPDATE runs SET finished_at = %(finished_at)s, report = %(report)s, status = 'finished'
WHERE run_id = %(run_id)s;

-- name: record_fetch
INSERT INTO board_fetches (run_id, source_type, board_token, http_status, payload_sha256, raw_key,
                           postings, status, reason, detail)
VALUES (%(run_id)s, %(source_type)s, %(board_token)s, %(http_status)s, %(payload_sha256)s, %(raw_key)s,
        %(postings)s, %(status)s, %(reason)s, %(detail)s)
ON CONFLICT (run_id, source_type, board_token) DO UPDATE SET
    fetched_at = now(), http_status = excluded.http_status, payload_sha256 = excluded.payload_sha256,
    raw_key = excluded.raw_key, postings = excluded.postings, status = excluded.status,
    reason = excluded.reason, detail = excluded.detail;

-- name: create_staging
CREATE TEMP TABLE IF NOT EXISTS jobs_staging (
    job_uid text, source_type text, board_token text, ats_job_id text, title text, company text,
    locations text[], department text, url text, apply_url text, posted_at timestamptz,
    updated_at timestamptz, description_text text, content_hash text, record_hash text,
    remote_type text, employment_type text, seniority text, salary_min_usd integer,
    salary_max_usd integer, salary_currency text, salary_interval text, country text, field_sources jsonb
) ON COMMIT DELETE ROWS;

-- name: merge_staging
-- One statement per batch: new rows are inserted, changed rows get a new row_version (so the
-- search index picks them up), unchanged rows only get last_seen. Staging holds what the ATS states as
-- data; an unchanged record keeps the columns and `field_sources` (with its stamp) that extraction wrote,
-- so re-ingesting a board does not send its unchanged postings through extraction again.
INSERT INTO jobs AS j (job_uid, source_type, board_token, ats_job_id, title, company, locations, department,
                       url, apply_url, posted_at, updated_at, description_text, content_hash, record_hash,
                       remote_type, employment_type, seniority, salary_min_usd, salary_max_usd,
                       salary_currency, salary_interval, country, field_sources,
                       first_seen_at, last_seen_at, first_run_id, last_run_id)
SELECT job_uid, source_type, board_token, ats_job_id, title, company, locations, department,
       url, apply_url, posted_at, updated_at, description_text, content_hash, record_hash,
       remote_type, employment_type, seniority, salary_min_usd, salary_max_usd,
       salary_currency, salary_interval, country, field_sources,
       %(seen_at)s, %(seen_at)s, %(run_id)s, %(run_id)s
FROM jobs_staging
ON CONFLICT (job_uid) DO UPDATE SET
    title = excluded.title, company = excluded.company, locations = excluded.locations,
    department = excluded.department, url = excluded.url, apply_url = excluded.apply_url,
    posted_at = excluded.posted_at, updated_at = excluded.updated_at,
    description_text = excluded.description_text, content_hash = excluded.content_hash,
    record_hash = excluded.record_hash,
    remote_type = CASE WHEN j.record_hash = excluded.record_hash THEN j.remote_type ELSE excluded.remote_type END,
    employment_type = CASE WHEN j.record_hash = excluded.record_hash THEN j.employment_type ELSE excluded.employment_type END,
    seniority = CASE WHEN j.record_hash = excluded.record_hash THEN j.seniority ELSE excluded.seniority END,
    salary_min_usd = CASE WHEN j.record_hash = excluded.record_hash THEN j.salary_min_usd ELSE excluded.salary_min_usd END,
    salary_max_usd = CASE WHEN j.record_hash = excluded.record_hash THEN j.salary_max_usd ELSE excluded.salary_max_usd END,
    salary_currency = CASE WHEN j.record_hash = excluded.record_hash THEN j.salary_currency ELSE excluded.salary_currency END,
    salary_interval = CASE WHEN j.record_hash = excluded.record_hash THEN j.salary_interval ELSE excluded.salary_interval END,
    country = CASE WHEN j.record_hash = excluded.record_hash THEN j.country ELSE excluded.country END,
    field_sources = CASE WHEN j.record_hash = excluded.record_hash THEN j.field_sources ELSE excluded.field_sources END,
    last_seen_at = excluded.last_seen_at, last_run_id = excluded.last_run_id,
    row_version = CASE WHEN j.record_hash IS DISTINCT FROM excluded.record_hash
                       THEN nextval('jobs_row_version_seq') ELSE j.row_version END
RETURNING (xmax = 0) AS inserted, row_version;

-- name: get_watermark
SELECT row_version FROM index_watermarks WHERE alias = %(alias)s;
