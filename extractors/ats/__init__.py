"""One module per ATS, each declaring its `SPEC`; this registry maps a source type to it.

Adding an ATS: its module (parser + `SPEC`), its tests, one line in `_MODULES`, and its name in
`schemas.job.SourceType` (the contract every stage validates against; a test holds the two equal).
"""

from __future__ import annotations

from typing import Protocol

from extractors.ats import ashby, greenhouse, lever, smartrecruiters, workable
from extractors.ats.spec import AtsSpec, Parser
from schemas.errors import ConfigError, PayloadError
from schemas.job import BoardRef, Job

_MODULES = (greenhouse, lever, ashby, smartrecruiters, workable)
ATS: dict[str, AtsSpec] = {m.SPEC.source_type: m.SPEC for m in _MODULES}
PARSERS: dict[str, Parser] = {source: spec.parse for source, spec in ATS.items()}
# The ATSs whose boards discovery finds from URLs (those with token rules).
DISCOVERABLE: tuple[str, ...] = tuple(s for s, spec in ATS.items() if spec.junk_segments is not None)


class ApiUrls(Protocol):
    """The settings an ATS base URL is read from (`schemas.settings.Settings`)."""

    ats_api_urls: dict[str, str]


def parse_board(body: bytes, board: BoardRef) -> list[Job]:
    """Parse a board's list payload with the parser of its ATS.

    A shape the parser did not foresee (a null where a posting should be, a number for a list) ends as
    a `PayloadError` naming it, like every other bad payload: recorded, dead-lettered, never a crash.
    """
    try:
        return PARSERS[board.source_type](body, board)
    except (AttributeError, TypeError, KeyError, IndexError, ValueError) as exc:
        raise PayloadError("bad_shape", f"{board}: {type(exc).__name__}: {exc}"[:300]) from exc


def spec_of(source_type: str) -> AtsSpec:
    try:
        return ATS[source_type]
    except KeyError:
        raise ConfigError(f"unknown ATS {source_type!r}; known: {sorted(ATS)}") from None


def api_url(settings: ApiUrls, source_type: str) -> str:
    """The main API base: `{source}_api_url` when set, else `ats_api_urls[source]`, else the public host."""
    named = getattr(settings, f"{source_type}_api_url", None)
    return (named or settings.ats_api_urls.get(source_type) or spec_of(source_type).api_url).rstrip("/")


def eu_api_url(settings: ApiUrls, source_type: str) -> str | None:
    """The EU base, as set (`{source}_eu_api_url` or `ats_api_urls["{source}_eu"]`); unset, the public EU
    host, but only while the main host is the public one too (a local test server has no EU twin)."""
    key = f"{source_type}_eu"
    explicit = getattr(settings, f"{key}_api_url", None) or settings.ats_api_urls.get(key)
    spec = spec_of(source_type)
    if explicit or api_url(settings, source_type) != spec.api_url.rstrip("/"):
        return explicit.rstrip("/") if explicit else None
    return spec.eu_api_url
