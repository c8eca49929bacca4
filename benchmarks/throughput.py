"""Whole-pipeline throughput on one core, in characters per CPU-second, against the floor of any Python pipeline.

    .venv/bin/python benchmarks/throughput.py [../shared/data/corpus/reuters21578.jsonl] [--limit N]
                                              [--runs 5] [--profile] [--rules-only] [--json]

Reads the JSONL first (I/O is not timed) and pins the process to one core. Each of the ``--runs`` runs is a
forked child that builds the default pipeline (not timed) and runs it once over every document, so every run
starts with empty memo tables, as a stream of unseen articles does; it reports each run's CPU time: the best run
and the median of the runs (on a shared machine CPU time measures the code; wall time is printed too). In the same process it times
the floor: one ``re.finditer(r"\\w+")`` pass over the same texts, and prints the pipeline's ratio to it.
``--profile`` adds the CPU time per stage (one more pass); ``--rules-only`` switches every learned model off.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import sys
import time
from pathlib import Path

from dateline import Document, Pipeline, Settings
from dateline.io.readers import ReadOptions, read_inputs

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "data" / "corpus" / "reuters21578.jsonl"


def _cpu(fn) -> tuple[float, float]:
    t0, c0 = time.perf_counter(), time.process_time()
    fn()
    return time.process_time() - c0, time.perf_counter() - t0


def floor_pass(docs) -> float:
    word = re.compile(r"\w+")

    def run():
        for d in docs:
            for _ in word.finditer(d.text):
                pass
    return min(_cpu(run)[0] for _ in range(3))


def per_stage(nlp: Pipeline, docs) -> dict[str, float]:
    from dateline.pipeline import check_document
    out = {name: 0.0 for name in nlp.names}
    for d in docs:
        check_document(d, nlp.settings)
        for name, fn in zip(nlp.names, nlp._fns):
            s = time.process_time()
            d = fn(d)
            out[name] += time.process_time() - s
    return out


def _one_pass(settings: Settings, docs) -> tuple[float, float]:
    nlp = Pipeline(settings=settings)          # built before the clock starts
    return _cpu(lambda: [nlp(d) for d in docs])


def _fresh(job):
    """``job()`` in a forked child process, its result sent back: every run starts with empty caches, as a
    stream of new articles does. (Run after run in one process, the stages' memo tables would already hold
    every name and cue of the corpus, and the later runs would measure a corpus the pipeline has seen.)"""
    import multiprocessing as mp
    ctx = mp.get_context("fork")
    here, there = ctx.Pipe(duplex=False)

    def child():
        there.send(job())
        there.close()
    proc = ctx.Process(target=child)
    proc.start()
    out = here.recv()
    proc.join()
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", nargs="?", default=str(DEFAULT))
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--profile", action="store_true", help="print CPU time per stage")
    ap.add_argument("--rules-only", action="store_true", help="Settings(learned=False)")
    ap.add_argument("--attribution", choices=("learned", "rules"), default="learned",
                    help="Settings.attribution: 'rules' runs the quotes stage without its learned cascade")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
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
    settings = Settings(learned=not args.rules_only, attribution=args.attribution)
    chars = sum(len(d.text) for d in docs)
    runs = [_fresh(lambda: _one_pass(settings, docs)) for _ in range(max(1, args.runs))]
    cpus = [c for c, _ in runs]
    floor = floor_pass(docs)
    best, median = min(cpus), statistics.median(cpus)
    figures = {"documents": len(docs), "characters": chars, "runs": len(runs),
               "cpu_seconds": [round(c, 2) for c in cpus], "wall_seconds": [round(w, 2) for _, w in runs],
               "chars_per_cpu_s_best": round(chars / best), "chars_per_cpu_s_median": round(chars / median),
               "docs_per_cpu_s_median": round(len(docs) / median, 1),
               "floor_chars_per_cpu_s": round(chars / floor), "floor_ratio_median": round(median / floor, 1),
               "learned": not args.rules_only}
    if args.profile:
        stages = _fresh(lambda: per_stage(Pipeline(settings=settings), docs))
        figures["per_stage_cpu_s"] = {k: round(v, 3) for k, v in stages.items()}
    if args.json:
        print(json.dumps(figures))
        return 0
    print(f"{len(docs):,} documents, {chars:,} characters, {len(runs)} runs on one core "
          f"({'rules only' if args.rules_only else 'learned models on, attribution: ' + args.attribution})")
    print(f"CPU seconds per run: {', '.join(f'{c:.2f}' for c in cpus)} (wall: {', '.join(f'{w:.1f}' for _, w in runs)})")
    print(f"whole pipeline: best {chars / best:,.0f} and median {chars / median:,.0f} characters per CPU-second "
          f"({len(docs) / median:,.0f} documents per CPU-second)")
    print(f"floor (one re.finditer(r'\\w+') pass): {chars / floor:,.0f} characters per CPU-second; "
          f"the pipeline costs {median / floor:.1f}x the floor")
    for name, t in figures.get("per_stage_cpu_s", {}).items():
        print(f"  {name:14s} {t:7.2f} s  {chars / t if t else float('inf'):>14,.0f} chars/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
