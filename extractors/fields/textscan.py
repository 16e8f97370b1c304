"""Regex search restricted to the lines that hold a hint word.

Python's `re` tries every alternative of a large alternation at every position of a long text; most lines of
a posting contain none of the words a pattern needs. `str.find` locates the hint words at C speed, and the
pattern runs only on the lines that hold one, which keeps tier 0 fast with multilingual patterns.

An Aho-Corasick automaton (pyahocorasick) was measured in place of the per-hint `str.find`: one pass over a
1 kB posting cost about as much as 15-20 `find` scans (14 us against 22 us for the 24 boilerplate hints,
slower for the shorter lists), not enough to add a dependency; so was one regex of all hints (slower).
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


def _not_in_place() -> re.Pattern[str]:
    """A character whose lower-casing is not proven to keep every offset and class. The characters postings
    use beyond ASCII (accented Latin letters, curly quotes, dashes, bullets) lower-case to one character of
    the same kind (token character, space, line break), context-free; each is checked here once. The rest of
    Unicode (and the context-dependent Greek sigma, outside these ranges) takes the callers' general path."""
    classes = (re.compile(r"[^\W_]"), re.compile(r"[\w+#]"), re.compile(r"[.&']"))

    def same_kind(c: str, low: str) -> bool:
        return (
            all(bool(k.match(c)) == bool(k.match(low)) for k in classes)
            and c.isspace() == low.isspace()
            and len(f"a{c}a".splitlines()) == len(f"a{low}a".splitlines())
        )

    safe = [
        c
        for c in map(chr, [*range(0x80, 0x250), *range(0x2000, 0x2070)])
        if len(low := c.lower()) == 1 and same_kind(c, low)
    ]
    return re.compile(f"[^\\x00-\\x7f{re.escape(''.join(safe))}]")


_NOT_IN_PLACE = _not_in_place()


def lowers_in_place(text: str) -> bool:
    """Whether `text.lower()` maps each character to one character of the same kind at the same offset (ASCII
    text, and text of the characters postings use beyond it): then lines, bounds and tokens of the lower-cased
    text are those of the text, and lower-casing the whole text equals lower-casing each piece."""
    return text.isascii() or _NOT_IN_PLACE.search(text) is None
