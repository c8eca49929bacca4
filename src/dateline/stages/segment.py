"""Paragraphs and sentences, with news abbreviations (Sept., Mr., U.S., a.m.) kept inside sentences."""
from __future__ import annotations

import re
from itertools import starmap

from ..model import Document, Paragraph, Sentence
from .registry import stage

_BLANK = re.compile(r"\n[ \t\r\f\v]*\n\s*")
_INDENT = re.compile(r"\n(?=[ \t]{2,}\S)\s*")
_NEWLINE = re.compile(r"\n\s*")
# candidate sentence ends: . ! ? (or …) then optional closing quotes/brackets, then whitespace
_END = re.compile(r"""([.!?…]+)(["'”’)\]]*)(\s+)(?=["'“‘(\[]?[A-Z0-9])""")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)$")
_NEXT_WORD = re.compile(r"""["'“‘(\[]?([A-Za-z]+)""")


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    if "\n" not in text:
        seps = None
    elif _BLANK.search(text):
        seps = _BLANK
    elif _INDENT.search(text):
        seps = _INDENT
    else:
        seps = _NEWLINE
    spans = []
    pos = 0
    if seps is not None:
        for m in seps.finditer(text):
            spans.append((pos, m.start()))
            pos = m.end()
    spans.append((pos, len(text)))
    out = []
    for a, b in spans:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            out.append((a, b))
    return out


def make_splitter(abbrev: dict[str, str], starters: frozenset[str], zones: frozenset[str]):
    def is_boundary(text: str, m: re.Match, pstart: int) -> bool:
        punct = m.group(1)
        if punct != ".":
            return True
        if m.group(2):                       # ." closes a quotation: a sentence ends there
            return True
        w = _WORD_BEFORE.search(text, max(pstart, m.start() - 20), m.start())
        if not w:
            return True
        word = w.group(1).lower()
        if len(word) == 1 and word.isalpha():          # an initial: "J. Smith"
            return False
        kind = abbrev.get(word)
        if kind is None and "." in word:
            kind = abbrev.get(word.rsplit(".", 1)[-1])
        if kind is None:
            return True
        if kind not in ("end", "time"):
            return False
        nxt = _NEXT_WORD.match(text, m.end())
        if not nxt:
            return False
        if kind == "time":
            return nxt.group(1).lower() not in zones
        return nxt.group(1).lower() in starters

    def split(text: str, paras: list[tuple[int, int]]) -> list[tuple[int, int, int]]:
        """(start, end, paragraph index) of every sentence of the paragraphs."""
        out = []
        for i, (a, b) in enumerate(paras):
            start = a
            for m in _END.finditer(text, a, b):
                if is_boundary(text, m, a):
                    end = m.end(2)
                    if end > start:
                        out.append((start, end, i))
                    start = m.end()
            if b > start:
                out.append((start, b, i))
        return out
    return split


@stage("segment", requires={"text"}, assigns={"paragraphs", "sentences"})
def make_segment(settings, res):
    split = make_splitter(res.lexicon("abbreviation"), res.words("sentence_starter"),
                          res.words("time_zone_word"))

    def segment(doc: Document) -> Document:
        paras = paragraph_spans(doc.text)
        return doc.replace(paragraphs=tuple(starmap(Paragraph, paras)),
                           sentences=tuple(starmap(Sentence, split(doc.text, paras))))
    return segment
