"""The REST API and web page of ``whimbrel serve`` (docs/api.md, docs/web.md).

``create_app(store_url, token=...)`` builds one FastAPI app that serves the JSON API under
``/api``, the page at ``/`` (assets from ``serve/web/``, nothing from a CDN) and the OpenAPI
description at ``/docs``. Its routes call the same functions as the CLI
(:mod:`whimbrel.analysis`, :meth:`whimbrel.store.Store.events`), so the two always agree.
Every error is ``{"error": {"code", "message"}}`` with the HTTP status of the
:class:`~whimbrel.errors.WhimbrelError` behind it; no stack trace ever leaves the server.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import quote

from fastapi import FastAPI, Header, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, ConfigDict, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from whimbrel import __version__
from whimbrel.errors import InputError, NotFound, WhimbrelError
from whimbrel.records import REALISED, Article
from whimbrel.serve.access import Coder, StoreAccess, article_json, event_json
from whimbrel.serve.security import (
    MAX_BODY,
    BodyLimit,
    SecurityHeaders,
    check_token,
    describe,
)
from whimbrel.store.fetch import Fetcher

log = logging.getLogger("whimbrel.serve")
WEB = Path(__file__).with_name("web")
DEFAULT_FACTUALITY = ",".join(REALISED)
_HTTP_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    413: "payload_too_large",
    415: "unsupported_media_type",
}


class ArticleIn(BaseModel):
    """An article to code: its ``text``, its ``html`` or a ``url`` to fetch (exactly one body)."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "text": "North Korea fired two missiles on Tuesday. Japan condemned the "
                    "launches.",
                    "date": "2024-03-12",
                }
            ]
        },
    )

    text: str | None = Field(None, description="Plain text (a leading headline becomes the title).")
    html: str | None = Field(None, description="One HTML page; the article is extracted from it.")
    url: str | None = Field(
        None,
        description="Fetched when neither text nor html is given (public http(s) addresses "
        "only); otherwise kept as the article's URL.",
    )
    date: str | None = Field(None, description="Publication date, YYYY-MM-DD.")
    title: str | None = None
    publisher: str | None = None
    id: str | None = Field(None, description="The article's id (default: from its URL or text).")


def _split(values: list[str] | None) -> list[str]:
    return [v.strip() for item in values or [] for v in item.split(",") if v.strip()]


def _quads(values: list[str] | None) -> list[int]:
    quads = []
    for v in _split(values):
        if v not in ("1", "2", "3", "4"):
            raise InputError(f"quad: {v!r} is not 1, 2, 3 or 4")
        quads.append(int(v))
    return quads


def _factuality(value: str) -> str | list[str]:
    return "all" if value.strip() == "all" else _split([value])


