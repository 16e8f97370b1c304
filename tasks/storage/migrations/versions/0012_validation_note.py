"""Why a board's last validation or probe gave no usable answer.

A board robots.txt forbids us to ask, a host that kept answering 503, a body past our bounds: `pending`
alone cannot tell these apart, so the reason is kept beside the verdict.

Revision ID: 0012_validation_note
Revises: 0007
"""

from alembic import op

revision = "0012_validation_note"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("ALTER TABLE sources ADD COLUMN IF NOT EXISTS validation_note text;")
    op.execute("ALTER TABLE discovery_probes ADD COLUMN IF NOT EXISTS note text;")


def downgrade() -> None:
    op.execute("ALTER TABLE sources DROP COLUMN IF EXISTS validation_note;")
    op.execute("ALTER TABLE discovery_probes DROP COLUMN IF EXISTS note;")
