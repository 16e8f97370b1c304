"""Search: extracted facet columns on `jobs`, a closed marker, and a safe outbox for the search index.

Every change a reader of the index could see gives the row a new `row_version` (a trigger, so writers of
any stage, such as the one closing postings, need not remember it), and every statement writing `jobs`
first takes a shared advisory lock: the indexer takes the same lock exclusively for an instant to learn a
bound below which no transaction is still writing, so the watermark can never jump over a row that
commits late.

Revision ID: 0002
Revises: 0001
"""

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# Key of the advisory lock shared by writers of `jobs` and taken exclusively by the indexer.
ROW_VERSION_LOCK = 7_060_002


def upgrade() -> None:
    op.execute(
        f"""
        ALTER TABLE jobs
            ADD COLUMN IF NOT EXISTS job_function text,
            ADD COLUMN IF NOT EXISTS summary text,
            ADD COLUMN IF NOT EXISTS skills text[] NOT NULL DEFAULT '{{}}',
            ADD COLUMN IF NOT EXISTS tools text[] NOT NULL DEFAULT '{{}}',
            ADD COLUMN IF NOT EXISTS cities text[] NOT NULL DEFAULT '{{}}',
            ADD COLUMN IF NOT EXISTS regions text[] NOT NULL DEFAULT '{{}}',
            ADD COLUMN IF NOT EXISTS countries text[] NOT NULL DEFAULT '{{}}',
            ADD COLUMN IF NOT EXISTS years_experience_min integer,
            ADD COLUMN IF NOT EXISTS closed_at timestamptz;

        CREATE INDEX IF NOT EXISTS jobs_open_posted_idx ON jobs (posted_at DESC) WHERE closed_at IS NULL;

        -- Once per statement, before any row gets a row_version: writers share the lock.
        CREATE OR REPLACE FUNCTION jobs_row_version_lock() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            PERFORM pg_advisory_xact_lock_shared({ROW_VERSION_LOCK});
            RETURN NULL;
        END $$;
        DROP TRIGGER IF EXISTS jobs_row_version_lock ON jobs;
        CREATE TRIGGER jobs_row_version_lock BEFORE INSERT OR UPDATE ON jobs
            FOR EACH STATEMENT EXECUTE FUNCTION jobs_row_version_lock();

        -- Per row, only when an indexed field changed and the writer did not bump row_version itself.
        CREATE OR REPLACE FUNCTION jobs_bump_row_version() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            NEW.row_version := nextval('jobs_row_version_seq');
            RETURN NEW;
        END $$;
        DROP TRIGGER IF EXISTS jobs_row_version ON jobs;
        CREATE TRIGGER jobs_row_version BEFORE UPDATE ON jobs FOR EACH ROW
            WHEN (NEW.row_version = OLD.row_version
                  AND (NEW.record_hash, NEW.job_function, NEW.summary, NEW.skills, NEW.tools, NEW.cities,
                       NEW.regions, NEW.countries, NEW.years_experience_min, NEW.closed_at)
                      IS DISTINCT FROM
                      (OLD.record_hash, OLD.job_function, OLD.summary, OLD.skills, OLD.tools, OLD.cities,
                       OLD.regions, OLD.countries, OLD.years_experience_min, OLD.closed_at))
            EXECUTE FUNCTION jobs_bump_row_version();
        """
    )


def downgrade() -> None:
    op.execute(
        """
        DROP TRIGGER IF EXISTS jobs_row_version ON jobs;
        DROP TRIGGER IF EXISTS jobs_row_version_lock ON jobs;
        DROP FUNCTION IF EXISTS jobs_bump_row_version();
        DROP FUNCTION IF EXISTS jobs_row_version_lock();
        DROP INDEX IF EXISTS jobs_open_posted_idx;
        ALTER TABLE jobs
            DROP COLUMN IF EXISTS job_function, DROP COLUMN IF EXISTS summary, DROP COLUMN IF EXISTS skills,
            DROP COLUMN IF EXISTS tools, DROP COLUMN IF EXISTS cities, DROP COLUMN IF EXISTS regions,
            DROP COLUMN IF EXISTS countries, DROP COLUMN IF EXISTS years_experience_min,
            DROP COLUMN IF EXISTS closed_at;
        """
    )
