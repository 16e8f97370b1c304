"""The search page for people: `/` (search, facets, paging) and `/job/{id}` (one posting, its history).

Server-rendered from the same query builder and alias as `/jobs`; the whole state lives in the URL.
Errors are rendered as a message on the page, never as a stack trace.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Request
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from pydantic import Field, ValidationError

from extractors.fields.salary import USD_PER_UNIT
from extractors.search import page as state
from schemas.errors import ConfigError, ServiceUnavailable
from schemas.search import UndisclosedPay
from tasks.api.params import JobsParams
from tasks.api.records import job_with_history

log = logging.getLogger(__name__)
STATIC = Path(__file__).parent / "static"
TEMPLATES = Jinja2Templates(directory=Path(__file__).parent / "templates")
TEMPLATES.env.globals.update(salary_text=state.salary_text, labels=state.FACET_LABELS)
router = APIRouter(include_in_schema=False)
_LIST_FIELDS = {
    name for name, f in JobsParams.model_fields.items() if f.annotation in (list[str], "list[str]")
}


class PageParams(JobsParams):
    """`/jobs` parameters plus the page number shown; undisclosed pay is kept unless asked otherwise."""

    size: int = Field(20, ge=1, le=50)
    undisclosed_pay: UndisclosedPay = "include"
    page: int = Field(1, ge=1, le=10_000)


def parse_page(pairs: state.Pairs) -> PageParams:
    """Query pairs into `PageParams`; empty form fields count as not given."""
    data: dict[str, Any] = {}
    for key, value in pairs:
        if not value.strip():
            continue
        if key in _LIST_FIELDS:
            data.setdefault(key, []).append(value)
        else:
            data[key] = value
    return PageParams.model_validate(data)


def error_text(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        return "; ".join(f"{'.'.join(map(str, e['loc'])) or 'query'}: {e['msg']}" for e in exc.errors())
    if isinstance(exc, ServiceUnavailable):
        return f"{exc.service} is not reachable right now; try again in a moment."
    return str(exc)


def render(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    return TEMPLATES.TemplateResponse(request, template, context, status_code=status)


@router.get("/", response_class=HTMLResponse)
def search_page(request: Request) -> HTMLResponse:
    pairs: state.Pairs = list(request.query_params.multi_items())
    context: dict[str, Any] = {"pairs": pairs, "state": state, "currencies": sorted(USD_PER_UNIT)}
    try:
        params = parse_page(pairs)
        req = params.search().model_copy(update={"facets": list(state.PAGE_FACETS), "facet_size": 15})
        result = request.app.state.index.search(req)
    except (ValidationError, ConfigError, ServiceUnavailable) as exc:
        log.info("search page: %s", exc)
        params = PageParams.model_construct(**PageParams().model_dump())
        status = 503 if isinstance(exc, ServiceUnavailable) else 400
        return render(
            request, "search.html", status, params=params, error=error_text(exc), result=None, **context
        )
    facets = {
        name: state.facet_rows(result["facets"].get(name, {}), name, pairs) for name in state.PAGE_FACETS
    }
    nxt = state.next_page(pairs, result["next"], params.page) if result["next"] else None
    return render(
        request,
        "search.html",
        params=params,
        result=result,
        facets=facets,
        chips=state.active_filters(pairs),
        clear_link=state.link(state.without(pairs, *state.FACET_LABELS, "exclude")),
        next_link=nxt,
        first_link=state.link(state.fresh(pairs)) if params.page > 1 else None,
        query_string=state.link(state.fresh(pairs))[1:],
        error=None,
        **context,
    )


@router.get("/job/{job_uid:path}", response_class=HTMLResponse)
def job_page(request: Request, job_uid: Annotated[str, PathParam(max_length=600)]) -> HTMLResponse:
    job = job_with_history(request.app.state.db, job_uid)
    if job is None:
        return render(
            request, "message.html", 404, title="No such job", message=f"No posting has the id {job_uid!r}."
        )
    sources = {k: v for k, v in (job.get("field_sources") or {}).items() if not k.startswith("_")}
    return render(request, "job.html", job=job, sources=sources)
