"""Runs, board fetches, current jobs with their rules extraction, and the search-index watermark.

Revision ID: 0001
Revises:
"""

from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        """
        CREATE TABLE runs (
            run_id       text PRIMARY KEY,
            flow         text NOT NULL,
            started_at   timestamptz NOT NULL,
            finished_at  timestamptz,
            report       jsonb
        );

        CREATE TABLE board_fetches (
            id             bigserial PRIMARY KEY,
            run_id         text NOT NULL REFERENCES runs(run_id),
            source_type    text NOT NULL,
            board_token    text NOT NULL,
            fetched_at     timestamptz NOT NULL DEFAULT now(),
            http_status    integer,
            payload_sha256 text,
            raw_key        text,
            postings       integer NOT NULL DEFAULT 0,
            status         text NOT NULL CHECK (status IN ('ok', 'failed')),
            reason         text,
            detail         text,
            UNIQUE (run_id, source_type, board_token)
        );

        CREATE SEQUENCE jobs_row_version_seq;

        CREATE TABLE jobs (
            job_uid          text PRIMARY KEY,
            source_type      text NOT NULL,
            board_token      text NOT NULL,
            ats_job_id       text NOT NULL,
            title            text NOT NULL,
            company          text NOT NULL,
            locations        text[] NOT NULL DEFAULT '{}',
            department       text,
            url              text,
            apply_url        text,
            posted_at        timestamptz,
            updated_at       timestamptz,
            description_text text NOT NULL DEFAULT '',
            content_hash     text NOT NULL,
            record_hash      text NOT NULL,
            remote_type      text NOT NULL DEFAULT 'unknown',
            employment_type  text NOT NULL DEFAULT 'unknown',
            seniority        text NOT NULL DEFAULT 'unknown',
            salary_min_usd   integer,
            salary_max_usd   integer,
            salary_currency  text,
            salary_interval  text,
            country          text,
            field_sources    jsonb NOT NULL DEFAULT '{}',
            first_seen_at    timestamptz NOT NULL DEFAULT now(),
            last_seen_at     timestamptz NOT NULL DEFAULT now(),
            first_run_id     text,
            last_run_id      text,
            row_version      bigint NOT NULL DEFAULT nextval('jobs_row_version_seq'),
            UNIQUE (source_type, board_token, ats_job_id),
            CHECK (salary_min_usd IS NULL OR salary_max_usd IS NULL OR salary_min_usd <= salary_max_usd)
        );
        CREATE INDEX jobs_row_version_idx ON jobs (row_version);
        CREATE INDEX jobs_board_idx ON jobs (source_type, board_token);

        CREATE TABLE index_watermarks (
            alias        text PRIMARY KEY,
            row_version  bigint NOT NULL DEFAULT 0,
            updated_at   timestamptz NOT NULL DEFAULT now()
        );
        """
    )


def downgrade() -> None:
    op.execute(
        "DROP TABLE index_watermarks; DROP TABLE jobs; DROP SEQUENCE jobs_row_version_seq;"
        " DROP TABLE board_fetches; DROP TABLE runs;"
    )
