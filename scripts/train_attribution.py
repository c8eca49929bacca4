"""Train the learned attribution cascade (the quotes stage's models) on PolNeAR train; tune its cue threshold on
PolNeAR dev; print dev figures for rules only and learned, side by side; write the weights and meta.json.

    .venv/bin/python scripts/train_attribution.py [--data ../shared/data/attribution/polnear] [--out DIR]
        [--epochs 10] [--seed 1] [--no-write]

Reproducible: the same data, seed and epochs give the same weights (documents in sorted order, perceptron
orders shuffled by a seeded generator). Labels come from matching each candidate to the gold spans after
trimming spaces, quote marks and , . ; : at both ends (the evaluation's exact match): a cue word is positive
when it lies in a gold cue (the first such word of that cue; the others are left out), and every other decision
is trained on the gold cue's attribution (its right extent, content start / end, source end / start).
"""
from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter
from pathlib import Path

from dateline.grammar import load_resources
from dateline.io.brat import read_metadata, read_split
from dateline.learn import train_perceptron, train_ranker
from dateline.model import Document
from dateline.pipeline import Pipeline
from dateline.settings import Settings
from dateline.stages.quotes import make_quotes, rule_finds
from dateline.stages.quotes import features as F
from dateline.stages.quotes.cascade import DECISIONS, Cascade, Models, _quote_tokens, _rule_positions, model_dir, trim
from dateline.stages.quotes.context import doc_context
from dateline.stages.quotes.rules import compile_rules

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "attribution" / "polnear"
UPSTREAM = ("segment", "timex_extract", "timex_anchor", "entities")
_WORD = re.compile(r"[a-z][a-z’'-]+")
_FUNCTION = frozenset("a an the to of for about on in with at by from over as into is are was were be been being "
                      "has have had do does did will would can could should may might must not it its that this "
                      "their his her they he she we i you who which what and or but so up out off back down "
                      "very more most also just all any some no".split())


def upstream_docs(split_dir: Path, meta: dict):
    nlp = Pipeline(UPSTREAM, Settings())
    for bd in read_split(split_dir, meta):
        yield nlp(Document(id=bd.name, text=bd.text, dct=bd.dct or "2016-01-01")), bd


def _proxy(d):
    import types
    return types.MappingProxyType(d)


def prepared(data: Path, meta: dict, cache: str | None):
    import copyreg
    import pickle
    import types
    copyreg.pickle(types.MappingProxyType, lambda m: (_proxy, (dict(m),)))
    if cache and Path(cache).is_file():
        return pickle.loads(Path(cache).read_bytes())
    got = list(upstream_docs(data / "train", meta)), list(upstream_docs(data / "dev", meta))
    if cache:
        Path(cache).write_bytes(pickle.dumps(got))
    return got


def learned_vocabulary(docs, lexicon: frozenset, min_count: int = 3, min_ratio: float = 0.08) -> frozenset:
    """Words that head gold cues outside the cue lexicon ("worried about", "support for"), often enough."""
    as_cue, seen = Counter(), Counter()
    for doc, bd in docs:
        seen.update(w for w in _WORD.findall(doc.text.lower()))
        for a in bd.attributions:
            if not a.cue:
                continue
            words = _WORD.findall(" ".join(doc.text[x:y] for x, y in a.cue).lower())
            if any(w in lexicon for w in words):
                continue
            head = next((w for w in words if w not in _FUNCTION), None)
            if head:
                as_cue[head] += 1
    return frozenset(w for w, c in as_cue.items() if c >= min_count and c / max(seen[w], c) >= min_ratio)


def gold_of(doc, bd):
    """Gold attributions with trimmed spans: (cue, content envelope, source or None)."""
    out = []
    for a in bd.attributions:
        if not (a.cue and a.content):
            continue
        cue = trim(doc.text, a.cue[0][0], a.cue[-1][1])
        content = trim(doc.text, a.content[0][0], a.content[-1][1])
        src = trim(doc.text, a.source[0][0], a.source[-1][1]) if a.source else None
        out.append((cue, content, src))
    return out


