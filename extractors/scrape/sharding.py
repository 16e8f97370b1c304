"""Which shard a board belongs to, the same on every machine and every run."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import TypeVar

T = TypeVar("T")


def shard_of(board: str, shards: int) -> int:
    """Stable over runs (unlike `hash()`), so a board always lands in the same shard."""
    return int.from_bytes(hashlib.sha256(board.encode()).digest()[:8], "big") % shards


def chunked(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Lists of at most `size` items, pulled lazily so a long stream is never held whole."""
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk
