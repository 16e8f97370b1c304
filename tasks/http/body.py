"""Reading an answer's body within bounds: a total deadline and a cap on the decoded size.

httpx's timeout is per read, so a host that sends a few bytes a second keeps a request alive forever; and
`response.content` inflates a compressed body whole, so a few KB of gzip can ask for gigabytes. Here the
raw body is streamed and decoded in bounded steps (`extractors.scrape.inflate`), decoded bytes are counted,
and reading stops at either bound with a `FetchError` that names it: the decoded bytes ever held stay under
the cap plus one step. Neither is retried: the same host would answer the same way a few seconds later.
"""

from __future__ import annotations

import time
from collections.abc import Iterator

import httpx

from extractors.scrape.inflate import ACCEPT, ContentDecodingError, Inflater
from extractors.scrape.politeness import PolitenessPolicy
from schemas.errors import FetchError

# The body handed back is already decoded: headers that describe the wire form no longer apply.
_WIRE_HEADERS = ("content-encoding", "content-length", "transfer-encoding")


def get_bounded(
    http: httpx.Client, url: str, params: dict[str, str] | None, policy: PolitenessPolicy
) -> httpx.Response:
    """GET `url` and read its decoded body, or raise `body_too_slow` / `body_too_large` / `bad_encoding`.

    Transport errors (timeouts, resets) propagate as httpx raises them, for the caller's retry policy.
    """
    deadline = time.monotonic() + policy.body_deadline_s
    with http.stream("GET", url, params=params, headers={"Accept-Encoding": ACCEPT}) as response:
        chunks: list[bytes] = []
        size = 0
        try:
            for chunk in _decoded(response):
                size += len(chunk)
                if size > policy.max_body_bytes:
                    raise FetchError(
                        "body_too_large",
                        f"{url}: body passed {policy.max_body_bytes} decoded bytes, reading stopped",
                        response.status_code,
                    )
                if time.monotonic() > deadline:
                    raise FetchError(
                        "body_too_slow",
                        f"{url}: body not read in {policy.body_deadline_s:g} s ({size} bytes so far)",
                        response.status_code,
                    )
                chunks.append(chunk)
        except ContentDecodingError as exc:
            raise FetchError(
                "bad_encoding", f"{url}: body does not decode as its Content-Encoding says: {exc}"
            ) from exc
    headers = [(k, v) for k, v in response.headers.multi_items() if k.lower() not in _WIRE_HEADERS]
    return httpx.Response(
        response.status_code, headers=headers, content=b"".join(chunks), request=response.request
    )


def _decoded(response: httpx.Response) -> Iterator[bytes]:
    """The body as it arrives, decoded one bounded piece at a time. A transport that answers from memory
    (an in-process app, a mock) hands over a body httpx has already read and decoded: its pieces are
    counted as they are."""
    if response.is_stream_consumed:
        yield from Inflater(None).feed(response.content)  # identity: the same bounded pieces
        return
    inflater = Inflater(response.headers.get("content-encoding"))
    for raw in response.iter_raw():
        yield from inflater.feed(raw)
    yield from inflater.end()
