"""Saved searches and their alert deliveries.

A saved search has no owner: its random `id` is the management link, and a second random token names
its Atom feed, so sharing a feed never hands out the right to change or delete the search. A delivery
row is claimed before the webhook is sent; its primary key (search, posting) is what makes an alert go
out at most once per posting per search, however many times the flow runs.

`jobs.reopened_at` keeps when a closed posting came back, for the job page.

Revision ID: 0008
Revises: 0007
"""

from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        """
        ALTER TABLE jobs ADD COLUMN IF NOT EXISTS reopened_at timestamptz;

        CREATE TABLE IF NOT EXISTS saved_searches (
            id           text PRIMARY KEY,
            feed_token   text NOT NULL UNIQUE,
            name         text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
            query_string text NOT NULL DEFAULT '',
            request      jsonb NOT NULL,
            webhook_url  text,
            secret       text NOT NULL,
            created_at   timestamptz NOT NULL DEFAULT now(),
            mark         bigint NOT NULL DEFAULT 0,
            last_run_at  timestamptz
        );

        CREATE TABLE IF NOT EXISTS alert_deliveries (
            search_id    text NOT NULL REFERENCES saved_searches (id) ON DELETE CASCADE,
            job_uid      text NOT NULL,
            posting      jsonb NOT NULL,
            status       text NOT NULL DEFAULT 'pending'
                         CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'refused', 'feed_only')),
            attempts     integer NOT NULL DEFAULT 0,
            http_status  integer,
            error        text,
            matched_at   timestamptz NOT NULL DEFAULT now(),
            delivered_at timestamptz,
            run_id       text,
            PRIMARY KEY (search_id, job_uid)
        );
        CREATE INDEX IF NOT EXISTS alert_deliveries_feed_idx ON alert_deliveries (search_id, matched_at DESC);
        """
    )


def downgrade() -> None:
    op.execute(
        "DROP TABLE IF EXISTS alert_deliveries, saved_searches; ALTER TABLE jobs DROP COLUMN IF EXISTS reopened_at;"
    )
