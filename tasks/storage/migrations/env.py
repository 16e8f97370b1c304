"""Alembic environment: plain SQL migrations, one advisory lock so concurrent starts don't race."""

from __future__ import annotations

from alembic import context
from sqlalchemy import text

_LOCK_ID = 0x6A6F626D  # "jobm"


def run_migrations_online() -> None:
    """Runs on the connection `Database.migrate` hands over (psycopg 3 under SQLAlchemy)."""
    connection = context.config.attributes["connection"]
    connection.execute(text("SELECT pg_advisory_lock(:id)"), {"id": _LOCK_ID})
    try:
        context.configure(connection=connection, transactional_ddl=True)
        with context.begin_transaction():
            context.run_migrations()
        connection.commit()
    finally:
        connection.execute(text("SELECT pg_advisory_unlock(:id)"), {"id": _LOCK_ID})
        connection.commit()


run_migrations_online()
