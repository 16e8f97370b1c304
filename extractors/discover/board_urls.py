"""Board tokens out of ATS URLs, strictly: a token that could steer a request off the ATS host is refused.

The hosts come from configuration (`Settings.discovery_patterns`); the shape of a board URL on each ATS is a
rule of that ATS (its module's `SPEC`: junk segments, token case) applied here. Greenhouse and Lever tokens are
case-insensitive and kept lower-case so one board is one row; Ashby organization names are kept as written.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from extractors.ats import ATS
from schemas.discovery import TokenVerdict
from schemas.errors import ConfigError

# A token is ASCII letters, digits, '-' and '_' (no '.', '/', '%', '@', whitespace): it stays a path segment.
_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,99}")
_URL = re.compile(r"(?i)(https?)://([^/?#]*)([^?#]*)(?:\?([^#]*))?(?:#.*)?", re.DOTALL)
_FOREIGN = re.compile(r"[%@\\\s]")

# First path segments that are ATS furniture, never a company: each ATS module's rule.
JUNK_SEGMENTS: dict[str, frozenset[str]] = {
    s: spec.junk_segments for s, spec in ATS.items() if spec.junk_segments
}
_GREENHOUSE_API_PREFIX = ("v1", "boards")
_EMBED_PAGES = frozenset({"job_board", "job_app", "jobs"})


def host_sources(patterns: Mapping[str, str]) -> dict[str, str]:
    """`{"boards.greenhouse.io/*": "greenhouse"}` → `{"boards.greenhouse.io": "greenhouse"}`."""
    unknown = sorted({s for s in patterns.values() if s not in JUNK_SEGMENTS})
    if unknown:
        raise ConfigError(
            f"discovery patterns name ATSs without token rules: {unknown}; use {sorted(JUNK_SEGMENTS)}"
        )
    return {p.split("/", 1)[0].lower(): source for p, source in patterns.items()}


def parse_board_url(url: str, hosts: Mapping[str, str]) -> TokenVerdict:
    """The board a URL belongs to, or the reason it is not one we would ever fetch."""
    key = board_key(url, hosts)
    if isinstance(key, str):
        return TokenVerdict(url=url, reason=key)
    return TokenVerdict(url=url, source_type=key[0], token=key[1])  # type: ignore[arg-type]


def board_key(url: str, hosts: Mapping[str, str]) -> tuple[str, str] | str:
    """`(source_type, token)` of a URL, or the reason it was refused (the allocation-free core)."""
    m = _URL.fullmatch(url.strip())
    if m is None:
        return _reject(url, "not_http_url")
    _, netloc, path, qs = m.groups()
    if "@" in netloc:
        return _reject(url, "userinfo_in_host")
    host, _, port = netloc.lower().partition(":")
    if port and port not in ("80", "443"):
        return _reject(url, "unexpected_port")
    source = hosts.get(host.rstrip("."))
    if source is None:
        return _reject(url, "host_not_an_ats_board_host")
    segments = [s for s in path.split("/") if s]
    if source == "greenhouse" and host.startswith("boards-api."):
        if tuple(segments[:2]) != _GREENHOUSE_API_PREFIX:
            return _reject(url, "not_a_board_api_path")
        segments = segments[2:]
    elif source == "greenhouse" and segments and segments[0].lower() == "embed":
        return _embed_token(url, segments, qs)
    if not segments:
        return _reject(url, "no_token_in_path")
    return _verdict(url, source, segments[0])


def _embed_token(url: str, segments: list[str], qs: str | None) -> tuple[str, str] | str:
    """`/embed/job_board?for=stripe`: the token is the `for` parameter, given exactly once, unescaped."""
    if len(segments) < 2 or segments[1].lower() not in _EMBED_PAGES:
        return _reject(url, "embed_without_board")
    values = [p[4:] for p in (qs or "").split("&") if p.startswith("for=")]
    if len(values) != 1:
        return _reject(url, "embed_for_missing_or_repeated")
    return _verdict(url, "greenhouse", values[0])


def _verdict(url: str, source: str, segment: str) -> tuple[str, str] | str:
    if _FOREIGN.search(segment) or not segment.isascii():
        return _reject(url, "token_has_foreign_characters")
    if "." in segment:
        return _reject(url, "token_has_dot")
    if segment.lower() in JUNK_SEGMENTS[source] or segment.lower().startswith("favicon"):
        return _reject(url, "junk_path")
    if not _TOKEN.fullmatch(segment):
        return _reject(url, "token_not_alphanumeric")
    return source, ATS[source].norm_token(segment)


def _reject(url: str, reason: str) -> str:
    return reason
