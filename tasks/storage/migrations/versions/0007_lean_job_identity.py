"""One index for a job's identity instead of two.

`job_uid` is `source_type:board_token:ats_job_id` (tokens cannot hold ':'), so the primary key on it
already makes the triple unique once a CHECK ties the four columns together; the second unique index
only cost every load an extra B-tree insert. Queries by board keep `jobs_board_idx`.

Revision ID: 0007
Revises: 0006
"""

from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        """
        ALTER TABLE jobs ADD CONSTRAINT jobs_uid_is_identity
            CHECK (job_uid = source_type || ':' || board_token || ':' || ats_job_id) NOT VALID;
        ALTER TABLE jobs VALIDATE CONSTRAINT jobs_uid_is_identity;
        ALTER TABLE jobs DROP CONSTRAINT IF EXISTS jobs_source_type_board_token_ats_job_id_key;
        """
    )


def downgrade() -> None:
    op.execute(
        """
        ALTER TABLE jobs ADD CONSTRAINT jobs_source_type_board_token_ats_job_id_key
            UNIQUE (source_type, board_token, ats_job_id);
        ALTER TABLE jobs DROP CONSTRAINT IF EXISTS jobs_uid_is_identity;
        """
    )
