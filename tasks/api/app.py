"""The search API: `GET /jobs`, `/facets`, `/skills/suggest`, `/jobs/{id}`, `/trends`, `/health`, and the page at `/`.

Every answer, errors included, carries the request id in its body and in `X-Request-Id`, so a user's
report can be matched to the server's log line.
"""

from __future__ import annotations

import logging
import re
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Annotated, Any

import psycopg
from fastapi import FastAPI, HTTPException, Path, Query, Request, Response
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from psycopg_pool import PoolTimeout
from pydantic import ValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException

from schemas.errors import ConfigError, ServiceUnavailable
from schemas.settings import Settings
from tasks.api import page, saved
from tasks.api.params import FacetsParams, JobsParams
from tasks.api.records import job_with_history, suggest_skills
from tasks.api.trends_params import TrendsParams
from tasks.search.index import SearchIndex
from tasks.storage.database import Database
from tasks.trends.store import trends as trend_report

log = logging.getLogger(__name__)
_CLIENT_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


def _rid(request: Request) -> str:
    return getattr(request.state, "request_id", "") or uuid.uuid4().hex


def _error(request: Request, status: int, detail: Any) -> JSONResponse:
    body = {"request_id": _rid(request), "detail": jsonable_encoder(detail)}
    return JSONResponse(body, status_code=status, headers={"X-Request-Id": _rid(request)})


def _install_errors(app: FastAPI) -> None:
    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        return _error(
            request, 422, [{k: e[k] for k in ("loc", "msg", "type") if k in e} for e in exc.errors()]
        )

    @app.exception_handler(ValidationError)
    async def _invalid_model(request: Request, exc: ValidationError) -> JSONResponse:
        return _error(
            request, 422, [{"loc": list(e["loc"]), "msg": e["msg"], "type": e["type"]} for e in exc.errors()]
        )

    @app.exception_handler(ConfigError)
    async def _bad_param(request: Request, exc: ConfigError) -> JSONResponse:
        return _error(request, 422, [{"loc": ["query"], "msg": str(exc), "type": "value_error"}])

    @app.exception_handler(ServiceUnavailable)
    async def _down(request: Request, exc: ServiceUnavailable) -> JSONResponse:
        log.error("request %s: %s", _rid(request), exc)
        return _error(request, 503, f"{exc.service} is not reachable")

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        return _error(request, exc.status_code, exc.detail)


def create_app(settings: Settings) -> FastAPI:
    """One app per settings: the PostgreSQL pool and OpenSearch client open and close with it."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.db = Database(settings.pg_dsn, max_size=8).open()
        app.state.index = SearchIndex(settings.os_url, settings.index_alias, timeout=10)
        try:
            yield
        finally:
            app.state.db.close()

    app = FastAPI(title="jobmine search API", version="1", lifespan=lifespan)
    app.state.settings = settings
    _install_errors(app)
    app.include_router(page.router)
    app.include_router(saved.router)
    app.mount("/static", StaticFiles(directory=page.STATIC), name="static")

    @app.middleware("http")
    async def request_id(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        given = request.headers.get("x-request-id", "")
        request.state.request_id = given if _CLIENT_ID.match(given) else uuid.uuid4().hex
        response = await call_next(request)
        response.headers["X-Request-Id"] = request.state.request_id
        return response

    @app.get("/jobs", summary="Search postings with filters, sorting and cursor paging")
    def jobs(request: Request, params: Annotated[JobsParams, Query()]) -> dict[str, Any]:
        result = request.app.state.index.search(params.search())
        return {"request_id": _rid(request), **result}

    @app.get("/facets", summary="Facet counts for a search (all facets unless `facet` is given)")
    def facets(request: Request, params: Annotated[FacetsParams, Query()]) -> dict[str, Any]:
        result = request.app.state.index.search(params.search())
        return {"request_id": _rid(request), "total": result["total"], "facets": result["facets"]}

    @app.get("/skills/suggest", summary="Canonical skill names and aliases starting with a prefix")
    def skills_suggest(
        request: Request,
        prefix: Annotated[str, Query(min_length=1, max_length=100)],
        limit: Annotated[int, Query(ge=1, le=50)] = 10,
    ) -> dict[str, Any]:
        found = suggest_skills(request.app.state.db, prefix.strip() or prefix, limit)
        return {"request_id": _rid(request), "prefix": prefix, "suggestions": found}

    @app.get("/jobs/{job_uid}", summary="One posting as PostgreSQL holds it, with its history")
    def job(request: Request, job_uid: Annotated[str, Path(max_length=600)]) -> dict[str, Any]:
        found = job_with_history(request.app.state.db, job_uid)
        if found is None:
            raise HTTPException(404, f"no job {job_uid!r}")
        return {"request_id": _rid(request), "job": jsonable_encoder(found)}

    @app.get("/trends", summary="Hiring trends over whole weeks, with the same filters as search")
    def trends(request: Request, params: Annotated[TrendsParams, Query()]) -> dict[str, Any]:  # type: ignore[valid-type]
        report = trend_report(request.app.state.db, params.request(), settings)  # type: ignore[attr-defined]
        return {"request_id": _rid(request), **report.model_dump(mode="json")}

    @app.get("/health", summary="Whether PostgreSQL and OpenSearch answer")
    def health(request: Request, response: Response) -> dict[str, Any]:
        checks = {"postgresql": "ok", "opensearch": "ok"}
        try:
            with request.app.state.db.transaction() as conn:
                conn.execute("SELECT 1")
        except (psycopg.Error, PoolTimeout) as exc:
            log.warning("health: PostgreSQL: %s", exc)
            checks["postgresql"] = "down"
        try:
            request.app.state.index.check()
        except ServiceUnavailable as exc:
            log.warning("health: %s", exc)
            checks["opensearch"] = "down"
        ok = all(v == "ok" for v in checks.values())
        response.status_code = 200 if ok else 503
        return {"request_id": _rid(request), "status": "ok" if ok else "degraded", **checks}

    return app
