"""Fetching a board's list endpoint over HTTP; errors become `FetchError`s with a reason code."""

from __future__ import annotations

from dataclasses import dataclass

import httpx

from extractors.ats import greenhouse, lever
from schemas.errors import FetchError
from schemas.job import BoardRef
from schemas.settings import Settings


@dataclass(frozen=True)
class Fetched:
    board: BoardRef
    url: str
    status: int
    body: bytes


def board_url(settings: Settings, board: BoardRef) -> tuple[str, dict[str, str]]:
    """The list endpoint of a board, from the base URLs in settings."""
    if board.source_type == "greenhouse":
        return settings.greenhouse_api_url.rstrip("/") + greenhouse.list_path(
            board.token
        ), greenhouse.LIST_PARAMS
    return settings.lever_api_url.rstrip("/") + lever.list_path(board.token), lever.LIST_PARAMS


def http_client(settings: Settings) -> httpx.Client:
    """One client per run: explicit timeouts, a User-Agent that says who we are."""
    return httpx.Client(
        headers={"User-Agent": settings.user_agent, "Accept": "application/json"},
        timeout=httpx.Timeout(settings.http_timeout_s, connect=min(10.0, settings.http_timeout_s)),
        follow_redirects=False,
        limits=httpx.Limits(max_connections=settings.fetch_concurrency * 2),
    )


def fetch_board(client: httpx.Client, settings: Settings, board: BoardRef) -> Fetched:
    """GET a board's postings; 2xx returns the body, anything else raises `FetchError`."""
    url, params = board_url(settings, board)
    try:
        response = client.get(url, params=params)
    except httpx.TimeoutException as exc:
        raise FetchError("timeout", f"{url}: {exc}") from exc
    except httpx.TransportError as exc:
        raise FetchError("connection_error", f"{url}: {exc}") from exc
    if response.status_code == 404:
        raise FetchError("not_found", f"{url} answered 404: no such board", status=404)
    if response.is_redirect:
        raise FetchError(
            "redirected", f"{url} redirects to {response.headers.get('location')}", response.status_code
        )
    if not response.is_success:
        raise FetchError(
            f"http_{response.status_code}", f"{url} answered {response.status_code}", response.status_code
        )
    return Fetched(board=board, url=str(response.url), status=response.status_code, body=response.content)
