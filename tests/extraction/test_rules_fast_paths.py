"""Tier 0's fast paths (tokens lower-cased in one call for ASCII and accented-Latin text, the ASCII-flag token
pattern, lines read from one lower-cased copy) must find what the general Unicode path finds: the same
postings, once forced down the general path by a Cyrillic word, give the same skills and boilerplate spans."""

from __future__ import annotations

from extractors.ats import parse_board
from extractors.fields import boilerplate, taxonomy
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
