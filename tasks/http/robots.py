"""robots.txt of each API host: fetched once, kept in PostgreSQL for a day, obeyed, decisions logged."""

from __future__ import annotations

import logging
import threading
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

import httpx

from extractors.scrape.politeness import PolitenessPolicy, RobotsRules, robots_rules
from schemas.errors import FetchError
from tasks.http.body import get_bounded
from tasks.storage.database import Database
from tasks.storage.sql_queries import query

log = logging.getLogger(__name__)
ROBOTS_AGENT = "jobmine"
_SQL = "http/robots.sql"


def robots_get(db: Database, origin: str) -> dict[str, Any] | None:
    with db.transaction() as conn:
        return conn.execute(query("robots_get", _SQL), {"host": origin}).fetchone()


def robots_put(db: Database, origin: str, status: int | None, body: str) -> None:
    with db.transaction() as conn:
        conn.execute(query("robots_put", _SQL), {"host": origin, "status": status, "body": body})


class RobotsCache:
    """robots.txt of each API host: fetched once, kept in PostgreSQL for a day, obeyed, decisions logged."""

    def __init__(
        self, db: Database, http: httpx.Client, ttl_s: float, policy: PolitenessPolicy | None = None
    ) -> None:
        self.db, self.http, self.ttl = db, http, timedelta(seconds=ttl_s)
        self.policy = policy or PolitenessPolicy()
        self._rules: dict[str, RobotsRules] = {}
        self._lock = threading.Lock()

    def allowed(self, url: str) -> bool:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        with self._lock:
            if origin not in self._rules:
                self._rules[origin] = self._load(origin)
            rules = self._rules[origin]
        ok = rules.can_fetch(ROBOTS_AGENT, url)
        log.debug("robots.txt of %s %s %s", origin, "allows" if ok else "forbids", parts.path)
        return ok

    def _load(self, origin: str) -> RobotsRules:
        cached = robots_get(self.db, origin)
        if cached and datetime.now(UTC) - cached["fetched_at"] < self.ttl:
            rules, why = robots_rules(cached["status"], cached["body"])
        else:
            status, body = self._fetch(origin)
            rules, why = robots_rules(status, body)
            if status is not None and status < 500:
                robots_put(self.db, origin, status, body)
        log.info("robots.txt of %s: %s", origin, why)
        return rules

    def _fetch(self, origin: str) -> tuple[int | None, str]:
        for _ in range(3):  # a wait for one of our own connections is no answer from the host
            try:
                response = get_bounded(self.http, f"{origin}/robots.txt", None, self.policy)
                break
            except httpx.PoolTimeout:
                continue
            except (httpx.HTTPError, FetchError) as exc:
                log.warning("robots.txt of %s not reachable: %s", origin, exc)
                return None, ""
        else:
            log.warning("robots.txt of %s: no local connection free", origin)
            return None, ""
        return response.status_code, response.text if response.is_success else ""
