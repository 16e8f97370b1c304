-- name: robots_get
SELECT host, fetched_at, status, body FROM robots_txt WHERE host = %(host)s;

-- name: robots_put
INSERT INTO robots_txt (host, fetched_at, status, body) VALUES (%(host)s, now(), %(status)s, %(body)s)
ON CONFLICT (host) DO UPDATE SET fetched_at = now(), status = excluded.status, body = excluded.body;
