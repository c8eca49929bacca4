"""Find quoted regions in a text: any quote-mark style, straight and curly mixed, paragraph continuation.

Used by ``entities`` (pronouns inside direct quotes are the speaker's, not the narrator's) and ``quotes``.
A region is one quotation: its content fragments (quote marks excluded), one per paragraph when a
quotation runs over several paragraphs (the journalistic convention: an unclosed quote paragraph goes on
when the next paragraph opens with a quote mark).
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

# ``, '' or one mark: written to start with a character class, so the scan skips to candidates in C
# (same matches as r"``|''|[\"“”„«»‘’']": a lone ` matches nothing, '' is taken before ')
_MARK = re.compile(r"[\"“”„«»‘’'`](?:(?<=`)`|(?<=')'?|(?<=[\"“”„«»‘’]))")
_DOUBLE = frozenset(['``', "''", '"', "“", "”", "„", "«", "»"])
_OPEN_GLYPH = frozenset(["``", "“", "„", "«", "‘"])
_CLOSE_GLYPH = frozenset(["''", "”", "»", "’"])
_BEFORE_OPEN = frozenset(" \t\n\r([{—–-/:")
_AFTER_CLOSE = frozenset(" \t\n\r.,;:!?)]}—–-/…")
_MARK_CHARS = frozenset("\"“”„«»‘’'`")
_NESTED_CLOSE_CURLY = re.compile(r"[”»]")
_NESTED_CLOSE_STRAIGHT = re.compile(r"(?<=\S)(?:\"|'')")


@dataclass(frozen=True, slots=True)
class Region:
    fragments: tuple[tuple[int, int], ...]     # content, marks excluded, whitespace trimmed
    start: int                                 # the opening mark
    end: int                                   # just after the closing mark
    double: bool

    @property
    def first(self) -> int:
        return self.fragments[0][0]

    @property
    def last(self) -> int:
        return self.fragments[-1][1]


def _orient(text: str, i: int, j: int, mark: str) -> int:
    """+1 opener, -1 closer, 0 not a quote mark (apostrophe or unknown)."""
    p = text[i - 1] if i > 0 else "\n"
    n = text[j] if j < len(text) else "\n"
    single = mark not in _DOUBLE
    if single and p.isalnum() and (n.isalnum()):
        return 0                                  # don't, O'Malley
    if single and n.isdigit() and mark != "‘":
        return 0                                  # ’90s
    can_open = (p in _BEFORE_OPEN or p in _MARK_CHARS) and not n.isspace()
    can_close = not p.isspace() and (n in _AFTER_CLOSE or n in _MARK_CHARS)
    if can_open and can_close:
        if mark in _OPEN_GLYPH:
            return 1
        if mark in _CLOSE_GLYPH:
            return -1
        return 1 if p in _BEFORE_OPEN else -1
    if can_open:
        if single and mark == "’" and p.isalpha():
            return 0
        return 1
    if can_close:
        if single and mark == "‘":
            return 0
        return -1
    return 0


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


_LAST: list = [None]    # [(text, paragraphs, their spans, result)]: entities and quotes ask in turn


def find_regions(text: str, paragraphs) -> tuple[list[Region], list[str]]:
    """Quoted regions in text order, and coded warnings for unbalanced marks.

    The result depends on its arguments only; the last one is remembered because the ``entities`` and
    ``quotes`` stages ask for the same document one after the other (callers never mutate it). The same
    paragraphs object (a document's tuple, passed on by every stage) is the same key without rebuilding it.
    The memo is one tuple, read and replaced whole, so threads sharing a pipeline never mix two documents'."""
    last = _LAST[0]
    if last is not None and (last[0] is text or last[0] == text) and (
            last[1] is paragraphs or last[2] == tuple((p.start, p.end) for p in paragraphs)):
        regions, warnings = last[3]
        return list(regions), list(warnings)
    result = _find_regions(text, paragraphs)
    _LAST[0] = (text, paragraphs, tuple((p.start, p.end) for p in paragraphs), (tuple(result[0]), tuple(result[1])))
    return result


def _find_regions(text: str, paragraphs) -> tuple[list[Region], list[str]]:
    marks = []
    for m in _MARK.finditer(text):
        o = _orient(text, m.start(), m.end(), m.group())
        if o:
            marks.append((m.start(), m.end(), o, m.group() in _DOUBLE))
    if not marks:
        return [], []
    scan = _Scan(text, paragraphs)
    for (i, j, o, double) in marks:
        if i < scan.skip_until:
            continue
        if double:
            scan.double(i, j, o)
        elif scan.d_open is None:               # single marks: ignored inside a double quotation
            scan.single(i, j, o)
    if scan.d_open is not None:
        scan.warnings.append(f"DL310: unclosed quote mark at {scan.d_open[0]}")
    scan.regions.sort(key=lambda r: r.start)
    return scan.regions, scan.warnings


class _Scan:
    """The state of one left-to-right scan over the quote marks of a text."""

    def __init__(self, text: str, paragraphs):
        self.text = text
        self.pstarts = [p.start for p in paragraphs] or [0]
        self.pends = [p.end for p in paragraphs] or [len(text)]
        self.regions: list[Region] = []
        self.warnings: list[str] = []
        self.d_open = None          # double marks: (mark start, content start, paragraph, fragments)
        self.s_open = None          # single marks (no paragraph continuation): (mark start, content start, paragraph)
        self.skip_until = -1

    def para(self, i: int) -> int:
        return max(0, bisect_right(self.pstarts, i) - 1)

    def starts_with_opener(self, k: int) -> int | None:
        """If paragraph k opens with a double opening mark, the index just after it."""
        if k >= len(self.pstarts):
            return None
        m = _MARK.match(self.text, self.pstarts[k])
        if m and m.group() in _DOUBLE and _orient(self.text, m.start(), m.end(), m.group()) == 1:
            return m.end()
        return None

    def double(self, i: int, j: int, o: int) -> None:
        if self.d_open is not None and self.para(i) != self.d_open[2]:
            if self._continue_paragraphs(i):
                return                              # this mark opened the continuation paragraph
        if self.d_open is None:
            if o == 1:
                self.d_open = (i, j, self.para(i), [])
                self.s_open = None
            return
        if o == -1:
            mstart, cstart, k, frags = self.d_open
            frag = _trim(self.text, cstart, i)
            frags = [f for f in frags + [frag] if f[1] > f[0]]
            if frags:
                self.regions.append(Region(tuple(frags), mstart, j, True))
            self.d_open = None
        else:
            self._second_opener(i, j)

    def _continue_paragraphs(self, i: int) -> bool:
        """An open quotation reaches a mark in a later paragraph: carry it over each paragraph that opens
        with a quote mark (or close it with a warning). True when the mark at i opened the continuation."""
        mstart, cstart, k, frags = self.d_open
        self.d_open = None
        while k < self.para(i):
            nxt = self.starts_with_opener(k + 1)
            if nxt is None:
                self.warnings.append(f"DL310: unclosed quote mark at {mstart}")
                break
            frags = frags + [_trim(self.text, cstart, self.pends[k])]
            cstart, k = nxt, k + 1
        else:
            self.d_open = (mstart, cstart, k, frags)
        return self.d_open is not None and i < cstart

    def _second_opener(self, i: int, j: int) -> None:
        """A second opener in the same paragraph: a nested quotation of the other style, or a new one."""
        text = self.text
        glyph = text[i:j]
        outer = text[self.d_open[0]:self.d_open[0] + 2]
        straight = glyph in ('"', "''", "``")
        if straight != (outer[:1] == '"' or outer in ("''", "``")):
            # a quotation nested in another of the other style ("… “…” …"): skip to its closer
            close = _NESTED_CLOSE_STRAIGHT if straight else _NESTED_CLOSE_CURLY
            cm = close.search(text, j, self.pends[min(self.para(i), len(self.pends) - 1)])
            if cm:
                self.skip_until = cm.end()
                return
        self.warnings.append(f"DL310: unclosed quote mark at {self.d_open[0]}")
        self.d_open = (i, j, self.para(i), [])

    def single(self, i: int, j: int, o: int) -> None:
        if self.s_open is not None and self.para(i) != self.s_open[2]:
            self.s_open = None
        if self.s_open is None:
            if o == 1:
                self.s_open = (i, j, self.para(i))
            return
        if o == -1:
            a, b = _trim(self.text, self.s_open[1], i)
            if b > a:
                self.regions.append(Region(((a, b),), self.s_open[0], j, False))
            self.s_open = None
        else:
            self.s_open = (i, j, self.para(i))
