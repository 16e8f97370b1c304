"""Scrape stage: posting lifecycle and history, dead letters, board state, robots.txt and detail caches.

Revision ID: 0004
Revises: 0001
"""

from alembic import op

revision = "0004"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        """
        ALTER TABLE jobs ADD COLUMN IF NOT EXISTS closed_at timestamptz;
        ALTER TABLE jobs ADD COLUMN IF NOT EXISTS duplicate_group text;
        CREATE INDEX IF NOT EXISTS jobs_duplicate_group_idx ON jobs (duplicate_group);
        CREATE INDEX IF NOT EXISTS board_fetches_payload_idx
            ON board_fetches (source_type, board_token, payload_sha256);

        CREATE TABLE IF NOT EXISTS job_snapshots (
            id               bigserial PRIMARY KEY,
            job_uid          text NOT NULL,
            run_id           text,
            captured_at      timestamptz NOT NULL,
            tracked_hash     text NOT NULL,
            title            text NOT NULL,
            locations        text[] NOT NULL DEFAULT '{}',
            salary_min       double precision,
            salary_max       double precision,
            salary_currency  text,
            salary_interval  text,
            description_hash text NOT NULL,
            workplace_type   text
        );
        CREATE INDEX IF NOT EXISTS job_snapshots_job_idx ON job_snapshots (job_uid, id);

        CREATE TABLE IF NOT EXISTS dead_letters (
            source_type     text NOT NULL,
            board_token     text NOT NULL,
            reason          text NOT NULL,
            detail          text,
            attempts        integer NOT NULL,
            last_status     integer,
            failures        integer NOT NULL DEFAULT 1,
            first_failed_at timestamptz NOT NULL DEFAULT now(),
            last_failed_at  timestamptz NOT NULL DEFAULT now(),
            last_run_id     text,
            resolved_at     timestamptz,
            PRIMARY KEY (source_type, board_token)
        );

        CREATE TABLE IF NOT EXISTS board_state (
            source_type     text NOT NULL,
            board_token     text NOT NULL,
            api_base        text,
            payload_sha256  text,
            raw_key         text,
            postings        integer NOT NULL DEFAULT 0,
            last_ok_at      timestamptz,
            PRIMARY KEY (source_type, board_token)
        );

        CREATE TABLE IF NOT EXISTS posting_details (
            job_uid    text PRIMARY KEY,
            list_hash  text NOT NULL,
            raw_key    text NOT NULL
        );

        CREATE TABLE IF NOT EXISTS robots_txt (
            host        text PRIMARY KEY,
            fetched_at  timestamptz NOT NULL,
            status      integer,
            body        text NOT NULL DEFAULT ''
        );
        """
    )


def downgrade() -> None:
    op.execute(
        "DROP TABLE IF EXISTS robots_txt, posting_details, board_state, dead_letters, job_snapshots;"
        " DROP INDEX IF EXISTS board_fetches_payload_idx;"
        " ALTER TABLE jobs DROP COLUMN IF EXISTS duplicate_group;"
    )
