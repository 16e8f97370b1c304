"""Regex search restricted to the lines that hold a hint word.

Python's `re` tries every alternative of a large alternation at every position of a long text; most lines of
a posting contain none of the words a pattern needs. The pattern runs only on the lines that hold one of its
hint words, which keeps tier 0 fast with multilingual patterns.

The rules scan one text for many hint lists (the body: about 130 words in 20 lists of the employment, remote
and seniority rules). `Vocabulary` compiles all the hint words read from one text into one Aho-Corasick
automaton (ahocorasick_rs, Rust): one pass over the text finds every occurrence of every word, about 8 us for
56 words over a 1.6 kB posting against 72 us for a `str.find` scan per word. pyahocorasick was measured too
(22 us); so was one regex of all hints (slower). The automata are built as DFAs: a 6 kB posting is scanned for
the body's 146 hint words in 20 us, against 38 us with the library's default (an NFA); on 1 kB, 5 against 6.
`find` and `lines_with` on a plain string keep the `str.find` scan, for one-off lists and short texts.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from ahocorasick_rs import AhoCorasick, Implementation, MatchKind


class Vocabulary:
    """The hint words the rules scan one text for, compiled once (a constant, like a compiled pattern). Each
    word is a bit: a hint list is a mask, and a text's words found are a mask, so a list none of whose words
    the text holds (most lists, on most texts) is dismissed with one AND."""

    __slots__ = ("_automaton", "_masks")

    def __init__(self, *groups: Iterable[str]) -> None:
        lists = [tuple(group) for group in groups]
        bits = {w: i for i, w in enumerate(dict.fromkeys(w for group in lists for w in group))}
        self._automaton = AhoCorasick(list(bits), implementation=Implementation.DFA)
        self._masks = {group: sum(1 << bits[w] for w in set(group)) for group in lists}

    def mask(self, hints: Sequence[str]) -> int | None:
        """The mask of a hint list the vocabulary was built from; None for any other list."""
        return self._masks.get(hints) if isinstance(hints, tuple) else None

    def scan(self, text: str) -> Scanned:
        """`text` with the offsets of every occurrence of every word, found in one pass."""
        starts: dict[int, list[int]] = {}
        present = 0
        for word, start, _ in self._automaton.find_matches_as_indexes(text, overlapping=True):
            found = starts.get(word)
            if found is None:
                starts[word] = [start]
                present |= 1 << word
            else:
                found.append(start)
        return Scanned(text, self, starts, present)


class Alternation:
    """Words found as `re` finds a flat alternation of them (`a|b|...`, leftmost, the first listed word where
    two start at one offset, no overlaps), in one automaton pass."""

    __slots__ = ("_automaton",)

    def __init__(self, words: Sequence[str]) -> None:
        self._automaton = AhoCorasick(
            list(words), matchkind=MatchKind.LeftmostFirst, implementation=Implementation.DFA
        )

    def findall(self, text: str) -> list[str]:
        """Each match, in order (`re.findall`)."""
        return self._automaton.find_matches_as_strings(text)


class Scanned:
    """A text and where its vocabulary's words occur in it: `lines_with` and `find` read those offsets
    instead of searching the text again. Without a vocabulary (`Scanned.plain`), each hint is searched."""

    __slots__ = ("_present", "_starts", "_vocabulary", "text")

    def __init__(
        self, text: str, vocabulary: Vocabulary | None, starts: dict[int, list[int]], present: int
    ) -> None:
        self.text, self._vocabulary, self._starts, self._present = text, vocabulary, starts, present

    @classmethod
    def plain(cls, text: str) -> Scanned:
        """`text` not scanned ahead: for one-off calls, where no vocabulary pass would pay."""
        return cls(text, None, {}, 0)

    def _mask(self, hints: Sequence[str]) -> int | None:
        """The hint list's mask when this text was scanned for it, else None."""
        return None if self._vocabulary is None else self._vocabulary.mask(hints)

    def _found(self, mask: int) -> list[list[int]]:
        """The offsets of each word of the mask that the text holds."""
        return [found for word, found in self._starts.items() if mask >> word & 1]

    def lines_with(self, hints: Sequence[str]) -> list[tuple[int, int]]:
        """(start, end) of every line of the text that holds one of `hints`, in order."""
        mask = self._mask(hints)
        if mask is None:  # not scanned for these words: one search per hint
            return lines_with(hints, self.text)
        if not mask & self._present:
            return []
        return _lines_at(self.text, self._found(mask))

    def holds(self, hints: Sequence[str]) -> bool:
        """Whether the text holds one of `hints`."""
        mask = self._mask(hints)
        if mask is None:
            return any(hint in self.text for hint in hints)
        return bool(mask & self._present)

    def offsets(self, hints: Sequence[str]) -> list[int]:
        """The offsets where one of `hints` starts (a list the vocabulary was built from), each once, in order."""
        mask = self._mask(hints)
        if mask is None:
            raise ValueError("offsets() reads a hint list of the scanned vocabulary only")
        if not mask & self._present:
            return []
        return sorted({at for found in self._found(mask) for at in found})

    def find(self, pattern: re.Pattern[str], hints: Sequence[str]) -> re.Match[str] | None:
        """The first match of `pattern` on a line that holds a hint, or None. Patterns must not span lines."""
        for start, end in self.lines_with(hints):
            m = pattern.search(self.text, start, end)
            if m is not None:
                return m
        return None


def _lines_at(text: str, offsets: list[list[int]]) -> list[tuple[int, int]]:
    """(start, end) of the lines that hold one of the offsets, in order."""
    lines: set[tuple[int, int]] = set()
    find, rfind, size = text.find, text.rfind, len(text)
    for found in offsets:
        end = -1
        for at in found:
            if at < end:
                continue  # on the line found last
            end = find("\n", at)
            end = size if end == -1 else end
            lines.add((rfind("\n", 0, at) + 1, end))
    return sorted(lines)


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
