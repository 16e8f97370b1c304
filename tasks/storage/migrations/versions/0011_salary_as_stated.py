"""Salary as stated and the remote evidence on `jobs`.

`salary_min`/`salary_max` are the amounts the posting states, in `salary_currency` per `salary_interval`
(both already columns); `salary_min_usd`/`salary_max_usd` stay as the derived annual-USD columns, so an
hourly rate is never charted as if it were annual. `remote_evidence` says which source decided
`remote_type` and what the other said when they disagreed.

Revision ID: 0011
Revises: 0007
"""

from alembic import op

revision = "0011"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        """
        ALTER TABLE jobs
            ADD COLUMN IF NOT EXISTS salary_min double precision,
            ADD COLUMN IF NOT EXISTS salary_max double precision,
            ADD COLUMN IF NOT EXISTS remote_evidence text;
        """
    )


def downgrade() -> None:
    op.execute(
        """
        ALTER TABLE jobs
            DROP COLUMN IF EXISTS salary_min,
            DROP COLUMN IF EXISTS salary_max,
            DROP COLUMN IF EXISTS remote_evidence;
        """
    )
