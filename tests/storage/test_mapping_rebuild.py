"""The index's explicit mapping and analyzer, and a rebuild that swaps the alias under live reads."""

from __future__ import annotations

import threading

import pytest
from opensearchpy.exceptions import RequestError

from schemas.search import SearchRequest
from tasks.search.index import SearchIndex
from tests.storage.conftest import index_ids, load_postings

FACET_KEYWORDS = [
    "company",
    "source_type",
    "seniority",
    "job_function",
    "remote_type",
    "employment_type",
    "countries",
    "regions",
    "cities",
    "skills",
    "tools",
]


def test_mapping_is_explicit_and_strict(settings):
    index = SearchIndex(settings.os_url, settings.index_alias)
    name = index.ensure()
    assert name == f"{settings.index_alias}-v1" and index.current_index() == name
    props = index.client.indices.get_mapping(index=name)[name]["mappings"]["properties"]
    assert all(props[f]["type"] == "keyword" for f in FACET_KEYWORDS)
    assert {props[f]["type"] for f in ("salary_min_usd", "salary_max_usd")} == {"integer"}
    assert {props[f]["type"] for f in ("posted_at", "updated_at", "closed_at")} == {"date"}
    assert all(props[f]["analyzer"] == "job_text" for f in ("title", "summary", "description"))
    with pytest.raises(RequestError, match="strict_dynamic_mapping_exception"):
        index.client.index(index=settings.index_alias, body={"no_such_field": 1}, id="x")


def test_analyzer_folds_accents_and_stems(settings):
    index = SearchIndex(settings.os_url, settings.index_alias)
    name = index.ensure()
    tokens = index.client.indices.analyze(
        index=name, body={"analyzer": "job_text", "text": "The Engineers of São Paulo"}
    )["tokens"]
    assert [t["token"] for t in tokens] == ["engineer", "sao", "paulo"]


def test_rebuild_swaps_the_alias_while_reads_keep_working(settings, db):
    index = SearchIndex(settings.os_url, settings.index_alias)
    uids = load_postings(db, 0, 300)
    index.catch_up(db)
    seen: list[int] = []
    errors: list[Exception] = []
    stop = threading.Event()

    def reader() -> None:
        reading = SearchIndex(settings.os_url, settings.index_alias)
        while not stop.is_set():
            try:
                seen.append(reading.search(SearchRequest(size=0, include_closed=True))["total"])
            except Exception as exc:  # any failed read is what this test looks for
                errors.append(exc)

    thread = threading.Thread(target=reader)
    thread.start()
    try:
        first = index.rebuild(db)
        second = index.rebuild(db)
    finally:
        stop.set()
        thread.join()

    assert not errors
    assert len(seen) > 5 and set(seen) == {300}
    assert (first.index, second.index) == (f"{settings.index_alias}-v2", f"{settings.index_alias}-v3")
    assert index.current_index() == second.index
    assert index.versions() == [first.index, second.index]  # one older version kept for rollback
    assert index_ids(index) == set(uids)
    assert db.watermark(settings.index_alias) == second.watermark


def test_rebuild_picks_up_rows_changed_since_the_last_catch_up(settings, db):
    index = SearchIndex(settings.os_url, settings.index_alias)
    uids = load_postings(db, 0, 40)
    index.catch_up(db)
    more = load_postings(db, 40, 10)
    index.rebuild(db)
    assert index_ids(index) == set(uids + more)
    assert index.catch_up(db).indexed == 0


def test_an_index_built_from_an_older_mapping_is_rebuilt_on_catch_up(settings, db):
    """After an upgrade changes the mapping file, the next catch-up moves to a new version, loses nothing."""
    index = SearchIndex(settings.os_url, settings.index_alias)
    uids = load_postings(db, 0, 40)
    old = f"{settings.index_alias}-v1"
    index.client.indices.create(index=old, body={"mappings": {"properties": {"title": {"type": "text"}}}})
    index.client.indices.put_alias(index=old, name=settings.index_alias)

    result = index.catch_up(db)

    assert result.index == f"{settings.index_alias}-v2"
    assert index.current_index() == result.index and index.mapping_is_current(result.index)
    assert index_ids(index) == set(uids)
    assert index.catch_up(db).indexed == 0  # and the next catch-up is an ordinary one
