-- name: save_report
-- A stage run on its own may not have started a `runs` row: create it, or complete it.
INSERT INTO runs (run_id, flow, started_at, finished_at, report, status)
VALUES (%(run_id)s, %(flow)s, %(started_at)s, %(finished_at)s, %(report)s, 'finished')
ON CONFLICT (run_id) DO UPDATE
SET finished_at = excluded.finished_at, report = excluded.report, status = 'finished';

-- name: report_by_id
SELECT run_id, report FROM runs
WHERE report IS NOT NULL AND (run_id = %(run_id)s OR run_id LIKE %(prefix)s)
ORDER BY (run_id = %(run_id)s) DESC, finished_at DESC
LIMIT 2;

-- name: latest_report
SELECT run_id, report FROM runs WHERE report IS NOT NULL AND (%(flow)s::text IS NULL OR flow = %(flow)s)
ORDER BY finished_at DESC NULLS LAST, started_at DESC, run_id DESC
LIMIT 1;
