"""The server's defences, as plain ASGI middleware and helpers (no 500, no hang, nothing unbounded).

- ``Guard`` (one ASGI middleware, outermost):
  * At most ``threads`` (8) worker threads run the endpoints: each holds its own SQLite connection, and
    more threads than cores only add memory and GIL contention (40, anyio's default, took 108 MB under
    the load test; 4 took 68 MB, same latency).
  * Host check: the ``Host`` header must name one of ``allowed_hosts`` (loopback names by default),
    or the request gets 400. This stops DNS rebinding: a page on another site that resolves its own
    name to 127.0.0.1 cannot read the API through the user's browser.
  * Body limit: a request body is read incrementally and refused with 413 as soon as it passes
    ``max_body`` bytes (or at once, when ``Content-Length`` says so); it is never read whole first.
  * Security headers on every answer: a Content-Security-Policy allowing scripts and styles from
    this server only (the page has no inline script), ``frame-ancestors 'none'``,
    ``X-Content-Type-Options: nosniff``, ``X-Frame-Options: DENY``, ``Referrer-Policy: no-referrer``.
  * Last resort: an exception that escapes every handler is answered with a JSON 500 naming the
    request (never a bare traceback) and logged; the tests hold that no input reaches it.
- ``parse_json(body)``: JSON with the failure modes of hostile bodies turned into ``BadJSON``
  (deep nesting, a 5,000-digit integer, lone surrogates, invalid UTF-8).
- ``Budget``: at most ``slots`` pipeline runs at a time, each within ``seconds``; a request that finds
  no free slot within ``wait`` seconds, or whose run overruns, gets 503 with ``Retry-After`` while
  the reading endpoints stay responsive.
"""
from __future__ import annotations

import asyncio
import json
import logging
import threading
from typing import Any, Awaitable, Callable, Iterable

LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "[::1]")
MAX_DEPTH = 64                     # nesting of a request's JSON
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
# the /docs page (Swagger UI) sets style attributes from its script
CSP_DOCS = CSP.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
HEADERS = [(b"x-content-type-options", b"nosniff"), (b"x-frame-options", b"DENY"),
           (b"referrer-policy", b"no-referrer"), (b"cross-origin-opener-policy", b"same-origin")]
log = logging.getLogger("dateline.api")


class BadJSON(ValueError):
    pass


def _depth_ok(body: str, limit: int) -> bool:
    """Brackets outside strings never nest deeper than ``limit`` (checked before parsing)."""
    depth = 0
    in_str = esc = False
    for ch in body:
        if in_str:
            if esc:
                esc = False
            elif ch == "\\":
                esc = True
            elif ch == '"':
                in_str = False
        elif ch == '"':
            in_str = True
        elif ch in "[{":
            depth += 1
            if depth > limit:
                return False
        elif ch in "]}":
            depth -= 1
    return True


def _no_surrogates(obj: Any) -> None:
    if isinstance(obj, str):
        try:
            obj.encode("utf-8")
        except UnicodeEncodeError as e:
            raise BadJSON(f"a string holds a lone surrogate (\\u{ord(obj[e.start]):04x} at character {e.start}); "
                          "expected valid Unicode") from None
    elif isinstance(obj, dict):
        for k, v in obj.items():
            _no_surrogates(k)
            _no_surrogates(v)
    elif isinstance(obj, list):
        for v in obj:
            _no_surrogates(v)


