-- name: board_state
SELECT api_base, payload_sha256, raw_key, postings, last_ok_at
FROM board_state WHERE source_type = %(source_type)s AND board_token = %(board_token)s;

-- name: raw_key_for_payload
-- Content addressing across days: the first key these bytes were stored under.
SELECT raw_key FROM board_fetches
WHERE source_type = %(source_type)s AND board_token = %(board_token)s
  AND payload_sha256 = %(payload_sha256)s AND raw_key IS NOT NULL
ORDER BY fetched_at LIMIT 1;

-- name: save_board_state
INSERT INTO board_state (source_type, board_token, api_base, payload_sha256, raw_key, postings, last_ok_at)
VALUES (%(source_type)s, %(board_token)s, %(api_base)s, %(payload_sha256)s, %(raw_key)s, %(postings)s,
        %(seen_at)s)
ON CONFLICT (source_type, board_token) DO UPDATE SET
    api_base = excluded.api_base, payload_sha256 = excluded.payload_sha256, raw_key = excluded.raw_key,
    postings = excluded.postings, last_ok_at = excluded.last_ok_at;

-- name: touch_board_jobs
-- An unchanged payload: the open postings were seen again, nothing else moves.
UPDATE jobs SET last_seen_at = %(seen_at)s, last_run_id = %(run_id)s
WHERE source_type = %(source_type)s AND board_token = %(board_token)s AND closed_at IS NULL;

-- name: create_tracked
CREATE TEMP TABLE IF NOT EXISTS scrape_tracked (
    job_uid text, tracked_hash text, title text, locations text[], salary_min double precision,
    salary_max double precision, salary_currency text, salary_interval text, description_hash text,
    workplace_type text, duplicate_group text
) ON COMMIT DELETE ROWS;

-- name: insert_snapshots
-- A snapshot whenever the tracked fields differ from the posting's latest snapshot (or it has none).
INSERT INTO job_snapshots (job_uid, run_id, captured_at, tracked_hash, title, locations, salary_min,
                           salary_max, salary_currency, salary_interval, description_hash, workplace_type)
SELECT t.job_uid, %(run_id)s, %(seen_at)s, t.tracked_hash, t.title, t.locations, t.salary_min, t.salary_max,
       t.salary_currency, t.salary_interval, t.description_hash, t.workplace_type
FROM scrape_tracked t
WHERE t.tracked_hash IS DISTINCT FROM (
    SELECT s.tracked_hash FROM job_snapshots s WHERE s.job_uid = t.job_uid ORDER BY s.id DESC LIMIT 1
);

-- name: set_duplicate_groups
UPDATE jobs j SET duplicate_group = t.duplicate_group
FROM scrape_tracked t
WHERE j.job_uid = t.job_uid AND j.duplicate_group IS DISTINCT FROM t.duplicate_group;

-- name: reopen_jobs
UPDATE jobs j SET closed_at = NULL, reopened_at = now()
FROM scrape_tracked t
WHERE j.job_uid = t.job_uid AND j.closed_at IS NOT NULL;

-- name: close_missing_jobs
-- Postings of a healthy board that its payload no longer lists.
UPDATE jobs j SET closed_at = %(seen_at)s
WHERE j.source_type = %(source_type)s AND j.board_token = %(board_token)s AND j.closed_at IS NULL
  AND NOT EXISTS (SELECT 1 FROM scrape_tracked t WHERE t.job_uid = j.job_uid);

-- name: posting_details
SELECT job_uid, list_hash, raw_key FROM posting_details
WHERE left(job_uid, length(%(prefix)s)) = %(prefix)s;

-- name: save_posting_detail
INSERT INTO posting_details (job_uid, list_hash, raw_key) VALUES (%(job_uid)s, %(list_hash)s, %(raw_key)s)
ON CONFLICT (job_uid) DO UPDATE SET list_hash = excluded.list_hash, raw_key = excluded.raw_key;

-- name: dead_letter
INSERT INTO dead_letters (source_type, board_token, reason, detail, attempts, last_status, last_run_id)
VALUES (%(source_type)s, %(board_token)s, %(reason)s, %(detail)s, %(attempts)s, %(last_status)s, %(run_id)s)
ON CONFLICT (source_type, board_token) DO UPDATE SET
    reason = excluded.reason, detail = excluded.detail, attempts = excluded.attempts,
    last_status = excluded.last_status, last_run_id = excluded.last_run_id, last_failed_at = now(),
    failures = CASE WHEN dead_letters.resolved_at IS NULL THEN dead_letters.failures + 1 ELSE 1 END,
    first_failed_at = CASE WHEN dead_letters.resolved_at IS NULL THEN dead_letters.first_failed_at
                           ELSE now() END,
    resolved_at = NULL;

-- name: resolve_dead_letter
UPDATE dead_letters SET resolved_at = now()
WHERE source_type = %(source_type)s AND board_token = %(board_token)s AND resolved_at IS NULL;

-- name: open_dead_letters
SELECT source_type, board_token, reason, detail, attempts, last_status, failures, first_failed_at,
       last_failed_at, last_run_id
FROM dead_letters WHERE resolved_at IS NULL ORDER BY last_failed_at, source_type, board_token;

-- name: board_states
SELECT source_type, board_token, api_base, payload_sha256, raw_key, postings
FROM board_state WHERE (source_type, board_token) IN (
    SELECT * FROM unnest(%(source_types)s::text[], %(board_tokens)s::text[])
);
