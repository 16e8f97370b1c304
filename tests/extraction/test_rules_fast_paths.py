"""Tier 0's fast paths (tokens lower-cased in one call for ASCII and accented-Latin text, the ASCII-flag token
pattern, lines read from one lower-cased copy, hint words found in one automaton pass) must find what the general path
finds: the same postings, once forced down the general path by a Cyrillic word, give the same skills and
boilerplate spans, and a scanned text gives the lines a search per hint word gives."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.ats import parse_board
from extractors.fields import boilerplate, taxonomy, textscan
from schemas.job import BoardRef
from tests.fakes.synthetic import boards as synthetic

_UNICODE_TAIL = "\n\nПривет"  # a word no alias names, on a line of its own: only the path changes


def _texts() -> list[str]:
    out: list[str] = []
    for (source, token), body in synthetic.sample_boards(seed=3, boards=6, jobs_per_board=20).items():
        out += [j.description_text for j in parse_board(body, BoardRef(source_type=source, token=token))]
    return [t for t in out if t.isascii()]


def test_taxonomy_match_is_the_same_on_the_ascii_and_unicode_paths():
    tax = taxonomy.load()
    texts = _texts()
    assert len(texts) >= 100
    found = 0
    for text in texts:
        fast = taxonomy.match(text, tax)
        assert fast == taxonomy.match(text + _UNICODE_TAIL, tax)
        found += len(fast[0]) + len(fast[1])
    assert found > len(texts)  # the postings name skills, so the comparison is not between empty lists
    # Curly quotes, dashes and accented letters keep the one-call lower-casing; the result is the same.
    for text in texts[:50]:
        latin = text.replace("'", "’").replace(" - ", " – ").replace("e", "é")
        assert taxonomy.match(latin, tax) == taxonomy.match(latin + _UNICODE_TAIL, tax)
    # Sentence rules read token offsets: a field of study in a list of degrees is dropped on both paths.
    degree = "Bachelor's degree in Statistics, Mathematics or a related field. Experience with SQL."
    assert taxonomy.match(degree, tax) == taxonomy.match(degree + _UNICODE_TAIL, tax)
    assert "Statistics" not in taxonomy.match(degree, tax)[0]
    # Text whose lower-casing lengthens a letter ("İ" -> "i̇") keeps its own offsets for the sentence rules.
    dotted = f"İSTANBUL office. {degree}"
    assert "Statistics" not in taxonomy.match(dotted, tax)[0] and "SQL" in taxonomy.match(dotted, tax)[0]


def test_boilerplate_spans_are_the_same_on_the_ascii_and_unicode_paths():
    labelled = 0
    for text in _texts():
        fast = boilerplate.spans(text)
        general = boilerplate.spans(text + _UNICODE_TAIL)
        # The tail is one more line after a blank one: it may extend or add only the last span.
        assert general[: len(fast) - 1] == fast[:-1]
        if fast:
            assert general[len(fast) - 1][:1] == fast[-1][:1]
        labelled += len(fast)
    assert labelled > 0


def test_a_list_break_anywhere_inside_a_several_word_name_stops_it():
    """The break test reads only the separators between the name's words: a break before any of them, not
    only the last, keeps the words apart."""
    tax = taxonomy.load()
    assert taxonomy.match("Skills: natural language processing.", tax)[0] == ["Natural language processing"]
    for text in (
        "Skills: natural, language processing.",
        "Skills: natural language; processing.",
        "Skills: natural (language) processing.",
        "Skills: natural\nlanguage processing.",
    ):
        assert "Natural language processing" not in taxonomy.match(text, tax)[0], text


_HINT_WORDS = ["year", "team", "remote", "on-site", "type:", " ans", "年", "ür", "e", "ee", "\u00e9t\u00e9"]
_TEXT = st.lists(
    st.sampled_from(
        ["year", "team", "remote", "on-site", "type: ", " ans", "年", "für", "e", "é", "\n", " "]
    ),
    max_size=40,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(
    text=_TEXT,
    lists=st.lists(
        st.lists(st.sampled_from(_HINT_WORDS), min_size=1, max_size=4, unique=True), min_size=1, max_size=4
    ),
)
def test_a_scanned_text_finds_the_lines_a_search_per_hint_finds(text: str, lists: list[list[str]]):
    """One automaton pass over the text (every hint list of a module at once) gives each list the lines that
    a `str.find` scan per hint gives it, overlapping and non-ASCII words included; so does a list the
    vocabulary was not built from."""
    groups = [tuple(words) for words in lists]
    scanned = textscan.Vocabulary(*groups).scan(text)
    for hints in [*groups, ("team", "remote"), ("nowhere",)]:
        assert scanned.lines_with(hints) == textscan.lines_with(hints, text)
        assert scanned.holds(hints) == any(h in text for h in hints)
        if hints in groups:  # every offset where one of the words starts, overlapping ones included
            assert scanned.offsets(hints) == sorted(
                {m.start() for w in hints for m in re.finditer(f"(?={re.escape(w)})", text)}
            )
        pattern = re.compile(r"\w+")
        found, expected = scanned.find(pattern, hints), textscan.find(pattern, hints, text)
        assert (found and found.span()) == (expected and expected.span())
    assert textscan.Scanned.plain(text).lines_with(groups[0]) == textscan.lines_with(groups[0], text)


@settings(max_examples=300, deadline=None)
@given(text=_TEXT)
def test_an_alternation_finds_what_the_regex_alternation_finds(text: str):
    """Leftmost match, the first listed word where two start at one offset, no overlaps: as `re` does."""
    words = ["e", "ee", "team", "tea", "year", "年", "é", "on-site", "site"]
    assert textscan.Alternation(words).findall(text) == re.findall("|".join(map(re.escape, words)), text)
