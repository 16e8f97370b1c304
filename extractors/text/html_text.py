"""HTML to readable text that keeps paragraphs and list items apart.

Most ATS descriptions are plain, well-formed markup; those take a regex tokenizer that yields exactly
what `html.parser` would, several times faster (text decides content hashes and LLM cache keys, so it
must not change). Anything unusual (comments, declarations, scripts, a stray `<`) takes `html.parser`.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

_BLOCK = {
    "p",
    "div",
    "br",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "ul",
    "ol",
    "section",
    "article",
    "table",
}
_DROP = {"script", "style", "noscript", "template", "head"}
_TAG = re.compile(r"<(/?)([a-zA-Z][^\t\n\r\f />\x00]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>")
_SEP = "\x00"
# `&amp;` last: one pass, as `html.unescape` (`&amp;lt;` becomes `&lt;`, not `<`).
_MARKUP_ENTITIES = (
    ("&lt;", "<"),
    ("&gt;", ">"),
    ("&quot;", '"'),
    ("&#39;", "'"),
    ("&#x27;", "'"),
    ("&amp;", "&"),
)
_OTHER_ENTITY = re.compile(r"&(?!(?:lt|gt|quot|#39|#x27|amp);)")
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]{2,}|[\t\r\f\v\u00a0]")  # a lone space stays as it is
_ODD_SPACES = ("  ", "\t", "\r", "\f", "\v", "\u00a0")  # only these make _SPACES change anything


class _Collector:
    """Turns tags and text into the parts of the output; shared by both tokenizers."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self._drop_depth = 0

    def starttag(self, tag: str) -> None:
        if tag in _DROP:
            self._drop_depth += 1
        elif tag == "li":
            self.parts.append("\n- ")
        elif tag in _BLOCK:
            self.parts.append("\n")

    def endtag(self, tag: str) -> None:
        if tag in _DROP:
            self._drop_depth = max(0, self._drop_depth - 1)
        elif tag in _BLOCK:
            self.parts.append("\n")

    def data(self, data: str) -> None:
        if not self._drop_depth:
            self.parts.append(data)


class _NotPlain(Exception):
    """The markup holds a tag the regex path does not read like html.parser does."""


def _tag_text(m: re.Match[str]) -> str:
    """What a tag becomes; inline tags become a separator so text on both sides stays apart."""
    name = m.group(2).lower()
    if name in _DROP:
        raise _NotPlain
    if m.group(1):
        return "\n" if name in _BLOCK else _SEP
    text = "\n- " if name == "li" else "\n" if name in _BLOCK else _SEP
    if name in _BLOCK and m.group(3).rstrip().endswith("/"):
        text += "\n"  # <br/>: html.parser reports a start and an end
    return text


def _fast_text(markup: str) -> str | None:
    """The text by one regex pass, or None when anything needs html.parser: comments, declarations,
    scripts and other dropped elements, a stray `<`."""
    if _SEP in markup:
        return None
    try:
        text = _TAG.sub(_tag_text, markup)
    except _NotPlain:
        return None
    if "<" in text:
        return None
    if "&" in text:
        text = _unescape(text)  # no entity spans a separator, as none spans a tag
    return text.replace(_SEP, "")


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out = _Collector()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.out.starttag(tag)

    def handle_endtag(self, tag: str) -> None:
        self.out.endtag(tag)

    def handle_data(self, data: str) -> None:
        self.out.data(data)


def _unescape(markup: str) -> str:
    """`html.unescape`, by plain replaces when only the usual markup entities occur."""
    if _OTHER_ENTITY.search(markup):
        return html.unescape(markup)
    for entity, char in _MARKUP_ENTITIES:
        markup = markup.replace(entity, char)
    return markup


def _parser_parts(markup: str) -> list[str]:
    parser = _TextCollector()
    parser.feed(markup)
    parser.close()
    return parser.out.parts


def html_to_text(markup: str) -> str:
    """Readable text of an ATS description; Greenhouse double-escapes its HTML, so unescape first."""
    if not markup:
        return ""
    if "&lt;" in markup and "<" not in markup:
        markup = _unescape(markup)
    text = _fast_text(markup)
    if text is None:
        text = "".join(_parser_parts(markup))
    if any(c in text for c in _ODD_SPACES):
        text = _SPACES.sub(" ", text)
    return _tidy_lines(text)


def _tidy_lines(text: str) -> str:
    """Stripped lines, empty list markers dropped, at most one blank line in a row, none at the ends."""
    out: list[str] = []
    blank = True
    for line in text.split("\n"):
        line = line.strip()
        if line == "-":
            continue
        if line:
            out.append(line)
            blank = False
        elif not blank:
            out.append("")
            blank = True
    if out and not out[-1]:
        out.pop()
    return "\n".join(out)
