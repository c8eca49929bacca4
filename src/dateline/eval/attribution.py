"""Score quote attribution against PolNeAR (BRAT) gold: role-level P/R/F1 for source, cue and content.

``main(split_dir, metadata_tsv)`` runs the default pipeline over every article of a split (the publication
date comes from ``metadata.tsv``) and prints, for each role:

- exact P/R/F1: span ends trimmed of spaces, quote marks and ``, . ; :`` on both sides, then equal;
- overlap P/R/F1: one-to-one maximum matching of spans that share any character;

then speaker accuracy on matched contents (the predicted source overlaps the gold source), and the same
content figures split into direct (the gold content holds a quote mark; a predicted ``direct``/``mixed``
quote) and indirect. Multi-fragment spans are compared by their envelope (first start, last end) for
exact scores and fragment by fragment for overlap.
"""
from __future__ import annotations

import sys
from dataclasses import dataclass, field
from typing import TextIO

from ..io.brat import BratDocument, read_metadata, read_split
from ..stages._text import trim_span as trim

_MARKS = set("\"“”«»") | {"''", "``"}
ROLES = ("source", "cue", "content")

Frags = tuple[tuple[int, int], ...]


@dataclass
class Item:
    frags: Frags
    direct: bool = False
    source: Frags | None = None      # for contents: the source of the same attribution


@dataclass
class Counts:
    tp: int = 0                 # matched gold items (recall)
    n_pred: int = 0
    n_gold: int = 0
    tp_pred: int | None = None  # matched predicted items (precision), when it differs (class splits)

    def prf(self) -> tuple[float, float, float]:
        tpp = self.tp if self.tp_pred is None else self.tp_pred
        p = tpp / self.n_pred if self.n_pred else 0.0
        r = self.tp / self.n_gold if self.n_gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f


@dataclass
class Scores:
    exact: dict[str, Counts] = field(default_factory=lambda: {r: Counts() for r in ROLES})
    overlap: dict[str, Counts] = field(default_factory=lambda: {r: Counts() for r in ROLES})
    split_exact: dict[str, Counts] = field(default_factory=lambda: {k: Counts() for k in ("direct", "indirect")})
    split_overlap: dict[str, Counts] = field(default_factory=lambda: {k: Counts() for k in ("direct", "indirect")})
    speaker: dict[str, list[int]] = field(default_factory=lambda: {k: [0, 0] for k in ("all", "direct", "indirect")})

    def as_dict(self) -> dict:
        out: dict = {}
        for name, table in (("exact", self.exact), ("overlap", self.overlap),
                            ("content_exact", self.split_exact), ("content_overlap", self.split_overlap)):
            out[name] = {k: dict(zip("prf", c.prf())) | {"tp": c.tp, "pred": c.n_pred, "gold": c.n_gold}
                         for k, c in table.items()}
        out["speaker_accuracy"] = {k: (v[0] / v[1] if v[1] else 0.0) for k, v in self.speaker.items()}
        out["speaker_counts"] = {k: tuple(v) for k, v in self.speaker.items()}
        return out


def envelope(text: str, frags: Frags) -> tuple[int, int]:
    return trim(text, frags[0][0], frags[-1][1])


def shared(a: Frags, b: Frags) -> int:
    n = 0
    for x0, x1 in a:
        for y0, y1 in b:
            n += max(0, min(x1, y1) - max(x0, y0))
    return n


