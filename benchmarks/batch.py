"""Benchmark the local batch runner: 1 vs N workers on a JSONL corpus, speed-up and peak RSS.

    .venv/bin/python benchmarks/batch.py [/work/shared/data/corpus/reuters21578.jsonl] [--workers 1 2]
                                         [--format jsonl] [--limit N] [--repeat 1]

Each run is a fresh process (``run_batch`` with ``--restart``) whose whole process tree (the reader
and the worker processes) is sampled for resident memory. Runs are interleaved (1, 2, 1, 2 ...) and
the best of ``--repeat`` is kept, to dampen noise from other load on the machine. The source tree is
copied first (``--no-snapshot`` to skip), so that every run uses the same code even while the tree is
being edited. Prints one JSON line per run and a summary; the outputs of all runs must be identical.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _corpus import head  # noqa: E402
from _proctree import PeakRSS  # noqa: E402

DEFAULT = "/work/shared/data/corpus/reuters21578.jsonl"
CHILD = """
import json, sys
from dateline.runners.local import run_batch
r = run_batch([sys.argv[1]], sys.argv[2], fmt=sys.argv[3], workers=int(sys.argv[4]), restart=True)
print(json.dumps({"processed": r.processed, "failed": r.failed, "chars": r.chars, "seconds": r.seconds}))
"""


SRC = Path(__file__).resolve().parent.parent / "src"


def snapshot(tmp: str) -> dict[str, str]:
    """Copy src/dateline into tmp and return an environment that imports it from there."""
    dest = Path(tmp) / "src"
    shutil.copytree(SRC / "dateline", dest / "dateline", ignore=shutil.ignore_patterns("__pycache__"))
    return {**os.environ, "PYTHONPATH": str(dest)}


def git_head() -> str:
    try:
        out = subprocess.run(["git", "-C", str(SRC), "describe", "--always", "--dirty"], capture_output=True,
                             text=True, timeout=10).stdout.strip()
        return out or "?"
    except OSError:
        return "?"


def one_run(corpus: str, out: Path, fmt: str, workers: int, env: dict | None = None) -> dict:
    t0 = time.perf_counter()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    proc = subprocess.Popen([sys.executable, "-c", CHILD, corpus, str(out), fmt, str(workers)],
                            stdout=subprocess.PIPE, text=True, env=env)
    with PeakRSS(proc.pid) as mem:
        stdout, _ = proc.communicate()
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    r = json.loads(stdout.strip().splitlines()[-1])
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"workers": workers, "format": fmt, "docs": r["processed"], "failed": r["failed"],
            "chars": r["chars"], "wall_s": round(wall, 2), "run_s": round(r["seconds"], 2),
            "docs_per_s": round(r["processed"] / r["seconds"], 1),
            "chars_per_s": round(r["chars"] / r["seconds"]), "cpu_s": round(cpu, 1),
            "peak_rss_mb": round(mem.peak / 2**20, 1), "reader_peak_rss_mb": round(mem.root_peak / 2**20, 1),
            "workers_busy": mem.workers_busy,
            "sha256": hashlib.sha256(out.read_bytes()).hexdigest()[:16]}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", nargs="?", default=DEFAULT)
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--format", choices=("jsonl", "parquet"), default="jsonl")
    ap.add_argument("--limit", type=int, help="use only the first N lines of the corpus")
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--no-snapshot", action="store_true", help="import dateline from the live tree")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        env = None if args.no_snapshot else snapshot(tmp)
        corpus = head(args.corpus, args.limit, tmp)
        runs = []
        for _ in range(args.repeat):
            for w in args.workers:
                r = one_run(corpus, Path(tmp) / f"out.{w}.{args.format}", args.format, w, env)
                runs.append(r)
                print(json.dumps(r), flush=True)
    best = {w: max((r for r in runs if r["workers"] == w), key=lambda r: r["docs_per_s"]) for w in args.workers}
    base = best[args.workers[0]]["docs_per_s"]
    summary = {"corpus": args.corpus, "code": git_head(), "cpus": os.cpu_count(),
               "load_avg_1m_at_end": round(os.getloadavg()[0], 2),
               "speedup": {w: round(b["docs_per_s"] / base, 2) for w, b in best.items()},
               # CPU seconds (reader + all workers) hardly depend on other load on the machine: equal
               # CPU for 1 and N workers, with workers_busy ~1.0 (they never wait for work), means the
               # runner scales and only CPU availability limits the wall-clock speed-up
               "cpu_s": {w: b["cpu_s"] for w, b in best.items()},
               "workers_busy": {w: b["workers_busy"] for w, b in best.items()},
               "identical_outputs": len({r["sha256"] for r in runs}) == 1,
               "max_peak_rss_mb": max(r["peak_rss_mb"] for r in runs)}
    print(json.dumps(summary))
    return 0 if summary["identical_outputs"] else 1


if __name__ == "__main__":
    sys.exit(main())
