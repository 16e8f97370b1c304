"""Bounded decoding of a body's Content-Encoding: every encoding we ask for decodes to the very bytes sent,
however the wire splits them; a bomb comes out in pieces no larger than one step, so a cap on the decoded
size also bounds memory; anything else is refused by name."""

from __future__ import annotations

import gzip
import itertools
import zlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.scrape.inflate import ContentDecodingError, Inflater
from tests.fakes.ats_server import gzip_bomb


def _encode(encoding: str, body: bytes) -> bytes:
    if encoding == "gzip":
        return gzip.compress(body)
    if encoding == "deflate":  # the zlib container, as RFC 9110 means it
        return zlib.compress(body)
    if encoding == "raw-deflate":  # what some servers send under the same name
        packer = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS)
        return packer.compress(body) + packer.flush()
    return body


def _decode(header: str | None, wire: bytes, cuts: list[int], step: int) -> list[bytes]:
    inflater = Inflater(header, step=step)
    bounds = [0, *sorted({c % (len(wire) + 1) for c in cuts}), len(wire)]
    pieces = [p for a, b in itertools.pairwise(bounds) for p in inflater.feed(wire[a:b])]
    return pieces + list(inflater.end())


@settings(max_examples=60, deadline=None)
@given(
    encoding=st.sampled_from(["gzip", "deflate", "raw-deflate", "identity"]),
    body=st.one_of(st.binary(max_size=5000), st.text(max_size=3000).map(str.encode)),
    cuts=st.lists(st.integers(min_value=0, max_value=10_000), max_size=8),
    step=st.sampled_from([1, 7, 512, 2**20]),
)
def test_every_accepted_encoding_decodes_to_the_bytes_sent_however_the_wire_splits_them(
    encoding, body, cuts, step
):
    header = {"raw-deflate": "deflate", "identity": None}.get(encoding, encoding)
    pieces = _decode(header, _encode(encoding, body), cuts, step)
    assert b"".join(pieces) == body
    assert all(0 < len(p) <= step for p in pieces)


def test_a_gzip_bomb_comes_out_one_bounded_piece_at_a_time():
    wire = gzip_bomb(64).body
    first = wire[: 2**16]  # one socket read's worth
    assert len(zlib.decompressobj(31).decompress(first)) > 32 * 2**20  # what inflating it whole would hold
    inflater = Inflater("gzip", step=2**20)
    seen = 0
    for piece in inflater.feed(first):
        assert len(piece) <= 2**20
        seen += len(piece)
        if seen >= 3 * 2**20:  # the reader's cap: it stops after three pieces of one step each
            break
    assert seen == 3 * 2**20


def test_the_whole_bomb_is_counted_exactly_when_read_to_the_end():
    wire = gzip_bomb(16).body
    inflater = Inflater("gzip")
    sizes = [len(p) for at in range(0, len(wire), 2**16) for p in inflater.feed(wire[at : at + 2**16])]
    sizes += [len(p) for p in inflater.end()]
    assert sum(sizes) == 16 * 2**20
    assert max(sizes) <= 2**20


@pytest.mark.parametrize(
    ("header", "wire", "says"),
    [
        ("br", b"\x1b\x03\x00", "'br' was not asked for"),
        ("gzip, gzip", gzip.compress(gzip.compress(b"{}")), "'gzip, gzip' was not asked for"),
        ("gzip", b"this is not gzip at all", "header"),
        ("deflate", b"neither zlib nor raw deflate \xff\xff", "invalid"),
    ],
)
def test_a_body_that_is_not_what_its_encoding_says_is_refused_by_name(header, wire, says):
    with pytest.raises(ContentDecodingError, match=says):
        _decode(header, wire, [], 2**20)