def collect(cascade: Cascade, doc, gold, groups: dict, cue_examples: list) -> None:
    """Candidates of every decision in one document, labelled from the gold."""
    ctx, _ = doc_context(doc, cascade.rules)
    finds, _, quoted = rule_finds(ctx)
    text = doc.text
    claimed = set()
    for P, i, find in cascade.heads(ctx, finds, quoted, {}):
        lemma, classes, rule = cascade.describe(P, i, find)
        feats = F.cue_features(P, i, lemma, classes, rule)
        g = next((k for k, (cue, _, _) in enumerate(gold) if cue[0] <= P.starts[i] < cue[1]), None)
        if g is None:
            cue_examples.append((feats, "no"))
            continue
        if g in claimed:
            continue                     # a second word of the same gold cue: left out
        claimed.add(g)
        cue_examples.append((feats, "cue"))
        (ga, gb), (ta, tb), src = gold[g]
        left = F.left_extents(P, i, lemma)
        right = F.right_extents(P, i, lemma)
        groups["cue_left"].append(_group(left, lambda j: P.starts[j] == ga))
        groups["cue_right"].append(_group(right, lambda j: P.ends[j] == gb))
        ca, cb = P.index_at(ga), P.index_before(gb)
        if ca is None or cb is None or P.starts[ca] != ga or P.ends[cb] != gb:
            continue
        opens, closes = _quote_tokens(ctx, P)
        rs, re_, ns, ne = _rule_positions(ctx, P, find)
        starts = F.content_starts(P, (ca, cb), lemma, opens, rs)
        gs = _group(starts, lambda j: trim(text, P.starts[j], tb)[0] == ta)
        groups["content_start"].append(gs)
        if gs[1] is not None:
            cs = starts[gs[1]][0]
            ends = F.content_ends(P, cs, (ca, cb), lemma, closes, re_)
            groups["content_end"].append(_group(ends, lambda e: trim(text, ta, P.ends[e])[1] == tb))
        sends = F.source_ends(P, (ca, cb), lemma, ne)
        gse = _group(sends, lambda e: src is None if e is None else
                     (src is not None and trim(text, src[0], P.ends[e])[1] == src[1]))
        groups["source_end"].append(gse)
        if gse[1] is not None and src is not None:
            se = sends[gse[1]][0]
            sstarts = F.source_starts(P, se, (ca, cb), ns)
            groups["source_start"].append(_group(sstarts, lambda s: trim(text, P.starts[s], src[1])[0] == src[0]))


def _group(cands, is_gold):
    gold = next((k for k, (pos, _) in enumerate(cands) if is_gold(pos)), None)
    return [f for _, f in cands], gold


def train(docs, vocab, rules, epochs: int, seed: int) -> Models:
    empty = Models({}, vocab, 0.0)
    cascade = Cascade(rules, empty)
    groups: dict = {d: [] for d in DECISIONS if d != "cue"}
    cue_examples: list = []
    for doc, bd in docs:
        collect(cascade, doc, gold_of(doc, bd), groups, cue_examples)
    models = {"cue": train_perceptron(cue_examples, classes=["cue"], epochs=epochs, seed=seed)}
    for d, gs in groups.items():
        reach = sum(1 for _, g in gs if g is not None)
        print(f"  {d:<14} {len(gs):6d} decisions, right answer among the candidates in {100 * reach / max(1, len(gs)):.1f}%")
        models[d] = train_ranker(gs, name=d, epochs=epochs, seed=seed)
    pos = sum(1 for _, y in cue_examples if y == "cue")
    print(f"  cue            {len(cue_examples):6d} candidates, {pos} positive")
    return Models(models, vocab, 0.0)


def evaluate(docs, models: Models | None, res):
    from dateline.eval.attribution import Scores, gold_items, predicted_items, score_document
    stage = make_quotes(Settings(learned=models is not None), res, models=models)
    scores = Scores()
    for doc, bd in docs:
        out = stage(doc)
        score_document(bd.text, predicted_items(out), gold_items(bd), scores)
    return scores


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=str(DATA))
    ap.add_argument("--out", default=str(model_dir()))
    ap.add_argument("--epochs", type=int, default=10)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--no-write", action="store_true")
    ap.add_argument("--thresholds", default="-1,-0.5,0,0.5,1,1.5",
                    help="cue thresholds tried on dev (comma-separated)")
    ap.add_argument("--cache", help="keep the prepared articles in this pickle file (for repeated runs)")
    args = ap.parse_args(argv)
    data = Path(args.data)
    meta = read_metadata(data / "metadata.tsv")
    res = load_resources("en")
    rules = compile_rules(res)
    t0 = time.process_time()
    train_docs, dev_docs = prepared(data, meta, args.cache)
    print(f"read and prepared {len(train_docs)} train / {len(dev_docs)} dev articles "
          f"({time.process_time() - t0:.0f} CPU s)")
    vocab = learned_vocabulary(train_docs, rules.cues.speech | rules.cues.belief | rules.cues.stance)
    print(f"learned cue vocabulary: {len(vocab)} words")
    models = train(train_docs, vocab, rules, args.epochs, args.seed)
    models.threshold = tune_threshold(dev_docs, models, res, [float(x) for x in args.thresholds.split(",")])
    report(dev_docs, models, res)
    if not args.no_write:
        models.save(Path(args.out), {"epochs": args.epochs, "seed": args.seed,
                                     "command": "scripts/train_attribution.py " + " ".join(argv or sys.argv[1:])})
        print(f"wrote {args.out}")
    return 0


def tune_threshold(dev_docs, models: Models, res, thresholds) -> float:
    """The cue threshold that gives the best mean of exact source / cue / content F1 on dev."""
    best = (-1.0, 0.0)
    for th in thresholds:
        models.threshold = th
        s = evaluate(dev_docs, models, res)
        mean = sum(s.exact[r].prf()[2] for r in ("source", "cue", "content")) / 3
        print(f"  threshold {th:5.1f}: mean exact F1 {100 * mean:.2f}")
        best = max(best, (mean, th))
    return best[1]


def report(dev_docs, models, res) -> None:
    from dateline.eval.attribution import format_scores
    print("PolNeAR dev, rules only:")
    print(format_scores(evaluate(dev_docs, None, res)))
    print(f"PolNeAR dev, learned (threshold {models.threshold}):")
    print(format_scores(evaluate(dev_docs, models, res)))


if __name__ == "__main__":
    sys.exit(main())
