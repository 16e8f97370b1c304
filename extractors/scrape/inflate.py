"""Decoding a body's `Content-Encoding` in bounded steps, so a cap on the decoded size holds in memory too.

httpx inflates each chunk it reads from the socket whole: one 64 KiB chunk of a gzip bomb is ~64 MiB of
zeros before any caller can count it, so a 1 MiB cap was passed by up to 64 MiB per request, and by that
times the lanes of a run. Here zlib is asked for at most `step` bytes at a time (`max_length`), the rest of
the input waits in `unconsumed_tail`, and the caller counts every piece: the decoded bytes ever held are the
cap plus one step.

Only the encodings the client asks for (`ACCEPT`) are decoded; any other is refused with a clear error rather
than passed on undecoded.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator

ACCEPT = "gzip, deflate"
STEP = 2**20
_HEAD_MAX = 2**16


class ContentDecodingError(ValueError):
    """The body does not decode as its `Content-Encoding` says, or names an encoding we never asked for."""


class Inflater:
    """Feed the body's bytes as they arrive; each call yields its decoded pieces, none over `step` bytes."""

    def __init__(self, content_encoding: str | None, step: int = STEP) -> None:
        encoding = (content_encoding or "identity").strip().lower()
        if encoding not in ("identity", "gzip", "x-gzip", "deflate"):
            raise ContentDecodingError(
                f"Content-Encoding {encoding!r} was not asked for (we accept {ACCEPT})"
            )
        self.step = step
        self._deflate = encoding == "deflate"
        self._zlib = None if encoding == "identity" else zlib.decompressobj(self._wbits(encoding))
        self._started = False  # whether any output came: after it, deflate's container is settled
        self._head = b""  # deflate: the bytes fed before any output, replayed if the zlib container fails

    @staticmethod
    def _wbits(encoding: str) -> int:
        # gzip: the gzip container (16 + window); deflate: the zlib container first, raw deflate if that
        # fails on the first bytes (servers send both under this one name, as httpx also accepts).
        return zlib.MAX_WBITS | 16 if encoding in ("gzip", "x-gzip") else zlib.MAX_WBITS

    def feed(self, data: bytes) -> Iterator[bytes]:
        if self._zlib is None:
            for at in range(0, len(data), self.step):
                yield data[at : at + self.step]
            return
        if self._deflate and not self._started:
            self._head += data
            if len(self._head) > _HEAD_MAX:  # no output yet from this much input: keep the container
                self._started, self._head = True, b""
        try:
            yield from self._inflate(data)
        except zlib.error as exc:
            if not (self._deflate and not self._started):
                raise ContentDecodingError(str(exc)) from exc
            self._zlib = zlib.decompressobj(-zlib.MAX_WBITS)
            self._started = True
            try:
                yield from self._inflate(self._head)
            except zlib.error as exc2:
                raise ContentDecodingError(str(exc2)) from exc2

    def end(self) -> Iterator[bytes]:
        """What zlib still holds once the body has ended (nothing for a complete, drained stream)."""
        if self._zlib is None:
            return
        try:
            yield from self._inflate(b"")
            rest = self._zlib.flush()
        except zlib.error as exc:
            raise ContentDecodingError(str(exc)) from exc
        if rest:
            yield rest

    def _inflate(self, data: bytes) -> Iterator[bytes]:
        assert self._zlib is not None
        while True:
            piece = self._zlib.decompress(data, self.step)
            if piece:
                self._started, self._head = True, b""
                yield piece
            data = self._zlib.unconsumed_tail
            # A full piece may leave output pending inside zlib even with no input left: ask again.
            if not data and len(piece) < self.step:
                return
