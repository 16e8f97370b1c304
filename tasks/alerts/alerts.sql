-- name: insert_search
INSERT INTO saved_searches (id, feed_token, name, query_string, request, webhook_url, secret, mark)
VALUES (%(id)s, %(feed_token)s, %(name)s, %(query_string)s, %(request)s, %(webhook_url)s, %(secret)s, %(mark)s);

-- name: search_by_id
SELECT id, feed_token, name, query_string, request, webhook_url, secret, created_at, mark, last_run_at
FROM saved_searches WHERE id = %(id)s;

-- name: search_by_feed
SELECT id, feed_token, name, query_string, request, created_at
FROM saved_searches WHERE feed_token = %(feed_token)s;

-- name: delete_search
DELETE FROM saved_searches WHERE id = %(id)s;

-- name: all_searches
SELECT id, feed_token, name, query_string, request, webhook_url, secret, created_at, mark
FROM saved_searches ORDER BY created_at, id;

-- name: claim_match
-- The primary key makes a posting match a search once, whatever runs come later.
INSERT INTO alert_deliveries (search_id, job_uid, posting, status, run_id)
VALUES (%(search_id)s, %(job_uid)s, %(posting)s, %(status)s, %(run_id)s)
ON CONFLICT (search_id, job_uid) DO NOTHING
RETURNING job_uid;

-- name: pending_deliveries
-- Matches claimed but not yet sent (a run that stopped between the claim and the send).
SELECT search_id, job_uid, posting FROM alert_deliveries
WHERE search_id = %(search_id)s AND status = 'pending' ORDER BY matched_at, job_uid;

-- name: start_sending
-- Flipped before the request goes out: a run killed mid-send never sends the same alert twice.
UPDATE alert_deliveries SET status = 'sending'
WHERE search_id = %(search_id)s AND job_uid = %(job_uid)s AND status = 'pending'
RETURNING job_uid;

-- name: finish_delivery
UPDATE alert_deliveries
SET status = %(status)s, attempts = %(attempts)s, http_status = %(http_status)s, error = %(error)s,
    delivered_at = CASE WHEN %(status)s = 'sent' THEN now() END
WHERE search_id = %(search_id)s AND job_uid = %(job_uid)s;

-- name: advance_mark
UPDATE saved_searches SET mark = greatest(mark, %(mark)s), last_run_at = now() WHERE id = %(id)s;

-- name: feed_entries
SELECT job_uid, posting, matched_at FROM alert_deliveries
WHERE search_id = %(search_id)s ORDER BY matched_at DESC, job_uid LIMIT %(limit)s;

-- name: deliveries_of
SELECT job_uid, status, attempts, http_status, error, matched_at, delivered_at FROM alert_deliveries
WHERE search_id = %(search_id)s ORDER BY matched_at DESC, job_uid LIMIT %(limit)s;
