-- name: register_run
-- The run's own row, with the process that runs it; a Prefect retry of the same flow run takes it over.
INSERT INTO runs (run_id, flow, started_at, status, host, pid, proc_stamp, heartbeat_at)
VALUES (%(run_id)s, %(flow)s, %(started_at)s, 'running', %(host)s, %(pid)s, %(stamp)s, now())
ON CONFLICT (run_id) DO UPDATE
SET status = 'running', host = excluded.host, pid = excluded.pid, proc_stamp = excluded.proc_stamp,
    heartbeat_at = now(), finished_at = NULL, crash_reason = NULL;

-- name: heartbeat
UPDATE runs SET heartbeat_at = now() WHERE run_id = %(run_id)s AND status = 'running';

-- name: run_failed
UPDATE runs SET status = 'failed', finished_at = now(), crash_reason = %(reason)s
WHERE run_id = %(run_id)s AND status = 'running';

-- name: running_runs
SELECT run_id, flow, host, pid, proc_stamp, extract(epoch FROM now() - heartbeat_at) AS silent_s
FROM runs WHERE status = 'running' AND run_id <> %(me)s;

-- name: crash_run
-- Only one recovering run wins a dead run: the row it got back says so.
UPDATE runs SET status = 'crashed', finished_at = now(), crash_reason = %(reason)s
WHERE run_id = %(run_id)s AND status = 'running'
RETURNING run_id;

-- name: hold_begin
INSERT INTO slot_holds (limit_name, run_id, host, pid, proc_stamp)
VALUES (%(limit_name)s, %(run_id)s, %(host)s, %(pid)s, %(stamp)s)
RETURNING id;

-- name: hold_acquired
UPDATE slot_holds SET lease_id = %(lease_id)s, since = now() WHERE id = %(id)s;

-- name: hold_end
DELETE FROM slot_holds WHERE id = %(id)s;

-- name: holds
SELECT h.id, h.limit_name, h.run_id, h.host, h.pid, h.proc_stamp, h.lease_id, h.since,
       r.status AS run_status, extract(epoch FROM now() - r.heartbeat_at) AS silent_s
FROM slot_holds h LEFT JOIN runs r USING (run_id)
ORDER BY h.limit_name, h.id;

-- name: drop_holds
DELETE FROM slot_holds WHERE id = ANY(%(ids)s);
