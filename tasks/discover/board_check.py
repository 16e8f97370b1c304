"""One request to a board's public list endpoint, through the same polite client as scraping.

robots.txt, the host's slots on the Prefect server, retries with backoff and Retry-After, the circuit
breaker and the body's bounds all apply (`tasks/http/polite.py`). Redirects are reported, not followed;
network trouble, a spent retry budget and a robots.txt refusal are answers with a reason, not exceptions.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from extractors.ats import api_url, spec_of
from extractors.discover.board_validation import decide, unanswered
from schemas.discovery import Validation
from schemas.errors import FetchError
from schemas.job import BoardRef
from schemas.settings import Settings
from tasks.http.polite import PoliteClient

# Failures that leave no status to judge: the board's verdict is the reason itself.
_NO_ANSWER = ("robots_disallowed", "circuit_open", "body_too_large", "body_too_slow", "bad_encoding")


@dataclass(frozen=True)
class BoardAnswer:
    status: int | None  # None: timeout or connection error, or no request made
    body: bytes
    location: str | None
    reason: str | None = None  # why the answer is not the host's last word: a FetchError's code
    detail: str = ""


def ask_board(client: PoliteClient, settings: Settings, board: BoardRef) -> BoardAnswer:
    """GET the list endpoint; a redirect comes back as it is, a `FetchError` as an answer with its reason."""
    url = api_url(settings, board.source_type) + spec_of(board.source_type).validation_path(board.token)
    try:
        resp = client.get(url)
    except FetchError as exc:
        status = None if exc.reason in _NO_ANSWER else exc.status
        return BoardAnswer(status=status, body=b"", location=None, reason=exc.reason, detail=str(exc))
    return BoardAnswer(status=resp.status_code, body=resp.content, location=resp.headers.get("location"))


def judge(
    board: BoardRef,
    answer: BoardAnswer,
    now: datetime,
    hosts: Mapping[str, str],
    known_company: str | None,
    retry: Mapping[str, timedelta],
) -> Validation:
    """The verdict on an answer; a failure keeps its reason as the verdict's note."""
    if answer.reason in _NO_ANSWER:
        return unanswered(answer.reason or "", answer.detail, now, retry)
    verdict = decide(board, answer.status, answer.body, answer.location, now, hosts, known_company, retry)
    return verdict.model_copy(update={"note": answer.detail[:300] or None})
