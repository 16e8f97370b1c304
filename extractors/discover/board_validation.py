"""What a board's list endpoint says about the board: alive (and how many jobs), dead, unsure, or moved."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

from extractors.ats import spec_of
from extractors.discover.board_urls import board_key
from schemas.discovery import Validation
from schemas.job import BoardRef


def decide(
    board: BoardRef,
    status: int | None,
    body: bytes,
    location: str | None,
    now: datetime,
    hosts: Mapping[str, str],
    known_company: str | None,
    retry: Mapping[str, timedelta],
) -> Validation:
    """200 is valid, 404 invalid (retry in `retry["invalid"]`), anything else pending (`retry["pending"]`).

    A redirect, or postings that point at another board or another company, flag the board as moved: it is
    kept apart rather than merged into whatever answered.
    """
    if status is not None and 300 <= status < 400:
        return Validation(
            status="pending",
            http_status=status,
            moved=True,
            moved_detail=f"redirects to {location or '?'}",
            next_at=now + retry["invalid"],
        )
    if status == 404:
        return Validation(status="invalid", http_status=status, next_at=now + retry["invalid"])
    if status != 200:
        return Validation(status="pending", http_status=status, next_at=now + retry["pending"])
    jobs = spec_of(board.source_type).board_jobs(body)
    if jobs is None:  # a 200 that is not the API's shape (a login page, a CDN error) proves nothing
        return Validation(status="pending", http_status=status, next_at=now + retry["pending"])
    company = _company(jobs)
    moved = _other_board(board, jobs, hosts) or _other_company(known_company, company)
    return Validation(
        status="valid",
        http_status=status,
        job_count=len(jobs),
        company_name=company,
        moved=moved is not None,
        moved_detail=moved,
        next_at=now + retry["valid"],
    )


def _company(jobs: list[dict[str, Any]]) -> str | None:
    names = {j.get("company_name") for j in jobs if isinstance(j.get("company_name"), str)}
    return names.pop() if len(names) == 1 else None


def _other_board(board: BoardRef, jobs: list[dict[str, Any]], hosts: Mapping[str, str]) -> str | None:
    for job in jobs:
        for name in spec_of(board.source_type).posting_url_fields:
            url = job.get(name)
            if not isinstance(url, str):
                continue
            key = board_key(url, hosts)
            if isinstance(key, tuple) and key[1].lower() != board.token.lower():
                return f"postings belong to {key[0]}:{key[1]}"
    return None


def _other_company(known: str | None, answered: str | None) -> str | None:
    if not known or not answered or _norm(known) == _norm(answered):
        return None
    if _norm(known) in _norm(answered) or _norm(answered) in _norm(known):
        return None
    return f"answers for {answered!r}, registry knows {known!r}"


def _norm(name: str) -> str:
    return "".join(ch for ch in name.casefold() if ch.isalnum())


NOTES = {
    "robots_disallowed": "disallowed by robots.txt",
    "circuit_open": "host cooling down after repeated failures",
}


def unanswered(reason: str, detail: str, now: datetime, retry: Mapping[str, timedelta]) -> Validation:
    """No answer to judge: we did not ask (robots.txt, an open circuit) or the body broke our bounds.

    The board stays pending with the reason kept. robots.txt changes seldom, so such a board is asked
    again only after the invalid-retry wait; the rest as any pending board.
    """
    wait = retry["invalid"] if reason == "robots_disallowed" else retry["pending"]
    return Validation(status="pending", note=NOTES.get(reason, detail)[:300], next_at=now + wait)
