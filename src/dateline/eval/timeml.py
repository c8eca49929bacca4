"""TempEval-3 Task A scorer for TIMEX3: strict / relaxed extent P R F1, type F1 and value F1.

Extents are compared as sets of tokens (``\\w+`` runs and single punctuation marks) of the TEXT,
counted over non-whitespace characters, so that gold and system files that differ only in whitespace
still align. Strict = same tokens, relaxed = at least one token in common. Attribute F1 (type, value)
= relaxed F1 x (correct attribute among relaxed matches / relaxed matches). Only TIMEX3 inside TEXT count.

    python -m dateline.eval.timeml GOLD_DIR SYS_DIR [--errors N]
"""
from __future__ import annotations

import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import TextIO

from ..io.timeml import TimeMLDoc, input_files, read

_TOKEN = re.compile(r"\w+|[^\w\s]")


@dataclass
class Counts:
    gold: int = 0
    sys: int = 0
    strict_sys: int = 0      # system timexes with an exact gold match
    strict_gold: int = 0
    relaxed_sys: int = 0
    relaxed_gold: int = 0
    matches: int = 0         # relaxed one-to-one pairs used for attributes
    type_ok: int = 0
    value_ok: int = 0
    errors: list = field(default_factory=list)

    def add(self, o: "Counts") -> None:
        for k in ("gold", "sys", "strict_sys", "strict_gold", "relaxed_sys", "relaxed_gold",
                  "matches", "type_ok", "value_ok"):
            setattr(self, k, getattr(self, k) + getattr(o, k))
        self.errors.extend(o.errors)


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


def _nonspace_index(text: str) -> list[int]:
    """idx[i] = number of non-whitespace characters before offset i (len(text)+1 entries)."""
    idx = [0] * (len(text) + 1)
    n = 0
    for i, ch in enumerate(text):
        idx[i] = n
        if not ch.isspace():
            n += 1
    idx[len(text)] = n
    return idx


def _tokens(text: str) -> list[tuple[int, int]]:
    idx = _nonspace_index(text)
    return [(idx[m.start()], idx[m.end()]) for m in _TOKEN.finditer(text)]


def _token_set(toks: list[tuple[int, int]], start: int, end: int) -> frozenset[int]:
    return frozenset(i for i, (a, b) in enumerate(toks) if a < end and b > start)


def _extents(doc: TimeMLDoc, toks) -> list[tuple[frozenset[int], object]]:
    idx = _nonspace_index(doc.text)
    out = []
    for t in doc.timexes:
        s = _token_set(toks, idx[t.start], idx[t.end])
        if s:
            out.append((s, t))
    return out


def score_doc(gold: TimeMLDoc, system: TimeMLDoc | None, ignore_type: bool = False) -> Counts:
    toks = _tokens(gold.text)
    g = _extents(gold, toks)
    s = _extents(system, _tokens(system.text)) if system is not None else []
    if system is not None and "".join(system.text.split()) != "".join(gold.text.split()):
        s = []                                   # different text: cannot align, count as missing
    c = Counts(gold=len(g), sys=len(s))
    gold_exact = {tokset for tokset, _ in g}
    sys_exact = {tokset for tokset, _ in s}
    c.strict_sys = sum(1 for tokset, _ in s if tokset in gold_exact)
    c.strict_gold = sum(1 for tokset, _ in g if tokset in sys_exact)
    c.relaxed_sys = sum(1 for ts, _ in s if any(ts & tg for tg, _ in g))
    c.relaxed_gold = sum(1 for tg, _ in g if any(ts & tg for ts, _ in s))
    used: set[int] = set()
    for gi, (tg, gt) in enumerate(g):
        best, best_ov = None, 0
        for si, (ts, st) in enumerate(s):
            if si in used:
                continue
            ov = len(ts & tg) * 2 - len(ts ^ tg) / 100.0
            if ts & tg and ov > best_ov:
                best, best_ov = si, ov
        if best is None:
            c.errors.append(("missed", gold.docid, gt.text, gt.type, gt.value, None, None, None))
            continue
        used.add(best)
        st = s[best][1]
        c.matches += 1
        t_ok = ignore_type or (st.type == gt.type)
        v_ok = (st.value or "") == (gt.value or "")
        c.type_ok += t_ok
        c.value_ok += v_ok
        if not (t_ok and v_ok) or s[best][0] != tg:
            kind = "extent" if (t_ok and v_ok) else ("value" if t_ok else "type")
            c.errors.append((kind, gold.docid, gt.text, gt.type, gt.value, st.text, st.type, st.value))
    for si, (ts, st) in enumerate(s):
        if si not in used and not any(ts & tg for tg, _ in g):
            c.errors.append(("spurious", gold.docid, None, None, None, st.text, st.type, st.value))
    return c


def _by_docid(folder: str) -> dict[str, TimeMLDoc]:
    out = {}
    for p in input_files(folder):
        d = read(p)
        out[d.docid] = d
        out.setdefault(p.name.split(".")[0], d)
    return out


def score_dirs(gold_dir: str, sys_dir: str, ignore_type: bool = False) -> Counts:
    sys_docs = _by_docid(sys_dir)
    total = Counts()
    for p in input_files(gold_dir):
        g = read(p)
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
    groups: dict[str, list] = defaultdict(list)
    for e in c.errors:
        groups[e[0] if e[0] != "spurious" else "spurious"].append(e)
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
