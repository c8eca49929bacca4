"""The HTTP edge: a JSON API over the store, ``POST /api/extract`` over the pipeline, and the page at ``/``.

``create_app(db, token=None)`` builds the app. Without a token the database is opened read-only
(SQLite ``mode=ro``) and every writing endpoint answers 403; with one, writing endpoints want
``Authorization: Bearer TOKEN`` (401 without it, 403 with a wrong one). Bad input gets a 4xx with a
message saying what was expected; nothing here computes what the library and the store don't.
"""
from __future__ import annotations

import hmac
import json
import logging
import threading
from pathlib import Path
from typing import Any

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles

from .. import __version__
from . import models as m
from .guard import LOOPBACK_HOSTS, BadJSON, Budget, Guard, parse_json
from ..errors import DatelineError
from ..io.readers import normalize_date
from ..model import Document, to_dict
from ..pipeline import Pipeline
from ..settings import Settings
from ..store import NotFound, Store, StoreError, content_hash

STATIC = Path(__file__).parent / "static"
# -- ecosystem: the /docs page's Swagger UI files come from the fastapi-offline package (no CDN) ----
try:
    import fastapi_offline as _fo
    DOCS_ASSETS: Path | None = Path(_fo.__file__).parent / "static"
except ImportError:                 # pragma: no cover - a base dependency; /docs says so if absent
    DOCS_ASSETS = None
# errors every endpoint may answer, described once for /openapi.json
ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": m.Problem, "description": "bad query (what was expected and what was found)"},
    404: {"model": m.Problem, "description": "nothing with that id or name"},
    422: {"model": m.Problem, "description": "invalid parameters"}}
# -- end ecosystem ---------------------------------------------------------------------------------
MAX_CHARS = 100_000             # POST /api/extract and /api/documents: longer texts get 413
SERVER_CACHE_KIB = 2048         # SQLite page cache per server thread (the OS caches the file once for all)


