"""Saved searches from the page: save, manage (by the unguessable link), delete, and the Atom feed."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Any
from urllib.parse import parse_qsl

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError

from extractors.alerts.addresses import parse_allow
from extractors.alerts.feed import atom_feed
from extractors.search.page import fresh, link
from schemas.errors import ConfigError
from tasks.alerts.store import (
    create_search,
    delete_search,
    deliveries_of,
    feed_entries,
    get_search,
    search_by_feed,
)
from tasks.alerts.webhook import check_webhook
from tasks.api.page import error_text, parse_page, render

log = logging.getLogger(__name__)
router = APIRouter(include_in_schema=False)
MAX_FORM_BYTES = 20_000


async def _form(request: Request) -> dict[str, str]:
    body = await request.body()
    if len(body) > MAX_FORM_BYTES:
        raise ConfigError("the form is too large")
    return dict(parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True))


@router.post("/saved")
async def save_search(request: Request) -> Response:
    form = await _form(request)
    name, webhook = form.get("name", "").strip(), form.get("webhook_url", "").strip() or None
    pairs = fresh(parse_qsl(form.get("query", ""), keep_blank_values=False))
    settings = request.app.state.settings
    try:
        if not name or len(name) > 200:
            raise ConfigError("give the search a name (up to 200 characters)")
        params = parse_page(pairs)
        if webhook:
            check_webhook(webhook, parse_allow(settings.alert_webhook_allow))
        db = request.app.state.db
        saved = create_search(
            db, name, params.search(), link(pairs)[1:], webhook, db.watermark(settings.index_alias)
        )
    except (ConfigError, ValidationError) as exc:
        back = link(pairs)
        return render(
            request, "message.html", 400, title="The search was not saved", message=error_text(exc), back=back
        )
    return RedirectResponse(f"/saved/{saved.id}", status_code=303)


def _feed_url(request: Request, token: str) -> str:
    return str(request.url_for("search_feed", feed_token=token))


@router.get("/saved/{search_id}", response_class=HTMLResponse)
def manage_search(request: Request, search_id: str) -> HTMLResponse:
    saved = get_search(request.app.state.db, search_id)
    if saved is None:
        return render(
            request,
            "message.html",
            404,
            title="No such saved search",
            message="This link matches no saved search; it may have been deleted.",
        )
    deliveries = deliveries_of(request.app.state.db, saved.id)
    return render(
        request,
        "saved.html",
        saved=saved,
        deliveries=deliveries,
        feed_url=_feed_url(request, saved.feed_token),
    )


@router.post("/saved/{search_id}/delete")
def remove_search(request: Request, search_id: str) -> Response:
    delete_search(request.app.state.db, search_id)
    return RedirectResponse("/", status_code=303)


@router.get("/feeds/{feed_token}.atom", name="search_feed")
def search_feed(request: Request, feed_token: str) -> Response:
    db = request.app.state.db
    found: dict[str, Any] | None = search_by_feed(db, feed_token)
    if found is None:
        return Response("no such feed\n", status_code=404, media_type="text/plain")
    entries = feed_entries(db, found["id"])
    page = str(request.url_for("search_page")) + (
        "?" + found["query_string"] if found["query_string"] else ""
    )
    body = atom_feed(
        found["name"],
        _feed_url(request, feed_token),
        page,
        feed_token,
        entries,
        found["created_at"] or datetime.now(UTC),
    )
    return Response(body, media_type="application/atom+xml")
