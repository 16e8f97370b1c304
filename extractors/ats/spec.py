"""What jobmine knows about one ATS's API, declared once, in that ATS's module.

Connectors, discovery (validation, probing, token rules), the base URL settings and the local fake
server all read an ATS's hosts, paths, paging and parser from its `AtsSpec`, so adding an ATS is its
module plus one registry line, and a path is never written twice.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote, urlencode

from extractors.ats.common import load_json, require
from schemas.errors import PayloadError
from schemas.job import BoardRef, Job

Parser = Callable[[bytes, BoardRef], list[Job]]
_PLACEHOLDER = re.compile(r"\{(\w+)\}")


@dataclass(frozen=True)
class Paging:
    """How a list endpoint pages: a start and a limit parameter; items in a bare array or under a key."""

    start_param: str
    limit_param: str
    items_key: str | None = None  # None: each page is a bare JSON array
    total_key: str | None = None  # None: a short page is the last one
    default_limit: int | None = None  # the page size when none is asked (None: the whole list)

    def params(self, start: int, limit: int) -> dict[str, str]:
        return {self.start_param: str(start), self.limit_param: str(limit)}

    def items(self, body: bytes, where: str) -> tuple[list[Any], int | None]:
        """The items of one page and, when the API says it, the list's total."""
        payload = load_json(body)
        if self.items_key is None:
            if not isinstance(payload, list):
                raise PayloadError(
                    "unexpected_shape", f"{where} page: expected a JSON array, got {type(payload).__name__}"
                )
            return payload, None
        items = require(payload, self.items_key, list, f"{where} page")
        return items, int(payload.get(self.total_key) or 0) if self.total_key else None

    def page(self, payload: Any, start: int, limit: int) -> Any:
        """One page of a whole list, as the API shapes it (what a fake server answers)."""
        if self.items_key is None:
            return payload[start : start + limit]
        items = payload[self.items_key]
        page = {
            self.start_param: start,
            self.limit_param: limit,
            self.items_key: items[start : start + limit],
        }
        return page | ({self.total_key: len(items)} if self.total_key else {})

    def bundle(self, items: list[Any], details: Mapping[str, Any]) -> bytes:
        """A whole board as one stable document: every page's items plus each posting's detail."""
        doc: dict[str, Any] = {self.items_key or "items": items, "details": dict(details)}
        if self.total_key:
            doc[self.total_key] = len(items)
        return json.dumps(doc, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


@dataclass(frozen=True)
class AtsSpec:
    """One ATS: public hosts, path templates (`{token}`, `{id}`), paging, validation and the parser."""

    source_type: str
    api_url: str  # the public API host
    list_path: str
    parse: Parser
    not_found_body: bytes  # the API's own 404 answer (what a fake server says for an unknown board)
    eu_api_url: str | None = None  # tried when the main host says 404
    list_params: Mapping[str, str] = field(default_factory=dict)
    paging: Paging | None = None
    detail_path: str | None = None  # one posting, fetched for list items that are new or changed
    extra_paths: Mapping[str, str] = field(default_factory=dict)  # optional per-board documents
    validation_params: Mapping[str, str] = field(default_factory=dict)
    jobs_key: str | None = "jobs"  # where a list payload keeps its postings (None: a bare array)
    posting_url_fields: tuple[str, ...] = ()  # posting fields linking back to the board
    junk_segments: frozenset[str] | None = None  # board-URL path segments that are never a token
    case_sensitive_tokens: bool = False

    def path(self, template: str, **values: str) -> str:
        """A template filled with path-safe values: nothing in a token or id can leave its segment."""
        return template.format(**{k: quote(str(v), safe="") for k, v in values.items()})

    def validation_path(self, token: str) -> str:
        """The one request that tells whether a board exists (path and query, relative to the API base)."""
        path = self.path(self.list_path, token=token)
        return f"{path}?{urlencode(self.validation_params)}" if self.validation_params else path

    def routes(self) -> dict[str, re.Pattern[str]]:
        """Every path the API serves, as patterns with named groups (`list`, `detail`, extra names)."""
        templates = {"list": self.list_path, **self.extra_paths}
        if self.detail_path:
            templates["detail"] = self.detail_path
        return {name: _pattern(t) for name, t in templates.items()}

    def board_jobs(self, body: bytes) -> list[dict[str, Any]] | None:
        """The postings of a list payload, or None when it is not the API's shape (a login page)."""
        try:
            data = json.loads(body)
        except ValueError:
            return None
        jobs = data if self.jobs_key is None else data.get(self.jobs_key) if isinstance(data, dict) else None
        if not isinstance(jobs, list) or not all(isinstance(j, dict) for j in jobs):
            return None
        return jobs

    def norm_token(self, token: str) -> str:
        return token if self.case_sensitive_tokens else token.lower()


def _pattern(template: str) -> re.Pattern[str]:
    parts = _PLACEHOLDER.split(template)
    regex = "".join(re.escape(p) if i % 2 == 0 else f"(?P<{p}>[^/]+)" for i, p in enumerate(parts))
    return re.compile(f"^{regex}/?$")
