"""Storage-stage fixtures: synthetic postings loaded through the real loader, and a TCP proxy that can
cut OpenSearch off mid-run without touching the shared node."""

from __future__ import annotations

import contextlib
import socket
import threading
from collections.abc import Iterator
from datetime import UTC, datetime

import psycopg
import pytest

from schemas.settings import Settings
from tasks.search.index import SearchIndex
from tasks.storage.database import Database
from tests.conftest import free_port, scratch_search_env
from tests.fakes.synthetic.rows import EXTRACTED_COLUMNS, postings, to_record


def load_postings(db: Database, start: int, count: int, seed: int = 5) -> list[str]:
    """Load through the product loader, then write the extraction fields as the extraction stage does."""
    batch = list(postings(seed, start, count))
    db.upsert_records([to_record(p) for p in batch], run_id="test", seen_at=datetime.now(UTC))
    sets = ", ".join(f"{c} = %({c})s" for c in EXTRACTED_COLUMNS)
    with db.transaction() as conn:
        conn.cursor().executemany(
            f"UPDATE jobs SET {sets} WHERE job_uid = %(job_uid)s", [p.extracted for p in batch]
        )
    return [p.extracted["job_uid"] for p in batch]


def index_ids(index: SearchIndex) -> set[str]:
    index.client.indices.refresh(index=index.alias)
    resp = index.client.search(
        index=index.alias, body={"query": {"match_all": {}}, "size": 10000, "_source": False}
    )
    return {h["_id"] for h in resp["hits"]["hits"]}


def pg(dsn: str, sql: str, params: dict | None = None) -> list[tuple]:
    with psycopg.connect(dsn) as conn:
        cur = conn.execute(sql, params or {})
        return cur.fetchall() if cur.description else []


@pytest.fixture(scope="module")
def search_env(base_settings: Settings, template_db: str) -> Iterator[Settings]:
    """One database and alias for a module of read-only tests: 400 postings, 12 of them closed, indexed."""
    with scratch_search_env(base_settings, template_db) as settings, Database(settings.pg_dsn) as db:
        uids = load_postings(db, 0, 400)
        with db.transaction() as conn:
            conn.execute("UPDATE jobs SET closed_at = now() WHERE job_uid = ANY(%s)", (uids[:12],))
        SearchIndex(settings.os_url, settings.index_alias).catch_up(db)
        yield settings


class CuttableProxy:
    """Forwards TCP to OpenSearch; after `bulk_limit` bulk requests it drops every connection and stops
    listening, as a node that dies mid-run would."""

    def __init__(self, target_host: str, target_port: int, bulk_limit: int) -> None:
        self.target = (target_host, target_port)
        self.bulk_limit, self.bulks = bulk_limit, 0
        self.port = free_port()
        self.listener = socket.create_server(("127.0.0.1", self.port))
        self.sockets: list[socket.socket] = []
        self.lock = threading.Lock()
        self.cut = threading.Event()
        threading.Thread(target=self._accept, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def _accept(self) -> None:
        while not self.cut.is_set():
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            upstream = socket.create_connection(self.target)
            with self.lock:
                self.sockets += [client, upstream]
            threading.Thread(target=self._pump, args=(client, upstream, True), daemon=True).start()
            threading.Thread(target=self._pump, args=(upstream, client, False), daemon=True).start()

    def _pump(self, src: socket.socket, dst: socket.socket, from_client: bool) -> None:
        try:
            while data := src.recv(65536):
                if from_client and b"/_bulk" in data:
                    with self.lock:
                        self.bulks += 1
                        over = self.bulks > self.bulk_limit
                    if over:
                        self.close()
                        return
                dst.sendall(data)
        except OSError:
            return

    def close(self) -> None:
        self.cut.set()
        self.listener.close()
        with self.lock:
            for s in self.sockets:
                with contextlib.suppress(OSError):  # already closed by the other side
                    s.shutdown(socket.SHUT_RDWR)
                s.close()


@pytest.fixture
def cuttable_proxy(base_settings: Settings) -> Iterator[type[CuttableProxy]]:
    made: list[CuttableProxy] = []
    host, port = base_settings.os_url.removeprefix("http://").split(":")

    def make(bulk_limit: int) -> CuttableProxy:
        proxy = CuttableProxy(host, int(port), bulk_limit)
        made.append(proxy)
        return proxy

    yield make
    for proxy in made:
        proxy.close()
