"""``dateline spark INPUT... OUTPUT [--master local[2]] [--format jsonl|parquet]``: the pipeline on Spark.

OUTPUT is a directory of part files (Spark's convention); error records go to OUTPUT.errors/.
"""
from __future__ import annotations

import argparse
import sys

from ..errors import DatelineError, InputError
from .common import add_input_options, exit_code, read_options, settings_from, summary


def register(sub) -> None:
    p = sub.add_parser("spark", help="run the pipeline on Spark (local mode or a cluster); needs pyspark")
    add_input_options(p)
    p.add_argument("--master", default="local[2]", help="Spark master URL (default local[2])")
    p.add_argument("--format", choices=("jsonl", "parquet"),
                   help="output format (default: parquet if OUTPUT ends in .parquet, else jsonl)")
    p.add_argument("--conf", action="append", default=[], metavar="KEY=VALUE", help="extra Spark setting")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if len(args.inputs) < 2:
        print("error: expected INPUT... OUTPUT (an output directory after the inputs)", file=sys.stderr)
        return 2
    *inputs, output = args.inputs
    try:
        opts = read_options(args)
        conf = dict(kv.split("=", 1) for kv in args.conf)
    except InputError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    except ValueError:
        print(f"error: --conf: expected KEY=VALUE, found {args.conf!r}", file=sys.stderr)
        return 2
    from ..runners.spark import SparkUnavailable, run_spark
    fmt = args.format or ("parquet" if output.lower().rstrip("/").endswith(".parquet") else "jsonl")
    settings = settings_from(args)
    try:
        res = run_spark(inputs, output, fmt=fmt, master=args.master, settings=settings, opts=opts, conf=conf)
    except SparkUnavailable as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    except (DatelineError, ValueError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    print(f"{summary(res.processed, res.failed, res.skipped)} in {res.seconds:.1f}s -> {res.output}"
          + (f" (errors: {res.errors})" if res.failed else ""), file=sys.stderr)
    return exit_code(res.failed, res.skipped, args)
