"""An archived board page out of a crawl's WARC file (one range request), kept in the raw store."""

from __future__ import annotations

import io
import zlib

from warcio.archiveiterator import ArchiveIterator
from warcio.bufferedreaders import ChunkedDataException
from warcio.exceptions import ArchiveLoadFailed
from warcio.statusandheaders import StatusAndHeadersParserException

from extractors.discover.company_page import CompanyPage, company_from_html
from extractors.text.hashing import sha256_bytes
from schemas.errors import FetchError, PayloadError
from schemas.job import BoardRef
from schemas.settings import Settings
from tasks.storage.raw_store import RawStore

_MAX_RECORD = 5_000_000


def fetch_record(settings: Settings, capture: dict[str, str]) -> bytes:
    """The gzipped WARC record a CDX line points at, through cdx-toolkit's polite getter."""
    from cdx_toolkit.myrequests import myrequests_get

    offset, length = int(capture["offset"]), int(capture["length"])
    if length <= 0 or length > _MAX_RECORD or "/" not in capture["filename"] or ".." in capture["filename"]:
        raise PayloadError("bad_warc_pointer", f"{capture['filename']} {offset}+{length}")
    url = f"{settings.cc_data_url.rstrip('/')}/{capture['filename'].lstrip('/')}"
    headers = {"Range": f"bytes={offset}-{offset + length - 1}", "user-agent": settings.user_agent}
    try:
        resp = myrequests_get(url, headers=headers)
    except (ValueError, RuntimeError, OSError) as exc:
        raise FetchError("warc_unavailable", f"{url}: {exc}") from exc
    if resp.status_code != 206:
        raise FetchError("warc_not_ranged", f"{url} answered {resp.status_code}", status=resp.status_code)
    return resp.content


def company_of_record(record: bytes) -> CompanyPage:
    """Parse the record with warcio and read the company from its HTML."""
    try:
        for rec in ArchiveIterator(io.BytesIO(record)):
            if not rec.format.startswith("warc") or rec.rec_type != "response" or rec.http_headers is None:
                continue  # Common Crawl writes WARC; anything else is not the record we asked for
            ctype = rec.http_headers.get_header("Content-Type", "")
            body = rec.content_stream().read()
            if "html" not in ctype.lower():
                return CompanyPage()
            return company_from_html(body.decode("utf-8", errors="replace"))
    except (
        ArchiveLoadFailed,
        StatusAndHeadersParserException,
        ChunkedDataException,
        EOFError,
        zlib.error,
    ) as exc:
        raise PayloadError("bad_warc_record", str(exc)[:200]) from exc
    raise PayloadError("bad_warc_record", "no response record in range")


def keep_record(store: RawStore, board: BoardRef, record: bytes) -> str:
    """Store the record where the raw payloads live; the key is content-addressed."""
    key = f"discovery/warc/{board.source_type}/{board.token}/{sha256_bytes(record)}.warc.gz"
    store.put(key, record)
    return key
