"""Derive ``resources/en/lexicon/verb_tense.tsv`` (finite verb form -> PAST | PRESENT) from UD English EWT.

    python scripts/build_verb_tense_lexicon.py ../shared/data/syntax/ud-english-ewt/en_ewt-ud-train.conllu
    python scripts/build_verb_tense_lexicon.py --measure ../shared/data/syntax/ud-english-ewt/en_ewt-ud-dev.conllu

A word form (lower case) goes into the list when it occurs at least ``MIN_COUNT`` times in the training
treebank and at least ``MIN_SHARE`` of its occurrences (or all of them) are finite verbs of one tense (``VerbForm=Fin`` with
``Tense=Past`` or ``Tense=Pres``): "fought" and "struck" are past, "reopen" or "opens" only where they are
mostly finite present verbs, not nouns ("talks", "sales" stay out). The timex stage reads it to tell the
tense of the clause around a weekday ("the talks reopen on Tuesday" looks forward). Derived from UD English
EWT (CC BY-SA 4.0): the list carries the share-alike terms. ``--measure`` reports, on another split, how
well the tense markers (the old rules alone, and the rules plus this list) tell the tense of finite verbs.
"""
from __future__ import annotations

import argparse
import re
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src/dateline/resources/en/lexicon/verb_tense.tsv"
MIN_COUNT = 3
MIN_SHARE = 0.8
MIN_ALWAYS = 1      # ... or seen at least this often, always as a finite verb of one tense


def tokens(path: Path):
    """(form, upos, feats) of every word of a CoNLL-U file."""
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) == 10 and cols[0].isdigit():
            yield cols[1].lower(), cols[3], cols[5]


def gold_tense(upos: str, feats: str) -> str | None:
    if upos not in ("VERB", "AUX") or "VerbForm=Fin" not in feats:
        return None
    return "PAST" if "Tense=Past" in feats else "PRESENT" if "Tense=Pres" in feats else None


def form_class(upos: str, feats: str) -> str | None:
    """PAST for a finite past form ("fought", "struck"), PRESENT for a finite present form ("opens"); a
    participle ("given") is neither, so that a form that is mostly a participle stays out."""
    if upos not in ("VERB", "AUX") or "VerbForm=Fin" not in feats:
        return None
    return "PAST" if "Tense=Past" in feats else "PRESENT" if "Tense=Pres" in feats else None


def build(train: Path) -> dict[str, str]:
    seen: Counter = Counter()
    tense: dict[str, Counter] = defaultdict(Counter)
    for form, upos, feats in tokens(train):
        seen[form] += 1
        t = form_class(upos, feats)
        if t:
            tense[form][t] += 1
    out = {}
    for form, c in tense.items():
        t, n = c.most_common(1)[0]
        if (seen[form] >= MIN_COUNT and n >= MIN_SHARE * seen[form] or n == seen[form] >= MIN_ALWAYS) \
                and re.fullmatch(r"[a-z][a-z'’-]*", form):
            out[form] = t
    return out


def measure(dev: Path) -> None:
    from dateline.grammar import load_resources
    res = load_resources("en")
    old = {w: k for w, k in res.lexicon("tense").items() if " " not in w}
    cfg = res.data("timex")["tense"]
    past_rx = re.compile(cfg["past_pattern"])
    not_past = set(cfg.get("not_past", ()))
    new = {**res.lexicon("verb_tense"), **old}

    def rules(form: str, lex: dict) -> str | None:
        k = lex.get(form)
        if k in ("PAST", "PRESENT"):
            return k
        return "PAST" if past_rx.fullmatch(form) and form not in not_past else None
    for name, lex in (("rules", old), ("rules + verb_tense", new)):
        right = wrong = missed = false = 0
        for form, upos, feats in tokens(dev):
            g, s = gold_tense(upos, feats), rules(form, lex)
            if g and s:
                right += s == g
                wrong += s != g
            elif g:
                missed += 1
            elif s:
                false += 1                   # a marker on a word that is no finite verb here
        total = right + wrong + missed
        print(f"{name:20s} finite verbs {total}: tense right {right} ({100 * right / total:.1f}%), wrong {wrong}, "
              f"no marker {missed}; markers on other words {false}; precision {100 * right / (right + wrong + false):.1f}%")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("conllu", type=Path)
    ap.add_argument("--measure", action="store_true", help="measure on this split instead of building")
    args = ap.parse_args()
    if args.measure:
        measure(args.conllu)
        return
    lex = build(args.conllu)
    lines = ["# finite verb forms -> tense, derived from UD English EWT train (CC BY-SA 4.0; share-alike) by",
             "# scripts/build_verb_tense_lexicon.py: a form seen >= 3 times, >= 80% of them as a finite verb of one",
             "# tense, or always as one"]
    lines += [f"{w}\t{t}" for w, t in sorted(lex.items())]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {len(lex)} forms to {OUT} ({Counter(lex.values())})")


if __name__ == "__main__":
    main()
