"""``dateline story --db DB --q WORDS``: a dated story of the stored articles matching the words
(Markdown, JSON or a standalone HTML page). The work is ``Store.story`` -> ``story.build_story``."""
from __future__ import annotations

import argparse
import html
import json
import sys

from ..store import Store, StoreError
from ..story.model import MODES
from .store_cmd import DEFAULT_DB


def register(sub) -> None:
    p = sub.add_parser("story", help="a dated story of the stored articles matching some words: "
                       "the days that matter, 1-3 sentences each, sources, quotes")
    p.add_argument("--db", default=DEFAULT_DB, metavar="PATH", help=f"SQLite database (default {DEFAULT_DB})")
    p.add_argument("--q", metavar="WORDS", help="articles with all these words (default: every article)")
    p.add_argument("--since", metavar="DATE", help="articles and days on or after YYYY-MM-DD (or YYYY-MM, YYYY)")
    p.add_argument("--until", metavar="DATE", help="articles and days on or before YYYY-MM-DD (or YYYY-MM, YYYY)")
    p.add_argument("--dates", type=int, default=10, metavar="N", help="at most N dated entries (default 10)")
    p.add_argument("--sents", type=int, default=2, metavar="K", help="at most K sentences an entry (default 2)")
    p.add_argument("--model", choices=MODES, default="rules",
                   help="the hand-set rules (default) or the weights learned on Timeline17, to compare")
    p.add_argument("--format", choices=("md", "json", "html"), default="md")
    p.set_defaults(func=run_story)


def run_story(args: argparse.Namespace) -> int:
    try:
        with Store(args.db, readonly=True) as store:
            res = store.story(q=args.q, since=args.since, until=args.until, dates=args.dates,
                              sents=args.sents, model=args.model)
    except StoreError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    out = {"json": lambda r: json.dumps(r, ensure_ascii=False, indent=2), "md": markdown, "html": page}[args.format]
    sys.stdout.write(out(res) + "\n")
    return 0


def _why(why: dict) -> str:
    return (f"{why['mentioned_by']} articles name this day ({why['referred_back']} of them later), "
            f"{why['published']} published on it, {why['quotes']} quotes said on it")


def markdown(res: dict) -> str:
    head = f"# Story: {res['query'] or 'all articles'}"
    lines = [head, "", f"{len(res['entries'])} dates from {res['articles']} articles.", ""]
    for e in res["entries"]:
        lines.append(f"## {e['date']}")
        for s, src in zip(e["sentences"], e["sources"]):
            lines.append(f"- {s} ({src['outlet'] or 'article'} {src['article']}, {src['date']})")
        for q in e["quotes"]:
            lines.append(f"  > \u201c{q['text']}\u201d \u2014 {q['speaker'] or 'unnamed'} ({q['outlet'] or q['article']}, {q['date']})")
        lines += [f"  *why: {_why(e['why'])}*", ""]
    return "\n".join(lines).rstrip()


def page(res: dict) -> str:
    h = html.escape
    title = h(f"Story: {res['query'] or 'all articles'}")
    parts = [f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>{title}</title>",
             "<style>body{font:16px/1.5 system-ui,sans-serif;max-width:52em;margin:2em auto;padding:0 1em}"
             "time{font-weight:bold}.src,.why{color:#555;font-size:.9em}blockquote{margin:.3em 0 .3em 1em;"
             "color:#333}</style></head><body>",
             f"<h1>{title}</h1><p>{len(res['entries'])} dates from {res['articles']} articles.</p>"]
    for e in res["entries"]:
        parts.append(f"<section class='entry'><h2><time datetime='{h(e['date'])}'>{h(e['date'])}</time></h2><ul>")
        for s, src in zip(e["sentences"], e["sources"]):
            parts.append(f"<li>{h(s)} <span class='src'>({h(src['outlet'] or 'article')} {h(src['article'])}, "
                         f"{h(src['date'])})</span></li>")
        parts.append("</ul>")
        for q in e["quotes"]:
            parts.append(f"<blockquote>\u201c{h(q['text'])}\u201d \u2014 {h(q['speaker'] or 'unnamed')} "
                         f"<span class='src'>({h(q['outlet'] or q['article'])}, {h(q['date'])})</span></blockquote>")
        parts.append(f"<p class='why'>{h(_why(e['why']))}</p></section>")
    parts.append("</body></html>")
    return "\n".join(parts)
