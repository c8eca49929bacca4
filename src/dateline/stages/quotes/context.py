"""The per-document view every quote function works on, and the small patterns several of them share."""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from ...model import Document, Mention
from .._quotemarks import find_regions
from .rules import QuoteRules

_WORD = re.compile(r"[A-Za-z0-9][\w’'-]*")
QUOTE_CHARS = re.compile(r"[“”\"]")


def words(s: str) -> int:
    """Word count, looking at the first 120 characters only (callers compare with small numbers)."""
    return len(_WORD.findall(s, 0, 120))


@dataclass(frozen=True, slots=True)
class DocContext:
    """One document as the quote rules see it: the text (no-break spaces made plain, same offsets), its
    sentences, mentions and quoted regions, sorted and indexed by start."""
    rules: QuoteRules
    doc: Document
    otext: str                  # the original text (record texts are cut from it)
    text: str                   # the text searched
    low: str                    # the text in lower case (for ``may_match``)
    n: int
    regions: list               # quoted regions (``_quotemarks.Region``), in text order
    rstarts: list[int]
    sents: tuple
    sstarts: list[int]
    ments: list[Mention]        # sorted by start
    mstarts: list[int]
    timexes: list               # sorted by start
    tstarts: list[int]
    ents: dict

    def may_match(self, name):
        """Can the rare pattern ``name`` match here? False when the text holds none of the strings each of its
        matches holds (``QuoteRules.required``): its scan finds nothing then."""
        keys, low = self.rules.required[name], self.low
        return keys is None or any(k in low for k in keys)

    def sent_of(self, i):
        return max(0, bisect_right(self.sstarts, i) - 1)

    def para(self, i):
        return para_of(self.doc, i)

    def mentions_in(self, a, b):
        """The mentions that lie in [a, b)."""
        return _within(self.ments, self.mstarts, a, b)

    def timexes_in(self, a, b):
        """The time expressions that lie in [a, b)."""
        return _within(self.timexes, self.tstarts, a, b)

    def mention_ending(self, e):
        ments = self.ments
        k = bisect_right(self.mstarts, e) - 1
        while k >= 0 and ments[k].start >= e - 80:
            if ments[k].end == e:
                return ments[k]
            k -= 1
        return None

    def trim(self, a, b):
        text = self.text
        while a < b and text[a] in " \t\n":
            a += 1
        while b > a and text[b - 1] in " \t\n.,;:":
            b -= 1
        return a, b

    def inside_region(self, a, b):
        """Does any quoted region start inside [a, b)?"""
        k = bisect_right(self.rstarts, a - 1)
        return k < len(self.regions) and self.regions[k].start < b


def _within(items, starts, a, b):
    """The items (sorted by start, with ``starts``) that lie in [a, b)."""
    k = bisect_right(starts, a - 1)
    out = []
    while k < len(items) and items[k].start < b:
        if items[k].end <= b:
            out.append(items[k])
        k += 1
    return out


def doc_context(doc: Document, rules: QuoteRules) -> tuple[DocContext, list]:
    """The document's context and the warnings of the quote-mark scan."""
    otext = doc.text
    text = otext.replace("\xa0", " ") if "\xa0" in otext else otext    # same length: offsets hold
    regions, warnings = find_regions(text, doc.paragraphs)
    sents = doc.sentences
    ments = sorted(doc.mentions, key=lambda m: m.start)
    timexes = sorted(doc.timexes, key=lambda t: t.start)
    ctx = DocContext(
        rules=rules, doc=doc, otext=otext, text=text, low=text.lower(), n=len(text),
        regions=regions, rstarts=[x.start for x in regions],
        sents=sents, sstarts=[s.start for s in sents] or [0],
        ments=ments, mstarts=[m.start for m in ments],
        timexes=timexes, tstarts=[t.start for t in timexes],
        ents={e.id: e for e in doc.entities})
    return ctx, warnings


class SpanIndex:
    """Is a position inside one of these spans (sorted by start)? ``nested``: spans may hold each other."""
    __slots__ = ("starts", "ends")

    def __init__(self, spans, nested=False):
        self.starts = [a for a, _ in spans]
        if nested:
            self.ends = []
            top = -1
            for _, b in spans:                       # running maximum
                top = max(top, b)
                self.ends.append(top)
        else:
            self.ends = [b for _, b in spans]

    def holds(self, i):
        k = bisect_right(self.starts, i) - 1
        return k >= 0 and i < self.ends[k]


def para_of(doc, i):
    """The index of the paragraph holding position i."""
    ps = doc.paragraphs
    lo, hi = 0, len(ps) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if ps[mid].start <= i:
            lo = mid
        else:
            hi = mid - 1
    return lo
