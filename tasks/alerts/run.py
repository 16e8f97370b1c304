"""One pass of alerts over every saved search: find new matches, claim them, deliver them.

Resumable and idempotent: a match is claimed (a row keyed by search and posting) before it is sent,
claimed-but-unsent matches of an interrupted run are sent by the next one, a row flips to `sending`
before its request goes out so no alert is ever sent twice, and a search's mark moves only after all
its matches are claimed.
"""

from __future__ import annotations

import logging
from collections import Counter

import httpx
from psycopg.types.json import Jsonb

from extractors.alerts.addresses import parse_allow
from extractors.alerts.match import alert_request, message, posting
from schemas.alerts import AlertsSummary, SavedSearch
from schemas.settings import Settings
from tasks.alerts.store import all_searches, q
from tasks.alerts.webhook import send
from tasks.search.index import SearchIndex
from tasks.storage.database import Database

log = logging.getLogger(__name__)


def claim_new_matches(db: Database, index: SearchIndex, search: SavedSearch, upto: int, run_id: str) -> int:
    """Claim every posting that newly matches `search` (changed in the index up to `upto`)."""
    status = "pending" if search.webhook_url else "feed_only"
    claimed, cursor = 0, None
    while True:
        found = index.search(alert_request(search.request, search.created_at, search.mark, cursor))
        rows = [
            {
                "search_id": search.id,
                "job_uid": h["job_uid"],
                "posting": Jsonb(posting(h)),
                "status": status,
                "run_id": run_id,
            }
            for h in found["hits"]
        ]
        with db.transaction() as conn:
            for row in rows:
                claimed += conn.execute(q("claim_match"), row).rowcount
        cursor = found["next"]
        if cursor is None:
            break
    with db.transaction() as conn:
        conn.execute(q("advance_mark"), {"id": search.id, "mark": upto})
    return claimed


def deliver_pending(
    db: Database, http: httpx.Client, search: SavedSearch, settings: Settings
) -> Counter[str]:
    """Send the claimed, unsent matches of `search`, one signed message per posting."""
    outcomes: Counter[str] = Counter()
    if not search.webhook_url:
        return outcomes
    allow = parse_allow(settings.alert_webhook_allow)
    page_url = f"{settings.public_url.rstrip('/')}/?{search.query_string}"
    with db.transaction() as conn:
        pending = conn.execute(q("pending_deliveries"), {"search_id": search.id}).fetchall()
    for row in pending:
        key = {"search_id": search.id, "job_uid": row["job_uid"]}
        with db.transaction() as conn:
            if not conn.execute(q("start_sending"), key).fetchone():
                continue  # another run took it
        outcome = send(
            http,
            search.webhook_url,
            search.secret,
            search.feed_token,
            message(search.feed_token, search.name, row["posting"], page_url),
            allow,
            settings.alert_attempts,
            settings.alert_backoff_s,
        )
        with db.transaction() as conn:
            conn.execute(
                q("finish_delivery"),
                {
                    **key,
                    "status": outcome.status,
                    "attempts": outcome.attempts,
                    "http_status": outcome.http_status,
                    "error": outcome.error,
                },
            )
        if outcome.status != "sent":
            log.warning(
                "alert for %s of a saved search: %s (%s)", row["job_uid"], outcome.status, outcome.error
            )
        outcomes[outcome.status] += 1
    return outcomes


def run_alerts(db: Database, index: SearchIndex, settings: Settings, run_id: str) -> AlertsSummary:
    """Every saved search, up to the index watermark read once at the start of the run."""
    upto = db.watermark(index.alias)
    summary = AlertsSummary()
    deliveries: Counter[str] = Counter()
    with httpx.Client(timeout=settings.alert_timeout_s, follow_redirects=False) as http:
        for search in all_searches(db):
            summary.searches += 1
            claimed = claim_new_matches(db, index, search, upto, run_id)
            summary.matched += claimed
            if not search.webhook_url:
                deliveries["feed_only"] += claimed
            deliveries += deliver_pending(db, http, search, settings)
    summary.deliveries = dict(sorted(deliveries.items()))
    return summary
