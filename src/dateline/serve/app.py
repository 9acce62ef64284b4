"""The HTTP API and the dashboard, one FastAPI app over one store.

Reads go through a small pool of read-only connections (WAL: they never wait for an
ingest). Writes (`POST /api/articles`, only when the server was started with a token)
are read and checked here, then filed as a job that a worker process runs (spaCy's
memory and CPU stay out of this process); the request is answered at once with the
job to poll (`GET /api/jobs/{id}`).
"""

from __future__ import annotations

import calendar
import hmac
import json
import os
import queue
import re
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from contextlib import asynccontextmanager, contextmanager
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import Depends, FastAPI, HTTPException, Path as PathParam, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse, Response, StreamingResponse
from starlette.middleware.trustedhost import TrustedHostMiddleware

from ..errors import InputError
from ..read.ids import ID_PATTERN
from ..read.published import check_published
from ..store import Store, connect
from ..store import queries as Q
from ..read import read_string
from ..store.jobs import JobQueue
from .answers import StoreCache
from .assets import load_assets
from .dashboard import dashboard_router
from .formats import FORMATS
from .guards import HeadAsGet, SecurityHeaders, allowed_hosts, page_csp, security_headers

MAX_PAGE = 1_000  # events per page as JSON
MAX_EXPORT = 100_000  # events per CSV / GeoJSON / JSON Lines response
DEFAULT_PAGE = 100
MAX_BODY_BYTES = 5_000_000  # POST /api/articles
MAX_PENDING_JOBS = 100  # write jobs queued or running; more are refused (503) until the worker catches up
READ_POOL = 8

class ReadPool:
    """Read-only connections handed out one request at a time (they may cross threads)."""

    def __init__(self, path: Path, size: int = READ_POOL) -> None:
        self.path = path
        self.idle: queue.LifoQueue[sqlite3.Connection] = queue.LifoQueue()
        self.slots = threading.BoundedSemaphore(size)

    @contextmanager
    def connection(self) -> Iterator[sqlite3.Connection]:
        self.slots.acquire()
        try:
            try:
                conn = self.idle.get_nowait()
            except queue.Empty:
                conn = connect(self.path, readonly=True, check_same_thread=False)
            try:
                yield conn
            finally:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                self.idle.put(conn)
        finally:
            self.slots.release()

    def close(self) -> None:
        while True:
            try:
                self.idle.get_nowait().close()
            except queue.Empty:
                return


# -- parameters -----------------------------------------------------------------------

_DAY = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def _date_bound(value: str | None, name: str, *, end: bool) -> str | None:
    """'2017' / '2017-03' / '2017-03-04' -> a day; the first day of the period, or the last for `end`."""
    if value is None or value == "":
        return None
    m = _DAY.match(value.strip())
    if not m:
        raise Q.QueryError(f"{name} must be a date (YYYY-MM-DD, YYYY-MM or YYYY), not {value!r}")
    year, month, day = int(m[1]), int(m[2] or (12 if end else 1)), m[3]
    if not 1 <= month <= 12:
        raise Q.QueryError(f"{name}: no month {month}")
    last = calendar.monthrange(year, month)[1]
    d = int(day) if day else (last if end else 1)
    if not 1 <= d <= last:
        raise Q.QueryError(f"{name}: no day {d} in {year}-{month:02d}")
    return f"{year:04d}-{month:02d}-{d:02d}"


def _bbox(value: str | None) -> tuple[float, float, float, float] | None:
    if not value:
        return None
    try:
        west, south, east, north = (float(x) for x in value.split(","))
    except ValueError:
        raise Q.QueryError("bbox must be four numbers: west,south,east,north") from None
    if not (-180 <= west <= 180 and -180 <= east <= 180 and -90 <= south <= north <= 90):
        raise Q.QueryError("bbox must be west,south,east,north in degrees, with south <= north")
    return west, south, east, north


Many = Annotated[list[str], Query()]


