"""``dateline extract INPUT... [--dct DATE] [--format json|jsonl|md|html] [-o FILE]``."""
from __future__ import annotations

import argparse
import sys

from ..io.readers import read_inputs
from ..io.writers import FORMATS, Writer
from ..runners.pool import Job, Runner, chunks, process_records
from ..runners.work import Failure
from .common import add_input_options, exit_code, read_options, settings_from, summary


def register(sub) -> None:
    p = sub.add_parser("extract", help="extract time expressions, people, quotes, events and a timeline")
    add_input_options(p)
    p.add_argument("--format", choices=FORMATS, default="json")
    p.add_argument("-o", "--output", metavar="FILE", help="write here instead of standard output")
    p.set_defaults(func=run)


def extract(records, runner: Runner, writer: Writer, err=None) -> tuple[int, int, int]:
    """Run the pipeline over records, writing documents and reporting bad ones; (processed, failed, skipped)."""
    err = err or sys.stderr
    ok = failed = skipped = 0
    for _, [res] in runner.map(process_records, chunks(records, 1)):
        if isinstance(res, Failure):
            skipped += res.skipped
            failed += not res.skipped
            print(f"{'skipped' if res.skipped else 'error'}: {res.message()}", file=err)
        else:
            writer.write(res)
            ok += 1
    return ok, failed, skipped


def run(args: argparse.Namespace) -> int:
    opts = read_options(args)        # a bad option raises InputError: main reports it (exit 2)
    runner = Runner(Job(settings_from(args), opts))
    runner.context()                 # a bad configuration fails here, before any output
    out = open(args.output, "w", encoding="utf-8") if args.output else sys.stdout
    try:
        writer = Writer(args.format, out)
        ok, failed, skipped = extract(read_inputs(args.inputs, opts), runner, writer)
        writer.close()
    finally:
        if args.output:
            out.close()
    if failed or skipped or args.output or ok != 1:
        print(summary(ok, failed, skipped), file=sys.stderr)
    return exit_code(failed, skipped, args)
