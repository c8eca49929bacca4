"""``dateline eval timeml GOLD_DIR SYS_DIR`` and ``dateline eval attribution SPLIT_DIR METADATA_TSV``."""
from __future__ import annotations

import argparse


def register(sub) -> None:
    p = sub.add_parser("eval", help="score against gold data (TempEval-3 Task A, PolNeAR attribution)")
    esub = p.add_subparsers(dest="eval_command", metavar="WHAT")
    t = esub.add_parser("timeml", help="TempEval-3 Task A metrics: SYS_DIR against GOLD_DIR")
    t.add_argument("gold_dir")
    t.add_argument("sys_dir")
    t.set_defaults(func=_timeml)
    a = esub.add_parser("attribution", help="PolNeAR source/cue/content P/R/F1 and speaker accuracy")
    a.add_argument("split_dir")
    a.add_argument("metadata_tsv")
    a.set_defaults(func=_attribution)
    p.set_defaults(func=lambda args: (p.print_help(), 2)[1])


def _timeml(args: argparse.Namespace) -> int:
    from ..eval.timeml import main
    return main(args.gold_dir, args.sys_dir)


def _attribution(args: argparse.Namespace) -> int:
    from ..eval.attribution import main
    return main(args.split_dir, args.metadata_tsv)
