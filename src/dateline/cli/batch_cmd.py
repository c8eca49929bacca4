"""``dateline batch INPUT... -o OUT [--format jsonl|parquet] [--workers N]``: a corpus, in parallel,
resumable (a re-run after a kill continues where it stopped)."""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from ..errors import DatelineError
from ..runners.local import DEFAULT_CHUNK, FORMATS, CheckpointMismatch, run_batch
from ..runners.checkpoint import errors_path
from .common import add_input_options, exit_code, read_options, settings_from, summary


def register(sub) -> None:
    p = sub.add_parser("batch", help="process a corpus in parallel into JSONL or Parquet (resumable)")
    add_input_options(p)
    p.add_argument("-o", "--output", required=True, metavar="OUT",
                   help="output file; bad records go to OUT.errors.jsonl, work in progress to OUT.parts/")
    p.add_argument("--format", choices=FORMATS, help="output format (default: from OUT's suffix, else jsonl)")
    p.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                   help="worker processes (default: the number of CPUs; 0 = in this process)")
    p.add_argument("--chunk-size", type=int, default=DEFAULT_CHUNK,
                   help=f"documents per chunk, the unit of work and of resumption (default {DEFAULT_CHUNK})")
    p.add_argument("--restart", action="store_true", help="discard an unfinished earlier run instead of resuming it")
    p.add_argument("--no-progress", action="store_true", help="no progress bar on standard error")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    opts = read_options(args)        # a bad option raises InputError: main reports it (exit 2)
    fmt = args.format or ("parquet" if args.output.lower().endswith(".parquet") else "jsonl")
    settings = settings_from(args)
    try:
        res = run_batch(args.inputs, args.output, fmt=fmt, workers=max(args.workers, 0),
                        chunk_size=args.chunk_size, settings=settings, opts=opts, restart=args.restart,
                        progress=not args.no_progress)
    except (CheckpointMismatch, ValueError, DatelineError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    except RuntimeError as e:
        print(f"error: {e}", file=sys.stderr)
        return 3
    except OSError as e:              # disk full, an unwritable folder: the chunks done are kept
        print(f"error: cannot write {args.output}: {e.strerror or e}; the chunks already done are kept and "
              "running the same command again carries on", file=sys.stderr)
        return 3
    resumed = f" (resumed: {res.resumed_chunks} of {res.chunks} chunks were already done)" if res.resumed_chunks else ""
    print(f"{summary(res.processed, res.failed, res.skipped)} in {res.seconds:.1f}s{resumed}", file=sys.stderr)
    if res.failed or res.skipped:
        print(f"errors: {errors_path(Path(args.output))}", file=sys.stderr)
    return exit_code(res.failed, res.skipped, args)
