"""``dateline timeml IN OUT_DIR``: tag TimeML / TempEval-3 input files with our TIMEX3.

Reads every ``*.tml`` / ``*.TE3input`` file in IN and writes ``OUT_DIR/<DOCID>.tml``.
"""
from __future__ import annotations

import argparse
import os
import sys


def register(subparsers) -> argparse.ArgumentParser:
    p = subparsers.add_parser("timeml", help="tag TimeML/TempEval-3 files with TIMEX3 (writes OUT_DIR/<DOCID>.tml)")
    p.add_argument("input", help="a folder of .tml / .TE3input files (or one file)")
    p.add_argument("out_dir", help="output folder")
    p.add_argument("--document-type", default="auto", choices=("auto", "news", "narrative", "colloquial"),
                   help="auto (default): chosen per file from its text; news: resolve against the DCT; "
                        "narrative: against the last resolved date; colloquial: news plus informal forms")
    p.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                   help="worker processes (default: one per CPU; 1 = everything in this process)")
    p.set_defaults(func=run)
    return p


def run(args) -> int:
    from ..errors import DatelineError
    from ..io.timeml import input_files
    from ..runners.timeml import convert_dir
    from ..settings import Settings

    if not input_files(args.input):
        print(f"dateline timeml: no .tml or .TE3input files in {args.input}", file=sys.stderr)
        return 2
    settings = Settings(document_type=getattr(args, "document_type", "auto"))
    try:
        n, errors = convert_dir(args.input, args.out_dir, settings, jobs=max(1, args.jobs))
    except DatelineError as e:
        print(f"dateline timeml: {e}", file=sys.stderr)
        return 1
    for f in errors:                             # a bad file is named; the others were written
        print(f"dateline timeml: skipped {f.where}: {f.error}", file=sys.stderr)
    print(f"dateline timeml: wrote {n} files to {args.out_dir}"
          + (f"; {len(errors)} could not be read" if errors else ""), file=sys.stderr)
    return 1 if errors else 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="dateline")
    register(ap.add_subparsers(dest="command", required=True))
    args = ap.parse_args(["timeml", *(sys.argv[1:] if argv is None else argv)])
    return args.func(args)


if __name__ == "__main__":                       # pragma: no cover
    raise SystemExit(main())
