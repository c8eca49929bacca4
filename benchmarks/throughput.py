"""Whole-pipeline throughput on one core: documents/s and characters/s.

    .venv/bin/python benchmarks/throughput.py [../shared/data/corpus/reuters21578.jsonl] [--limit N] [--profile]

Reads the JSONL first (I/O is not timed), then runs the default pipeline over every document in this
one process, pinned to one core, and reports wall-clock and CPU figures (on a shared machine the CPU
figure is the one that measures the code) and, with --profile, the CPU time per stage.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

from dateline import Document, Pipeline, Settings
from dateline.io.readers import ReadOptions, read_inputs

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "data" / "corpus" / "reuters21578.jsonl"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("corpus", nargs="?", default=str(DEFAULT))
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--profile", action="store_true", help="print time per stage")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    ap.add_argument("--rules-only", action="store_true", help="Settings(learned=False): no learned model")
    args = ap.parse_args(argv)
    if not Path(args.corpus).exists():
        print(f"{args.corpus}: not found", file=sys.stderr)
        return 2
    docs = [r for r in read_inputs([args.corpus], ReadOptions()) if isinstance(r, Document)]
    if args.limit:
        docs = docs[: args.limit]
    try:
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})     # one core
    except (AttributeError, OSError):
        pass
    nlp = Pipeline(settings=Settings(learned=not args.rules_only))
    chars = sum(len(d.text) for d in docs)
    per_stage = {name: 0.0 for name in nlp.names}
    t0, c0 = time.perf_counter(), time.process_time()
    if args.profile:
        from dateline.pipeline import check_document
        for d in docs:
            check_document(d, nlp.settings)
            for name, fn in zip(nlp.names, nlp._fns):
                s = time.process_time()
                d = fn(d)
                per_stage[name] += time.process_time() - s
    else:
        for d in docs:
            nlp(d)
    elapsed, cpu = time.perf_counter() - t0, time.process_time() - c0
    figures = {"documents": len(docs), "characters": chars, "seconds": round(elapsed, 2),
               "cpu_seconds": round(cpu, 2), "docs_per_s": round(len(docs) / elapsed, 1),
               "chars_per_s": round(chars / elapsed), "chars_per_cpu_s": round(chars / cpu)}
    if args.json:
        print(json.dumps(figures))
    else:
        print(f"{figures['documents']:,} documents, {chars:,} characters in {elapsed:.2f} s "
              f"({cpu:.2f} s of CPU) on one core")
        print(f"{figures['docs_per_s']:,.1f} documents/s, {figures['chars_per_s']:,} characters/s wall-clock; "
              f"{figures['chars_per_cpu_s']:,} characters per CPU second")
        if args.profile:
            for name, t in per_stage.items():
                print(f"  {name:14s} {t:7.2f} s  {chars / t if t else float('inf'):>14,.0f} chars/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
