"""Fetching one board's whole payload from its ATS, paging and detail calls included.

Each connector returns the board as one body: the API's own bytes when one request gives the whole
board, or a stable bundle when it takes pages (Lever, SmartRecruiters) or detail calls.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field

import httpx

from extractors.ats import ashby, greenhouse, lever, smartrecruiters, workable
from extractors.ats.common import load_json
from extractors.scrape.politeness import deny_page_reason, is_captcha
from schemas.errors import FetchError, PayloadError
from schemas.job import BoardRef
from schemas.settings import Settings
from tasks.scrape.polite_http import PoliteClient

PUBLIC_EU = {"greenhouse": "https://boards-api.eu.greenhouse.io", "lever": "https://api.eu.lever.co"}
# A stored detail for (job_uid, list item hash), or None when it must be fetched again.
DetailLookup = Callable[[str, str], bytes | None]


@dataclass
class BoardPayload:
    board: BoardRef
    api_base: str
    status: int
    body: bytes
    requests: int = 1
    # New SmartRecruiters details: (job_uid, list item hash, detail bytes).
    new_details: list[tuple[str, str, bytes]] = field(default_factory=list)


def api_bases(settings: Settings, board: BoardRef, remembered: str | None) -> list[str]:
    """Hosts to try, in order: the one that worked last time first, then main, then EU."""
    bases = {
        "greenhouse": [settings.greenhouse_api_url, _eu(settings, "greenhouse")],
        "lever": [settings.lever_api_url, _eu(settings, "lever")],
        "ashby": [settings.ashby_api_url],
        "smartrecruiters": [settings.smartrecruiters_api_url],
        "workable": [settings.workable_api_url],
    }[board.source_type]
    ordered = [remembered, *bases] if remembered in bases else bases
    return [b.rstrip("/") for b in dict.fromkeys(ordered) if b]


def _eu(settings: Settings, source: str) -> str | None:
    """The EU host: as set, or the public one when the main host is the public one (not a test server)."""
    explicit = getattr(settings, f"{source}_eu_api_url")
    main = getattr(settings, f"{source}_api_url")
    if explicit or main != Settings.model_fields[f"{source}_api_url"].default:
        return explicit
    return PUBLIC_EU[source]


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
            return _FETCHERS[board.source_type](client, settings, board, base, known_detail)
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
    reason = deny_page_reason(response.headers.get("content-type", ""), response.content)
    if reason:
        kind = "a captcha / bot check" if is_captcha(response.content) else "an HTML page"
        raise PayloadError(reason, f"{response.url} answered {kind} instead of JSON")


def _single(
    client: PoliteClient, url: str, params: dict[str, str], board: BoardRef, base: str
) -> BoardPayload:
    response = checked(client.get(url, params=params))
    return BoardPayload(board, base, response.status_code, response.content)


def _greenhouse(
    client: PoliteClient, settings: Settings, board: BoardRef, base: str, _: object
) -> BoardPayload:
    payload = _single(client, base + greenhouse.list_path(board.token), greenhouse.LIST_PARAMS, board, base)
    if not settings.greenhouse_structure:
        return payload
    structure = {}
    for name, path in zip(("departments", "offices"), greenhouse.structure_paths(board.token), strict=True):
        structure[name] = load_json(checked(client.get(base + path)).content)
    jobs = load_json(payload.body)
    jobs["structure"] = structure
    payload.body = json.dumps(jobs, ensure_ascii=False, sort_keys=True).encode()
    payload.requests += 2
    return payload


def _ashby(client: PoliteClient, settings: Settings, board: BoardRef, base: str, _: object) -> BoardPayload:
    return _single(client, base + ashby.list_path(board.token), ashby.LIST_PARAMS, board, base)


def _workable(
    client: PoliteClient, settings: Settings, board: BoardRef, base: str, _: object
) -> BoardPayload:
    return _single(client, base + workable.list_path(board.token), workable.LIST_PARAMS, board, base)


def _lever(client: PoliteClient, settings: Settings, board: BoardRef, base: str, _: object) -> BoardPayload:
    """Pages of `limit` postings until a short page; one page is kept byte for byte."""
    url, limit = base + lever.list_path(board.token), settings.page_size
    bodies: list[bytes] = []
    items: list[object] = []
    status = 200
    while True:
        response = checked(client.get(url, params=lever.page_params(len(items), limit)))
        if bodies:  # a deny page in the middle of paging must not pass as the last page
            deny_check(response)
        status = response.status_code
        bodies.append(response.content)
        try:
            page = lever.page_items(response.content)
        except PayloadError:
            if len(bodies) == 1:  # let the parser name what is wrong with the board's only body
                return BoardPayload(board, base, status, response.content)
            raise
        items += page
        if len(page) < limit:
            break
    body = bodies[0] if len(bodies) == 1 else json.dumps(items, ensure_ascii=False).encode()
    return BoardPayload(board, base, status, body, requests=len(bodies))


def _smartrecruiters(
    client: PoliteClient, settings: Settings, board: BoardRef, base: str, known: DetailLookup | None
) -> BoardPayload:
    """List pages by offset, then a detail call only for postings that are new or whose list item changed."""
    url, limit = base + smartrecruiters.list_path(board.token), settings.page_size
    items: list[dict] = []
    requests = 0
    while True:
        response = checked(client.get(url, params=smartrecruiters.page_params(len(items), limit)))
        deny_check(response)
        requests += 1
        page, total = smartrecruiters.page_items(response.content)
        items += page
        if not page or len(items) >= total:
            break
    details: dict[str, object] = {}
    new: list[tuple[str, str, bytes]] = []
    for item in items:
        posting_id = str(item.get("id"))
        job_uid, list_hash = (
            f"smartrecruiters:{board.token}:{posting_id}",
            smartrecruiters.list_item_hash(item),
        )
        stored = known(job_uid, list_hash) if known else None
        if stored is None:
            detail = client.get(base + smartrecruiters.detail_path(board.token, posting_id))
            requests += 1
            if detail.status_code == 404:  # no job ad behind the list item: it stands alone, and we remember
                stored = b"{}"
            else:
                deny_check(checked(detail))
                stored = detail.content
            new.append((job_uid, list_hash, stored))
        details[posting_id] = load_json(stored)
    body = smartrecruiters.bundle(items, details)
    return BoardPayload(board, base, 200, body, requests=requests, new_details=new)


_FETCHERS = {
    "greenhouse": _greenhouse,
    "lever": _lever,
    "ashby": _ashby,
    "smartrecruiters": _smartrecruiters,
    "workable": _workable,
}
