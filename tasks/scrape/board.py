"""One board from fetch to PostgreSQL: the unit of work of the scrape stage.

All or nothing per board: a bad payload is recorded with its stage and reason and its raw bytes are kept,
but none of its rows are written and none of its postings are closed.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING

from extractors.ats import parse_board, spec_of
from extractors.fields.rules_fields import stated_fields
from extractors.scrape.politeness import suspicious_empty
from extractors.text.hashing import sha256_bytes
from schemas.errors import FetchError, LoadError, PayloadError
from schemas.extracted import JobRecord
from schemas.job import BoardRef
from schemas.report import BoardOutcome
from tasks.http.polite import PoliteClient
from tasks.recovery import killpoints
from tasks.resources import Resources
from tasks.scrape import store as scrape_store
from tasks.scrape.connectors import BoardPayload, DetailLookup, body_check, fetch_payload
from tasks.scrape.store import BoardState
from tasks.storage.raw_store import raw_key

if TYPE_CHECKING:
    from tasks.scrape.lanes import FetchLanes

log = logging.getLogger(__name__)
# Failures that only a later try can fix: these boards go to dead_letters.
_TRANSIENT = ("timeout", "connection_error", "rate_limited", "http_5", "body_too_slow")


@dataclass
class ScrapeContext:
    """What every board of one run shares."""

    res: Resources
    client: PoliteClient
    run_id: str
    day: date
    lanes: FetchLanes  # the run's fetch lanes, shared by its chunks


@dataclass
class BoardResult:
    outcome: BoardOutcome
    counts: dict[str, int] = field(default_factory=dict)


def is_transient(exc: FetchError) -> bool:
    return exc.reason.startswith(_TRANSIENT)


@dataclass
class Fetched:
    """A board's payload (or why there is none), handed from a fetch lane to the processing pool."""

    state: BoardState | None
    payload: BoardPayload | None = None
    error: FetchError | PayloadError | None = None


_UNKNOWN = BoardState(None, None, None, -1)


def fetch(ctx: ScrapeContext, board: BoardRef, known: BoardState | None = _UNKNOWN) -> Fetched:
    """The network part of a board: its whole payload through the polite client."""
    state = scrape_store.board_state(ctx.res.db, board) if known is _UNKNOWN else known
    try:
        remembered = state.api_base if state else None
        payload = fetch_payload(ctx.client, ctx.res.settings, board, remembered, _detail_lookup(ctx, board))
    except (FetchError, PayloadError) as exc:
        return Fetched(state, error=exc)
    return Fetched(state, payload)


