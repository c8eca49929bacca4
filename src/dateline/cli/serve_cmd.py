"""``dateline serve --db PATH [--host 127.0.0.1] [--port 8000] [--token TOKEN]``: the API and the page."""
from __future__ import annotations

import argparse
import os
import sys

from ..store import StoreError


def register(sub) -> None:
    p = sub.add_parser("serve", help="serve the JSON API and the web page over a database")
    p.add_argument("--db", default="dateline.db", metavar="PATH", help="SQLite database (default dateline.db)")
    p.add_argument("--host", default="127.0.0.1", help="interface to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--token", default=os.environ.get("DATELINE_TOKEN"),
                   help="allow writing endpoints for requests with 'Authorization: Bearer TOKEN' "
                   "(default: $DATELINE_TOKEN; without one the database is opened read-only)")
    p.add_argument("--max-chars", type=int, default=None, metavar="N",
                   help="longest text POST /api/extract accepts (default 100000)")
    p.add_argument("--allowed-host", action="append", default=[], metavar="NAME",
                   help="a name the Host header may carry besides 127.0.0.1, localhost and [::1] (repeatable; "
                   "'*' for any); --host adds itself")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    import uvicorn
    from ..api.app import MAX_CHARS, create_app
    if not 0 < args.port < 65536:
        print(f"error: --port: expected 1..65535, found {args.port}", file=sys.stderr)
        return 2
    try:
        hosts = (*args.allowed_host, args.host) if args.host not in ("127.0.0.1", "localhost", "::1") \
            else tuple(args.allowed_host)
        app = create_app(args.db, token=args.token or None, max_chars=args.max_chars or MAX_CHARS,
                         allowed_hosts=hosts)
    except StoreError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    mode = "read-write (token required for writes)" if args.token else "read-only"
    print(f"dateline: serving {args.db} ({mode}) on http://{args.host}:{args.port}/", file=sys.stderr)
    # bounded: at most 100 connections at once (503 beyond), idle keep-alive connections closed after 5 s
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning", access_log=False,
                limit_concurrency=100, timeout_keep_alive=5)
    return 0
