"""``dateline ingest INPUT... --db PATH`` and the queries ``quotes``, ``timeline``, ``people``.

The commands parse arguments and print; the work is ``runners.ingest.ingest`` (the one runner with the
store as its edge) and the ``Store`` query methods.
"""
from __future__ import annotations

import argparse
import json
import os
import sqlite3
import sys
import time

from ..errors import InputError
from ..io.readers import read_inputs
from ..pipeline import Pipeline
from ..runners.ingest import ingest
from ..runners.pool import progress_bar
from ..store import Store, StoreError
from .common import add_input_options, exit_code, read_options, settings_from, summary

DEFAULT_DB = "dateline.db"


def register(sub) -> None:
    p = sub.add_parser("ingest", help="extract and store articles in an SQLite database (idempotent, resumable)")
    add_input_options(p)
    _db(p)
    p.add_argument("--batch-size", type=int, default=200, metavar="N", help="documents per transaction (default 200)")
    p.add_argument("--workers", type=int, default=_default_workers(), metavar="N",
                   help="processes running the extraction (default: the CPU count, at most 8)")
    p.add_argument("--force", action="store_true", help="re-extract documents even when stored unchanged")
    p.add_argument("--progress", choices=("auto", "on", "off"), default="auto",
                   help="progress bar on standard error (auto: when it is a terminal)")
    p.set_defaults(func=run_ingest)

    p = sub.add_parser("quotes", help="search stored quotes (by speaker, words, dates)")
    _db(p)
    p.add_argument("--speaker", metavar="NAME", help="a person's name or id (merged variants included)")
    p.add_argument("--q", metavar="WORDS", help="full-text search in the quote (every word must occur)")
    p.add_argument("--since", metavar="DATE", help="quotes on or after YYYY-MM-DD")
    p.add_argument("--until", metavar="DATE", help="quotes on or before YYYY-MM-DD")
    _paging(p, 20)
    _fmt(p)
    p.set_defaults(func=run_quotes)

    p = sub.add_parser("timeline", help="a person's quotes and events in date order, or those matching words")
    _db(p)
    g = p.add_mutually_exclusive_group(required=True)
    g.add_argument("--person", metavar="NAME", help="a person's name or id")
    g.add_argument("--q", metavar="WORDS", help="quotes and events matching these words")
    p.add_argument("--since", metavar="DATE")
    p.add_argument("--until", metavar="DATE")
    p.add_argument("--limit", type=int, default=500, metavar="N", help="at most N entries (default 500)")
    p.add_argument("--keep", choices=("relevant", "earliest", "latest"), default="relevant",
                   help="which entries to keep when more than --limit match (default: the most relevant)")
    _fmt(p)
    p.set_defaults(func=run_timeline)

    p = sub.add_parser("people", help="people across articles, most quoted first")
    _db(p)
    p.add_argument("--label", default="PERSON",
                   help="entity type: PERSON (default), ORG, GROUP (\"analysts\"), ... or any")
    _paging(p, 50)
    _fmt(p)
    p.set_defaults(func=run_people)


def _default_workers() -> int:
    return max(1, min(8, os.cpu_count() or 1))


def _db(p) -> None:
    p.add_argument("--db", default=DEFAULT_DB, metavar="PATH", help=f"SQLite database (default {DEFAULT_DB})")


def _fmt(p) -> None:
    p.add_argument("--format", choices=("table", "json"), default="table")


def _paging(p, size: int) -> None:
    p.add_argument("--page", type=int, default=1)
    p.add_argument("--limit", type=int, default=size, metavar="N", help=f"rows per page (default {size})")