def scrape_board(ctx: ScrapeContext, board: BoardRef, fetched: Fetched | None = None) -> BoardResult:
    """Fetch, keep raw, skip if unchanged, parse, extract, load with history; report what happened."""
    res = ctx.res
    outcome = BoardOutcome(board=str(board), status="ok")
    counts: dict[str, int] = {}
    stage = "fetch"
    fetched = fetched or fetch(ctx, board)
    state = fetched.state
    try:
        if fetched.error is not None:
            raise fetched.error
        payload = fetched.payload
        assert payload is not None
        outcome.http_status = payload.status
        stage = "store_raw"
        digest = sha256_bytes(payload.body)
        unchanged = state is not None and state.payload_sha256 == digest
        outcome.raw_key, written = _keep_raw(ctx, board, payload, digest, state if unchanged else None)
        details = _keep_details(ctx, board, payload)
        counts["raw_objects_written"] = written + sum(1 for d in details if d[3])
        seen_at = datetime.now(UTC)
        new_state = BoardState(payload.api_base, digest, outcome.raw_key, state.postings if state else 0)
        if unchanged:
            scrape_store.touch_unchanged(res.db, board, ctx.run_id, seen_at, new_state)
            outcome.postings = new_state.postings
            counts |= {"boards_unchanged": 1, "postings_fetched": outcome.postings, "jobs_inserted": 0}
            counts |= {"jobs_updated": 0, "jobs_unchanged": outcome.postings}
        else:
            stage = "parse"
            body_check(payload.content_type, payload.body, f"{payload.api_base} ({board})")
            jobs = parse_board(payload.body, board)
            if suspicious_empty(len(jobs), state.postings if state else None):
                raise PayloadError(
                    "suspicious_empty", f"0 postings where the last healthy fetch had {state.postings}"
                )
            # Only what the ATS states as data: the rules read the text once, in the extract stage.
            records = [JobRecord(job=job, extraction=stated_fields(job)) for job in jobs]
            stage = "load"
            new_state = BoardState(payload.api_base, digest, outcome.raw_key, len(records))
            detail_rows = [(uid, list_hash, key) for uid, list_hash, key, _ in details]
            killpoints.reached("scrape:mid-load")
            result = scrape_store.load_board(
                res.db, board, records, ctx.run_id, seen_at, new_state, detail_rows
            )
            outcome.postings = len(records)
            counts |= {
                "postings_fetched": len(records),
                "jobs_inserted": result.upsert.inserted,
                "jobs_updated": result.upsert.updated,
                "jobs_unchanged": result.upsert.unchanged,
                "snapshots": result.snapshots,
                "jobs_closed": result.closed,
                "jobs_reopened": result.reopened,
            }
        scrape_store.resolve_dead_letter(res.db, board)
    except FetchError as exc:
        _failed(outcome, stage, exc.reason, str(exc), exc.status)
        if is_transient(exc):
            scrape_store.dead_letter(
                res.db, board, ctx.run_id, exc.reason, str(exc), exc.attempts, exc.status
            )
            counts["dead_letters"] = 1
        elif exc.reason == "circuit_open":
            counts["boards_deferred"] = 1
    except (PayloadError, LoadError) as exc:
        _failed(outcome, stage, getattr(exc, "reason", "load_failed"), str(exc), None)
    res.db.record_fetch(
        run_id=ctx.run_id,
        source_type=board.source_type,
        board_token=board.token,
        http_status=outcome.http_status,
        payload_sha256=outcome.raw_key.rsplit("/", 1)[-1].removesuffix(".json") if outcome.raw_key else None,
        raw_key=outcome.raw_key,
        postings=outcome.postings,
        status=outcome.status,
        reason=outcome.reason,
        detail=outcome.detail,
    )
    return BoardResult(outcome=outcome, counts=counts)


def _failed(outcome: BoardOutcome, stage: str, reason: str, detail: str, status: int | None) -> None:
    outcome.status, outcome.stage, outcome.reason = "failed", stage, reason
    outcome.detail = detail[:500]
    outcome.http_status = status or outcome.http_status
    log.warning("board %s failed at %s: %s", outcome.board, stage, detail[:200])


def _keep_raw(
    ctx: ScrapeContext, board: BoardRef, payload: BoardPayload, digest: str, same_as: BoardState | None
) -> tuple[str, int]:
    """Content-addressed: bytes already stored on an earlier day keep their first key, written once."""
    if same_as is not None and same_as.raw_key:
        return same_as.raw_key, 0
    key = scrape_store.known_raw_key(ctx.res.db, board, digest) or raw_key(
        board.source_type, board.token, ctx.day, digest
    )
    return key, int(ctx.res.store.put(key, payload.body))


def _keep_details(
    ctx: ScrapeContext, board: BoardRef, payload: BoardPayload
) -> list[tuple[str, str, str, bool]]:
    out = []
    for job_uid, list_hash, body in payload.new_details:
        key = f"{board.source_type}/{board.token}/details/{sha256_bytes(body)}.json"
        out.append((job_uid, list_hash, key, ctx.res.store.put(key, body)))
    return out


def _detail_lookup(ctx: ScrapeContext, board: BoardRef) -> DetailLookup | None:
    """Stored details by posting (SmartRecruiters), so unchanged postings cost no request."""
    if spec_of(board.source_type).detail_path is None:
        return None
    known = scrape_store.posting_details(ctx.res.db, board)

    def lookup(job_uid: str, list_hash: str) -> bytes | None:
        hit = known.get(job_uid)
        return ctx.res.store.get(hit[1]) if hit and hit[0] == list_hash else None

    return lookup
