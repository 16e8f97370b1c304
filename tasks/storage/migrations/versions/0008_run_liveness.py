"""Who runs and who holds a host's slots, so a run can tell a dead one from a live one.

`runs` gains its process (host, pid, the process's start stamp), a heartbeat and a status: a run whose
process is gone (same host) or whose heartbeat stopped (any host) is marked `crashed` with a reason by
the next run. `slot_holds` is the ledger of Prefect global-concurrency slots held by fetch lanes: the
Prefect server knows how many slots are taken but not by whom, and the ephemeral server neither keeps
leases across restarts nor runs the service that expires them.

Revision ID: 0008_liveness
Revises: 0007
"""

from alembic import op

revision = "0008_liveness"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        """
        ALTER TABLE runs
            ADD COLUMN status text NOT NULL DEFAULT 'running'
                CHECK (status IN ('running', 'finished', 'failed', 'crashed')),
            ADD COLUMN host text,
            ADD COLUMN pid integer,
            ADD COLUMN proc_stamp text,
            ADD COLUMN heartbeat_at timestamptz,
            ADD COLUMN crash_reason text;
        UPDATE runs SET status = 'finished' WHERE finished_at IS NOT NULL;
        CREATE INDEX runs_running_idx ON runs (run_id) WHERE status = 'running';

        CREATE TABLE slot_holds (
            id           bigserial PRIMARY KEY,
            limit_name   text NOT NULL,
            run_id       text NOT NULL,
            host         text NOT NULL,
            pid          integer NOT NULL,
            proc_stamp   text NOT NULL,
            lease_id     uuid,
            since        timestamptz NOT NULL DEFAULT now()
        );
        CREATE INDEX slot_holds_limit_idx ON slot_holds (limit_name);
        """
    )


def downgrade() -> None:
    op.execute(
        """
        DROP TABLE slot_holds;
        DROP INDEX runs_running_idx;
        ALTER TABLE runs DROP COLUMN status, DROP COLUMN host, DROP COLUMN pid, DROP COLUMN proc_stamp,
            DROP COLUMN heartbeat_at, DROP COLUMN crash_reason;
        """
    )