def match_overlap(pred: list[Frags], gold: list[Frags]) -> list[tuple[int, int]]:
    """One-to-one matching of pairs that share any character: a maximum matching (augmenting paths),
    each side trying its largest shared extents first."""
    adj: list[list[int]] = []
    for p in pred:
        cand = [(-shared(p, g), j) for j, g in enumerate(gold)]
        adj.append([j for s, j in sorted(cand) if s < 0])
    owner: dict[int, int] = {}

    def augment(i: int, seen: set[int]) -> bool:
        for j in adj[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in owner or augment(owner[j], seen):
                owner[j] = i
                return True
        return False

    order = sorted(range(len(pred)), key=lambda i: len(adj[i]))
    for i in order:
        if adj[i]:
            augment(i, set())
    return sorted((i, j) for j, i in owner.items())


def match_exact(text: str, pred: list[Frags], gold: list[Frags]) -> list[tuple[int, int]]:
    index: dict[tuple[int, int], list[int]] = {}
    for j, g in enumerate(gold):
        index.setdefault(envelope(text, g), []).append(j)
    pairs = []
    for i, p in enumerate(pred):
        js = index.get(envelope(text, p))
        if js:
            pairs.append((i, js.pop(0)))
    return pairs


def _holds_mark(text: str, frags: Frags) -> bool:
    s = "".join(text[a:b] for a, b in frags)
    return any(m in s for m in _MARKS)


def gold_items(doc: BratDocument) -> dict[str, list[Item]]:
    out: dict[str, list[Item]] = {r: [] for r in ROLES}
    for a in doc.attributions:
        if a.source:
            out["source"].append(Item(a.source))
        if a.cue:
            out["cue"].append(Item(a.cue))
        if a.content:
            out["content"].append(Item(a.content, _holds_mark(doc.text, a.content), a.source))
    return out


def predicted_items(doc) -> dict[str, list[Item]]:
    out: dict[str, list[Item]] = {r: [] for r in ROLES}
    for q in doc.quotes:
        src = ((q.speaker.start, q.speaker.end),) if q.speaker else None
        if src:
            out["source"].append(Item(src))
        if q.cue:
            out["cue"].append(Item(((q.cue.start, q.cue.end),)))
        if q.spans:
            out["content"].append(Item(tuple(q.spans), q.kind in ("direct", "mixed"), src))
    return out


def score_document(text: str, pred: dict[str, list[Item]], gold: dict[str, list[Item]], scores: Scores) -> None:
    for role in ROLES:
        p = [x.frags for x in pred[role]]
        g = [x.frags for x in gold[role]]
        scores.exact[role].tp += len(match_exact(text, p, g))
        scores.overlap[role].tp += len(match_overlap(p, g))
        for table in (scores.exact, scores.overlap):
            table[role].n_pred += len(p)
            table[role].n_gold += len(g)
    pc, gc = pred["content"], gold["content"]
    p = [x.frags for x in pc]
    g = [x.frags for x in gc]
    for kind, flag in (("direct", True), ("indirect", False)):
        for table, pairs in ((scores.split_exact, match_exact(text, p, g)),
                             (scores.split_overlap, match_overlap(p, g))):
            c = table[kind]
            c.n_pred += sum(1 for x in pc if x.direct == flag)
            c.n_gold += sum(1 for x in gc if x.direct == flag)
            # a match counts for the class of each side: gold class for recall, predicted for precision
            c.tp += sum(1 for i, j in pairs if gc[j].direct == flag)
            c.tp_pred = (c.tp_pred or 0) + sum(1 for i, j in pairs if pc[i].direct == flag)
    for i, j in match_overlap(p, g):
        gs = gc[j].source
        if not gs:
            continue
        ok = int(bool(pc[i].source) and shared(pc[i].source, gs) > 0)
        for k in ("all", "direct" if gc[j].direct else "indirect"):
            scores.speaker[k][0] += ok
            scores.speaker[k][1] += 1


def evaluate(split_dir: str, metadata_tsv: str | None = None, pipeline=None, limit: int | None = None) -> Scores:
    from ..model import Document
    from ..pipeline import Pipeline
    meta = read_metadata(metadata_tsv) if metadata_tsv else {}
    nlp = pipeline or Pipeline()
    scores = Scores()
    for k, bd in enumerate(read_split(split_dir, meta)):
        if limit is not None and k >= limit:
            break
        dct = bd.dct or "2016-01-01"
        doc = nlp(Document(id=bd.name, text=bd.text, dct=dct))
        score_document(bd.text, predicted_items(doc), gold_items(bd), scores)
    return scores


def format_scores(s: Scores) -> str:
    lines = ["role      exact P   R     F1   | overlap P  R     F1   | pred  gold"]
    for role in ROLES:
        e, o = s.exact[role], s.overlap[role]
        lines.append(f"{role:<9} {_pct(e)} | {_pct(o)} | {e.n_pred:5d} {e.n_gold:5d}")
    for kind in ("direct", "indirect"):
        e, o = s.split_exact[kind], s.split_overlap[kind]
        lines.append(f"content/{kind:<8} {_pct(e)} | {_pct(o)} | {e.n_pred:5d} {e.n_gold:5d}")
    for k, (ok, tot) in s.speaker.items():
        lines.append(f"speaker accuracy ({k}): {100 * ok / tot if tot else 0:.1f}% of {tot} matched contents")
    return "\n".join(lines)


def _pct(c: Counts) -> str:
    p, r, f = c.prf()
    return f"{100 * p:5.1f} {100 * r:5.1f} {100 * f:5.1f}"


def main(split_dir: str, metadata_tsv: str, out: TextIO | None = None) -> int:
    scores = evaluate(split_dir, metadata_tsv)
    print(format_scores(scores), file=out or sys.stdout)
    return 0


if __name__ == "__main__":      # python -m dateline.eval.attribution SPLIT_DIR METADATA_TSV
    import argparse
    ap = argparse.ArgumentParser(prog="python -m dateline.eval.attribution")
    ap.add_argument("split_dir")
    ap.add_argument("metadata_tsv")
    a = ap.parse_args()
    sys.exit(main(a.split_dir, a.metadata_tsv))
