"""The scrape stage's PostgreSQL side: board state, lifecycle and history, dead letters, small caches."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import psycopg

from extractors.storage.lifecycle import duplicate_group, tracked
from schemas.extracted import JobRecord
from schemas.job import BoardRef
from tasks.storage.database import Database, UpsertResult
from tasks.storage.sql_queries import query

_SQL = "scrape/scrape.sql"
_TRACKED_COLUMNS = (
    "job_uid, tracked_hash, title, locations, salary_min, salary_max, salary_currency, salary_interval,"
    " description_hash, workplace_type, duplicate_group"
)


def q(name: str) -> str:
    return query(name, _SQL)


def _one(db: Database, name: str, **params: Any) -> dict[str, Any] | None:
    with db.transaction() as conn:
        return conn.execute(q(name), params).fetchone()


def _all(db: Database, name: str, **params: Any) -> list[dict[str, Any]]:
    with db.transaction() as conn:
        return conn.execute(q(name), params).fetchall()


def _execute(db: Database, name: str, **params: Any) -> None:
    with db.transaction() as conn:
        conn.execute(q(name), params)


@dataclass(frozen=True)
class BoardState:
    """What the last healthy fetch of a board left behind."""

    api_base: str | None
    payload_sha256: str | None
    raw_key: str | None
    postings: int


@dataclass(frozen=True)
class LoadResult:
    upsert: UpsertResult
    snapshots: int
    closed: int
    reopened: int


def board_params(board: BoardRef) -> dict[str, str]:
    return {"source_type": board.source_type, "board_token": board.token}


def board_state(db: Database, board: BoardRef) -> BoardState | None:
    row = _one(db, "board_state", **board_params(board))
    if row is None:
        return None
    return BoardState(row["api_base"], row["payload_sha256"], row["raw_key"], int(row["postings"]))


def board_states(db: Database, boards: Sequence[BoardRef]) -> dict[BoardRef, BoardState]:
    """The states of many boards in one query (a chunk's worth, before its lanes start)."""
    found = _all(
        db,
        "board_states",
        source_types=[b.source_type for b in boards],
        board_tokens=[b.token for b in boards],
    )
    return {
        BoardRef.parse(f"{r['source_type']}:{r['board_token']}"): BoardState(
            r["api_base"], r["payload_sha256"], r["raw_key"], int(r["postings"])
        )
        for r in found
    }


def known_raw_key(db: Database, board: BoardRef, sha256: str) -> str | None:
    """The key these exact bytes were stored under on an earlier day, if any."""
    row = _one(db, "raw_key_for_payload", payload_sha256=sha256, **board_params(board))
    return row["raw_key"] if row else None


def touch_unchanged(db: Database, board: BoardRef, run_id: str, seen_at: datetime, state: BoardState) -> None:
    """Same payload as last time: the open postings were seen again, and that is all."""
    with db.transaction() as conn:
        conn.execute(q("touch_board_jobs"), {"run_id": run_id, "seen_at": seen_at, **board_params(board)})
        conn.execute(
            q("save_board_state"),
            {
                "api_base": state.api_base,
                "payload_sha256": state.payload_sha256,
                "raw_key": state.raw_key,
                "postings": state.postings,
                "seen_at": seen_at,
                **board_params(board),
            },
        )


def load_board(
    db: Database,
    board: BoardRef,
    records: Sequence[JobRecord],
    run_id: str,
    seen_at: datetime,
    state: BoardState,
    details: Sequence[tuple[str, str, str]] = (),
) -> LoadResult:
    """A healthy board in one transaction: upsert, snapshots, duplicate groups, close and reopen."""
    counts: dict[str, int] = {}

    def lifecycle(conn: psycopg.Connection[dict[str, Any]]) -> None:
        conn.execute(q("create_tracked"))
        with conn.cursor().copy(f"COPY scrape_tracked ({_TRACKED_COLUMNS}) FROM STDIN") as copy:
            for record in records:
                t = tracked(record)
                copy.write_row(
                    (
                        record.job.job_uid,
                        t.digest,
                        t.title,
                        t.locations,
                        t.salary_min,
                        t.salary_max,
                        t.salary_currency,
                        t.salary_interval,
                        t.description_hash,
                        t.workplace_type,
                        duplicate_group(record),
                    )
                )
        params = {"run_id": run_id, "seen_at": seen_at, **board_params(board)}
        counts["snapshots"] = conn.execute(q("insert_snapshots"), params).rowcount
        conn.execute(q("set_duplicate_groups"), params)
        counts["reopened"] = conn.execute(q("reopen_jobs"), params).rowcount
        counts["closed"] = conn.execute(q("close_missing_jobs"), params).rowcount
        for job_uid, list_hash, raw_key in details:
            conn.execute(
                q("save_posting_detail"), {"job_uid": job_uid, "list_hash": list_hash, "raw_key": raw_key}
            )
        conn.execute(
            q("save_board_state"),
            {
                **params,
                "api_base": state.api_base,
                "payload_sha256": state.payload_sha256,
                "raw_key": state.raw_key,
                "postings": state.postings,
            },
        )

    upsert = db.upsert_records(records, run_id=run_id, seen_at=seen_at, then=lifecycle)
    return LoadResult(upsert, counts["snapshots"], counts["closed"], counts["reopened"])


def dead_letter(
    db: Database, board: BoardRef, run_id: str, reason: str, detail: str, attempts: int, status: int | None
) -> None:
    _execute(
        db,
        "dead_letter",
        run_id=run_id,
        reason=reason,
        detail=detail[:500],
        attempts=attempts,
        last_status=status,
        **board_params(board),
    )


def resolve_dead_letter(db: Database, board: BoardRef) -> None:
    _execute(db, "resolve_dead_letter", **board_params(board))


def open_dead_letters(db: Database) -> list[dict[str, Any]]:
    return _all(db, "open_dead_letters")


def posting_details(db: Database, board: BoardRef) -> dict[str, tuple[str, str]]:
    """job_uid -> (list item hash, raw key of its stored detail) for a board."""
    rows = _all(db, "posting_details", prefix=f"{board.source_type}:{board.token}:")
    return {r["job_uid"]: (r["list_hash"], r["raw_key"]) for r in rows}
