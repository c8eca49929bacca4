"""``dateline extract INPUT... [--dct DATE] [--format json|jsonl|md|html] [-o FILE]``."""
from __future__ import annotations

import argparse
import sys

from ..errors import DatelineError, InputError
from ..io.readers import read_inputs
from ..io.writers import FORMATS, Writer
from ..pipeline import Pipeline
from .common import add_input_options, read_options, settings_from


def register(sub) -> None:
    p = sub.add_parser("extract", help="extract time expressions, people, quotes, events and a timeline")
    add_input_options(p)
    p.add_argument("--format", choices=FORMATS, default="json")
    p.add_argument("-o", "--output", metavar="FILE", help="write here instead of standard output")
    p.set_defaults(func=run)


def extract(records, pipeline: Pipeline, writer: Writer, err=None) -> tuple[int, int]:
    """Run the pipeline over records, writing documents and reporting bad ones; (processed, failed)."""
    err = err or sys.stderr
    ok = failed = 0
    for rec in records:
        if isinstance(rec, InputError):
            failed += 1
            print(f"error: {rec}", file=err)
            continue
        try:
            doc = pipeline(rec)
        except DatelineError as e:
            failed += 1
            print(f"error: {rec.meta.get('source', rec.id)} (id {rec.id}): {e}", file=err)
            continue
        except Exception as e:  # a bug on one record must not lose the batch
            failed += 1
            print(f"error: {rec.meta.get('source', rec.id)} (id {rec.id}): DL399: internal error "
                  f"{type(e).__name__}: {e}", file=err)
            continue
        writer.write(doc)
        ok += 1
    return ok, failed


def run(args: argparse.Namespace) -> int:
    opts = read_options(args)        # a bad option raises InputError: main reports it (exit 2)
    settings = settings_from(args)
    pipeline = Pipeline(settings=settings)
    out = open(args.output, "w", encoding="utf-8") if args.output else sys.stdout
    try:
        writer = Writer(args.format, out)
        ok, failed = extract(read_inputs(args.inputs, opts), pipeline, writer)
        writer.close()
    finally:
        if args.output:
            out.close()
    if failed or args.output or ok != 1:
        print(f"{ok} processed, {failed} failed", file=sys.stderr)
    return 1 if failed else 0