def event_query(
    date_from: Annotated[str | None, Query(description="First day (YYYY-MM-DD, YYYY-MM or YYYY).", max_length=10)] = None,
    date_to: Annotated[str | None, Query(description="Last day (YYYY-MM-DD, YYYY-MM or YYYY).", max_length=10)] = None,
    event_type: Annotated[list[str], Query(description="ACLED event type; repeat for several.")] = [],  # noqa: B006
    sub_event_type: Annotated[list[str], Query(description="ACLED sub-event type; repeat for several.")] = [],  # noqa: B006
    actor: Annotated[list[str], Query(description="Either side: canonical name, name without qualifier, or an alias.")] = [],  # noqa: B006
    country: Annotated[list[str], Query(description="Country name; repeat for several.")] = [],  # noqa: B006
    admin1: Annotated[list[str], Query(description="First-level region; repeat for several.")] = [],  # noqa: B006
    attribution: Annotated[list[str], Query(description="reported, claimed, alleged or denied.")] = [],  # noqa: B006
    bbox: Annotated[str | None, Query(description="west,south,east,north in degrees.", max_length=100)] = None,
    min_confidence: Annotated[float | None, Query(ge=0, le=1)] = None,
    min_fatalities: Annotated[int | None, Query(ge=0, le=Q.SQL_INT_MAX)] = None,
    q: Annotated[str | None, Query(description="Words (or \"phrases\") the evidence sentence must hold.", max_length=500)] = None,
    article: Annotated[str | None, Query(description="Only events of this article id.", max_length=128)] = None,
) -> Q.EventQuery:
    lists = {"event_type": event_type, "sub_event_type": sub_event_type, "actor": actor, "country": country, "admin1": admin1, "attribution": attribution}
    for name, values in lists.items():
        if len(values) > 50 or any(len(v) > 200 for v in values):
            raise Q.QueryError(f"{name}: at most 50 values of at most 200 characters")
    clean = {k: [v for v in vs if v.strip()] for k, vs in lists.items()}
    return Q.EventQuery(
        date_from=_date_bound(date_from, "date_from", end=False),
        date_to=_date_bound(date_to, "date_to", end=True),
        bbox=_bbox(bbox),
        min_confidence=min_confidence,
        min_fatalities=min_fatalities,
        q=q if q and q.strip() else None,
        article=article or None,
        **clean,
    )


EventFilter = Annotated[Q.EventQuery, Depends(event_query)]
ArticleId = Annotated[str, PathParam(pattern=f"^{ID_PATTERN}$", description="The article's id.")]


def _first_error(exc: RequestValidationError) -> str:
    for e in exc.errors():
        where = ".".join(str(p) for p in e.get("loc", ()) if p not in ("query", "path", "body"))
        return f"{where}: {e.get('msg')}" if where else str(e.get("msg"))
    return "invalid request"


