"""OpenSearch: versioned indexes behind an alias, fed from PostgreSQL through a watermark.

PostgreSQL is the truth. Each document carries the row's `row_version` as an external version, so
writes are idempotent and order-independent: a stale copy can never overwrite a newer one, whichever
indexer (catch-up or rebuild) gets there first.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson
from opensearchpy import OpenSearch, helpers
from opensearchpy.exceptions import ConnectionError as OSConnectionError
from opensearchpy.exceptions import OpenSearchException, RequestError, SerializationError, TransportError
from opensearchpy.serializer import JSONSerializer

from extractors.reporting.redact import redact_url
from extractors.search.query import build_query, job_document, parse_response
from schemas.errors import ConfigError, LoadError, ServiceUnavailable
from schemas.progress import Progress, notify
from schemas.search import SearchRequest
from tasks.recovery import killpoints
from tasks.storage.database import Database
from tasks.storage.sql_queries import query

MAPPING_FILE = Path(__file__).parent / "mapping.json"
ROW_VERSION_LOCK = 7_060_002  # the advisory lock of migration 0002's row-version trigger
_HINT = "start the local one with `jobmine services up`, or set JOBMINE_OPENSEARCH_URL"
_SQL = "search/search.sql"
_REFRESH_INTERVAL = json.loads(MAPPING_FILE.read_text())["settings"]["refresh_interval"]
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class IndexResult:
    indexed: int
    watermark: int
    index: str


def _sql(name: str) -> str:
    return query(name, _SQL)


def mapping_digest() -> str:
    return hashlib.sha256(MAPPING_FILE.read_bytes()).hexdigest()[:16]


def mapping_body() -> dict[str, Any]:
    """Index settings and mappings from the file, stamped with the file's digest so drift is detected."""
    body = json.loads(MAPPING_FILE.read_text())
    body["mappings"]["_meta"] = {"mapping_sha": mapping_digest()}
    return body


class OrjsonSerializer(JSONSerializer):
    """The client's JSON through orjson: bulk bodies are most of an indexer's own CPU time."""

    def dumps(self, data: Any) -> str:
        if isinstance(data, str):
            return data
        try:
            return orjson.dumps(data, default=self.default).decode()
        except TypeError as exc:
            raise SerializationError(data, exc) from exc

    def loads(self, s: str | bytes) -> Any:
        try:
            return orjson.loads(s)
        except orjson.JSONDecodeError as exc:
            raise SerializationError(s, exc) from exc


