"""Is every stage linear in the document's length? Per-stage CPU time on one long document.

    .venv/bin/python benchmarks/scaling.py [--sizes 10000,100000,1000000] [--runs 3] [--adversarial-only]
                                           [--realistic-only] [--json]

Realistic text: Reuters-21578 articles (../shared/data/corpus/reuters21578.jsonl, read at run time, never
copied into the project) joined with blank lines into ONE document of 10 KB, 100 KB and 1 MB; without
../shared, invented template articles. For each size it prints the CPU seconds of every stage (the median
of ``--runs`` runs, more for the small sizes) and the ratio 1 MB / 100 KB per stage (linear is 10x; the issue's bound is 12x).

Adversarial text (64 KB each, no full stop, so one "sentence"): "1987 " repeated, "March 3, " repeated,
"John Smith said he said " repeated, a run of titles "Mr. ", a run of quote marks, a run of capitalised
words, a run of numbers and commas. Each should take well under a second of CPU in total.

CPU time (``time.process_time``), one core, the median of several runs: the machine is shared.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

from dateline import Document, Pipeline, Settings
from dateline.pipeline import check_document

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "data" / "corpus" / "reuters21578.jsonl"
DCT = "1987-03-16"
ADVERSARIAL_SIZE = 64 * 1024
ADVERSARIAL = {
    "years": "1987 ",
    "month_day": "March 3, ",
    "said_he_said": "John Smith said he said ",
    "titles": "Mr. ",
    "quote_marks": '" ',
    "capitalised": "Alpha Beta Gamma Delta ",
    "numbers": "12, 34 and 56, ",
    "long_word": "x",
}


def realistic_text(size: int) -> str:
    """``size`` characters of news text: Reuters articles if ../shared is here, else invented ones."""
    parts: list[str] = []
    n = 0
    if CORPUS.exists():
        with open(CORPUS, encoding="utf-8") as f:
            for line in f:
                text = (json.loads(line).get("text") or "").strip()
                if text:
                    parts.append(text)
                    n += len(text) + 2
                    if n >= size:
                        break
    i = 0
    while n < size:            # no corpus (or a short one): invented articles, see tests/edges
        s = (f"Mayor Ada Brennan{i} said on Monday that the harbor bridge would reopen by March {1 + i % 27}. "
             f"\"We have the crews and the money,\" Brennan told reporters in Northport. The council approved "
             f"plan number {i} last week, and the Harbor Trust said it expects costs to rise 3 pct in 1988.")
        parts.append(s)
        n += len(s) + 2
        i += 1
    return "\n\n".join(parts)[:size]


def profile(nlp: Pipeline, text: str, runs: int) -> dict[str, float]:
    """Median CPU seconds per stage over ``runs`` runs on one document."""
    samples: dict[str, list[float]] = {name: [] for name in nlp.names}
    for _ in range(runs):
        doc = Document(id="scale", text=text, dct=DCT)
        check_document(doc, nlp.settings)
        for name, fn in zip(nlp.names, nlp._fns):
            t = time.process_time()
            doc = fn(doc)
            samples[name].append(time.process_time() - t)
    return {name: statistics.median(v) for name, v in samples.items()}


def _row(label: str, times: dict[str, float], names) -> str:
    return f"{label:>14} " + " ".join(f"{times[n]:9.3f}" for n in names) + f" {sum(times.values()):9.3f}"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="10000,100000,1000000")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--adversarial-size", type=int, default=ADVERSARIAL_SIZE)
    ap.add_argument("--realistic-only", action="store_true")
    ap.add_argument("--adversarial-only", action="store_true")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = ap.parse_args(argv)
    try:
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})     # one core
    except (AttributeError, OSError):
        pass
    nlp = Pipeline(settings=Settings(max_chars=max(10_000_000, Settings().max_chars)))
    names = nlp.names
    out: dict[str, dict] = {"realistic": {}, "adversarial": {}}
    header = f"{'':>14} " + " ".join(f"{n[:9]:>9}" for n in names) + f" {'total':>9}"
    if not args.adversarial_only:
        sizes = [int(s) for s in args.sizes.split(",")]
        source = "Reuters-21578" if CORPUS.exists() else "invented articles"
        if not args.json:
            print(f"realistic text ({source}), one document, CPU seconds per stage (median of at least {args.runs} runs)")
            print(header)
        for size in sizes:
            runs = max(args.runs, 3_000_000 // size)       # small sizes: more runs, so fast stages read true
            times = profile(nlp, realistic_text(size), runs)
            out["realistic"][size] = times
            if not args.json:
                print(_row(f"{size:,}", times, names))
        if not args.json and len(sizes) >= 2:
            a, b = out["realistic"][sizes[-2]], out["realistic"][sizes[-1]]
            print(f"{'ratio':>14} " + " ".join(f"{b[n] / a[n] if a[n] > 0.002 else float('nan'):8.1f}x"
                                               for n in names) + f" {sum(b.values()) / sum(a.values()):8.1f}x")
    if not args.realistic_only:
        if not args.json:
            print(f"\nadversarial text, {args.adversarial_size:,} characters, no full stop, CPU seconds per stage")
            print(header)
        for label, unit in ADVERSARIAL.items():
            text = (unit * (args.adversarial_size // len(unit) + 1))[: args.adversarial_size]
            try:
                times = profile(nlp, text, 1)
            except Exception as e:            # a stage that fails on it (a bug to fix) is named, not hidden
                out["adversarial"][label] = {"error": f"{type(e).__name__}: {str(e)[:80]}"}
                if not args.json:
                    print(f"{label:>14} fails: {type(e).__name__}: {str(e)[:80]}")
                continue
            out["adversarial"][label] = times
            if not args.json:
                print(_row(label, times, names))
    if args.json:
        print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
