"""CDX JSON lines → one tally per board: captures, a sample URL and the best capture to read from a WARC.

Millions of lines pass through here, so a line is not fully decoded unless it is the first good capture of
a board: the URL is cut out of the line by position, and only a board's first lines are given to `json`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from extractors.discover.board_urls import board_key

_URL_KEY = '"url": "'
# `scheme://host/segment` of a line's URL: the verdict of most board URLs depends on nothing else.
# Embed URLs and a bare `v1` keep the token further on, so they never match and are judged per URL.
_LINE_PREFIX = re.compile(
    r'"url": "([A-Za-z]+://[^/?#"@%\\\s]*/(?:v1/boards/)?(?!(?:embed|v1)(?:[/?#"]))[^/?#"\\]+)'
)
_WARC_FIELDS = ("url", "filename", "offset", "length", "status", "mime", "timestamp")


@dataclass(slots=True)
class BoardTally:
    """Everything one crawl says about one board."""

    captures: int = 0
    sample_url: str = ""
    capture: dict[str, str] | None = field(default=None, repr=False)


@dataclass
class CdxTally:
    """Boards seen in a run of CDX lines, plus why the other lines were passed over."""

    boards: dict[tuple[str, str], BoardTally] = field(default_factory=dict)
    lines: int = 0
    rejects: dict[str, int] = field(default_factory=dict)
    _verdicts: dict[str, tuple[str, str] | str] = field(default_factory=dict, repr=False)

    def add_lines(self, lines: Iterable[str], hosts: Mapping[str, str]) -> None:
        """Fold CDX JSON lines in; a bad line is counted as a reject, never fatal."""
        boards, rejects, verdicts = self.boards, self.rejects, self._verdicts
        search = _LINE_PREFIX.search
        n = 0
        for n, line in enumerate(lines, 1):  # noqa: B007 (n is the count after the loop)
            m = search(line)
            if m is None:
                key = _key_of_line(line, hosts)
            else:
                prefix = m.group(1)
                key = verdicts.get(prefix)
                if key is None:
                    key = verdicts[prefix] = _key_of_line(line, hosts)
            if key.__class__ is str:
                rejects[key] = rejects.get(key, 0) + 1  # type: ignore[index]
                continue
            tally = boards.get(key)  # type: ignore[arg-type]
            if tally is None:
                tally = boards[key] = BoardTally(sample_url=_url_of(line) or "")  # type: ignore[index]
            tally.captures += 1
            if tally.capture is None:
                tally.capture = _good_capture(line)
        self.lines += n


def _key_of_line(line: str, hosts: Mapping[str, str]) -> tuple[str, str] | str:
    url = _url_of(line)
    return "bad_cdx_line" if url is None else board_key(url, hosts)


def _url_of(line: str) -> str | None:
    """The `url` field of a CDX JSON line, cut out by position (escapes fall back to `json`)."""
    start = line.find(_URL_KEY)
    if start < 0:
        return _url_by_json(line)
    start += len(_URL_KEY)
    end = line.find('"', start)
    if end < 0:
        return None
    url = line[start:end]
    if "\\" in url or line[end - 1] == "\\":
        return _url_by_json(line)
    return url


def _url_by_json(line: str) -> str | None:
    try:
        url = json.loads(line).get("url")
    except (ValueError, AttributeError):
        return None
    return url if isinstance(url, str) else None


def _good_capture(line: str) -> dict[str, str] | None:
    """The WARC pointer of a line when it is a 200 HTML capture (worth reading for the company name)."""
    try:
        obj: Any = json.loads(line)
    except ValueError:
        return None
    if not isinstance(obj, dict) or obj.get("status") != "200" or "html" not in str(obj.get("mime", "")):
        return None
    if not all(isinstance(obj.get(f), str) for f in _WARC_FIELDS[:4]):
        return None
    return {f: str(obj.get(f, "")) for f in _WARC_FIELDS}
