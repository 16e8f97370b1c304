"""Regex search restricted to the lines that hold a hint word.

Python's `re` tries every alternative of a large alternation at every position of a long text; most lines of
a posting contain none of the words a pattern needs. `str.find` locates the hint words at C speed, and the
pattern runs only on the lines that hold one, which keeps tier 0 fast with multilingual patterns.
"""

from __future__ import annotations

import re
from collections.abc import Sequence


def find(pattern: re.Pattern[str], hints: Sequence[str], text: str) -> re.Match[str] | None:
    """The first match (offsets into `text`) on a line that holds a hint, or None. Patterns must not span
    lines."""
    for start, end in lines_with(hints, text):
        m = pattern.search(text, start, end)
        if m is not None:
            return m
    return None


def lines_with(hints: Sequence[str], text: str) -> list[tuple[int, int]]:
    """(start, end) of every line of `text` that holds one of `hints`, in order."""
    lines: set[tuple[int, int]] = set()
    find, rfind, size = text.find, text.rfind, len(text)  # bound once: this runs ~10 times per posting
    for hint in hints:
        at = find(hint)
        while at != -1:
            end = find("\n", at)
            end = size if end == -1 else end
            lines.add((rfind("\n", 0, at) + 1, end))
            at = find(hint, end)
    return sorted(lines)
