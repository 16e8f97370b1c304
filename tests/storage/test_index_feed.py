"""PostgreSQL feeds OpenSearch through the watermark: idempotent, resumable, never skipping a late commit."""

from __future__ import annotations

import threading
from datetime import UTC, datetime

import pytest

from schemas.errors import LoadError
from schemas.search import SearchRequest
from tasks.search.index import SearchIndex
from tests.fakes.synthetic.rows import postings, to_record
from tests.storage.conftest import index_ids, load_postings, pg


def test_reload_is_idempotent_in_postgres_and_opensearch(settings, db):
    index = SearchIndex(settings.os_url, settings.index_alias)
    uids = load_postings(db, 0, 120)
    first = index.catch_up(db)
    versions = pg(settings.pg_dsn, "SELECT job_uid, row_version FROM jobs ORDER BY 1")

    again = db.upsert_records([to_record(p) for p in postings(5, 0, 120)], "again", datetime.now(UTC))
    load_postings(db, 0, 120)  # the same extraction written again
    second = index.catch_up(db)

    assert (again.inserted, again.updated, again.unchanged) == (0, 0, 120)
    assert pg(settings.pg_dsn, "SELECT job_uid, row_version FROM jobs ORDER BY 1") == versions
    assert first.indexed == 120 and second.indexed == 0
    assert index_ids(index) == set(uids)


def test_every_indexed_change_gets_a_new_row_version(settings, db):
    index = SearchIndex(settings.os_url, settings.index_alias)
    uids = load_postings(db, 0, 30)
    index.catch_up(db)
    with db.transaction() as conn:  # as the scrape stage closes a posting and extraction adds a skill
        conn.execute("UPDATE jobs SET closed_at = now() WHERE job_uid = %s", (uids[0],))
        conn.execute("UPDATE jobs SET skills = skills || '{Rust}' WHERE job_uid = %s", (uids[1],))
        conn.execute("UPDATE jobs SET last_seen_at = now() WHERE job_uid = %s", (uids[2],))
    assert index.catch_up(db).indexed == 2

    open_only = index.search(SearchRequest(size=100))
    with_closed = index.search(SearchRequest(size=100, include_closed=True))
    assert uids[0] not in {h["job_uid"] for h in open_only["hits"]}
    assert uids[0] in {h["job_uid"] for h in with_closed["hits"]}
    assert (open_only["total"], with_closed["total"]) == (29, 30)
    rust = index.search(SearchRequest(filters={"skills": ["Rust"]}))
    assert [h["job_uid"] for h in rust["hits"]] == [uids[1]]


def test_catch_up_after_opensearch_was_cut_mid_run(settings, db, cuttable_proxy):
    uids = load_postings(db, 0, 400)
    proxy = cuttable_proxy(bulk_limit=3)
    # one bulk request at a time, so how many are acknowledged before the cut does not depend on timing
    through_proxy = SearchIndex(
        proxy.url, settings.index_alias, timeout=5, page_rows=50, chunk_docs=25, bulk_threads=1
    )
    through_proxy.ensure()

    with pytest.raises(LoadError, match="wait for the next run"):
        through_proxy.catch_up(db)

    direct = SearchIndex(settings.os_url, settings.index_alias)
    mark = db.watermark(settings.index_alias)
    top = pg(settings.pg_dsn, "SELECT max(row_version) FROM jobs")[0][0]
    assert 0 < mark < top  # acknowledged pages were kept, the rest is left for the next run
    assert len(index_ids(direct)) < 400

    result = direct.catch_up(db)
    assert index_ids(direct) == set(uids)
    assert result.watermark == db.watermark(settings.index_alias) == top
    assert result.indexed <= 400 - 50  # resumed from the watermark, not from zero


def test_a_writer_still_open_holds_back_the_watermark(settings, db):
    """Writer A draws row versions, then stays open; writer B draws higher ones and commits first. The
    indexer must not move the watermark past B while A's lower versions are still uncommitted."""
    index = SearchIndex(settings.os_url, settings.index_alias)
    load_postings(db, 0, 10)
    slow = [to_record(p) for p in postings(5, 10, 5)]

    a_open, b_committed = threading.Event(), threading.Event()

    def hold_open(conn: object) -> None:  # A has drawn its versions; it commits only after B did
        a_open.set()
        assert b_committed.wait(60)

    a = threading.Thread(target=lambda: db.upsert_records(slow, "a", datetime.now(UTC), then=hold_open))
    a.start()
    try:
        assert a_open.wait(60)
        load_postings(db, 15, 1)  # writer B commits while A is open
    finally:
        b_committed.set()
    index.catch_up(db)  # may run while A is still open: it must not move the watermark past A
    a.join()
    index.catch_up(db)

    all_uids = {r[0] for r in pg(settings.pg_dsn, "SELECT job_uid FROM jobs")}
    assert len(all_uids) == 16
    assert index_ids(index) == all_uids


def _refresh_interval(index: SearchIndex) -> str | None:
    name = index.current_index()
    found = index.client.indices.get_settings(index=name, name="index.refresh_interval")
    return found[name]["settings"].get("index", {}).get("refresh_interval")


def test_a_large_catch_up_pauses_refreshes_and_puts_them_back(settings, db):
    index = SearchIndex(settings.os_url, settings.index_alias, bulk_mode_docs=50)
    uids = load_postings(db, 0, 80)
    seen: list[str | None] = []
    copy = index._copy

    def watched_copy(*args, **kwargs):
        seen.append(_refresh_interval(index))
        return copy(*args, **kwargs)

    index._copy = watched_copy  # type: ignore[method-assign]
    assert index.catch_up(db).indexed == 80
    assert seen == ["-1"] and _refresh_interval(index) == "1s"
    assert index.count(include_closed=True) == len(uids)  # visible right after, without waiting

    load_postings(db, 80, 10)  # a small catch-up leaves refreshes alone
    assert index.catch_up(db).indexed == 10 and seen[-1] == "1s"


def test_a_catch_up_killed_in_bulk_mode_is_repaired_by_the_next_run(settings, db):
    index = SearchIndex(settings.os_url, settings.index_alias)
    load_postings(db, 0, 20)
    index.catch_up(db)
    index.client.indices.put_settings(index=index.current_index(), body={"index": {"refresh_interval": "-1"}})
    index.ensure()
    assert _refresh_interval(index) == "1s"
