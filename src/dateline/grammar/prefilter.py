"""Exact tests that a rule cannot match inside a window, cheaper than running the rule.

Every match of a rule contains its mandatory parts: literal strings (``analysis.required_strings``: "ago", or one
of "first|second|1st|2nd") and named groups (``analysis.mandatory_parts``). Such a string must then occur in the
window's text, and a group over one lexicon (``{month}``, whose pattern is exactly the alternation of the
lexicon's surfaces) must find one of those surfaces there. When a test fails, the rule's full pattern need not
run: it would find nothing. The tests are necessary conditions, so the hits are exactly those of running every
rule: the string test is a substring test on the lower-cased window, made only when the window is ASCII (where
lower-casing is exactly the engine's case folding); the lexicon test runs the lexicon's alternation with
``re.I`` over the window itself (whatever the rule's case flags, the surface its group matched is found).
"""
from __future__ import annotations

import re
from typing import Iterable

from . import regex as rx
from .analysis import mandatory_parts, required_strings
from .trie import trie_alternation


class Prefilter:
    def __init__(self, rules: Iterable, lexicon_alternation):
        """``lexicon_alternation(name)``: the regex alternation the rules' ``{name}`` groups use."""
        self.strings: dict = {}                        # rule -> clauses: one string of each is in every match
        self.lexicons: dict = {}                       # rule -> lexicons every match has a surface of
        self.present: dict[str, re.Pattern] = {}
        for r in rules:
            self.strings[r] = tuple(frozenset(c) for c in required_strings(r.regex))
            parts = mandatory_parts(r.regex)
            lexes = sorted({r.group_lex[g] for g in parts if g in r.lexicon_groups})
            self.lexicons[r] = tuple(lexes)
            for lex in lexes:
                if lex not in self.present:
                    self.present[lex] = rx.compile(lexicon_alternation(lex), re.I)
        every = sorted({s for clauses in self.strings.values() for c in clauses for s in c})
        # one pass over a window finds, at each position, the longest string starting there; the shorter ones
        # starting there are its prefixes, so "the strings inside the one found" completes the set
        self.scan = rx.compile("(?=(" + trie_alternation(every) + "))") if every else None
        inside = rx.memo("inside", "\n".join(every), 0, lambda: {t: [s for s in every if s in t] for t in every})
        self.inside = {t: frozenset(ss) for t, ss in inside.items()}

    def strings_in(self, low: str) -> set[str]:
        """Every required string that occurs in ``low``."""
        found: set[str] = set()
        inside = self.inside
        for m in self.scan.finditer(low):
            found |= inside[m.group(1)]
        return found

    def keep(self, text: str, a: int, b: int, rules: Iterable) -> list:
        """The ``rules`` that may match inside ``text[a:b]``."""
        seg = text[a:b]
        found = self.strings_in(seg.lower()) if self.scan is not None and seg.isascii() else None
        seen: dict[str, bool] = {}
        out = []
        for r in rules:
            if found is not None and any(found.isdisjoint(c) for c in self.strings[r]):
                continue
            if all(self._has(lex, text, a, b, seen) for lex in self.lexicons[r]):
                out.append(r)
        return out

    def _has(self, lex: str, text: str, a: int, b: int, seen: dict[str, bool]) -> bool:
        got = seen.get(lex)
        if got is None:
            got = seen[lex] = self.present[lex].search(text, a, b) is not None
        return got