def _error(status: int, code: str, message: str, headers: dict[str, str] | None = None) -> Any:
    return JSONResponse(
        {"error": {"code": code, "message": message}}, status_code=status, headers=headers
    )


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(WhimbrelError)
    async def whimbrel_error(request: Request, exc: WhimbrelError) -> Any:
        if exc.status_code >= 500:
            log.warning("%s %s: %s: %s", request.method, request.url.path, exc.code, exc)
        headers = {"WWW-Authenticate": "Bearer"} if exc.status_code == 401 else None
        return _error(exc.status_code, exc.code, exc.message, headers)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Any:
        code = _HTTP_CODES.get(exc.status_code, f"http_{exc.status_code}")
        return _error(exc.status_code, code, str(exc.detail), getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Any:
        parts = [f"{describe(e.get('loc', ()))}: {e.get('msg', 'invalid')}" for e in exc.errors()]
        return _error(422, "invalid_request", "; ".join(parts) or "invalid request")

    @app.exception_handler(Exception)
    async def crash(request: Request, exc: Exception) -> Any:
        log.exception("%s %s failed", request.method, request.url.path)
        return _error(500, "internal_error", "internal server error (logged on the server)")


def _install_docs(app: FastAPI) -> None:
    """Swagger UI at /docs from the packaged swagger-ui-bundle, never from a CDN."""
    from fastapi.openapi.docs import get_swagger_ui_html

    try:
        from swagger_ui_bundle import swagger_ui_path
    except ImportError:  # the description stays at /openapi.json
        return
    app.mount("/docs-assets", StaticFiles(directory=str(swagger_ui_path)), name="docs-assets")

    @app.get("/docs", include_in_schema=False)
    def docs() -> Any:
        return get_swagger_ui_html(
            openapi_url="/openapi.json",
            title="whimbrel API",
            swagger_js_url="/docs-assets/swagger-ui-bundle.js",
            swagger_css_url="/docs-assets/swagger-ui.css",
            swagger_favicon_url="/static/favicon.svg",
        )


def create_app(
    store_url: str | None = None,
    token: str | None = None,
    *,
    pipeline: Any = None,
    fetcher: Callable[[], Fetcher] | None = None,
    lock_timeout: float = 5.0,
    max_body: int = MAX_BODY,
) -> FastAPI:
    """The app serving the store at ``store_url`` (a DuckDB file or ``postgresql://...``).

    ``token`` enables ``POST /api/articles`` (without one every write answers 403).
    ``pipeline`` (a Pipeline or a function making one) codes in-process instead of the
    default pipeline, which a worker process loads on first use; ``fetcher`` makes the :class:`Fetcher` for URLs (tests
    pass one over ``httpx.MockTransport``).
    """
    access = StoreAccess(store_url, lock_timeout=lock_timeout)
    access.prepare()
    coder = Coder(pipeline)
    make_fetcher = fetcher or Fetcher

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        coder.close()  # the coding process goes with the server

    app = FastAPI(
        lifespan=lifespan,
        title="whimbrel",
        version=__version__,
        summary="PLOVER political events coded from news: code articles, query the store.",
        docs_url=None,
        redoc_url=None,
    )
    app.state.access = access
    app.state.coder = coder
    _install_error_handlers(app)
    _install_docs(app)

    def read_article(body: ArticleIn) -> Article:
        from whimbrel.ingest.articles import article_from_html, article_from_text
        from whimbrel.ingest.readers import decode_bytes
        from whimbrel.pipeline import parse_date

        date = parse_date(body.date)
        meta = {"title": body.title, "publisher": body.publisher, "id": body.id}
        if body.text is not None and body.html is not None:
            raise InputError("give text or html, not both")
        if body.text is not None:
            return article_from_text(body.text, date=date, url=body.url, origin="api", **meta)
        if body.html is not None:
            return article_from_html(body.html, date=date, url=body.url, origin="api", **meta)
        if body.url is None:
            raise InputError("give the article's text, html or url")
        with make_fetcher() as client:
            page = client.get(body.url)
        try:
            html = decode_bytes(page.content)
        except UnicodeDecodeError:
            raise InputError("cannot decode the page", source=body.url) from None
        return article_from_html(html, date=date, url=page.url, origin=body.url, **meta)

    @app.post("/api/code", tags=["coding"])
    def code_article(body: ArticleIn) -> dict[str, Any]:
        """Code one article without storing it: ``{"article": {...}, "events": [...]}``."""
        return article_json(coder.code(read_article(body)))

    @app.post("/api/articles", status_code=201, tags=["store"])
    def add_article(
        body: ArticleIn,
        authorization: Annotated[str | None, Header()] = None,
    ) -> Any:
        """Code an article and store it (bearer token). 201 stored; 200 already stored."""
        check_token(token, authorization)
        article = read_article(body)
        with access.reading() as store:
            present = store.has_article(article.id)
        if present:
            return JSONResponse(
                {"id": article.id, "stored": False, "events": None,
                 "url": _article_url(article.id)},
                status_code=200,
            )  # fmt: skip
        coded = coder.code(article)
        coder_name, kb_version = coder.versions()
        with access.writing() as store:  # the write lock, for one transaction only
            added = store.add_article(coded, coder=coder_name, kb_version=kb_version)
        return JSONResponse(
            {"id": coded.id, "stored": added, "events": len(coded.events),
             "url": _article_url(coded.id)},
            status_code=201 if added else 200,
            headers={"Location": _article_url(coded.id)},
        )  # fmt: skip

    @app.get("/api/articles/{article_id:path}", tags=["store"])
    def get_article(article_id: str) -> dict[str, Any]:
        """A stored article with its events, in the shape of ``POST /api/code``."""
        with access.reading() as store:
            try:
                return article_json(store.article(article_id))
            except NotFound:
                raise NotFound(f"no article {article_id!r} in the store") from None

    @app.get("/api/events", tags=["store"])
    def list_events(
        request: Request,
        source: str | None = None,
        target: str | None = None,
        actor: str | None = None,
        event_type: Annotated[list[str] | None, Query(alias="type")] = None,
        quad: Annotated[list[str] | None, Query()] = None,
        factuality: str = DEFAULT_FACTUALITY,
        since: str | None = None,
        until: str | None = None,
        search: str | None = None,
        mentions: Annotated[
            bool, Query(description="Every coded event, not one per real-world event.")
        ] = False,
        limit: Annotated[int, Query(ge=1, le=1000)] = 50,
        offset: Annotated[int, Query(ge=0)] = 0,
    ) -> dict[str, Any]:
        """Stored events, filtered as ``whimbrel events`` filters them; a page at a time."""
        filters: dict[str, Any] = {
            "source": source, "target": target, "actor": actor,
            "event_type": _split(event_type) or None, "quad": _quads(quad) or None,
            "factuality": _factuality(factuality), "since": since, "until": until,
            "search": search,
        }  # fmt: skip
        with access.reading() as store:
            total, items = _event_page(store, filters, mentions, limit, offset)
        following = offset + len(items)
        next_url = None
        if following < total:
            url = request.url.include_query_params(offset=following, limit=limit)
            next_url = f"{url.path}?{url.query}"
        return {
            "items": items,
            "total": total,
            "next": next_url,
            "limit": limit,
            "offset": offset,
        }

    @app.get("/api/dyads/{a}/{b}", tags=["analysis"])
    def get_dyad(
        a: str,
        b: str,
        by: Literal["week", "month", "year"] = "week",
        directed: bool = False,
        factuality: str = DEFAULT_FACTUALITY,
    ) -> dict[str, Any]:
        """The pair's events per ISO week, month or year (as ``whimbrel dyad``)."""
        from whimbrel.analysis.dyads import dyad_report

        with access.reading() as store:
            return dyad_report(
                store, a, b, by=by, directed=directed, factuality=_factuality(factuality)
            )

    @app.get("/api/actors", tags=["analysis"])
    def get_actors(
        limit: Annotated[int, Query(ge=1, le=500)] = 20,
        level: Literal["country", "actor"] = "country",
        factuality: str = DEFAULT_FACTUALITY,
    ) -> dict[str, Any]:
        """The most active actors and dyads (as ``whimbrel actors``)."""
        from whimbrel.analysis.actors import actor_report

        with access.reading() as store:
            return actor_report(store, level=level, limit=limit, factuality=_factuality(factuality))

    @app.get("/api/network", tags=["analysis"])
    def get_network(
        limit: Annotated[int, Query(ge=1, le=500)] = 40,
        level: Literal["country", "actor"] = "country",
        factuality: str = DEFAULT_FACTUALITY,
    ) -> dict[str, Any]:
        """The actor network (as ``whimbrel network`` writes JSON), its ``limit`` busiest nodes."""
        from whimbrel.analysis.actors import store_events
        from whimbrel.analysis.network import build_graph, graph_json

        with access.reading() as store:
            events = store_events(store, _factuality(factuality))
        graph = build_graph(events, level=level)
        busiest = sorted(graph.nodes, key=lambda n: (-graph.nodes[n]["events"], n))[:limit]
        return graph_json(graph.subgraph(busiest))

    @app.get("/", include_in_schema=False)
    def page() -> Any:
        return FileResponse(WEB / "index.html", media_type="text/html")

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> Any:
        return FileResponse(WEB / "favicon.svg", media_type="image/svg+xml")

    app.mount("/static", StaticFiles(directory=str(WEB)), name="static")
    app.add_middleware(SecurityHeaders)
    app.add_middleware(BodyLimit, limit=max_body)
    return app


def _article_url(article_id: str) -> str:
    """The article's path, percent-encoded: an id may hold any character, and a header only
    ASCII (a raw non-Latin-1 id in ``Location`` made the response itself fail, a 500)."""
    return f"/api/articles/{quote(article_id, safe='')}"


def _event_page(
    store: Any, filters: dict[str, Any], mentions: bool, limit: int, offset: int
) -> tuple[int, list[dict[str, Any]]]:
    """One page of events as ``whimbrel events`` lists them: one per real-world event
    (deduplicated, with its report counts under ``canonical``) or, with ``mentions``, every
    coded event; and how many there are in all."""
    from whimbrel.store.queries import event_filter

    where = event_filter(**filters)
    canonical = getattr(store, "canonical_events", None)
    if mentions or canonical is None:
        total = store.count_events(**filters)
        return total, [event_json(e) for e in store.events(limit=limit, offset=offset, **filters)]
    # A canonical event counts once however many of its members match; an event not yet
    # deduplicated is its own canonical event (as Store.canonical_events returns them).
    total = int(
        store.backend.query(
            f"SELECT COUNT(DISTINCT COALESCE(e.canonical_id, e.id)) FROM events e{where.sql()}",
            where.params,
        )[0][0]
    )
    items = []
    for c in canonical(limit=limit, offset=offset, text=False, **filters):
        item = event_json(c.event)
        item["canonical"] = {
            "id": c.id, "mentions": c.mentions, "articles": c.articles, "reports": c.reports,
            "sources": c.sources, "publishers": c.publishers, "member_ids": c.member_ids,
            "first_seen": c.first_seen.isoformat() if c.first_seen else None,
            "last_seen": c.last_seen.isoformat() if c.last_seen else None,
        }  # fmt: skip
        items.append(item)
    return total, items