def answer(body: dict) -> Response:
    """A reading endpoint's dict as JSON, written once.

    The route's ``response_model`` still describes the answer in /openapi.json, but FastAPI does not
    validate and re-serialise every answer through it (that cost more CPU than the query: 2.1 ms for
    a 128 KB timeline against 0.5 ms for ``json.dumps``). The store builds these dicts; the test
    ``tests/edges/test_openapi_responses.py`` checks live answers against the schema and checks that
    the model, applied to them, would change nothing.
    """
    return Response(json.dumps(body, ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode(),
                    media_type="application/json")


def create_app(db: str | Path, token: str | None = None, max_chars: int = MAX_CHARS,
               settings: Settings | None = None, allowed_hosts: tuple[str, ...] = (),
               budget: Budget | None = None) -> FastAPI:
    """``allowed_hosts``: names the Host header may carry besides the loopback names ("*": any);
    ``budget``: how many extractions run at a time and for how long (``guard.Budget``)."""
    store = Store(db, readonly=token is None, cache_kib=SERVER_CACHE_KIB)
    budget = budget or Budget()
    settings = settings or Settings()
    state: dict[str, Any] = {}
    lock = threading.Lock()          # one writer at a time
    plock = threading.Lock()

    def pipeline() -> Pipeline:
        with plock:
            if "pipeline" not in state:
                state["pipeline"] = Pipeline(settings=settings)
            return state["pipeline"]

    app = FastAPI(title="dateline", version=__version__, docs_url=None, redoc_url=None,
                  description="Who said what, when: quotes, people and timelines from dated news articles. "
                  "Read-only unless the server was started with a token. The page is at /, "
                  "this reference at /docs.", responses=ERRORS)
    app.state.store = store
    app.add_middleware(Guard, allowed_hosts=(*LOOPBACK_HOSTS, *allowed_hosts), max_body=max_chars * 4 + 4096)

    @app.exception_handler(Budget.Busy)
    async def _busy(request: Request, exc: Budget.Busy):
        return JSONResponse({"detail": str(exc)}, status_code=503, headers={"Retry-After": str(exc.retry_after)})

    @app.exception_handler(StoreError)
    async def _store_error(request: Request, exc: StoreError):
        return JSONResponse({"detail": str(exc)}, status_code=404 if isinstance(exc, NotFound) else 400)

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError):
        msgs = []
        for e in exc.errors():
            where = ".".join(str(x) for x in e.get("loc", ()) if x not in ("query", "body", "path"))
            msgs.append(f"{where or 'request'}: {e.get('msg')}")
        return JSONResponse({"detail": "; ".join(msgs), "errors": json.loads(json.dumps(exc.errors(),
                                                                                       default=str))},
                            status_code=422)

    # -- reading -----------------------------------------------------------------------------------
    @app.get("/api/stats", summary="Counts and schema version of the database",
             response_model=m.Stats, response_model_exclude_unset=True)
    def stats() -> Response:
        return answer({**store.stats(), "read_only": store.readonly, "version": __version__})

    @app.get("/api/documents", summary="Stored articles, by date (or by relevance with q)",
             response_model=m.DocumentList, response_model_exclude_unset=True)
    def documents(page: int = Query(1, ge=1, le=100_000), page_size: int = Query(20, ge=1, le=100),
                  q: str | None = Query(None, max_length=500, description="full-text search in title and text"),
                  person: str | None = Query(None, max_length=200, description="articles mentioning this person")
                  ) -> Response:
        return answer(store.documents(page=page, size=page_size, q=q or None, person=person or None))

    @app.get("/api/documents/{doc_id:path}", summary="One article in the public JSON, with person ids",
             response_model=m.StoredDocument, response_model_exclude_unset=True)
    def document(doc_id: str) -> Response:
        d = store.get_dict(doc_id)
        refs = store.person_refs(doc_id)
        d["person_ids"] = {e: r["id"] for e, r in refs.items()}
        d["people"] = {r["id"]: r["name"] for r in refs.values()}
        return answer(d)

    @app.get("/api/quotes", summary="Quotes: by speaker, full-text words (highlighted snippets), dates",
             response_model=m.QuoteList, response_model_exclude_unset=True)
    def quotes(speaker: str | None = Query(None, max_length=200, description="a name or person id"),
               q: str | None = Query(None, max_length=500, description="words that must all occur"),
               since: str | None = Query(None, description="YYYY-MM-DD (or YYYY-MM, YYYY)"),
               until: str | None = Query(None, description="YYYY-MM-DD (or YYYY-MM, YYYY)"),
               page: int = Query(1, ge=1, le=100_000), page_size: int = Query(20, ge=1, le=100)) -> Response:
        return answer(store.quotes(speaker=speaker or None, q=q or None, since=since or None,
                                   until=until or None, page=page, size=page_size))

    @app.get("/api/people", summary="People across articles, most quoted first; name= looks one up",
             response_model=m.PersonList, response_model_exclude_unset=True)
    def people(page: int = Query(1, ge=1, le=100_000), page_size: int = Query(50, ge=1, le=200),
               label: str = Query("PERSON", max_length=20, description="PERSON, ORG, GROUP, ... or any"),
               name: str | None = Query(None, max_length=200)) -> Response:
        if name:
            found = store.find_people(name)
            for f in found:
                f.pop("pk", None)
            return answer({"page": 1, "page_size": len(found), "has_more": False, "items": found})
        return answer(store.people(page=page, size=page_size,
                                   label=None if label.lower() in ("", "any") else label.upper()))

    @app.get("/api/timeline", summary="A person's quotes and events by date (person=), or those matching q=",
             response_model=m.Timeline, response_model_exclude_unset=True)
    def timeline(person: str | None = Query(None, max_length=200), q: str | None = Query(None, max_length=500),
                 since: str | None = None, until: str | None = None,
                 limit: int = Query(500, ge=1, le=2000),
                 keep: str = Query("relevant", pattern="^(relevant|earliest|latest)$",
                                   description="which entries to keep when more than limit match")) -> Response:
        if not person and not q:
            raise HTTPException(400, "timeline: expected person= (a name or id) or q= (words)")
        return answer(store.timeline(person=person or None, q=q or None, since=since or None,
                                     until=until or None, limit=limit, keep=keep))

    @app.get("/api/story", summary="A dated story of the articles matching q=: the days that matter, "
             "1-3 sentences each with their sources, the day's quotes, and why each day was chosen",
             response_model=m.Story, response_model_exclude_unset=True)
    def story(q: str | None = Query(None, max_length=500, description="articles with all these words (default: all)"),
              since: str | None = Query(None, description="YYYY-MM-DD (or YYYY-MM, YYYY)"),
              until: str | None = Query(None, description="YYYY-MM-DD (or YYYY-MM, YYYY)"),
              dates: int = Query(10, ge=1, le=500, description="at most this many dated entries"),
              sents: int = Query(2, ge=1, le=10, description="at most this many sentences an entry"),
              model: str = Query("rules", pattern="^(rules|learned)$")) -> Response:
        return answer(store.story(q=q or None, since=since or None, until=until or None, dates=dates,
                                  sents=sents, model=model))

    # -- pipeline without storing ------------------------------------------------------------------
    _article_body = {"requestBody": {"required": True, "content": {"application/json": {"schema": {
        "type": "object", "required": ["text", "dct"],
        "properties": {"text": {"type": "string", "maxLength": max_chars},
                       "dct": {"type": "string", "format": "date", "description": "publication date YYYY-MM-DD"},
                       "id": {"type": "string"}, "meta": {"type": "object"}}}}}}}

    async def _article(request: Request) -> Document:
        body = await request.body()          # bounded by the Guard: read incrementally, 413 past the limit
        try:
            obj = parse_json(body)
        except BadJSON as e:
            raise HTTPException(400, f"expected a JSON object {{text, dct}}, found {e}") from None
        if not isinstance(obj, dict):
            raise HTTPException(422, f"expected a JSON object {{text, dct}}, found {type(obj).__name__}")
        text, dct = obj.get("text"), obj.get("dct")
        missing = [k for k in ("text", "dct") if obj.get(k) in (None, "")]
        if missing:
            raise HTTPException(422, f"missing field(s) {', '.join(missing)}: expected {{text, dct}}")
        if not isinstance(text, str):
            raise HTTPException(422, f"text: expected a string, found {type(text).__name__}")
        if len(text) > max_chars:
            raise HTTPException(413, f"text has {len(text):,} characters; the limit is {max_chars:,}")
        if not isinstance(dct, str) or normalize_date(dct) != dct.strip():
            raise HTTPException(422, f"dct: expected a publication date YYYY-MM-DD, found {dct!r}")
        meta = obj.get("meta") or {}
        if not isinstance(meta, dict):
            raise HTTPException(422, f"meta: expected an object, found {type(meta).__name__}")
        doc_id = obj.get("id", "doc")
        if isinstance(doc_id, bool) or not isinstance(doc_id, (str, int)) or str(doc_id).strip() == "":
            raise HTTPException(422, f"id: expected a non-empty string, found {doc_id!r}")
        return Document(id=str(doc_id), text=text, dct=dct.strip(), meta=meta)

    async def _run(doc: Document) -> Document:
        try:
            return await budget.run(pipeline(), doc)
        except DatelineError as e:
            raise HTTPException(422, str(e)) from None
        except (Budget.Busy, HTTPException):
            raise
        except Exception as e:       # a stage's bug on this text: named as the runners name it (DL399), logged
            logging.getLogger("dateline.api").exception("pipeline failed on document %r", doc.id)
            raise HTTPException(422, f"DL399: internal error {type(e).__name__} on this text; the server log "
                                     "has the details") from None

    @app.post("/api/extract", summary="Run the pipeline over {text, dct}; nothing is stored",
              openapi_extra=_article_body, response_model=m.Document, response_model_exclude_unset=True)
    async def extract(request: Request) -> dict:
        return to_dict(await _run(await _article(request)))

    # -- writing (token) ---------------------------------------------------------------------------
    def _authorize(request: Request) -> None:
        if token is None:
            raise HTTPException(403, "read-only server: start it with --token to allow writing")
        got = request.headers.get("authorization", "")
        if not got:
            raise HTTPException(401, "writing needs 'Authorization: Bearer TOKEN'",
                                headers={"WWW-Authenticate": "Bearer"})
        scheme, _, value = got.partition(" ")
        if scheme.lower() != "bearer" or not hmac.compare_digest(value.strip().encode(), token.encode()):
            raise HTTPException(403, "wrong token")

    @app.post("/api/documents", status_code=201, openapi_extra=_article_body,
              response_model=m.Stored, response_model_exclude_unset=True,
              summary="Extract and store one article (needs the server token); same id + content = unchanged")
    async def add_document(request: Request) -> dict:
        _authorize(request)
        doc = await _article(request)
        chash = content_hash(doc)
        processed = await _run(doc)

        def put() -> str:
            with lock, store.batch():
                return store.put(processed, chash)
        status = await run_in_threadpool(put)
        return {"id": doc.id, "status": status}

    # -- the page ----------------------------------------------------------------------------------
    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(STATIC / "index.html", media_type="text/html; charset=utf-8")

    # -- ecosystem: the API reference page, self-hosted ---------------------------------------------
    @app.get("/docs", include_in_schema=False)
    def docs() -> FileResponse:
        if DOCS_ASSETS is None:
            raise HTTPException(404, "the docs page needs the fastapi-offline package")
        return FileResponse(STATIC / "docs.html", media_type="text/html; charset=utf-8")

    if DOCS_ASSETS is not None:
        app.mount("/docs-assets", StaticFiles(directory=DOCS_ASSETS), name="docs-assets")
    # -- end ecosystem -----------------------------------------------------------------------------
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app