# -- ingest ----------------------------------------------------------------------------------------
def run_ingest(args: argparse.Namespace) -> int:
    opts = read_options(args)        # bad options raise InputError: main reports them (exit 2)
    if args.batch_size < 1:
        raise InputError("--batch-size", f"expected a whole number >= 1, found {args.batch_size}")
    if args.workers < 1:
        raise InputError("--workers", f"expected a whole number >= 1, found {args.workers}")
    settings = settings_from(args)
    Pipeline(settings=settings)        # fails here, once, on a bad configuration
    try:
        store = Store(args.db)
    except (sqlite3.Error, OSError) as e:
        print(f"error: cannot open the database {args.db} for writing: {e}", file=sys.stderr)
        return 3
    bar = progress_bar("ingest", mode=args.progress)
    t0 = time.perf_counter()
    interrupted = False
    counts = {}
    try:
        counts = ingest(read_inputs(args.inputs, opts), store, settings, args.batch_size, args.force,
                        workers=args.workers, progress=bar)
    except KeyboardInterrupt:
        interrupted = True
    except (sqlite3.Error, OSError) as e:   # disk full, a read-only file: the database's fault, not a record's
        bar.close()
        print(f"error: cannot write the database {args.db}: {e}; every document committed before this is kept, "
              "and running the same command again carries on", file=sys.stderr)
        return 3
    finally:
        bar.close()
        store.close()
    if interrupted:
        print("interrupted: every committed document is kept; run the same command again to carry on",
              file=sys.stderr)
        return 130
    secs = time.perf_counter() - t0
    ok = counts["new"] + counts["replaced"] + counts["unchanged"]
    rate = (counts["new"] + counts["replaced"]) / secs if secs > 0 else 0.0
    print(f"{summary(ok, counts['failed'], counts['skipped'])} ({counts['new']} new, {counts['replaced']} "
          f"replaced, {counts['unchanged']} unchanged; {secs:.1f}s, {rate:.0f} docs/s) -> {args.db}", file=sys.stderr)
    return exit_code(counts["failed"], counts["skipped"], args)


# -- queries ---------------------------------------------------------------------------------------
def _open(path: str) -> Store:
    return Store(path, readonly=True)


def _query(args, fn) -> int:
    try:
        store = _open(args.db)
        try:
            result = fn(store)
        finally:
            store.close()
    except StoreError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    return result


def run_quotes(args: argparse.Namespace) -> int:
    def go(store: Store) -> int:
        res = store.quotes(speaker=args.speaker, q=args.q, since=args.since, until=args.until,
                           page=args.page, size=args.limit)
        if args.format == "json":
            return _json(res)
        if args.speaker and res["person"] is None:
            print(f"no person matching {args.speaker!r}", file=sys.stderr)
        rows = [(it["date"], _clip(it["speaker"] or "?", 24), _clip(it["text"], 70),
                 ", ".join(s["document"] for s in it["sources"][:3]) + (" …" if it["n_sources"] > 3 else ""))
                for it in res["items"]]
        _table(("date", "speaker", "quote", "articles"), rows)
        _more(res)
        return 0
    return _query(args, go)


def run_timeline(args: argparse.Namespace) -> int:
    def go(store: Store) -> int:
        res = store.timeline(person=args.person, q=args.q, since=args.since, until=args.until,
                             limit=args.limit, keep=args.keep)
        if args.format == "json":
            return _json(res)
        if res["person"]:
            p = res["person"]
            print(f"{p['name']} ({p['id']}): {p['n_quotes']} quotes in {p['n_documents']} articles")
        rows = [(e["period"], e["kind"], _clip(e["speaker"] or "?", 20) if e["kind"] == "quote"
                 else _clip(", ".join(e["actors"]), 20), _clip(e["text"], 70), e["document"])
                for e in res["entries"]]
        _table(("date", "kind", "who", "what", "article"), rows)
        if res["truncated"]:
            print(f"(more than {args.limit} entries match: the {res['keep']} {len(res['entries'])} are shown; "
                  "raise --limit or narrow with --since/--until)")
        return 0
    return _query(args, go)


def run_people(args: argparse.Namespace) -> int:
    def go(store: Store) -> int:
        label = None if args.label.lower() == "any" else args.label.upper()
        res = store.people(page=args.page, size=args.limit, label=label)
        if args.format == "json":
            return _json(res)
        _table(("quotes", "articles", "name", "id", "type"),
               [(it["n_quotes"], it["n_documents"], it["name"], it["id"], it["label"]) for it in res["items"]])
        _more(res)
        return 0
    return _query(args, go)


def _json(res) -> int:
    json.dump(res, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return 0


def _more(res) -> None:
    if res.get("has_more"):
        print(f"(more: --page {res['page'] + 1})")


def _clip(s: str, n: int) -> str:
    s = " ".join(str(s).split())
    return s if len(s) <= n else s[: n - 1] + "…"


def _table(header: tuple, rows: list[tuple]) -> None:
    if not rows:
        print("(nothing found)")
        return
    cells = [tuple(str(c) for c in header)] + [tuple(str(c) for c in r) for r in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(header))]
    right = [all(isinstance(r[i], int) for r in rows) for i in range(len(header))]
    for n, r in enumerate(cells):
        print("  ".join(c.rjust(w) if al else c.ljust(w) for c, w, al in zip(r, widths, right)).rstrip())
        if n == 0:
            print("  ".join("-" * w for w in widths))
