"""Train the mention model of the entities stage (src/dateline/resources/models/ner/), reproducibly.

    .venv/bin/python scripts/train_ner.py [--data ../shared/data] [--out DIR] [--folds 5] [--seed 1]

1. The held-out figures: K-fold cross-validation by document over UNER English EWT dev (CC BY-SA 4.0), each
   fold's model trained on the other folds only (what ``dateline eval ner FILE --folds K`` prints), written to
   ``figures.json``.
2. The shipped model (``model.bin``: NONE / PERSON / ORG / GPE over the spans of the rules' name candidates),
   learned from all of UNER English EWT dev. The word lists it reads (first names, surnames, places, the
   proper-noun rates of UD English EWT train, the capitalization rates of Reuters-21578) are lexicons made by
   scripts/build_name_lexicon.py and scripts/build_gazetteers.py.

The weights carry the share-alike terms of their data (CC BY-SA 4.0). Deterministic: the same data and seed
give the same bytes.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from dateline.eval import ner  # noqa: E402
from dateline.grammar import load_resources  # noqa: E402
from dateline.settings import Settings  # noqa: E402
from dateline.stages.entities import model as mm  # noqa: E402
from dateline.stages.entities.tagger import MODEL_FILE  # noqa: E402

OUT = ROOT / "src" / "dateline" / "resources" / "models" / "ner"
UNER = Path("syntax/uner-english-ewt/en_ewt-ud-dev.iob2")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "data"))
    ap.add_argument("--out", default=str(OUT))
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args(argv)
    data, out = Path(args.data), Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    res, settings, t0 = load_resources("en"), Settings(), time.process_time()

    docs = ner.read_iob(data / UNER)
    cv = ner.cross_validate(docs, args.folds, settings, seed=args.seed)
    figures = {t: {k: round(v[k], 1) for k in ("p", "r", "f")} for t, v in cv.as_dict().items()}
    print(ner.format_scores(cv, f"UNER English EWT dev, {args.folds}-fold cross-validation by document"))

    ex = mm.examples(ner.train_documents(docs), res, settings)
    lin = mm.train(ex, seed=args.seed, meta={"data": "UNER English EWT dev (v1)", "license": "CC BY-SA 4.0",
                                             "seed": args.seed, "cv_folds": args.folds, "cv": figures})
    lin.save(out / MODEL_FILE)
    (out / "figures.json").write_text(json.dumps({"folds": args.folds, "seed": args.seed, "cv": figures},
                                                 indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"typed model: {len(ex)} spans of {len(docs)} UNER documents, {len(lin)} features; wrote {out} "
          f"({time.process_time() - t0:.1f} s CPU)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
