"""Trends and honest freshness: a stale state, a lifecycle ledger, repost signals, a narrow trends view.

- `jobs.stale_at`: set (by the trends/index flows) to the moment a posting's board had gone
  `JOBMINE_STALE_AFTER_DAYS` without a successful fetch, so it is claimed neither open nor closed; a trigger
  clears it as soon as the board is fetched again (its `last_seen_at` moves). It is one of the fields whose
  change bumps `row_version`, so the search index learns it like a close.
- `job_events`: closed and reopened moments, written by a trigger on `closed_at`, because reopening sets
  `closed_at` back to NULL and would otherwise erase the earlier close. "opened" is `first_seen_at` and
  "changed" is every snapshot after a posting's first, so neither is copied here.
- `job_freshness`: the liveness state and the posting a repost replaced (same duplicate group, closed at
  or before this one was first seen, under another id).
- `trend_postings`: one narrow row per posting (no description), what filtered trends queries scan; a
  million rows fit in ~450 MB instead of the ~1.5 GB `jobs` heap; `trend_weekly`: weekly counts per
  dimension value, what unfiltered weekly trends read. The trends flow refreshes both (concurrently, so
  readers never wait).

Revision ID: 0009
Revises: 0007
"""

from alembic import op

revision = "0009"
down_revision = "0007"
branch_labels = None
depends_on = None

_INDEXED = (
    "record_hash, {t}.job_function, {t}.summary, {t}.skills, {t}.tools, {t}.cities, {t}.regions, {t}.countries,"
    " {t}.years_experience_min, {t}.closed_at"
)


def _row_version_trigger(with_stale: bool) -> str:
    new, old = _INDEXED.format(t="NEW"), _INDEXED.format(t="OLD")
    if with_stale:
        new, old = new + ", NEW.stale_at", old + ", OLD.stale_at"
    return f"""
        DROP TRIGGER IF EXISTS jobs_row_version ON jobs;
        CREATE TRIGGER jobs_row_version BEFORE UPDATE ON jobs FOR EACH ROW
            WHEN (NEW.row_version = OLD.row_version AND (NEW.{new}) IS DISTINCT FROM (OLD.{old}))
            EXECUTE FUNCTION jobs_bump_row_version();
    """


