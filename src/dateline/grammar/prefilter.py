"""Exact tests that a rule cannot match inside a window, cheaper than running the rule.

Every match of a rule contains its mandatory parts: literal strings (``analysis.required_strings``: "ago", or one
of "first|second|1st|2nd") and named groups (``analysis.mandatory_parts``). A group over one lexicon (``{month}``)
is exactly the alternation of the lexicon's surfaces, so one of them is in the match too. Each such part is a
*clause*: a set of strings one of which every match contains. One pass over a window finds the strings that
occur in it, hence the clauses it satisfies; a rule whose clauses are not all satisfied would find nothing and
does not run. The test is a necessary condition, so the hits are exactly those of running every rule.

It is made on the lower-cased window only when the window is ASCII, where lower-casing is exactly the regex
engine's case folding (otherwise every rule runs); strings that are not ASCII or shorter than two characters
never make a clause (a lexicon with one such surface gives none), since they could fold onto ASCII text.
"""
from __future__ import annotations

from typing import Iterable

from . import regex as rx
from .analysis import mandatory_parts, required_strings
from .trie import trie_alternation


class Prefilter:
    def __init__(self, rules: Iterable, lexicon):
        """``lexicon(name)``: the surfaces of the lexicon the rules' ``{name}`` groups alternate over."""
        ids: dict[frozenset, int] = {}                 # clause -> its number
        self.needs: dict = {}                          # rule -> the numbers of its clauses
        for r in rules:
            clauses = [frozenset(c) for c in required_strings(r.regex)]
            for g in sorted(mandatory_parts(r.regex) & r.lexicon_groups):
                surfaces = frozenset(lexicon(r.group_lex[g]))
                if surfaces and all(len(s) >= 2 and s.isascii() for s in surfaces):
                    clauses.append(surfaces)
            self.needs[r] = frozenset(ids.setdefault(c, len(ids)) for c in clauses)
        every = sorted({s for c in ids for s in c})
        # at each position of the lower-cased window, the longest string that starts there; the one character
        # the pattern takes moves the scan on (as an empty match would) and lets the engine skip to the
        # positions where a string can start (case-sensitive: the window is lower-cased)
        self.scan = rx.compile_starting("(?=(" + trie_alternation(every) + "))(?s:.)", 0,
                                        "".join({s[0] for s in every})) if every else None
        by_string: dict[str, list[int]] = {}
        for c, i in ids.items():
            for s in c:
                by_string.setdefault(s, []).append(i)
        # at each position the scan finds the longest string starting there; the shorter ones starting there
        # are its prefixes: the clauses of every string inside the one found are satisfied
        inside = rx.memo("satisfies", "\n".join(f"{s}\t{sorted(i)}" for s, i in sorted(by_string.items())), 0,
                         lambda: _satisfies(by_string))
        self.satisfies = inside                        # string -> clause numbers (lists: the cache's own, read-only)

    def keep(self, text: str, a: int, b: int, rules: Iterable) -> Iterable:
        """The ``rules`` that may match inside ``text[a:b]``."""
        seg = text[a:b]
        if self.scan is None or not seg.isascii():
            return rules
        ok = self.satisfied(seg.lower(), 0, b - a)
        needs = self.needs
        return [r for r in rules if needs[r] <= ok]

    def satisfied(self, low: str, a: int, b: int) -> set[int]:
        """The clauses ``low[a:b]`` satisfies; ``low`` is lower-cased text, ASCII in ``[a, b)``."""
        if self.scan is None:
            return set()                             # no rule has a clause
        return set().union(*map(self.satisfies.__getitem__, self.scan.findall(low, a, b)))


def _satisfies(by_string: dict[str, list[int]]) -> dict[str, list[int]]:
    """string -> the clauses satisfied by the text of the string (those of every string inside it)."""
    out = {}
    for t in by_string:
        got = {i for a in range(len(t)) for b in range(a + 2, len(t) + 1) for i in by_string.get(t[a:b], ())}
        out[t] = sorted(got)
    return out
