"""Timeline summarisation metrics (Martschat & Markert 2017, 2018), as tilse computes them and
news-tls reports them: date F1, and ROUGE-1/2 precision, recall and F1 under three ways of pairing
the daily summaries of a predicted timeline with those of a reference timeline.

- **concat**: every sentence of each timeline in one text, scored once (dates ignored);
- **agreement**: the summaries of a date the two timelines share are compared; a date only one has
  counts its n-grams against nothing;
- **align+ m:1**: each predicted date is paired with the reference date of least cost (and, for
  recall, each reference date with the predicted date of least cost), the cost being
  ``(1 - 1/(|days apart| + 1)) * (1 - approximate ROUGE-1 F1)``; the hits of a pair are weighted by
  ``1/(|days apart| + 1)``. Several predicted dates may share one reference date (many-to-one).

A timeline is ``{"YYYY-MM-DD": ["sentence", ...]}``; sentences are whitespace-tokenised text (the
approximate ROUGE-1 of the costs splits on spaces and drops punctuation tokens, as tilse does; the
ROUGE counts themselves use ``rouge.tokens``). Micro-averaged: the numerators and denominators of all
pairs are summed before dividing.
"""
from __future__ import annotations

import datetime as _dt
import string
from collections import Counter
from typing import Mapping, Sequence

from . import rouge

Timeline = Mapping[str, Sequence[str]]
MEASURES = (1, 2)


def f_score(p: float, r: float) -> float:
    return 0.0 if p + r == 0 else 2 * p * r / (p + r)


def date_scores(pred: Timeline, ref: Timeline) -> dict[str, float]:
    """Precision, recall and F1 of the predicted dates against the reference dates."""
    shared = len(set(pred) & set(ref))
    p = shared / len(pred) if pred else 0.0
    r = shared / len(ref) if ref else 0.0
    return {"precision": p, "recall": r, "f1": f_score(p, r)}


class _Sums:
    """Numerators and denominators of precision and recall, per ROUGE order."""

    def __init__(self) -> None:
        self.pn = {n: 0.0 for n in MEASURES}
        self.pd = {n: 0 for n in MEASURES}
        self.rn = {n: 0.0 for n in MEASURES}
        self.rd = {n: 0 for n in MEASURES}

    def result(self) -> dict[str, dict[str, float]]:
        out = {}
        for n in MEASURES:
            p = self.pn[n] / self.pd[n] if self.pd[n] else 0.0
            r = self.rn[n] / self.rd[n] if self.rd[n] else 0.0
            out[f"rouge_{n}"] = {"precision": p, "recall": r, "f1": f_score(p, r)}
        return out


def concat(pred: Timeline, ref: Timeline) -> dict:
    s = _Sums()
    ps = [x for d in sorted(pred) for x in pred[d]]
    rs = [x for d in sorted(ref) for x in ref[d]]
    for n in MEASURES:
        hit, pc, mc = rouge.counts(ps, rs, n)
        s.pn[n], s.pd[n], s.rn[n], s.rd[n] = hit, pc, hit, mc
    return s.result()


def agreement(pred: Timeline, ref: Timeline) -> dict:
    s = _Sums()
    for d in set(pred) | set(ref):
        for n in MEASURES:
            hit, pc, mc = rouge.counts(pred.get(d, ()), ref.get(d, ()), n)
            if d in pred:
                s.pn[n] += hit
                s.pd[n] += pc
            if d in ref:
                s.rn[n] += hit
                s.rd[n] += mc
    return s.result()


def align_m1(pred: Timeline, ref: Timeline) -> dict:
    """align+ m:1: many-to-one alignment by date distance and content, hits weighted by distance."""
    s = _Sums()
    pdates, rdates = sorted(pred), sorted(ref)
    if not pdates or not rdates:
        for n in MEASURES:
            s.pd[n] = sum(rouge.counts(pred[d], (), n)[1] for d in pdates)
            s.rd[n] = sum(rouge.counts((), ref[d], n)[2] for d in rdates)
        return s.result()
    pord = [_ordinal(d) for d in pdates]
    rord = [_ordinal(d) for d in rdates]
    papprox = [_approx_counts(pred[d]) for d in pdates]
    rapprox = [_approx_counts(ref[d]) for d in rdates]
    content = [[_approx_f1(pa, ra) for ra in rapprox] for pa in papprox]
    for i, d in enumerate(pdates):               # precision: each predicted date to its cheapest reference date
        j = _argmin([(1 - 1 / (abs(pord[i] - rord[j]) + 1)) * (1 - content[i][j]) for j in range(len(rdates))])
        w = 1 / (abs(pord[i] - rord[j]) + 1)
        for n in MEASURES:
            hit, pc, _ = rouge.counts(pred[d], ref[rdates[j]], n)
            s.pn[n] += w * hit
            s.pd[n] += pc
    for j, d in enumerate(rdates):               # recall: each reference date to its cheapest predicted date
        i = _argmin([(1 - 1 / (abs(pord[i] - rord[j]) + 1)) * (1 - content[i][j]) for i in range(len(pdates))])
        w = 1 / (abs(pord[i] - rord[j]) + 1)
        for n in MEASURES:
            hit, _, mc = rouge.counts(pred[pdates[i]], ref[d], n)
            s.rn[n] += w * hit
            s.rd[n] += mc
    return s.result()


def all_scores(pred: Timeline, ref: Timeline) -> dict:
    """Every metric of one predicted timeline against one reference timeline."""
    return {"dates": date_scores(pred, ref), "concat": concat(pred, ref),
            "agreement": agreement(pred, ref), "align_m1": align_m1(pred, ref)}


def _ordinal(d: str) -> int:
    return _dt.date.fromisoformat(d[:10]).toordinal()


def _argmin(xs: list[float]) -> int:
    best = 0
    for i, x in enumerate(xs):
        if x < xs[best]:
            best = i
    return best


def _approx_counts(sents: Sequence[str]) -> Counter:
    """tilse's approximation: whitespace tokens, case kept, punctuation tokens dropped."""
    c: Counter = Counter()
    for s in sents:
        c.update(k for k in s.split() if k not in string.punctuation)
    return c


def _approx_f1(pred: Counter, ref: Counter) -> float:
    match = sum(min(c, ref[t]) for t, c in pred.items() if t in ref)
    pd, rd = sum(pred.values()), sum(ref.values())
    p = match / pd if pd else 0.0
    r = match / rd if rd else 0.0
    return f_score(p, r)
