"""One request to a board's public list endpoint: the raw answer that `extractors.discover.board_validation` judges."""

from __future__ import annotations

from dataclasses import dataclass

import httpx

from extractors.ats import api_url, spec_of
from schemas.job import BoardRef
from schemas.settings import Settings

_MAX_BODY = 50_000_000


@dataclass(frozen=True)
class BoardAnswer:
    status: int | None  # None: timeout or connection error
    body: bytes
    location: str | None


def open_client(settings: Settings) -> httpx.Client:
    """One client per run: explicit timeout, our User-Agent, redirects reported rather than followed."""
    return httpx.Client(
        timeout=httpx.Timeout(settings.http_timeout_s),
        headers={"User-Agent": settings.user_agent},
        follow_redirects=False,
    )


def ask_board(client: httpx.Client, settings: Settings, board: BoardRef) -> BoardAnswer:
    """GET the list endpoint once; network trouble is an answer (status None), not an exception."""
    url = api_url(settings, board.source_type) + spec_of(board.source_type).validation_path(board.token)
    try:
        resp = client.get(url)
    except httpx.TransportError:
        return BoardAnswer(status=None, body=b"", location=None)
    body = resp.content[:_MAX_BODY]
    return BoardAnswer(status=resp.status_code, body=body, location=resp.headers.get("location"))
