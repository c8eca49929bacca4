"""Benchmark the Spark runner in local mode on a JSONL corpus (and check it against the local runner).

    .venv/bin/python benchmarks/spark_local.py [/work/shared/data/corpus/reuters21578.jsonl]
                                               [--master local[2]] [--limit N] [--compare OUT.jsonl]

Reports the session start-up time, the run time (reading, pipeline, writing), docs/s and the peak
resident memory of the whole process tree (driver JVM + Python workers). With ``--compare`` it checks
that the Spark output equals a ``dateline batch`` JSONL output of the same corpus, line for line.
"""
from __future__ import annotations

import argparse
import json
import os
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
import json, sys, time
t0 = time.perf_counter()
from dateline.runners.spark import run_spark, spark_session, read_text_output
spark = spark_session(sys.argv[3])
t1 = time.perf_counter()
r = run_spark([sys.argv[1]], sys.argv[2], fmt="jsonl", spark=spark)
t2 = time.perf_counter()
spark.stop()
print(json.dumps({"processed": r.processed, "failed": r.failed, "startup_s": t1 - t0, "run_s": t2 - t1}))
"""


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", nargs="?", default=DEFAULT)
    ap.add_argument("--master", default="local[2]")
    ap.add_argument("--limit", type=int)
    ap.add_argument("--compare", help="a dateline batch JSONL output of the same corpus")
    args = ap.parse_args()
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    with tempfile.TemporaryDirectory() as tmp:
        corpus = head(args.corpus, args.limit, tmp)
        out = os.path.join(tmp, "spark_out")
        t0 = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-c", CHILD, corpus, out, args.master],
                                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        with PeakRSS(proc.pid, interval=0.2) as mem:
            stdout, _ = proc.communicate()
        wall = time.perf_counter() - t0
        r = json.loads(stdout.strip().splitlines()[-1])
        res = {"master": args.master, "docs": r["processed"], "failed": r["failed"],
               "startup_s": round(r["startup_s"], 1), "run_s": round(r["run_s"], 1), "wall_s": round(wall, 1),
               "docs_per_s": round(r["processed"] / r["run_s"], 1), "peak_rss_mb": round(mem.peak / 2**20),
               "load_avg_1m_at_end": round(os.getloadavg()[0], 2)}
        if args.compare:
            from dateline.runners.spark import read_text_output
            got = read_text_output(out)
            want = Path(args.compare).read_text(encoding="utf-8").splitlines()
            res["equals_local"] = got == want
        print(json.dumps(res))
    return 0 if res.get("equals_local", True) else 1


if __name__ == "__main__":
    sys.exit(main())
