"""One pure parser per ATS: the API's payload bytes in, canonical `Job`s out."""

from __future__ import annotations

from collections.abc import Callable

from extractors.ats import ashby, greenhouse, lever, smartrecruiters, workable
from schemas.errors import PayloadError
from schemas.job import BoardRef, Job

Parser = Callable[[bytes, BoardRef], list[Job]]

PARSERS: dict[str, Parser] = {
    "greenhouse": greenhouse.parse,
    "lever": lever.parse,
    "ashby": ashby.parse,
    "smartrecruiters": smartrecruiters.parse,
    "workable": workable.parse,
}


def parse_board(body: bytes, board: BoardRef) -> list[Job]:
    """Parse a board's list payload with the parser of its ATS.

    A shape the parser did not foresee (a null where a posting should be, a number for a list) ends as
    a `PayloadError` naming it, like every other bad payload: recorded, dead-lettered, never a crash.
    """
    try:
        return PARSERS[board.source_type](body, board)
    except (AttributeError, TypeError, KeyError, IndexError, ValueError) as exc:
        raise PayloadError("bad_shape", f"{board}: {type(exc).__name__}: {exc}"[:300]) from exc
