"""The tense of the clause around a timex, for anchoring (read by ``timex_extract``; the markers are the
lexicons named in ``rules/timex.yaml`` under ``tense:``, among them the verb forms from UD English EWT)."""
from __future__ import annotations

import bisect
import itertools
import re
from typing import Any, Mapping

from ..grammar import regex as rx
from ..grammar.analysis import ascii_first
from ..grammar.matcher import trie_alternation


def make_tense(cfg: Mapping[str, Any], res) -> "Tense":
    return Tense(cfg, res)


class Tense:
    """The tense of the clause around a timex, from the tense markers of its sentence.

    - a marker right next to the timex ("said Friday", "met on Monday", "Friday announced") decides, and so
      does a past reporting verb a few words before it ("told reporters on Monday");
    - otherwise the nearest marker wins, a future one ("will", "would") with a head start of ``future_bonus``
      characters, but only inside the timex's own clause: a marker across a clause barrier (``barrier``: a
      "that"-clause, a quotation mark, a semicolon) counts ``barrier_penalty`` characters farther and gets
      no head start, so "said on Monday that taxes would rise" stays in the past.
    """

    def __init__(self, cfg: Mapping[str, Any], res):
        lex = self.lex = {k: v for name in reversed(cfg["lexicons"]) for k, v in res.lexicon(name).items()}
        self.not_past = frozenset(cfg.get("not_past", ()))                     # (the first lexicon wins)
        words = sorted(lex, key=len, reverse=True)
        neutral = self.neutral = cfg.get("neutral_pattern")
        self.marker = rx.compile(r"(?<![\w'])(?=[a-z'])(?:" + trie_alternation(words) + r"(?!\w)|"
                                 + (f"(?P<neutral>{neutral})|" if neutral else "")
                                 + cfg["past_pattern"] + ")", re.I)      # the lookahead skips non-letters fast
        # the same on ASCII text, told the characters its lookahead lets through (it skips the others faster)
        self.marker_ascii = rx.compile_starting(self.marker.pattern, re.I, ascii_first("(?=[a-z'])", re.I))
        self.adjacent = rx.compile(cfg.get("adjacent", r"\s*,?\s*(?:on\s+)?"), re.I)
        self.barrier = rx.compile(cfg.get("barrier", r"(?!x)x"), re.I)
        self.reporting = frozenset(cfg.get("reporting", ()))
        self.reported = rx.compile(cfg.get("reporting_gap", r"(?!x)x"), re.I)
        leads = self.leads = {w.lower(): k for k, ws in cfg.get("lead", {}).items() for w in ws}
        self.lead = rx.compile(r"(?<!\w)(" + "|".join(leads or ["(?!x)x"]) + r")\s+\Z", re.I)
        self.lead_dist = int(cfg.get("lead_distance", 0))
        self.decisive = frozenset(w.lower() for w in cfg.get("lead_decisive", ()))
        self.before_base = rx.compile(r"(?<![\w'])(?:" + "|".join(cfg.get("not_finite_before", ["to"]))
                                      + r")\s+\Z", re.I)
        self.bonus = int(cfg.get("future_bonus", 25))
        self.penalty = int(cfg.get("barrier_penalty", 60))

    def auxiliary(self, text: str, lo: int, hi: int) -> bool:
        """A future marker just before a past form: a participle ("will be held on Friday")."""
        return any(self.lex.get(m.group(0).lower()) == "FUTURE" for m in self.marker.finditer(text, lo, hi))

    def finite(self, text: str, start: int, out: list) -> bool:
        """A base form ("reopen") is a present verb only where it is finite: not right after another verb
        ("will reopen", "remained open"), "to", "not", a determiner ("the vote") or an object pronoun."""
        if out and out[-1][1] >= start - 2 and not text[out[-1][1]:start].strip():
            return False
        return self.before_base.search(text, max(0, start - 16), start) is None

    def markers(self, text: str, a: int = 0, b: int | None = None) -> list[tuple[int, int, str, str]]:
        """(start, end, PAST | FUTURE | PRESENT | NEUTRAL, word) of every tense marker in text[a:b]."""
        out: list = []
        lex, neutral = self.lex, self.neutral
        b = len(text) if b is None else b
        for m in (self.marker_ascii if text[a:b].isascii() else self.marker).finditer(text, a, b):
            w = m.group(0).lower()
            kind = "NEUTRAL" if neutral and m.group("neutral") else lex.get(w)
            if kind is None:
                if w in self.not_past:
                    continue
                kind = "PAST"
            elif kind == "BASE":
                if not self.finite(text, m.start(), out):
                    continue
                kind = "PRESENT"
            out.append((m.start(), m.end(), kind, w))
        return out

    def _lead(self, text: str, a: int, start: int) -> tuple[str, int, bool]:
        """(tense, distance, decisive) from a word right before the timex ("since March", "until March")."""
        p = self.lead.search(text, max(a, start - 12), start)
        if not p:
            return "", 10 ** 9, False
        w = p.group(1).lower()
        return self.leads[w], self.lead_dist, w in self.decisive

    def __call__(self, text: str, a: int, b: int, start: int, end: int,
                 marks: list[tuple[int, int, str, str]] | None = None) -> str:
        """PAST / FUTURE / "" for the timex [start, end) inside the sentence [a, b); ``marks`` are the
        markers of that sentence (or of more text) from ``markers``, found here when not given."""
        best, dist, decisive = self._lead(text, a, start)
        if decisive:
            return best                                          # "since March": before the clause's time
        if marks is None:
            marks, i = self.markers(text, a, b), 0
        else:
            i = bisect.bisect_left(marks, (a,))
        bonus = self.bonus
        for ms, me, kind, w in itertools.islice(marks, i, None):
            if ms >= b:
                break
            if start <= ms < end or ms < start < me:
                continue
            after = ms >= end
            if after and kind == "NEUTRAL":
                continue                    # an infinitive governs what follows it, not the timex before it
            lo, hi = (end, ms) if after else (me, start)
            d = hi - lo
            if after and d - bonus >= dist:
                break                       # farther markers cannot win any more
            if d <= 40 and self._adjacent(text, lo, hi, after, w) \
                    and not (kind == "PAST" and not after and self.auxiliary(text, max(a, ms - 20), ms)):
                return "" if kind == "NEUTRAL" else kind    # "said Friday", "met on Monday", "Friday announced"
            if d - bonus >= dist:
                continue
            if self.barrier.search(text, lo, hi):
                d += self.penalty           # another clause: "... that taxes would rise", a quotation
            elif kind == "FUTURE":
                d -= bonus                  # a future marker in the clause outweighs a nearer past verb
            if d < dist:
                best, dist = kind, d
        return "" if best == "NEUTRAL" else best

    def _adjacent(self, text: str, lo: int, hi: int, after: bool, w: str) -> bool:
        return bool(self.adjacent.fullmatch(text, lo, hi)
                    or not after and w in self.reporting and self.reported.fullmatch(text, lo, hi))
