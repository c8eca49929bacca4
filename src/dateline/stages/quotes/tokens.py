"""Token view of the paragraphs the learned decisions look at: arrays built once per paragraph, shared by
every cue candidate in it (no per-token objects)."""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from itertools import accumulate

_TOK = re.compile(r"\w+(?:[’'\-]\w+)*|[^\w\s]")
_MARKS = frozenset("\"“”‘’'«»`")
_SHAPES = {c: "l" for c in "abcdefghijklmnopqrstuvwxyz"} | {c: "d" for c in "0123456789"} | {
    c: ("q" if c in "\"“”‘’'«»`" else "p") for c in ",.;:!?()[]{}—–-/&%$#@*+=<>|~^_…"}


def _sentence_of(sstarts, starts):
    """The sentence index of each token start (both sorted): one merge pass."""
    n = len(sstarts)
    out, k = [], max(0, bisect_right(sstarts, starts[0]) - 1) if starts else 0
    for a in starts:
        while k + 1 < n and sstarts[k + 1] <= a:
            k += 1
        out.append(k)
    return out


def _inside(spans, starts):
    """Is each token start (sorted) inside one of the spans (a ``SpanIndex`` of quoted regions)? One merge pass."""
    ss, es = spans.starts, spans.ends
    n = len(ss)
    k = bisect_right(ss, starts[0]) - 1 if starts else -1
    out = []
    for a in starts:
        while k + 1 < n and ss[k + 1] <= a:
            k += 1
        out.append(k >= 0 and a < es[k])
    return out


def shape(w: str) -> str:
    """A coarse shape: punctuation, digit, all caps, capitalized, lower."""
    c = w[0]
    if not c.isalnum():
        return "q" if c in _MARKS else "p"
    if c.isdigit():
        return "d"
    if c.isupper():
        return "A" if len(w) > 1 and w.isupper() else "C"
    return "l"


class ParaTokens:
    """The tokens of one paragraph ``[start, end)``: starts, ends, lower-cased words, shapes, the sentence
    index of each token, whether each lies inside a quoted region, and mention boundaries."""

    __slots__ = ("start", "end", "starts", "ends", "low", "shp", "sent", "inq", "m_end", "m_start", "n", "timex", "_bounds",
                 "lowp", "shpp", "qpre", "cpre", "quotes")

    def __init__(self, ctx, start: int, end: int, quoted):
        text = ctx.text
        self.start, self.end = start, end
        words = _TOK.findall(text, start, end)
        starts, pos = [], start
        for w in words:                              # the tokens in order: find each after the last
            pos = text.index(w, pos)
            starts.append(pos)
            pos += len(w)
        self.starts = starts
        self.ends = [a + len(w) for a, w in zip(starts, words)]
        self.low = [w.lower() for w in words]
        self.shp = [_SHAPES.get(w[0]) or shape(w) for w in words]
        self.n = len(words)
        self.sent = _sentence_of(ctx.sstarts, starts)
        self.inq = _inside(quoted, starts) if ctx.regions else [False] * self.n
        self._bounds = None
        self.lowp = ["<s>", "<s>", *self.low, "<s>", "<s>", "<s>"]   # padded: lowp[i + 2] is token i or "<s>"
        self.shpp = ["<s>", "<s>", *self.shp, "<s>", "<s>", "<s>"]
        # quote marks / commas before token i
        self.qpre = list(accumulate([sh == "q" for sh in self.shp], initial=0))
        self.cpre = list(accumulate([w == "," for w in self.low], initial=0))
        self.quotes = None                                       # (opening marks, opening -> closing), on demand
        self.timex: set[int] = set()                # token indices inside a time expression
        for t in ctx.timexes_in(start, end):
            i, j = self.index_at(t.start), self.index_before(t.end)
            if i is not None and j is not None:
                self.timex.update(range(i, j + 1))
        self.m_end: dict[int, object] = {}          # token index of a mention's last token -> mention
        self.m_start: dict[int, object] = {}        # token index of a mention's first token -> mention
        for m in ctx.mentions_in(start, end):
            i, j = self.index_at(m.start), self.index_before(m.end)
            if i is not None and j is not None and j >= i:
                self.m_start.setdefault(i, m)
                self.m_end[j] = m

    def index_at(self, pos: int) -> int | None:
        """The token starting at pos (or holding it)."""
        k = bisect_right(self.starts, pos) - 1
        if 0 <= k < self.n and self.starts[k] <= pos < self.ends[k]:
            return k
        k = bisect_left(self.starts, pos)
        return k if k < self.n else None

    def index_before(self, pos: int) -> int | None:
        """The last token ending at or before pos."""
        k = bisect_right(self.ends, pos) - 1
        return k if k >= 0 else None

    def sentence_range(self, i: int) -> tuple[int, int]:
        """The token indices [first, last + 1) of the sentence holding token i."""
        bounds = self._bounds
        if bounds is None:
            bounds = self._bounds = {}
            sent, n = self.sent, self.n
            a = 0
            for k in range(1, n + 1):
                if k == n or sent[k] != sent[a]:
                    bounds[sent[a]] = (a, k)
                    a = k
        return bounds[self.sent[i]]


def paragraph_tokens(ctx, cache: dict, pos: int, quoted) -> ParaTokens:
    """The token view of the paragraph holding pos (built once per paragraph; ``cache`` is per document)."""
    pstarts = cache.get("pstarts")
    if pstarts is None:
        pstarts = cache["pstarts"] = [par.start for par in ctx.doc.paragraphs]
    p = max(0, bisect_right(pstarts, pos) - 1)           # as ctx.para(pos)
    got = cache.get(p)
    if got is None:
        if ctx.doc.paragraphs:
            par = ctx.doc.paragraphs[p]
            got = ParaTokens(ctx, par.start, par.end, quoted)
        else:
            got = ParaTokens(ctx, 0, ctx.n, quoted)
        cache[p] = got
    return got
