"""The working state of the entities stage for one document: the text, its quoted regions and sentence
starts, the entities found so far and their mentions. Every lookup is a bisection or a dict read, so the
passes stay linear in the length of the document."""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right, insort

from .._quotemarks import find_regions

# a mention while the stage works: (start, end, label, kind, entity index or None, quoted)
START, END, LABEL, KIND, ENT, QUOTED = range(6)


_WORD = re.compile(r"[A-Za-z][\w’'-]*")
_PUNCT = re.compile(r"[:;,()\[\]<>@|/]|\s[-–—]\s")
_SMALL = frozenset("a an the of in on at to for and or by with from as vs".split())


def headline_spans(text: str, paragraphs) -> list[tuple[int, int]]:
    """Paragraphs that read as headlines: no full stop at the end, no list punctuation inside, and four to
    fifteen words (small words aside), every one capitalized. A headline alone never makes anyone a person
    (a shorter line, a signature or a byline, may)."""
    out = []
    for p in paragraphs:
        line = text[p.start:p.end].rstrip()
        if not line or line[-1] in ".?!:;,\"”'’)" or len(line) > 200:
            continue
        if _PUNCT.search(line):
            continue                     # "Coach: Ann Lee - Analyst": a list or a signature, no headline
        words = [x for x in _WORD.findall(line) if x.lower() not in _SMALL]
        if 4 <= len(words) <= 15 and all(x[0].isupper() for x in words):
            out.append((p.start, p.end))
    return out


class Ent:
    __slots__ = ("label", "names", "gender", "age", "title", "first", "last", "nouns", "key")

    def __init__(self, label, key):
        self.label = label
        self.key = key
        self.names: list[str] = []
        self.gender = None
        self.age = None
        self.title = None
        self.first = None
        self.last = None
        self.nouns: frozenset[str] | set[str] = frozenset()     # a set once a role noun is known

    def add_noun(self, noun: str) -> None:
        if not self.nouns:
            self.nouns = set()
        self.nouns.add(noun)



class PersonIndex:
    """A person's first and last names -> their mentions, (start, entity) in text order: those of the
    full-name pass, then those of the single-word pass (each list grows at its end, but for headlines)."""

    def __init__(self):
        self.full: dict[str, list[tuple[int, int]]] = {}
        self.late: dict[str, list[tuple[int, int]]] = {}

    def __contains__(self, tok: str) -> bool:
        return tok in self.full or tok in self.late

    def add(self, e: Ent, start: int, ei: int, late: bool) -> None:
        table = self.late if late else self.full
        for tok in dict.fromkeys(t for t in (e.first, e.last) if t):
            insort(table.setdefault(tok, []), (start, ei))     # at the end but for headline names

    def match(self, tok: str, pos: int):
        """The person whose mention is the last before ``pos``, else the one mentioned first."""
        lists = [x for x in (self.full.get(tok), self.late.get(tok)) if x]
        if not lists:
            return None
        before = [x[bisect_left(x, (pos, -1)) - 1] for x in lists if x[0][0] < pos]
        return max(before)[1] if before else min(x[0] for x in lists)[1]


class Work:
    def __init__(self, doc):
        self.otext = doc.text
        self.text = doc.text.replace("\xa0", " ") if "\xa0" in doc.text else doc.text   # same length
        self.regions, _ = find_regions(self.text, doc.paragraphs)
        self.rstarts = [r.start for r in self.regions]
        self.sstarts = [s.start for s in doc.sentences] or [0]
        self.dct = doc.dct
        self.dates = {t.start: t.value for t in doc.timexes if t.type == "DATE" and t.value}   # start -> value
        self.ents: list[Ent] = []
        self.mentions: list[tuple] = []
        self.by_key: dict = {}
        self.people = PersonIndex()
        self.learned = False                          # names chosen by the mention model
        self.org_words: set[str] = set()              # words and beginnings of the document's organisations
        self.headlines = headline_spans(self.text, doc.paragraphs)
        self.hstarts = [a for a, _ in self.headlines]

    def in_quote(self, i: int):
        k = bisect_right(self.rstarts, i) - 1
        if k >= 0 and self.regions[k].start <= i < self.regions[k].end:
            return self.regions[k]
        return None

    def in_headline(self, i: int) -> bool:
        k = bisect_right(self.hstarts, i) - 1
        return k >= 0 and i < self.headlines[k][1]

    def sent(self, i: int) -> int:
        return max(0, bisect_right(self.sstarts, i) - 1)

    def new_ent(self, label, key) -> int:
        self.ents.append(Ent(label, key))
        self.by_key[key] = len(self.ents) - 1
        return len(self.ents) - 1

    def named_ent(self, label, key) -> int:
        """The entity of ``key``, made when new."""
        ei = self.by_key.get(key)
        return self.new_ent(label, key) if ei is None else ei

    def add_mention(self, s, e, label, kind, ei, quoted=False) -> None:
        self.mentions.append((s, e, label, kind, ei, quoted))

    def sort_mentions(self) -> None:
        self.mentions.sort(key=lambda m: m[START])
