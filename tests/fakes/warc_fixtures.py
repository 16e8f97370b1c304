"""WARC records written with warcio, laid out in files the way Common Crawl's are, with CDX pointers."""

from __future__ import annotations

import io

from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter


def board_page_record(url: str, html: str) -> bytes:
    """One gzipped `response` record of an HTML page."""
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
    writer.write_record(
        writer.create_warc_record(url, "response", payload=io.BytesIO(html.encode()), http_headers=http)
    )
    return buf.getvalue()


def warc_file(pages: dict[str, str]) -> tuple[bytes, dict[str, tuple[int, int]]]:
    """A WARC file of several pages, and each URL's (offset, length) as the index would list it."""
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    for url, html in pages.items():
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        writer.write_record(
            writer.create_warc_record(url, "response", payload=io.BytesIO(html.encode()), http_headers=http)
        )
    data = buf.getvalue()
    pointers: dict[str, tuple[int, int]] = {}
    it = ArchiveIterator(io.BytesIO(data))
    for rec in it:
        url = rec.rec_headers.get_header("WARC-Target-URI")
        rec.content_stream().read()
        pointers[url] = (it.get_record_offset(), it.get_record_length())
    return data, pointers
