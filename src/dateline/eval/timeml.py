"""TempEval-3 Task A scorer for TIMEX3, computed as the official toolkit computes it.

Gold and system TIMEX3 are paired the toolkit's way (``te3_align``: one-to-one, from its token walk),
then counted as its ``evaluate_entities.py`` counts them:

- relaxed P / R = paired TIMEX3 / system TIMEX3, paired / gold TIMEX3;
- strict: pairs whose texts are equal as well;
- type F1, value F1 = relaxed F1 x (pairs whose attribute is equal / pairs).

Only TIMEX3 inside TEXT count, and only those that cover at least one token (the toolkit drops the
others from both sides). Where we differ on purpose: the toolkit stops at a document whose text differs
from gold's; we score texts that differ only in whitespace (TIMEX3 texts then compared without it) and
count any other mismatch, or a missing system file, as nothing found, naming the documents.

    python -m dateline.eval.timeml GOLD_DIR SYS_DIR [--errors N]
"""
from __future__ import annotations

import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from ..io.timeml import TimeMLDoc, input_files, parse, read
from .te3_align import Element, elements, shared_ids, token_tags, tokens


@dataclass
class Counts:
    gold: int = 0
    sys: int = 0
    strict_sys: int = 0      # system TIMEX3 paired with a gold one of the same text
    strict_gold: int = 0
    relaxed_sys: int = 0     # system TIMEX3 paired with a gold one (pairs are one-to-one)
    relaxed_gold: int = 0
    matches: int = 0         # the pairs; type / value accuracy is over these
    type_ok: int = 0
    value_ok: int = 0
    errors: list = field(default_factory=list)
    text_mismatch: list = field(default_factory=list)   # DOCIDs whose system TEXT is not gold's

    def add(self, o: "Counts") -> None:
        for k in ("gold", "sys", "strict_sys", "strict_gold", "relaxed_sys", "relaxed_gold",
                  "matches", "type_ok", "value_ok"):
            setattr(self, k, getattr(self, k) + getattr(o, k))
        self.errors.extend(o.errors)
        self.text_mismatch.extend(o.text_mismatch)


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def metrics(c: Counts) -> dict[str, float]:
    sp = c.strict_sys / c.sys if c.sys else 0.0
    sr = c.strict_gold / c.gold if c.gold else 0.0
    rp = c.relaxed_sys / c.sys if c.sys else 0.0
    rr = c.relaxed_gold / c.gold if c.gold else 0.0
    rf = _f1(rp, rr)
    if not c.gold and not c.sys:
        sp = sr = rp = rr = rf = 1.0
    m = {"strict_p": sp, "strict_r": sr, "strict_f1": _f1(sp, sr) if c.gold or c.sys else 1.0,
         "relaxed_p": rp, "relaxed_r": rr, "relaxed_f1": rf,
         "type_acc": c.type_ok / c.matches if c.matches else 0.0,
         "value_acc": c.value_ok / c.matches if c.matches else 0.0}
    m["type_f1"] = rf * m["type_acc"] if c.matches else (1.0 if not c.gold and not c.sys else 0.0)
    m["value_f1"] = rf * m["value_acc"] if c.matches else (1.0 if not c.gold and not c.sys else 0.0)
    return {k: 100.0 * v for k, v in m.items()}


@dataclass(frozen=True)
class Annotated:
    """One TimeML file as the toolkit sees it: its TEXT, its elements and a tag per token."""
    docid: str
    text: str
    elements: list[Element]
    tags: list


def annotate(doc: TimeMLDoc) -> Annotated:
    """A document from ``io.timeml.read`` / ``parse`` (or one built from text and TIMEX3 only) as the
    toolkit sees it."""
    if doc.body:
        text, els, marks = elements(doc.body)
    else:
        text = doc.text
        els = [Element("TIMEX3", t.start, t.end, t.attrs, t.text) for t in doc.timexes]
        marks = sorted([(e.start, True, i) for i, e in enumerate(els)] + [(e.end, False, i) for i, e in enumerate(els)],
                       key=lambda m: (m[0], m[1], m[2]))
    return Annotated(doc.docid, text, els, token_tags(tokens(text), marks, els))


def load(path: str | Path) -> Annotated:
    return annotate(read(path))


def from_xml(xml: str, source: str = "") -> Annotated:
    """A TimeML document (file contents) as the toolkit sees it."""
    return annotate(parse(xml, source))


def _row(kind: str, docid: str, g: Element | None, s: Element | None) -> tuple:
    gv = (g.text, g.attrs.get("type"), g.attrs.get("value")) if g else (None, None, None)
    sv = (s.text, s.attrs.get("type"), s.attrs.get("value")) if s else (None, None, None)
    return (kind, docid, *gv, *sv)