class SearchIndex:
    """The jobs index of one alias; `{alias}-v{n}` are its versions, the alias points at one of them."""

    def __init__(
        self,
        url: str,
        alias: str,
        timeout: float = 30,
        page_rows: int = 2000,
        chunk_docs: int = 1000,
        bulk_mode_docs: int = 10_000,
        bulk_threads: int = 3,
    ) -> None:
        self.url, self.alias = url, alias
        self.page_rows, self.chunk_docs = page_rows, chunk_docs  # rows read per query, docs per bulk
        self.bulk_mode_docs = bulk_mode_docs  # a catch-up at least this large pauses refreshes
        self.bulk_threads = bulk_threads  # bulk requests in flight at once
        self.client = OpenSearch(
            hosts=[url],
            timeout=timeout,
            max_retries=2,
            retry_on_timeout=True,
            pool_maxsize=4,
            serializer=OrjsonSerializer(),
        )

    def check(self) -> None:
        try:
            self.client.cluster.health(wait_for_status="yellow", request_timeout=10)
        except (OSConnectionError, OpenSearchException) as exc:
            raise ServiceUnavailable("OpenSearch", redact_url(self.url), _HINT) from exc

    def ensure(self) -> str:
        """Template, first index and alias, when missing; returns the index the alias points at."""
        body = mapping_body()
        self.client.indices.put_index_template(
            name=f"{self.alias}-template",
            body={"index_patterns": [f"{self.alias}-v*"], "template": body, "priority": 100},
        )
        current = self.current_index()
        if current:
            self._restore_refresh(current)
            return current
        index = f"{self.alias}-v1"
        try:
            self.client.indices.create(index=index)
        except RequestError as exc:  # several workers starting at once: the first one creates it
            if exc.error != "resource_already_exists_exception":
                raise
        self.client.indices.put_alias(index=index, name=self.alias)  # idempotent
        return self.current_index() or index

    def _restore_refresh(self, index: str) -> None:
        """Put back the refresh interval a catch-up that died in bulk mode left off."""
        live = self.client.indices.get_settings(index=index, name="index.refresh_interval")
        if live.get(index, {}).get("settings", {}).get("index", {}).get("refresh_interval") == "-1":
            log.warning("%s was left without refresh by an interrupted catch-up: restoring it", index)
            self.client.indices.put_settings(
                index=index, body={"index": {"refresh_interval": _REFRESH_INTERVAL}}
            )

    def mapping_is_current(self, index: str) -> bool:
        """Whether `index` was built from today's mapping file (its digest is kept in `_meta`)."""
        live = self.client.indices.get_mapping(index=index)[index]["mappings"]
        return (live.get("_meta") or {}).get("mapping_sha") == mapping_digest()

    def current_index(self) -> str | None:
        if not self.client.indices.exists_alias(name=self.alias):
            return None
        return next(iter(self.client.indices.get_alias(name=self.alias)))

    def versions(self) -> list[str]:
        """Existing `{alias}-v{n}` indexes, oldest first."""
        found = self.client.indices.get(
            index=f"{self.alias}-v*", allow_no_indices=True, ignore_unavailable=True
        )
        pattern = re.compile(rf"^{re.escape(self.alias)}-v(\d+)$")
        numbered = [(int(m.group(1)), name) for name in found if (m := pattern.match(name))]
        return [name for _, name in sorted(numbered)]

    def catch_up(self, db: Database, progress: Progress | None = None) -> IndexResult:
        """Index every job changed since the watermark; the watermark moves only after a good bulk."""
        target = self.ensure()
        if not self.mapping_is_current(target):
            log.warning("the index mapping changed since %s was built: rebuilding into a new version", target)
            return self.rebuild(db, progress)
        mark = db.watermark(self.alias)
        pending = pending_jobs(db, mark)
        with self._bulk_mode(target, pending >= self.bulk_mode_docs):
            indexed, mark = self._copy(db, self.alias, mark, progress, pending)
        self.client.indices.refresh(index=self.alias)
        return IndexResult(indexed=indexed, watermark=mark, index=target)

    @contextmanager
    def _bulk_mode(self, index: str, on: bool) -> Iterator[None]:
        """No periodic refresh while a large catch-up runs: each refresh makes a segment and rebuilds the
        facets' global ordinals, which costs more than the indexing itself. Searches see the new
        documents at the refresh that ends the catch-up; a catch-up that dies leaves the setting for the
        next `ensure` to put back."""
        if not on:
            yield
            return
        self.client.indices.put_settings(index=index, body={"index": {"refresh_interval": "-1"}})
        try:
            yield
        finally:
            self.client.indices.put_settings(
                index=index, body={"index": {"refresh_interval": _REFRESH_INTERVAL}}
            )

    def rebuild(self, db: Database, progress: Progress | None = None) -> IndexResult:
        """Fill a new version from PostgreSQL, swap the alias in one atomic step, keep one older version.

        Searches keep reading the old version until the swap; rows that change meanwhile are copied by a
        last pass after it (external versions make a second copy harmless).
        """
        old = self.ensure()
        versions = self.versions()
        new = f"{self.alias}-v{int(versions[-1].rsplit('-v', 1)[1]) + 1}"
        self.client.indices.create(index=new, body={"settings": {"refresh_interval": "-1"}})
        try:
            total = pending_jobs(db, 0) if progress else None
            indexed, mark = self._copy(db, new, 0, progress, total)
            self.client.indices.put_settings(
                index=new, body={"index": {"refresh_interval": _REFRESH_INTERVAL}}
            )
            self.client.indices.refresh(index=new)
            self.client.indices.update_aliases(
                body={
                    "actions": [
                        {"remove": {"index": old, "alias": self.alias}},
                        {"add": {"index": new, "alias": self.alias}},
                    ]
                }
            )
        except (OSConnectionError, OpenSearchException, LoadError):
            self.client.indices.delete(index=new, ignore_unavailable=True)
            raise
        more, mark = self._copy(db, new, mark)
        self.client.indices.refresh(index=new)
        with db.transaction() as conn:
            conn.execute(_sql("reset_watermark"), {"alias": self.alias, "row_version": mark})
        for stale in versions[:-1]:
            self.client.indices.delete(index=stale, ignore_unavailable=True)
        return IndexResult(indexed=indexed + more, watermark=mark, index=new)

    def _copy(
        self,
        db: Database,
        target: str,
        after: int,
        progress: Progress | None = None,
        total: int | None = None,
    ) -> tuple[int, int]:
        """Stream rows with `after < row_version <= bound` into `target`; returns (count, new mark).

        Reading PostgreSQL overlaps with bulk requests; results come back in order, so the watermark
        advances page by page, and only past pages whose every document was acknowledged.
        """
        upto = self.bound(db)
        pages: deque[tuple[int, int]] = deque()  # (documents up to the end of a page, its last row_version)

        def actions() -> Iterator[dict[str, Any]]:
            cursor, sent = after, 0
            while rows := self._rows(db, cursor, upto, self.page_rows):
                cursor, sent = rows[-1]["row_version"], sent + len(rows)
                pages.append((sent, cursor))
                yield from (_action(target, r) for r in rows)

        done, mark = 0, after
        try:
            for ok, item in helpers.parallel_bulk(
                self.client,
                actions(),
                thread_count=self.bulk_threads,
                chunk_size=self.chunk_docs,
                raise_on_error=False,
            ):
                if not ok and next(iter(item.values())).get("status") != 409:  # 409: a newer copy is there
                    raise LoadError(
                        f"bulk indexing rejected a document; the rest wait for the next run: {item}"
                    )
                done += 1
                while pages and pages[0][0] <= done:
                    mark = pages.popleft()[1]
                    notify(progress, "jobs indexed", done, total)
                    if target == self.alias:
                        self._advance(db, mark)
                    killpoints.reached("index:mid-bulk")
        except (OSConnectionError, TransportError) as exc:
            raise LoadError(
                f"bulk indexing stopped after {done} jobs; the rest wait for the next run: {exc}"
            ) from exc
        return done, max(mark, upto)

    def _advance(self, db: Database, mark: int) -> None:
        with db.transaction() as conn:
            conn.execute(_sql("advance_watermark"), {"alias": self.alias, "row_version": mark})

    def bound(self, db: Database) -> int:
        """The highest row_version below which every writer has committed (see migration 0002)."""
        with db.transaction() as conn:
            conn.execute("SELECT pg_advisory_xact_lock(%s)", (ROW_VERSION_LOCK,))
            return int(conn.execute(_sql("index_bound")).fetchone()["v"])

    @staticmethod
    def _rows(db: Database, after: int, upto: int, limit: int) -> list[dict[str, Any]]:
        with db.transaction() as conn:
            return conn.execute(
                _sql("jobs_to_index"), {"after": after, "upto": upto, "limit": limit}
            ).fetchall()

    def search(self, req: SearchRequest) -> dict[str, Any]:
        body = build_query(req)
        try:
            resp = self.client.search(index=self.alias, body=body)
        except RequestError as exc:  # 400: only a cursor that does not fit the index can get here
            raise ConfigError(f"the search was refused: {exc.error}") from exc
        except (OSConnectionError, TransportError) as exc:
            raise ServiceUnavailable("OpenSearch", redact_url(self.url), _HINT) from exc
        return parse_response(resp, req.size)

    def count(self, include_closed: bool = True) -> int:
        body = None if include_closed else {"query": {"term": {"is_closed": False}}}
        return int(self.client.count(index=self.alias, body=body)["count"])


def _action(target: str, row: dict[str, Any]) -> dict[str, Any]:
    return {
        "_index": target,
        "_id": row["job_uid"],
        "version": row["row_version"],
        "version_type": "external_gte",
        "_source": job_document(row),
    }


def pending_jobs(db: Database, watermark: int) -> int:
    """Jobs changed after `watermark` (written while the index was being fed)."""
    with db.transaction() as conn:
        return int(conn.execute(_sql("pending_count"), {"after": watermark}).fetchone()["n"])
