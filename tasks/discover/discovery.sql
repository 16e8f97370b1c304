-- name: valid_boards
SELECT source_type, token
FROM sources
WHERE status = 'valid'
  AND NOT moved
  AND (%(source_types)s::text[] IS NULL OR source_type = ANY(%(source_types)s::text[]))
ORDER BY source_type, token;

-- name: upsert_sighting
INSERT INTO sources AS s (source_type, token, found_by, crawls, crawl_count, capture_count,
                          sample_url, capture, first_seen_at, last_seen_at)
VALUES (%(source_type)s, %(token)s, %(found_by)s,
        CASE WHEN %(crawl)s::text IS NULL THEN '{}'::text[] ELSE ARRAY[%(crawl)s::text] END,
        CASE WHEN %(crawl)s::text IS NULL THEN 0 ELSE 1 END,
        %(captures)s, %(sample_url)s, %(capture)s, %(seen_at)s, %(seen_at)s)
ON CONFLICT (source_type, token) DO UPDATE SET
    last_seen_at  = GREATEST(s.last_seen_at, EXCLUDED.last_seen_at),
    crawls        = CASE WHEN %(crawl)s::text IS NULL OR %(crawl)s::text = ANY(s.crawls) THEN s.crawls
                         ELSE s.crawls || %(crawl)s::text END,
    crawl_count   = CASE WHEN %(crawl)s::text IS NULL OR %(crawl)s::text = ANY(s.crawls) THEN s.crawl_count
                         ELSE s.crawl_count + 1 END,
    -- a page's sightings and its checkpoint commit together, so a resumed unit never counts twice
    capture_count = s.capture_count + EXCLUDED.capture_count,
    sample_url    = COALESCE(s.sample_url, EXCLUDED.sample_url),
    capture       = COALESCE(s.capture, EXCLUDED.capture)
RETURNING (xmax = 0) AS inserted;

-- name: set_company
UPDATE sources
SET company_name   = COALESCE(company_name, %(company_name)s),
    company_domain = COALESCE(company_domain, %(company_domain)s),
    warc_raw_key   = COALESCE(%(warc_raw_key)s, warc_raw_key)
WHERE source_type = %(source_type)s AND token = %(token)s;

-- name: get_source
SELECT * FROM sources WHERE source_type = %(source_type)s AND token = %(token)s;

-- name: list_sources
SELECT * FROM sources
WHERE (%(status)s::text IS NULL OR status = %(status)s::text)
  AND (%(source_types)s::text[] IS NULL OR source_type = ANY(%(source_types)s::text[]))
ORDER BY source_type, token
LIMIT %(limit)s;

-- name: due_for_validation
SELECT source_type, token, company_name, company_domain
FROM sources
WHERE next_validation_at <= %(now)s
  AND (%(source_types)s::text[] IS NULL OR source_type = ANY(%(source_types)s::text[]))
ORDER BY next_validation_at, source_type, token
LIMIT %(limit)s;

-- name: record_validation
UPDATE sources
SET status              = %(status)s,
    moved               = %(moved)s,
    moved_detail        = %(moved_detail)s,
    validation_note     = %(note)s,
    last_validated_at   = %(now)s,
    next_validation_at  = %(next_at)s,
    validation_attempts = CASE WHEN %(status)s = 'pending' THEN validation_attempts + 1 ELSE 0 END,
    last_http_status    = %(http_status)s,
    job_count           = COALESCE(%(job_count)s, job_count),
    company_name        = COALESCE(company_name, %(company_name)s)
WHERE source_type = %(source_type)s AND token = %(token)s;

-- name: known_companies
SELECT source_type, token, company_domain
FROM sources
WHERE status <> 'invalid' AND NOT moved
ORDER BY source_type, token;

-- name: checkpoint_get
SELECT * FROM discovery_checkpoints WHERE crawl = %(crawl)s AND pattern = %(pattern)s;

-- name: checkpoint_save
INSERT INTO discovery_checkpoints AS c (crawl, pattern, pages_total, next_page, lines_read, tokens_found, done,
                                        updated_at)
VALUES (%(crawl)s, %(pattern)s, %(pages_total)s, %(next_page)s, %(lines_read)s, %(tokens_found)s, %(done)s, now())
ON CONFLICT (crawl, pattern) DO UPDATE SET
    pages_total = EXCLUDED.pages_total, next_page = EXCLUDED.next_page, lines_read = EXCLUDED.lines_read,
    tokens_found = EXCLUDED.tokens_found, done = EXCLUDED.done, updated_at = now();

-- name: probes_due
SELECT source_type, token FROM discovery_probes
WHERE next_probe_at > %(now)s;

-- name: record_probe
INSERT INTO discovery_probes (source_type, token, probed_at, http_status, next_probe_at, note)
VALUES (%(source_type)s, %(token)s, %(now)s, %(http_status)s, %(next_at)s, %(note)s)
ON CONFLICT (source_type, token) DO UPDATE SET
    probed_at = EXCLUDED.probed_at, http_status = EXCLUDED.http_status, next_probe_at = EXCLUDED.next_probe_at,
    note = EXCLUDED.note;

-- name: all_source_keys
SELECT source_type, token FROM sources;

-- name: checkpoints_of
SELECT * FROM discovery_checkpoints WHERE crawl = ANY(%(crawls)s::text[]) ORDER BY crawl, pattern;

-- name: needs_company
SELECT source_type, token, capture FROM sources
WHERE company_name IS NULL AND warc_raw_key IS NULL AND warc_tried_at IS NULL AND capture IS NOT NULL
ORDER BY first_seen_at, source_type, token
LIMIT %(limit)s;

-- name: mark_warc_tried
UPDATE sources SET warc_tried_at = %(now)s WHERE source_type = %(source_type)s AND token = %(token)s;