def parse_json(body: bytes, max_depth: int = MAX_DEPTH) -> Any:
    """The JSON value of a request body; ``BadJSON`` saying what is wrong with it otherwise."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as e:
        raise BadJSON(f"not valid UTF-8 (byte 0x{body[e.start]:02x} at offset {e.start})") from None
    if text.count("[") + text.count("{") > max_depth and not _depth_ok(text, max_depth):
        raise BadJSON(f"JSON nested deeper than {max_depth} levels")
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as e:
        raise BadJSON(f"malformed JSON ({e})") from None
    except (ValueError, RecursionError) as e:     # an integer of more than 4,300 digits, ...
        raise BadJSON(f"unreadable JSON ({e})") from None
    _no_surrogates(obj)
    return obj


class Budget:
    """At most ``slots`` runs at a time, each given ``seconds``; 503 (``Busy``) otherwise."""

    class Busy(Exception):
        def __init__(self, message: str, retry_after: int = 1):
            super().__init__(message)
            self.retry_after = retry_after

    def __init__(self, slots: int = 2, seconds: float = 10.0, wait: float = 2.0):
        self.slots, self.seconds, self.wait = slots, seconds, wait
        self._free = threading.BoundedSemaphore(slots)

    async def run(self, fn: Callable[..., Any], *args) -> Any:
        from starlette.concurrency import run_in_threadpool
        if not await run_in_threadpool(self._free.acquire, True, self.wait):
            raise Budget.Busy(f"the server is busy: {self.slots} extractions are running; retry in a moment")
        loop = asyncio.get_running_loop()

        def work():
            try:
                return fn(*args)
            finally:
                self._free.release()     # an overrun keeps its slot until it really ends
        fut = loop.run_in_executor(None, work)
        try:
            return await asyncio.wait_for(asyncio.shield(fut), self.seconds)
        except asyncio.TimeoutError:
            raise Budget.Busy(f"the extraction took longer than {self.seconds:g} s and was abandoned; "
                              "send a shorter text", retry_after=int(self.seconds)) from None


Send = Callable[[dict], Awaitable[None]]


class Guard:
    """ASGI middleware: Host check, incremental body limit, security headers, JSON 500 as a last resort."""

    def __init__(self, app, allowed_hosts: Iterable[str] = LOOPBACK_HOSTS, max_body: int = 1 << 20,
                 threads: int = 8):
        self.app = app
        self.threads = threads             # worker threads for the endpoints (each holds an SQLite connection)
        self._threads_set = False
        self.hosts = {h.lower() for h in allowed_hosts}
        self.any_host = "*" in self.hosts
        self.max_body = max_body

    def _host_ok(self, scope) -> bool:
        if self.any_host:
            return True
        host = dict(scope.get("headers") or ()).get(b"host", b"").decode("latin-1").strip().lower()
        if host.startswith("["):
            name = host[: host.find("]") + 1] if "]" in host else host
        else:
            name = host.rsplit(":", 1)[0] if host.count(":") == 1 else host
        return name in self.hosts

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        if not self._threads_set:         # the loop's thread pool exists once a loop runs: bound it here
            import anyio.to_thread
            anyio.to_thread.current_default_thread_limiter().total_tokens = self.threads
            self._threads_set = True
        csp = (CSP_DOCS if scope.get("path", "").startswith("/docs") else CSP).encode()
        started = False

        async def send_with_headers(message: dict) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                names = {k.lower() for k, _ in message.get("headers", [])}
                extra = [(k, v) for k, v in HEADERS if k not in names]
                if b"content-security-policy" not in names:
                    extra.append((b"content-security-policy", csp))
                message = {**message, "headers": list(message.get("headers", [])) + extra}
            await send(message)

        if not self._host_ok(scope):
            return await _answer(send_with_headers, 400, "Host header not allowed: this server answers to "
                                 + ", ".join(sorted(self.hosts)) + " (start it with --allowed-host NAME)")
        length = dict(scope.get("headers") or ()).get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_body):
            return await _answer(send_with_headers, 413, f"request body over the limit of {self.max_body:,} bytes")
        seen = 0

        async def bounded_receive() -> dict:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_body:
                    raise _TooLarge()
            return message

        try:
            await self.app(scope, bounded_receive, send_with_headers)
        except _TooLarge:
            if not started:
                await _answer(send_with_headers, 413, f"request body over the limit of {self.max_body:,} bytes")
        except Exception:
            log.exception("unhandled error on %s %s", scope.get("method"), scope.get("path"))
            if not started:
                await _answer(send_with_headers, 500, "internal error; the server log has the details")


class _TooLarge(Exception):
    pass


async def _answer(send: Send, status: int, detail: str) -> None:
    body = json.dumps({"detail": detail}).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})
