"""One pure parser per ATS: the API's payload bytes in, canonical `Job`s out."""

from __future__ import annotations

from collections.abc import Callable

from extractors.ats import ashby, greenhouse, lever, smartrecruiters, workable
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
    """Parse a board's list payload with the parser of its ATS."""
    return PARSERS[board.source_type](body, board)
