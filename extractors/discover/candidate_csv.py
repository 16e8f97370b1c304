"""A user's CSV of candidate boards → sightings to register, plus the rows that were refused and why.

Columns (header required, any subset): `url` (a board URL), `source_type` + `token`, `domain` / `company`
(tried on every ATS). One row can name several; every refused row is reported with its line number.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping

from extractors.discover.board_urls import board_key
from extractors.discover.probing import names_of
from schemas.discovery import Sighting

KNOWN_COLUMNS = frozenset({"url", "source_type", "token", "domain", "company"})
_SLUG = re.compile(r"[^A-Za-z0-9]+")


def parse_candidates(
    text: str, hosts: Mapping[str, str], sources: tuple[str, ...]
) -> tuple[list[Sighting], list[tuple[int, str]]]:
    """Sightings (found by the user) and `(line, reason)` for each row that gave none."""
    reader = csv.DictReader(io.StringIO(text))
    columns = {c.strip().lower() for c in reader.fieldnames or []}
    if not columns & KNOWN_COLUMNS:
        raise ValueError(
            f"the CSV needs a header with some of {sorted(KNOWN_COLUMNS)}, got {sorted(columns)}"
        )
    found: dict[tuple[str, str], Sighting] = {}
    rejects: list[tuple[int, str]] = []
    for row in reader:
        line = reader.line_num
        cells = {(k or "").strip().lower(): (v or "").strip() for k, v in row.items() if isinstance(v, str)}
        keys, reason = _row_keys(cells, hosts, sources)
        if not keys:
            rejects.append((line, reason or "row names no board"))
        for source, token in keys:
            found.setdefault(
                (source, token),
                Sighting(
                    source_type=source,
                    token=token,
                    found_by="user",
                    captures=0,  # type: ignore[arg-type]
                    company_domain=cells.get("domain") or None,
                ),
            )
    return list(found.values()), rejects


def _row_keys(
    cells: dict[str, str], hosts: Mapping[str, str], sources: tuple[str, ...]
) -> tuple[list[tuple[str, str]], str | None]:
    if cells.get("url"):
        key = board_key(cells["url"], hosts)
        return ([key], None) if isinstance(key, tuple) else ([], f"url: {key}")
    if cells.get("source_type") or cells.get("token"):
        source, token = cells.get("source_type", ""), cells.get("token", "")
        if source not in sources:
            return [], f"source_type must be one of {list(sources)}"
        key = board_key(f"https://{_host_of(hosts, source)}/{token}", hosts)
        return ([key], None) if isinstance(key, tuple) else ([], f"token: {key}")
    names = names_of(_SLUG.sub("-", cells.get("company", "")).strip("-").lower(), cells.get("domain") or None)
    keys = []
    for name in (n for n in names if n):
        for source in sources:
            key = board_key(f"https://{_host_of(hosts, source)}/{name}", hosts)
            if isinstance(key, tuple):
                keys.append(key)
    return keys, None if keys else "company/domain gives no usable name"


def _host_of(hosts: Mapping[str, str], source: str) -> str:
    """A board host of the ATS that takes a token as the first path segment."""
    return next(h for h, s in hosts.items() if s == source and not h.startswith("boards-api."))