def create_app(
    db: str | os.PathLike,
    *,
    write_token: str | None = None,
    max_body_bytes: int = MAX_BODY_BYTES,
    language: bool = True,
    hosts: Iterable[str] | None = None,
) -> FastAPI:
    """The app over the store at `db` (created and migrated if needed).

    `hosts`: the Host names it answers to (default: loopback names only); any other gets 400.
    """
    from .worker import WorkerProcess  # here, not above: `python -m dateline.serve.worker` imports this package first

    path = Path(db)
    token = write_token or None
    store = Store(path, shared=True)  # migrates on open (the worker process writes the articles)
    jobs = JobQueue(path) if token else None
    worker = WorkerProcess(path, language=language)
    reads = ReadPool(path)
    answers = StoreCache(path)
    assets = load_assets()

    @asynccontextmanager
    async def lifespan(_: FastAPI):
        if jobs is not None:
            worker.wake()  # ready before the first write, and on any job an earlier server left
        yield
        worker.stop()
        if jobs is not None:
            jobs.close()
        answers.close()
        reads.close()
        store.close()

    app = FastAPI(
        lifespan=lifespan,
        title="dateline",
        version="1",
        summary="Conflict events from news text: filter, map, export, read the evidence.",
        docs_url=None,  # served below, with its own CSP
        redoc_url=None,
        openapi_url="/openapi.json",
    )
    app.state.store = store
    app.state.reads = reads
    app.state.answers = answers
    app.state.worker = worker

    @app.exception_handler(Q.QueryError)
    async def _query_error(_: Request, exc: Q.QueryError) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=422)

    @app.exception_handler(RequestValidationError)
    async def _validation_error(_: Request, exc: RequestValidationError) -> JSONResponse:
        return JSONResponse({"detail": _first_error(exc), "errors": jsonable_errors(exc)}, status_code=422)

    @app.exception_handler(Exception)
    async def _internal_error(_: Request, exc: Exception) -> JSONResponse:
        # Starlette sends this from its outermost layer, past every middleware: the headers go on here.
        return JSONResponse({"detail": "internal error"}, status_code=500, headers=security_headers())

    app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(hosts) if hosts is not None else allowed_hosts())
    app.add_middleware(HeadAsGet)
    app.add_middleware(SecurityHeaders)  # last added, outermost: also on the 400s and 405s of the others

    # -- events -----------------------------------------------------------------

    @app.get("/api/events", tags=["events"], summary="Events matching the filters: JSON pages, or CSV / GeoJSON / JSON Lines")
    def events(
        f: EventFilter,
        format: Annotated[Literal["json", "csv", "geojson", "jsonl"], Query(description="json pages; csv (ACLED column order), geojson, jsonl for export.")] = "json",
        sort: Annotated[str, Query(description=f"One of {', '.join(Q.SORTS)}; prefix - for descending.", max_length=30)] = Q.DEFAULT_SORT,
        cursor: Annotated[str | None, Query(description="next_cursor of the previous page.", max_length=500)] = None,
        limit: Annotated[int | None, Query(ge=1, le=MAX_EXPORT, description=f"Page size: up to {MAX_PAGE} as json, {MAX_EXPORT} otherwise.")] = None,
        total: Annotated[bool, Query(description="Count all matching events (json).")] = True,
    ) -> Any:
        Q.parse_sort(sort)  # a bad sort is a 422 before anything streams
        if format == "json":
            size = limit or DEFAULT_PAGE
            if size > MAX_PAGE:
                raise Q.QueryError(f"limit: at most {MAX_PAGE} events per page as json (use format=csv, geojson or jsonl for more)")
            with reads.connection() as conn:
                count = Q.count_events(conn, f) if total else None
                page = Q.event_page(conn, f, sort=sort, cursor=cursor, limit=size, matches=count)
            return fast_json({"events": page.events, "next_cursor": page.next_cursor, "total": count, "limit": size, "sort": sort})
        size = limit or MAX_EXPORT
        fmt = FORMATS[format]
        with reads.connection() as conn:
            nxt = Q.next_cursor_after(conn, f, sort, cursor, size)

        def rows() -> Iterator[str]:
            with reads.connection() as conn:
                yield from fmt.render(Q.iter_events(conn, f, sort=sort, cursor=cursor, limit=size))

        headers = {"Content-Disposition": f'attachment; filename="dateline-events.{fmt.extension}"'}
        if nxt:
            headers["X-Next-Cursor"] = nxt
        return StreamingResponse(rows(), media_type=fmt.media_type, headers=headers)

    @app.get("/api/stats", tags=["events"], summary="Counts by type, by period (stacked by type), by actor and by country")
    def stats(
        request: Request,
        f: EventFilter,
        interval: Annotated[Literal["week", "month", "year"], Query()] = "month",
        top: Annotated[int, Query(ge=1, le=200)] = 20,
    ) -> Any:
        def make() -> dict[str, Any]:
            with reads.connection() as conn:
                return Q.event_stats(conn, f, interval=interval, top=top)

        return answers.answer(request, make)

    @app.get("/api/facets", tags=["events"], summary="Values the filters can take (event types, countries, ...)")
    def facets(request: Request) -> Any:
        def make() -> dict[str, list]:
            with reads.connection() as conn:
                return Q.facets(conn)

        return answers.answer(request, make)

    @app.get("/api/actors", tags=["events"], summary="Actors with their event counts and the aliases articles used")
    def actors(
        q: Annotated[str | None, Query(max_length=200, description="Part of a name or alias.")] = None,
        limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 100,
    ) -> dict[str, Any]:
        with reads.connection() as conn:
            return {"actors": Q.actors(conn, q=q, limit=limit)}

    # -- articles ---------------------------------------------------------------

    @app.get("/api/articles", tags=["articles"], summary="Stored articles, in ingest order")
    def articles(
        q: Annotated[str | None, Query(max_length=500, description="Words in title or body.")] = None,
        story: Annotated[str | None, Query(max_length=128)] = None,
        cursor: Annotated[str | None, Query(pattern=r"^[0-9]{1,18}$", description="next_cursor of the previous page.")] = None,
        limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 50,
    ) -> dict[str, Any]:
        with reads.connection() as conn:
            items, nxt = Q.article_page(conn, q=q, story=story, cursor=cursor, limit=limit)
            count = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        return {"articles": items, "next_cursor": nxt, "total": count}

    @app.get("/api/articles/{article_id}", tags=["articles"], summary="The full article record with all its spans")
    def article(article_id: ArticleId) -> dict[str, Any]:
        with reads.connection() as conn:
            record = Q.article(conn, article_id)
        if record is None:
            raise HTTPException(404, f"no article {article_id}")
        return record

    @app.get("/api/search", tags=["articles"], summary="Full-text search over titles, bodies and event evidence")
    def search(
        q: Annotated[str, Query(min_length=1, max_length=500)],
        limit: Annotated[int, Query(ge=1, le=200)] = 20,
    ) -> dict[str, Any]:
        with reads.connection() as conn:
            return Q.search(conn, q, limit=limit)

    @app.post(
        "/api/articles",
        tags=["articles"],
        summary="Ingest text (one article or a dump) or JSON Lines; needs Authorization: Bearer; answers with a job to poll",
        status_code=202,
        responses={
            202: {"description": "Read and queued: the worker adds the articles; poll the job's url"},
            401: {"description": "Wrong token"},
            403: {"description": "Writes are disabled, or no token was sent"},
            413: {"description": "Body too large"},
            422: {"description": "Not text dateline can read (the first problem, with its line)"},
            503: {"description": f"{MAX_PENDING_JOBS} jobs are waiting already; retry later"},
        },
        openapi_extra={
            "requestBody": {
                "required": True,
                "content": {"text/plain": {"schema": {"type": "string"}}, "application/x-ndjson": {"schema": {"type": "string"}}},
            }
        },
    )
    async def post_articles(
        request: Request,
        published: Annotated[str | None, Query(max_length=64, description="Publication date for every article (YYYY-MM-DD, YYYY-MM, YYYY).")] = None,
    ) -> Response:
        _authorise(request, token)
        try:
            check_published(published)  # refused as `--published` is, not replaced by an inferred date
        except ValueError as e:
            raise HTTPException(422, f"published: {e}") from None
        body = await _read_limited(request, max_body_bytes)
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError as e:
            raise HTTPException(422, f"body is not UTF-8 text (byte {e.start})") from None
        if not text.strip():
            raise HTTPException(422, "body is empty: send article text or JSON Lines")
        if "\x00" in text:
            raise HTTPException(422, "body holds NUL bytes: send article text or JSON Lines")
        # Read here (cheap, no language layer) so that bad input is refused now, with its line.
        try:
            articles = await run_in_threadpool(read_string, text, published=published, label="<request>", infer=False)
        except InputError as e:
            raise HTTPException(422, e.problem if e.path == "<request>" and e.line is None else str(e)) from None
        if not articles:
            raise HTTPException(422, "no article text found in the body")
        job_id = await run_in_threadpool(jobs.submit, text, published, limit=MAX_PENDING_JOBS)
        if job_id is None:
            raise HTTPException(503, f"{MAX_PENDING_JOBS} write jobs are waiting already; retry later", headers={"Retry-After": "60"})
        worker.wake()
        url = f"/api/jobs/{job_id}"
        return JSONResponse({"job": job_id, "state": "queued", "articles": len(articles), "url": url}, status_code=202, headers={"Location": url})

    @app.get("/api/jobs/{job_id}", tags=["articles"], summary="A write job: queued, running, done (with what it added) or failed (with why)")
    def job(job_id: Annotated[int, PathParam(ge=1, le=Q.SQL_INT_MAX)]) -> dict[str, Any]:
        status = jobs.status(job_id) if jobs is not None else None
        if status is None:
            raise HTTPException(404, f"no job {job_id}")
        if status["state"] in ("queued", "running") and not worker.alive():
            worker.wake()  # it died (or was killed): another one picks the job up again
        return status

    app.include_router(dashboard_router())

    # -- dashboard and docs ------------------------------------------------------

    @app.get("/api/docs", include_in_schema=False)
    def docs() -> Response:
        # FastAPI's documented self-hosting: Swagger UI from our vendored files, not a CDN.
        page = get_swagger_ui_html(
            openapi_url=app.openapi_url,
            title=f"{app.title} API",
            swagger_js_url="/static/vendor/swagger-ui/swagger-ui-bundle.js",
            swagger_css_url="/static/vendor/swagger-ui/swagger-ui.css",
            swagger_favicon_url="/static/favicon.svg",
        )
        html = bytes(page.body).decode()
        return HTMLResponse(html, headers={"Content-Security-Policy": page_csp(html)})

    @app.get("/", include_in_schema=False)
    def index(request: Request) -> Response:
        return _asset_response(assets, "index.html", request)

    @app.get("/static/{name:path}", include_in_schema=False)
    def static(name: str, request: Request) -> Response:
        return _asset_response(assets, name, request)

    return app


