"""A bounded loopback load test of ``dateline serve``: N clients at once for T seconds.

    .venv/bin/python benchmarks/load.py --db reuters.db [--clients 20] [--seconds 30] [--max-requests 200000]

Starts ``dateline serve`` on a free port of 127.0.0.1 (loopback only; nothing else is ever a target),
builds a seeded workload from the database (its most quoted people, words of stored quotes), then runs
``--clients`` threads, each with its own keep-alive connection, sending the quote, people and timeline
queries in turn until ``--seconds`` have passed or ``--max-requests`` were sent. It records every
answer's latency and status, counts errors (no answer) and 5xx, samples the server's resident memory
(RSS, /proc) every 0.2 s, and prints p50/p95/max per endpoint, the counts and the peak memory.
Exit 1 when a budget is missed (--max-p95 ms, --max-rss MB, any error or 5xx).
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from query_latency import Client, pct, start_server, workload  # noqa: E402


def rss_mb(pid: int) -> float:
    """Resident memory of a process and its children, in MB (0 when it is gone)."""
    total = 0
    pids = [pid]
    try:
        pids += [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        pass
    for p in pids:
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total / 1024


def cpu_s(pid: int) -> float:
    """User + system CPU seconds of a process so far (0 when it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return 0.0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", required=True)
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--seconds", type=float, default=30.0)
    ap.add_argument("--max-requests", type=int, default=200_000)
    ap.add_argument("--max-p95", type=float, default=100.0, help="budget per endpoint in ms (default 100)")
    ap.add_argument("--max-rss", type=float, default=200.0, help="server memory budget in MB (default 200)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    if not 1 <= args.clients <= 100 or not 0 < args.seconds <= 600 or not 1 <= args.max_requests <= 1_000_000:
        ap.error("--clients 1..100, --seconds up to 600, --max-requests up to 1,000,000")
    if not os.path.exists(args.db):
        ap.error(f"no database at {args.db}")
    proc, url = start_server(args.db)
    port = int(url.rsplit(":", 1)[1])
    rss_idle = rss_mb(proc.pid)
    try:
        kinds = workload(Client("127.0.0.1", port), 50, 100, args.seed)
        calls = [("/api/quotes", p) for p in kinds["quotes?speaker="] + kinds["quotes?q="]]
        calls += [("/api/people", {"page": 1 + i % 5, "page_size": 50}) for i in range(10)]
        calls += [("/api/timeline", p) for p in kinds["timeline?person="]]
        lock = threading.Lock()
        results: dict[str, list[float]] = {}
        counts = {"requests": 0, "errors": 0, "5xx": 0, "4xx": 0}
        peak = [rss_idle]
        stop = time.monotonic() + args.seconds

        def client(k: int) -> None:
            c = Client("127.0.0.1", port)
            i = k * 7
            while time.monotonic() < stop:
                with lock:
                    if counts["requests"] >= args.max_requests:
                        return
                    counts["requests"] += 1
                path, params = calls[i % len(calls)]
                i += 1
                try:
                    ms, status, _ = c.get(path, params)
                except Exception:
                    with lock:
                        counts["errors"] += 1
                    continue
                with lock:
                    results.setdefault(path, []).append(ms)
                    if status >= 500:
                        counts["5xx"] += 1
                    elif status >= 400:
                        counts["4xx"] += 1

        def sampler() -> None:
            while time.monotonic() < stop + 0.5:
                peak[0] = max(peak[0], rss_mb(proc.pid))
                time.sleep(0.2)
        threads = [threading.Thread(target=client, args=(k,)) for k in range(args.clients)]
        threads.append(threading.Thread(target=sampler))
        t0, c0 = time.monotonic(), cpu_s(proc.pid)
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        elapsed, server_cpu = time.monotonic() - t0, cpu_s(proc.pid) - c0
    finally:
        proc.terminate()
        proc.wait(10)
    rows = {p: {"n": len(v), "p50_ms": round(pct(v, 50), 1), "p95_ms": round(pct(v, 95), 1),
                "max_ms": round(max(v), 1)} for p, v in sorted(results.items())}
    ok = (counts["errors"] == 0 and counts["5xx"] == 0 and peak[0] <= args.max_rss
          and all(r["p95_ms"] <= args.max_p95 for r in rows.values()))
    figures = {"clients": args.clients, "seconds": round(elapsed, 1), **counts,
               "requests_per_s": round(counts["requests"] / elapsed, 1), "rss_idle_mb": round(rss_idle, 1),
               "rss_peak_mb": round(peak[0], 1), "server_cpu_s": round(server_cpu, 1),
               "server_cpu_ms_per_request": round(1000 * server_cpu / max(1, counts["requests"]), 2),
               "load_average": os.getloadavg()[0], "latency": rows, "ok": ok}
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        print(f"{args.clients} clients for {elapsed:.1f} s: {counts['requests']:,} requests "
              f"({figures['requests_per_s']:,} per s), {counts['errors']} errors, {counts['5xx']} 5xx, "
              f"{counts['4xx']} 4xx; server memory {rss_idle:.0f} MB idle, {peak[0]:.0f} MB peak")
        print(f"server CPU {server_cpu:.1f} s ({figures['server_cpu_ms_per_request']} ms per request); "
              f"machine load average {figures['load_average']:.1f} on {os.cpu_count()} cores")
        print(f"{'endpoint':<16}{'n':>8}{'p50 ms':>10}{'p95 ms':>10}{'max ms':>10}")
        for p, r in rows.items():
            print(f"{p:<16}{r['n']:>8}{r['p50_ms']:>10.1f}{r['p95_ms']:>10.1f}{r['max_ms']:>10.1f}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