def score_doc(gold: Annotated | TimeMLDoc, system: Annotated | TimeMLDoc | None, ignore_type: bool = False) -> Counts:
    gold = annotate(gold) if isinstance(gold, TimeMLDoc) else gold
    system = annotate(system) if isinstance(system, TimeMLDoc) else system
    c = Counts()
    same = system is not None and system.text == gold.text
    if system is not None and not same and system.text.split() != gold.text.split():
        c.text_mismatch.append(gold.docid)
        system = None
    sys_tags = system.tags if system is not None else [("O", None, None)] * len(gold.tags)
    g_ids, s_ids = shared_ids(gold.tags, sys_tags)
    by_id = {i: system.elements[el] for el, i in s_ids.items()}
    paired: set[int] = set()
    for el, i in g_ids.items():
        g = gold.elements[el]
        s = by_id.get(i)
        if s is None:
            c.errors.append(_row("missed", gold.docid, g, None))
            continue
        paired.add(i)
        exact = g.text == s.text if same else g.text.split() == s.text.split()
        t_ok = ignore_type or g.attrs.get("type", "") == s.attrs.get("type", "")
        v_ok = g.attrs.get("value", "") == s.attrs.get("value", "")
        c.matches += 1
        c.strict_gold += exact
        c.type_ok += t_ok
        c.value_ok += v_ok
        if not (t_ok and v_ok and exact):
            c.errors.append(_row("extent" if t_ok and v_ok else "value" if t_ok else "type", gold.docid, g, s))
    for i, s in sorted(by_id.items()):
        if i not in paired:
            c.errors.append(_row("spurious", gold.docid, None, s))
    c.gold, c.sys = len(g_ids), len(s_ids)
    c.relaxed_gold = c.relaxed_sys = c.matches
    c.strict_sys = c.strict_gold
    return c


def _by_docid(folder: str) -> dict[str, Annotated]:
    out = {}
    for p in input_files(folder):
        d = load(p)
        out[d.docid] = d
        out.setdefault(p.name.split(".")[0], d)
    return out


def score_dirs(gold_dir: str, sys_dir: str, ignore_type: bool = False) -> Counts:
    sys_docs = _by_docid(sys_dir)
    total = Counts()
    for p in input_files(gold_dir):
        g = load(p)
        s = sys_docs.get(g.docid) or sys_docs.get(p.name.split(".")[0])
        total.add(score_doc(g, s, ignore_type))
    return total


def report(c: Counts, out: TextIO, max_errors: int = 20) -> None:
    m = metrics(c)
    out.write(f"gold {c.gold}  system {c.sys}  relaxed matches {c.matches}\n")
    out.write(f"{'':10}{'P':>8}{'R':>8}{'F1':>8}\n")
    out.write(f"{'strict':10}{m['strict_p']:8.2f}{m['strict_r']:8.2f}{m['strict_f1']:8.2f}\n")
    out.write(f"{'relaxed':10}{m['relaxed_p']:8.2f}{m['relaxed_r']:8.2f}{m['relaxed_f1']:8.2f}\n")
    out.write(f"type F1 {m['type_f1']:.2f} (accuracy {m['type_acc']:.2f})   "
              f"value F1 {m['value_f1']:.2f} (accuracy {m['value_acc']:.2f})\n")
    if c.text_mismatch:
        out.write(f"TEXT differs from gold (scored as nothing found): {', '.join(c.text_mismatch)}\n")
    groups: dict[str, list] = defaultdict(list)
    for e in c.errors:
        groups[e[0]].append(e)
    kinds = Counter(e[0] for e in c.errors)
    out.write("errors: " + ", ".join(f"{k} {n}" for k, n in sorted(kinds.items())) + "\n")
    by_type = Counter((e[0], e[3] or e[6]) for e in c.errors)
    out.write("errors by TIMEX3 type: " + ", ".join(f"{k}/{t} {n}" for (k, t), n in sorted(by_type.items(), key=str))
              + "\n")
    if max_errors:
        for kind in ("missed", "spurious", "type", "value", "extent"):
            rows = groups.get(kind, [])
            if not rows:
                continue
            out.write(f"-- {kind} ({len(rows)}) --\n")
            for e in rows[:max_errors]:
                _, doc, gt, gty, gv, st, sty, sv = e
                out.write(f"  {doc}\tgold {gt!r} {gty} {gv}\tsys {st!r} {sty} {sv}\n")


def main(gold_dir: str, sys_dir: str, out: TextIO | None = None, max_errors: int = 20,
         ignore_type: bool = False) -> int:
    out = out or sys.stdout
    if not input_files(gold_dir):
        out.write(f"no .tml / .TE3input files in {gold_dir}\n")
        return 2
    report(score_dirs(gold_dir, sys_dir, ignore_type), out, max_errors)
    return 0


if __name__ == "__main__":                       # pragma: no cover
    import argparse
    ap = argparse.ArgumentParser(prog="python -m dateline.eval.timeml")
    ap.add_argument("gold_dir")
    ap.add_argument("sys_dir")
    ap.add_argument("--errors", type=int, default=20)
    a = ap.parse_args()
    raise SystemExit(main(a.gold_dir, a.sys_dir, max_errors=a.errors))