def fast_json(payload: Any) -> Response:
    """Plain data straight to JSON (what FastAPI's encoder would do, without walking it first)."""
    return Response(json.dumps(payload, ensure_ascii=False, separators=(",", ":")), media_type="application/json")


def jsonable_errors(exc: RequestValidationError) -> list[dict[str, Any]]:
    return [{"loc": list(e.get("loc", ())), "msg": str(e.get("msg")), "type": e.get("type")} for e in exc.errors()]


def _authorise(request: Request, token: str | None) -> None:
    if token is None:
        raise HTTPException(403, "writes are disabled on this server (start it with $DATELINE_WRITE_TOKEN or --write-token-file)")
    header = request.headers.get("authorization")
    if not header:
        raise HTTPException(403, "writing needs the header Authorization: Bearer <token>")
    scheme, _, given = header.partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), token.encode()):
        raise HTTPException(401, "wrong token", headers={"WWW-Authenticate": "Bearer"})


async def _read_limited(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length")
    if declared is not None:
        try:
            if int(declared) > limit:
                raise HTTPException(413, f"body over {limit} bytes")
        except ValueError:
            raise HTTPException(400, "bad Content-Length") from None
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise HTTPException(413, f"body over {limit} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


def _asset_response(assets: dict, name: str, request: Request) -> Response:
    asset = assets.get(name)
    if asset is None:
        raise HTTPException(404, "not found")
    headers = {"ETag": asset.etag, "Cache-Control": "no-cache"}
    if request.headers.get("if-none-match") == asset.etag:
        return Response(status_code=304, headers=headers)
    return Response(asset.content, media_type=asset.media_type, headers=headers)
