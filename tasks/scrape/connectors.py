"""Fetching one board's whole payload from its ATS, paging and detail calls included.

Each connector returns the board as one body: the API's own bytes when one request gives the whole
board, or a stable bundle when it takes pages (Lever, SmartRecruiters) or detail calls.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field

import httpx

from extractors.ats import api_url, eu_api_url, spec_of
from extractors.ats.common import load_json
from extractors.ats.spec import AtsSpec, Paging
from extractors.scrape.politeness import deny_page_reason, is_captcha, media_type
from extractors.text.hashing import content_hash
from schemas.errors import FetchError, PayloadError
from schemas.job import BoardRef
from schemas.settings import Settings
from tasks.http.polite import PoliteClient

# A stored detail for (job_uid, list item hash), or None when it must be fetched again.
DetailLookup = Callable[[str, str], bytes | None]


@dataclass
class BoardPayload:
    board: BoardRef
    api_base: str
    status: int
    body: bytes
    requests: int = 1
    content_type: str = "application/json"  # as the host labelled a body kept as sent; ours for a bundle
    # New SmartRecruiters details: (job_uid, list item hash, detail bytes).
    new_details: list[tuple[str, str, bytes]] = field(default_factory=list)


def api_bases(settings: Settings, board: BoardRef, remembered: str | None) -> list[str]:
    """Hosts to try, in order: the one that worked last time first, then main, then EU."""
    bases = [api_url(settings, board.source_type), eu_api_url(settings, board.source_type)]
    ordered = [remembered, *bases] if remembered in bases else bases
    return [b.rstrip("/") for b in dict.fromkeys(ordered) if b]


def fetch_payload(
    client: PoliteClient,
    settings: Settings,
    board: BoardRef,
    remembered_base: str | None = None,
    known_detail: DetailLookup | None = None,
) -> BoardPayload:
    """The board from the first host that has it; `FetchError` when none does or the host fails."""
    bases = api_bases(settings, board, remembered_base)
    for i, base in enumerate(bases):
        try:
            return _fetch(client, settings, board, base, known_detail)
        except FetchError as exc:
            if exc.reason != "not_found" or i == len(bases) - 1:
                raise
    raise AssertionError("unreachable")


def checked(response: httpx.Response) -> httpx.Response:
    """A 2xx JSON answer, or the `FetchError` / `PayloadError` that names what came instead."""
    url = str(response.url)
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
    return response


def deny_check(response: httpx.Response) -> None:
    """A web page where JSON was due is a block page: never read as an empty board."""
    body_check(response.headers.get("content-type", ""), response.content, str(response.url))


def body_check(content_type: str, body: bytes, url: str) -> None:
    """`PayloadError` naming what came where the API's JSON was due (a web page, a mislabelled body)."""
    reason = deny_page_reason(content_type, body)
    if reason == "html_body":
        kind = "a captcha / bot check" if is_captcha(body) else "an HTML page"
        raise PayloadError(reason, f"{url} answered {kind} instead of JSON")
    if reason:
        raise PayloadError(reason, f"{url} answered {media_type(content_type)} where JSON belongs")


def _fetch(
    client: PoliteClient, settings: Settings, board: BoardRef, base: str, known: DetailLookup | None
) -> BoardPayload:
    """The connector the ATS's spec calls for: paged with details, paged, or one request."""
    spec = spec_of(board.source_type)
    if spec.paging and spec.detail_path:
        return _pages_with_details(client, settings, spec, spec.paging, board, base, known)
    if spec.paging:
        return _pages(client, settings, spec, spec.paging, board, base)
    url = base + spec.path(spec.list_path, token=board.token)
    response = checked(client.get(url, params=dict(spec.list_params)))
    payload = BoardPayload(board, base, response.status_code, response.content, content_type=_type(response))
    if spec.extra_paths and getattr(settings, f"{board.source_type}_structure", False):
        _add_structure(client, spec, payload)
    return payload


def _add_structure(client: PoliteClient, spec: AtsSpec, payload: BoardPayload) -> None:
    """The board's extra documents (Greenhouse departments and offices) under `structure`."""
    structure = {}
    for name, template in spec.extra_paths.items():
        path = spec.path(template, token=payload.board.token)
        structure[name] = load_json(checked(client.get(payload.api_base + path)).content)
    jobs = load_json(payload.body)
    jobs["structure"] = structure
    payload.body = json.dumps(jobs, ensure_ascii=False, sort_keys=True).encode()
    payload.requests += len(structure)


def _pages(
    client: PoliteClient, settings: Settings, spec: AtsSpec, paging: Paging, board: BoardRef, base: str
) -> BoardPayload:
    """Pages of `limit` postings until a short page; one page is kept byte for byte."""
    url, limit = base + spec.path(spec.list_path, token=board.token), settings.page_size
    params = dict(spec.list_params)
    bodies: list[bytes] = []
    items: list[object] = []
    status = 200
    while True:
        response = checked(client.get(url, params=params | paging.params(len(items), limit)))
        if bodies:  # a deny page in the middle of paging must not pass as the last page
            deny_check(response)
        status = response.status_code
        bodies.append(response.content)
        try:
            page, _ = paging.items(response.content, board.source_type)
        except PayloadError:
            if len(bodies) == 1:  # let the parser name what is wrong with the board's only body
                return BoardPayload(board, base, status, response.content, content_type=_type(response))
            raise
        items += page
        if len(page) < limit:
            break
    if len(bodies) > 1:
        return BoardPayload(board, base, status, json.dumps(items, ensure_ascii=False).encode(), len(bodies))
    return BoardPayload(board, base, status, bodies[0], content_type=_type(response))


def _type(response: httpx.Response) -> str:
    return response.headers.get("content-type", "")


def _pages_with_details(
    client: PoliteClient,
    settings: Settings,
    spec: AtsSpec,
    paging: Paging,
    board: BoardRef,
    base: str,
    known: DetailLookup | None,
) -> BoardPayload:
    """List pages by offset, then a detail call only for postings that are new or whose list item changed."""
    url, limit = base + spec.path(spec.list_path, token=board.token), settings.page_size
    items: list[dict] = []
    requests = 0
    while True:
        response = checked(client.get(url, params=dict(spec.list_params) | paging.params(len(items), limit)))
        deny_check(response)
        requests += 1
        page, total = paging.items(response.content, board.source_type)
        items += page
        if not page or len(items) >= (total or 0):
            break
    details: dict[str, object] = {}
    new: list[tuple[str, str, bytes]] = []
    for item in items:
        posting_id = str(item.get("id"))
        job_uid, list_hash = f"{board.source_type}:{board.token}:{posting_id}", content_hash(item)
        stored = known(job_uid, list_hash) if known else None
        if stored is None:
            detail = client.get(base + spec.path(spec.detail_path or "", token=board.token, id=posting_id))
            requests += 1
            if detail.status_code == 404:  # no job ad behind the list item: it stands alone, and we remember
                stored = b"{}"
            else:
                deny_check(checked(detail))
                stored = detail.content
            new.append((job_uid, list_hash, stored))
        details[posting_id] = load_json(stored)
    body = paging.bundle(items, details)
    return BoardPayload(board, base, 200, body, requests=requests, new_details=new)
