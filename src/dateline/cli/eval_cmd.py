"""``dateline eval timeml GOLD_DIR SYS_DIR``, ``dateline eval attribution SPLIT_DIR METADATA_TSV``,
``dateline eval tls TOPIC_DIR...``, ``dateline eval ner FILE`` and ``dateline eval coref FILE``."""
from __future__ import annotations

import argparse


def register(sub) -> None:
    p = sub.add_parser("eval", help="score against gold data (TempEval-3 Task A, PolNeAR attribution, named "
                                    "entities, coreference)")
    esub = p.add_subparsers(dest="eval_command", metavar="WHAT")
    t = esub.add_parser("timeml", help="TempEval-3 Task A metrics: SYS_DIR against GOLD_DIR")
    t.add_argument("gold_dir")
    t.add_argument("sys_dir")
    t.set_defaults(func=_timeml)
    a = esub.add_parser("attribution", help="PolNeAR source/cue/content P/R/F1 and speaker accuracy")
    a.add_argument("split_dir")
    a.add_argument("metadata_tsv")
    a.set_defaults(func=_attribution)
    s = esub.add_parser("tls", help="timeline summarisation (news-tls protocol): date F1, ROUGE-1/2 with "
                        "concat, agreement and align+ m:1, for the story and two baselines")
    s.add_argument("topic_dirs", nargs="+", metavar="TOPIC_DIR",
                   help="topic folders with articles.jsonl, timelines.jsonl, keywords.json (../shared/data/tls/t17/*)")
    s.add_argument("--systems", default="story,pubdate,mentions", help="comma-separated: story, pubdate, mentions")
    s.add_argument("--model", choices=("rules", "learned"), default="rules",
                   help="the story's weights: the rules (default) or learned (leave-one-topic-out where trained on the topic)")
    s.add_argument("--workers", type=int, default=2, metavar="N", help="processes running the pipeline (default 2)")
    s.add_argument("--json", metavar="PATH", help="also write every figure, per timeline, as JSON")
    s.set_defaults(func=_tls)
    n = esub.add_parser("ner", help="named entities in an IOB/IOB2 file (CoNLL columns): per-type P/R/F1")
    n.add_argument("file")
    n.add_argument("--folds", type=int, default=0, metavar="K",
                   help="K-fold cross-validation by document: each fold tagged by a model trained on the others")
    n.add_argument("--rules-only", action="store_true", help="no mention model (Settings(learned=False))")
    n.add_argument("--json", action="store_true")
    n.set_defaults(func=_ner)
    c = esub.add_parser("coref", help="coreference of people in marked-up articles: mentions, MUC, B-cubed")
    c.add_argument("file", help="JSONL of {id, dct, text} with [words]{cluster} marks "
                               "(tests/golden/entities/coref.jsonl)")
    c.add_argument("--rules-only", action="store_true")
    c.add_argument("--json", action="store_true")
    c.set_defaults(func=_coref)
    p.set_defaults(func=lambda args: (p.print_help(), 2)[1])


def _ner(args: argparse.Namespace) -> int:
    from ..eval.ner import main
    return main(args.file, args.folds, args.rules_only, args.json)


def _coref(args: argparse.Namespace) -> int:
    from ..eval.coref import main
    return main(args.file, args.rules_only, args.json)


def _timeml(args: argparse.Namespace) -> int:
    from ..eval.timeml import main
    return main(args.gold_dir, args.sys_dir)


def _tls(args: argparse.Namespace) -> int:
    from ..eval.tls import SYSTEMS, run
    systems = [x.strip() for x in args.systems.split(",") if x.strip()]
    bad = [x for x in systems if x not in SYSTEMS]
    if bad or not systems:
        print(f"error: --systems: expected some of {', '.join(SYSTEMS)}, found {args.systems!r}")
        return 2
    run(args.topic_dirs, systems, args.model, max(1, args.workers), args.json)
    return 0


def _attribution(args: argparse.Namespace) -> int:
    from ..eval.attribution import main
    return main(args.split_dir, args.metadata_tsv)
