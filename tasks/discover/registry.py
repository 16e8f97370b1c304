"""The `sources` registry: which boards exist, how they were found, and whether they are alive."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from psycopg.types.json import Jsonb

from schemas.discovery import Sighting, Validation
from schemas.job import BoardRef
from tasks.storage.database import Database
from tasks.storage.sql_queries import query

SQL_FILE = "discover/discovery.sql"


def valid_boards(db: Database, source_types: list[str] | None = None) -> list[BoardRef]:
    """Boards the registry holds as valid (and not moved), ordered by source type and token."""
    rows = _all(db, "valid_boards", source_types=source_types or None)
    return [BoardRef(source_type=r["source_type"], token=r["token"]) for r in rows]


def record_sightings(
    db: Database, sightings: Iterable[Sighting], seen_at: datetime, checkpoint: dict[str, Any] | None = None
) -> int:
    """Upsert sightings and (optionally) advance a checkpoint in one transaction; returns new sources."""
    new = 0
    with db.transaction() as conn:
        for s in sightings:
            row = conn.execute(
                query("upsert_sighting", SQL_FILE),
                {
                    "source_type": s.source_type,
                    "token": s.token,
                    "found_by": s.found_by,
                    "crawl": s.crawl,
                    "captures": s.captures,
                    "sample_url": s.sample_url,
                    "capture": Jsonb(s.capture) if s.capture else None,
                    "seen_at": seen_at,
                },
            ).fetchone()
            new += bool(row and row["inserted"])
            if s.company_domain:
                conn.execute(
                    query("set_company", SQL_FILE),
                    {
                        "source_type": s.source_type,
                        "token": s.token,
                        "company_name": None,
                        "company_domain": s.company_domain,
                        "warc_raw_key": None,
                    },
                )
        if checkpoint is not None:
            conn.execute(query("checkpoint_save", SQL_FILE), checkpoint)
    return new


def set_company(
    db: Database, board: BoardRef, name: str | None, domain: str | None, warc_raw_key: str | None
) -> None:
    """Fill in a board's company name and domain when they are not known yet."""
    _execute(
        db,
        "set_company",
        source_type=board.source_type,
        token=board.token,
        company_name=name,
        company_domain=domain,
        warc_raw_key=warc_raw_key,
    )


def record_validation(db: Database, board: BoardRef, result: Validation, now: datetime) -> None:
    _execute(
        db,
        "record_validation",
        source_type=board.source_type,
        token=board.token,
        now=now,
        **result.model_dump(),
    )


def due_for_validation(
    db: Database, now: datetime, source_types: list[str] | None = None, limit: int = 1000
) -> list[dict[str, Any]]:
    return _all(db, "due_for_validation", now=now, source_types=source_types or None, limit=limit)


def known_companies(db: Database) -> list[dict[str, Any]]:
    """Boards that are not known dead: the seeds of cross-ATS probing."""
    return _all(db, "known_companies")


def list_sources(
    db: Database, status: str | None = None, source_types: list[str] | None = None, limit: int = 1000
) -> list[dict[str, Any]]:
    return _all(db, "list_sources", status=status, source_types=source_types or None, limit=limit)


def get_source(db: Database, board: BoardRef) -> dict[str, Any] | None:
    rows = _all(db, "get_source", source_type=board.source_type, token=board.token)
    return rows[0] if rows else None


def checkpoint(db: Database, crawl: str, pattern: str) -> dict[str, Any] | None:
    rows = _all(db, "checkpoint_get", crawl=crawl, pattern=pattern)
    return rows[0] if rows else None


def save_checkpoint(db: Database, **fields: Any) -> None:
    _execute(db, "checkpoint_save", **fields)


def _all(db: Database, name: str, **params: Any) -> list[dict[str, Any]]:
    with db.transaction() as conn:
        return conn.execute(query(name, SQL_FILE), params).fetchall()


def _execute(db: Database, name: str, **params: Any) -> None:
    with db.transaction() as conn:
        conn.execute(query(name, SQL_FILE), params)


def recently_probed(db: Database, now: datetime) -> set[tuple[str, str]]:
    """Candidates tried lately (not to be asked again before their next probe time)."""
    return {(r["source_type"], r["token"]) for r in _all(db, "probes_due", now=now)}


def record_probe(db: Database, board: BoardRef, verdict: Validation, now: datetime) -> None:
    _execute(
        db,
        "record_probe",
        source_type=board.source_type,
        token=board.token,
        now=now,
        http_status=verdict.http_status,
        next_at=verdict.next_at,
        note=verdict.note,
    )


def source_keys(db: Database) -> set[tuple[str, str]]:
    return {(r["source_type"], r["token"]) for r in _all(db, "all_source_keys")}


def checkpoints_of(db: Database, crawls: list[str]) -> list[dict[str, Any]]:
    return _all(db, "checkpoints_of", crawls=crawls)


def needs_company(db: Database, limit: int) -> list[dict[str, Any]]:
    """Boards with an archived capture whose company is not known yet (and not tried before)."""
    return _all(db, "needs_company", limit=limit)


def mark_warc_tried(db: Database, board: BoardRef, now: datetime) -> None:
    _execute(db, "mark_warc_tried", source_type=board.source_type, token=board.token, now=now)
