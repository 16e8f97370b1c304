"""Discovery: the `sources` registry of ATS boards, per-(crawl, pattern) checkpoints, the probe log.

Revision ID: 0003
Revises: 0001
"""

from alembic import op

revision = "0003"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        """
        CREATE TABLE IF NOT EXISTS sources (
            source_type       text NOT NULL,
            token             text NOT NULL,
            company_name      text,
            company_domain    text,
            found_by          text NOT NULL CHECK (found_by IN ('crawl', 'probe', 'user')),
            first_seen_at     timestamptz NOT NULL DEFAULT now(),
            last_seen_at      timestamptz NOT NULL DEFAULT now(),
            crawls            text[] NOT NULL DEFAULT '{}',
            crawl_count       integer NOT NULL DEFAULT 0,
            capture_count     bigint NOT NULL DEFAULT 0,
            sample_url        text,
            status            text NOT NULL DEFAULT 'pending'
                              CHECK (status IN ('pending', 'valid', 'invalid')),
            moved             boolean NOT NULL DEFAULT false,
            moved_detail      text,
            last_validated_at timestamptz,
            next_validation_at timestamptz NOT NULL DEFAULT now(),
            validation_attempts integer NOT NULL DEFAULT 0,
            last_http_status  integer,
            job_count         integer,
            capture           jsonb,
            warc_raw_key      text,
            warc_tried_at     timestamptz,
            PRIMARY KEY (source_type, token)
        );
        CREATE INDEX IF NOT EXISTS sources_status_idx ON sources (status, source_type, token);
        CREATE INDEX IF NOT EXISTS sources_next_validation_idx ON sources (next_validation_at);

        CREATE TABLE IF NOT EXISTS discovery_checkpoints (
            crawl        text NOT NULL,
            pattern      text NOT NULL,
            pages_total  integer,
            next_page    integer NOT NULL DEFAULT 0,
            lines_read   bigint NOT NULL DEFAULT 0,
            tokens_found integer NOT NULL DEFAULT 0,
            done         boolean NOT NULL DEFAULT false,
            updated_at   timestamptz NOT NULL DEFAULT now(),
            PRIMARY KEY (crawl, pattern)
        );

        CREATE TABLE IF NOT EXISTS discovery_probes (
            source_type  text NOT NULL,
            token        text NOT NULL,
            probed_at    timestamptz NOT NULL DEFAULT now(),
            http_status  integer,
            next_probe_at timestamptz NOT NULL,
            PRIMARY KEY (source_type, token)
        );
        """
    )


def downgrade() -> None:
    op.execute("DROP TABLE IF EXISTS discovery_probes, discovery_checkpoints, sources;")