def upgrade() -> None:
    op.execute(
        """
        ALTER TABLE jobs ADD COLUMN IF NOT EXISTS stale_at timestamptz;

        -- Seen again (its board answered): no longer stale. Named to fire before jobs_row_version.
        CREATE OR REPLACE FUNCTION jobs_fresh_again() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            NEW.stale_at := NULL;
            RETURN NEW;
        END $$;
        DROP TRIGGER IF EXISTS jobs_fresh_again ON jobs;
        CREATE TRIGGER jobs_fresh_again BEFORE UPDATE ON jobs FOR EACH ROW
            WHEN (OLD.stale_at IS NOT NULL AND NEW.stale_at IS NOT NULL
                  AND NEW.last_seen_at > OLD.last_seen_at)
            EXECUTE FUNCTION jobs_fresh_again();

        CREATE TABLE IF NOT EXISTS job_events (
            id       bigserial PRIMARY KEY,
            job_uid  text NOT NULL,
            event    text NOT NULL CHECK (event IN ('closed', 'reopened')),
            at       timestamptz NOT NULL
        );
        CREATE INDEX IF NOT EXISTS job_events_at_idx ON job_events (at);
        CREATE INDEX IF NOT EXISTS job_events_job_idx ON job_events (job_uid, at);

        CREATE OR REPLACE FUNCTION jobs_lifecycle_event() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF NEW.closed_at IS NULL THEN
                INSERT INTO job_events (job_uid, event, at) VALUES (NEW.job_uid, 'reopened', NEW.last_seen_at);
            ELSE
                INSERT INTO job_events (job_uid, event, at) VALUES (NEW.job_uid, 'closed', NEW.closed_at);
            END IF;
            RETURN NULL;
        END $$;
        DROP TRIGGER IF EXISTS jobs_lifecycle_event ON jobs;
        CREATE TRIGGER jobs_lifecycle_event AFTER UPDATE OF closed_at ON jobs FOR EACH ROW
            WHEN (OLD.closed_at IS DISTINCT FROM NEW.closed_at)
            EXECUTE FUNCTION jobs_lifecycle_event();

        INSERT INTO job_events (job_uid, event, at)
        SELECT job_uid, 'closed', closed_at FROM jobs
        WHERE closed_at IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM job_events e WHERE e.job_uid = jobs.job_uid);

        CREATE INDEX IF NOT EXISTS jobs_first_seen_idx ON jobs (first_seen_at);
        CREATE INDEX IF NOT EXISTS jobs_live_seen_idx ON jobs (last_seen_at) WHERE closed_at IS NULL;
        CREATE INDEX IF NOT EXISTS jobs_group_closed_idx ON jobs (duplicate_group, closed_at)
            WHERE closed_at IS NOT NULL;

        CREATE OR REPLACE VIEW job_freshness AS
        SELECT j.job_uid,
               CASE WHEN j.closed_at IS NOT NULL THEN 'closed'
                    WHEN j.stale_at IS NOT NULL THEN 'stale' ELSE 'open' END AS liveness,
               (SELECT p.job_uid FROM jobs p
                WHERE p.duplicate_group = j.duplicate_group AND p.closed_at IS NOT NULL
                  AND p.closed_at <= j.first_seen_at AND p.job_uid <> j.job_uid
                ORDER BY p.closed_at DESC, p.job_uid LIMIT 1) AS reposted_from
        FROM jobs j;

        CREATE MATERIALIZED VIEW IF NOT EXISTS trend_postings AS
        SELECT j.job_uid, j.source_type, j.board_token, j.company, j.department,
               coalesce(j.job_function, 'unknown') AS job_function, j.seniority, j.remote_type,
               j.employment_type,
               CASE WHEN cardinality(j.countries) > 0 THEN j.countries
                    ELSE array_remove(ARRAY[j.country], NULL) END AS countries,
               j.regions, j.cities, j.locations, j.skills, j.tools,
               j.salary_min_usd, j.salary_max_usd, j.salary_currency, j.salary_interval,
               j.posted_at, j.first_seen_at, j.closed_at, j.stale_at, f.liveness, f.reposted_from
        FROM jobs j JOIN job_freshness f USING (job_uid)
        WITH DATA;
        CREATE UNIQUE INDEX IF NOT EXISTS trend_postings_uid_idx ON trend_postings (job_uid);
        CREATE INDEX IF NOT EXISTS trend_postings_first_seen_idx ON trend_postings (first_seen_at);

        -- Weekly counts per dimension value, all history: unfiltered weekly trends read this (thousands of
        -- rows) instead of scanning every posting. Weeks are Monday 00:00 UTC (2001-01-01 was a Monday).
        CREATE MATERIALIZED VIEW IF NOT EXISTS trend_weekly AS
        WITH d AS (
            SELECT dim.dimension, v.value, t.first_seen_at, t.closed_at,
                   CASE WHEN t.closed_at IS NULL THEN t.stale_at END AS stale_at
            FROM trend_postings t
            CROSS JOIN LATERAL (VALUES
                ('all', ARRAY['all']), ('company', ARRAY[t.company]), ('job_function', ARRAY[t.job_function]),
                ('seniority', ARRAY[t.seniority]), ('source', ARRAY[t.source_type]),
                ('country', coalesce(nullif(t.countries, '{}'), ARRAY['unknown'])), ('skill', t.skills)
            ) AS dim(dimension, vals)
            CROSS JOIN LATERAL unnest(dim.vals) AS v(value)
        )
        SELECT dimension, value, week, sum(o)::int AS opened, sum(c)::int AS closed, sum(s)::int AS staled
        FROM (
            SELECT dimension, value, date_bin('7 days', first_seen_at, TIMESTAMPTZ '2001-01-01 00:00+00') AS week,
                   1 AS o, 0 AS c, 0 AS s FROM d
            UNION ALL
            SELECT dimension, value, date_bin('7 days', closed_at, TIMESTAMPTZ '2001-01-01 00:00+00'), 0, 1, 0
            FROM d WHERE closed_at IS NOT NULL
            UNION ALL
            SELECT dimension, value, date_bin('7 days', stale_at, TIMESTAMPTZ '2001-01-01 00:00+00'), 0, 0, 1
            FROM d WHERE stale_at IS NOT NULL
        ) e
        GROUP BY 1, 2, 3
        WITH DATA;
        CREATE UNIQUE INDEX IF NOT EXISTS trend_weekly_key_idx ON trend_weekly (dimension, value, week);
        """
        + _row_version_trigger(with_stale=True)
    )


def downgrade() -> None:
    op.execute(
        _row_version_trigger(with_stale=False)
        + """
        DROP MATERIALIZED VIEW IF EXISTS trend_weekly;
        DROP MATERIALIZED VIEW IF EXISTS trend_postings;
        DROP VIEW IF EXISTS job_freshness;
        DROP INDEX IF EXISTS jobs_group_closed_idx;
        DROP INDEX IF EXISTS jobs_live_seen_idx;
        DROP INDEX IF EXISTS jobs_first_seen_idx;
        DROP TRIGGER IF EXISTS jobs_lifecycle_event ON jobs;
        DROP FUNCTION IF EXISTS jobs_lifecycle_event();
        DROP TABLE IF EXISTS job_events;
        DROP TRIGGER IF EXISTS jobs_fresh_again ON jobs;
        DROP FUNCTION IF EXISTS jobs_fresh_again();
        ALTER TABLE jobs DROP COLUMN IF EXISTS stale_at;
        """
    )
