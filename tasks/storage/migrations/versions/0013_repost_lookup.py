"""A repost lookup that never touches the `jobs` heap.

`job_freshness.reposted_from` (and the export, which computes the same link) asks, for every posting, the
latest posting of its duplicate group closed before it was first seen. With 0009's index on
(duplicate_group, closed_at) each answer still fetched the other posting's heap row for its `job_uid`: a
random read into the widest table per posting, which at a million postings made the export's COPY read
the heap a second time, at random. With `job_uid` in the index, newest close first, it is an index-only
scan that stops at its first row.

Revision ID: 0013_repost_lookup
Revises: 0009
"""

from alembic import op

revision = "0013_repost_lookup"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        """
        CREATE INDEX IF NOT EXISTS jobs_group_closed_uid_idx ON jobs (duplicate_group, closed_at DESC, job_uid)
            WHERE closed_at IS NOT NULL;
        DROP INDEX IF EXISTS jobs_group_closed_idx;
        """
    )


def downgrade() -> None:
    op.execute(
        """
        CREATE INDEX IF NOT EXISTS jobs_group_closed_idx ON jobs (duplicate_group, closed_at)
            WHERE closed_at IS NOT NULL;
        DROP INDEX IF EXISTS jobs_group_closed_uid_idx;
        """
    )
