"""The raw store on disk and on a real S3 API server: content-addressed, written once."""

from __future__ import annotations

from datetime import date

import pytest

from schemas.errors import ConfigError, ServiceUnavailable
from tasks.storage.raw_store import open_raw_store, raw_key


def test_key_layout():
    assert (
        raw_key("lever", "palantir", date(2026, 11, 21), "ab" * 32)
        == f"lever/palantir/2026-11-21/{'ab' * 32}.json"
    )


@pytest.mark.parametrize("store_fixture", ["settings", "s3_settings"])
def test_put_is_write_once(store_fixture, request):
    store = open_raw_store(request.getfixturevalue(store_fixture))
    assert store.put("greenhouse/x/2026-11-21/abc.json", b'{"jobs": []}') is True
    assert store.put("greenhouse/x/2026-11-21/abc.json", b'{"jobs": []}') is False
    assert store.get("greenhouse/x/2026-11-21/abc.json") == b'{"jobs": []}'
    assert store.exists("greenhouse/x/2026-11-21/abc.json")
    assert not store.exists("greenhouse/x/2026-11-21/other.json")
    assert store.keys("greenhouse/") == ["greenhouse/x/2026-11-21/abc.json"]


def test_s3_missing_bucket_and_bad_urls(settings, s3_endpoint):
    with pytest.raises(ServiceUnavailable, match="S3 raw store"):
        open_raw_store(
            settings.model_copy(update={"raw_store": "s3://no-such-bucket/x", "s3_endpoint_url": s3_endpoint})
        )
    with pytest.raises(ConfigError):
        open_raw_store(settings.model_copy(update={"raw_store": "ftp://x"}))
