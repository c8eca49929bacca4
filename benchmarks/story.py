"""Ingest throughput with the story rows, and the latency of a story, on one Timeline17 topic.

    .venv/bin/python benchmarks/story.py ../shared/data/tls/t17/bpoil --q "oil spill" --runs 5

1. Ingest: every article (tokenisation undone) through ``dateline ingest``'s own path (pipeline, the
   JSON round trip, ``Store.put`` with the story rows) in batches of 200, in this one process:
   characters per CPU-second (``time.process_time``).
2. Story: ``Store.story(q, dates, sents)`` on the database just written, read-only: CPU seconds and
   wall seconds per call (median of ``--runs``), then the whole command ``dateline story --format json``
   as a process (wall seconds, median), which adds start-up and imports.
The database is written to a temporary folder and removed afterwards.
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from dateline.eval.tls_data import documents
from dateline.runners.ingest import ingest as ingest_records
from dateline.settings import Settings
from dateline.store import Store


def ingest(topic: str, db: Path, attribution: str = "learned") -> dict:
    """``dateline ingest``'s own path (``runners.ingest``), one process: pipeline, JSON round trip, store."""
    docs = list(documents(topic))
    chars = sum(len(d.text) for d in docs)
    with Store(db) as store:
        c0 = time.process_time()
        counts = ingest_records(docs, store, Settings(attribution=attribution), batch_size=200, workers=1)
        cpu = time.process_time() - c0
    return {"articles": counts["new"], "chars": chars, "ingest_cpu_s": cpu, "ingest_chars_per_cpu_s": chars / cpu}


def story(db: Path, q: str, dates: int, sents: int, runs: int) -> dict:
    cpu, wall = [], []
    with Store(db, readonly=True) as store:
        for _ in range(runs):
            c0, w0 = time.process_time(), time.perf_counter()
            res = store.story(q=q, dates=dates, sents=sents)
            cpu.append(time.process_time() - c0)
            wall.append(time.perf_counter() - w0)
    cmd = [str(Path(sys.executable).with_name("dateline")), "story", "--db", str(db), "--q", q,
           "--dates", str(dates), "--sents", str(sents), "--format", "json"]
    whole = []
    for _ in range(runs):
        w0 = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
        whole.append(time.perf_counter() - w0)
    return {"articles": res["articles"], "entries": len(res["entries"]), "story_cpu_s": statistics.median(cpu),
            "story_wall_s": statistics.median(wall), "command_wall_s": statistics.median(whole),
            "command_wall_max_s": max(whole)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("topic", nargs="?", default="../shared/data/tls/t17/bpoil")
    ap.add_argument("--q", default="oil spill", help="the story's words (default 'oil spill')")
    ap.add_argument("--dates", type=int, default=20)
    ap.add_argument("--sents", type=int, default=2)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--attribution", choices=("learned", "rules"), default="learned",
                    help="Settings.attribution of the ingest (rules: the quotes stage without its learned cascade)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "story.db"
        ing = ingest(args.topic, db, args.attribution)
        print(f"ingest (attribution: {args.attribution}): {ing['articles']} articles, {ing['chars']:,} characters; "
              f"{ing['ingest_chars_per_cpu_s']:,.0f} chars per CPU-second, store included "
              f"({ing['ingest_cpu_s']:.1f} CPU s)")
        st = story(db, args.q, args.dates, args.sents, args.runs)
        print(f"story --q {args.q!r}: {st['articles']} articles -> {st['entries']} entries; "
              f"Store.story {st['story_cpu_s']:.2f} CPU s, {st['story_wall_s']:.2f} s wall (median of {args.runs}); "
              f"whole command {st['command_wall_s']:.2f} s wall (median; max {st['command_wall_max_s']:.2f})")


if __name__ == "__main__":
    main()
