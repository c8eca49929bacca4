"""Query latency of the newsroom API, measured over HTTP against a running ``dateline serve``.

    # against a server you started (dateline serve --db reuters.db --port 8000):
    python benchmarks/query_latency.py --url http://127.0.0.1:8000
    # or let the script start one on a free port and stop it afterwards:
    python benchmarks/query_latency.py --db reuters.db

It asks the server for its most quoted people and for words found in stored quotes (deterministic,
seeded), then sends a bounded number of requests of each kind, one at a time over one keep-alive
connection to 127.0.0.1 only, and prints p50/p95/max per kind. Exit 1 when a p95 is above --max-p95.
"""
from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import time
from urllib.parse import urlencode, urlsplit

LOOPBACK = {"127.0.0.1", "localhost", "::1"}


class Client:
    def __init__(self, host: str, port: int):
        self.host, self.port = host, port
        self.conn = http.client.HTTPConnection(host, port, timeout=30)

    def get(self, path: str, params: dict | None = None) -> tuple[float, int, bytes]:
        url = path + ("?" + urlencode(params) if params else "")
        t0 = time.perf_counter()
        try:
            self.conn.request("GET", url)
            r = self.conn.getresponse()
            body = r.read()
        except (http.client.HTTPException, OSError):
            self.conn.close()
            self.conn = http.client.HTTPConnection(self.host, self.port, timeout=30)
            self.conn.request("GET", url)
            r = self.conn.getresponse()
            body = r.read()
        return (time.perf_counter() - t0) * 1000, r.status, body

    def json(self, path: str, params: dict | None = None):
        _, status, body = self.get(path, params)
        if status != 200:
            raise SystemExit(f"{path}: HTTP {status}: {body[:200]!r}")
        return json.loads(body)


def workload(c: Client, n_names: int, n_words: int, seed: int) -> dict[str, list[dict]]:
    people = c.json("/api/people", {"page_size": n_names, "label": "PERSON"})["items"]
    if not people:
        raise SystemExit("the database has no quoted people: ingest articles first")
    rng = random.Random(seed)
    words: list[str] = []
    seen = set()
    for page in range(1, 6):
        for it in c.json("/api/quotes", {"page": page, "page_size": 100})["items"]:
            for w in re.findall(r"[A-Za-z]{5,}", it["text"]):
                if w.lower() not in seen:
                    seen.add(w.lower())
                    words.append(w.lower())
    words = rng.sample(words, min(n_words, len(words)))
    pairs = [(p["name"], words[i % len(words)]) for i, p in enumerate(people[:10])] if words else []
    return {
        "quotes?speaker=": [{"speaker": p["name"]} for p in people],
        "quotes?q=": [{"q": w} for w in words],
        "quotes?speaker=&q=": [{"speaker": s, "q": w} for s, w in pairs],
        "timeline?person=": [{"person": p["id"]} for p in people],
    }


def measure(c: Client, kinds: dict[str, list[dict]], requests: int, warmup: int) -> dict[str, list[float]]:
    out: dict[str, list[float]] = {}
    for kind, params in kinds.items():
        if not params:
            continue
        path = "/api/" + kind.split("?")[0]
        for i in range(warmup):
            c.get(path, params[i % len(params)])
        times = []
        for i in range(requests):
            ms, status, body = c.get(path, params[i % len(params)])
            if status != 200:
                raise SystemExit(f"{path} {params[i % len(params)]}: HTTP {status}: {body[:200]!r}")
            times.append(ms)
        out[kind] = times
    return out


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, max(0, int(round(p / 100 * len(xs) + 0.5)) - 1))]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db: str) -> tuple[subprocess.Popen, str]:
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "dateline.cli.main", "serve", "--db", db, "--host", "127.0.0.1",
                             "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit("the server did not start: " + proc.stderr.read().decode(errors="replace"))
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return proc, f"http://127.0.0.1:{port}"
        except OSError:
            time.sleep(0.1)
    proc.kill()
    raise SystemExit("the server did not start within 30 s")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    g = ap.add_mutually_exclusive_group(required=True)
    g.add_argument("--url", help="a running server, on 127.0.0.1 (default port 8000)")
    g.add_argument("--db", help="start 'dateline serve' on this database for the measurement")
    ap.add_argument("--requests", type=int, default=300, help="timed requests per kind (default 300, max 5000)")
    ap.add_argument("--warmup", type=int, default=20)
    ap.add_argument("--names", type=int, default=50, help="distinct speakers/people to query (default 50)")
    ap.add_argument("--words", type=int, default=100, help="distinct search words (default 100)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--max-p95", type=float, default=50.0, help="budget in ms (default 50)")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = ap.parse_args(argv)
    if not 1 <= args.requests <= 5000 or not 0 <= args.warmup <= 1000:
        ap.error("--requests must be 1..5000 and --warmup 0..1000")
    proc = None
    url = args.url
    if args.db:
        if not os.path.exists(args.db):
            ap.error(f"no database at {args.db}")
        proc, url = start_server(args.db)
    try:
        u = urlsplit(url if "://" in url else "http://" + url)
        if u.scheme != "http" or u.hostname not in LOOPBACK:
            ap.error(f"--url must be http://127.0.0.1[:port] (loopback only), found {url!r}")
        c = Client(u.hostname, u.port or 8000)
        stats = c.json("/api/stats")
        kinds = workload(c, args.names, args.words, args.seed)
        times = measure(c, kinds, args.requests, args.warmup)
    finally:
        if proc is not None:
            proc.terminate()
            proc.wait(10)
    rows = {k: {"n": len(v), "p50_ms": round(statistics.median(v), 2), "p95_ms": round(pct(v, 95), 2),
                "max_ms": round(max(v), 2)} for k, v in times.items()}
    ok = all(r["p95_ms"] <= args.max_p95 for r in rows.values())
    if args.json:
        print(json.dumps({"database": {k: stats[k] for k in ("documents", "quotes", "people", "events")},
                          "latency": rows, "budget_p95_ms": args.max_p95, "ok": ok}, indent=2))
    else:
        print(f"database: {stats['documents']:,} documents, {stats['quotes']:,} quotes, {stats['people']:,} people, "
              f"{stats['events']:,} events")
        print(f"{'query':<22}{'n':>6}{'p50 ms':>10}{'p95 ms':>10}{'max ms':>10}")
        for k, r in rows.items():
            flag = "" if r["p95_ms"] <= args.max_p95 else f"  > {args.max_p95:g} ms"
            print(f"{k:<22}{r['n']:>6}{r['p50_ms']:>10.2f}{r['p95_ms']:>10.2f}{r['max_ms']:>10.2f}{flag}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
