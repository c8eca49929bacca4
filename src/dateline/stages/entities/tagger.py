"""The mention model: which spans of a capitalized run name a person, an organisation or a place.

Rules propose, the model decides. Each capitalized run (``NameClassifier.runs``) offers its sub-spans of up to
five words and the rules' own candidates; a linear model (``dateline.learn``, weights in ``resources/models/ner``) scores each
span as NONE, PERSON, ORG or GPE from the words, their shapes, the lexicons (first names, surnames, titles,
places, organisation words, proper-noun and capitalization rates), the words around it and the rules' label;
the best spans that do not overlap are kept. Features are strings; a span's inner features are cached by its
text, so a name met again costs only its context.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from pathlib import Path

from .._names import CSTART, CEND, CLABEL, CTITLE, CTITLE_START, CTOKENS, CGENDER, WRAP_LINE, hard_break
from ...grammar import regex as rxc, trie_alternation
from ...grammar.loader import resource_root

CLASSES = ("NONE", "PERSON", "ORG", "GPE")
GOLD = {"PER": "PERSON", "ORG": "ORG", "LOC": "GPE"}
MAX_SPAN = 5
MODEL_FILE = "model.bin"
_WS = re.compile(r"\S+")
_POSS = re.compile(r"['’]s?$")
_PREV = re.compile(r"([A-Za-z][\w’'&.-]*)[^\w\n]{0,3}$")
_NEXT = re.compile(r"[^\w\n]{0,3}([A-Za-z][\w’'&-]*)")
_WORD_START = re.compile(r"\b[A-Za-z]")
_UPPER_WORD = re.compile(r"\b[A-Z]{2,}\b")
_ABBREV = re.compile(r"(?:[A-Z]\.)+|[A-Z][a-z]{0,3}\.")


def model_dir(res) -> Path:
    own = Path(res.root).parent / "models" / "ner"
    return own if (own / MODEL_FILE).is_file() else resource_root() / "models" / "ner"


class Lexicons:
    """The word lists the features read, loaded once."""

    def __init__(self, res):
        self.first = res.lexicon("first_name")
        self.surname = res.lexicon("surname")
        self.titles = res.lexicon("title")
        self.gpe = res.lexicon("gpe")
        self.place = res.lexicon("place")
        self.orgs = res.lexicon("organization")
        self.company = res.lexicon("company")
        self.org_suffix = res.lexicon("org_suffix")
        self.nonperson = res.words("nonperson")
        self.person_noun = res.words("person_noun")
        self.connectors = res.words("name_connector")
        self.propn = res.lexicon("propn_rate")
        self.caps = res.lexicon("caps_rate")
        self.verbs = res.words("cue_verbs")
        self.gendered = res.lexicon("gendered_noun")
        # words that neither begin nor end a name: function and calendar words, titles, nouns for people,
        # demonyms, and words news writes in lower case (unless a name list holds them)
        self.never = self.nonperson | frozenset(self.titles) | self.person_noun | res.words("demonym")
        self.named = frozenset(self.first) | frozenset(self.surname) | frozenset(self.gpe) \
            | frozenset(self.place) | frozenset(self.orgs)

        # places written in lower case ("flights to mexico", "in san francisco"): candidates the model decides
        low = sorted(k for k in self.gpe if k.replace(" ", "").isalpha() and k not in self.nonperson
                     and self.caps.get(k, "c3") in ("c2", "c3"))
        self.lower_place = rxc.compile(rf"(?<![\w’'.@/-])(?:{trie_alternation(low)})(?![\w’'@/-])")

    def lower_places(self, text: str) -> list[tuple]:
        """Name candidates (label "?") for the places of ``gpe.tsv`` written in lower case."""
        return [(m.start(), m.end(), tuple((a.start() + m.start(), a.end() + m.start())
                                           for a in _WS.finditer(m.group())), "?", None, None, None)
                for m in self.lower_place.finditer(text)]

    def plain(self, w: str) -> bool:
        return w in self.never or (self.caps.get(w) in ("c0", "c1") and w not in self.named)


_SHAPES: dict[str, str] = {}


def shape(t: str) -> str:
    """A token's shape: C (Capitalized), A (ALL CAPS), I (an initial or an abbreviation), M (MiXed), x (lower), d
    (a digit in it), p (no letter); cached, as the same words come back."""
    got = _SHAPES.get(t)
    if got is None:
        if len(_SHAPES) > 100_000:
            _SHAPES.clear()
        got = _SHAPES[t] = _shape(t)
    return got


def _shape(t: str) -> str:
    if any(c.isdigit() for c in t):
        return "d"
    if _ABBREV.fullmatch(t) and len(t) <= 4 and t[-1] == ".":
        return "I"
    letters = [c for c in t if c.isalpha()]
    if not letters:
        return "p"
    if all(c.isupper() for c in letters):
        return "A" if len(letters) > 1 else "I"
    if letters[0].isupper():
        return "C" if all(c.islower() for c in letters[1:]) else "M"
    return "x"


def _low(t: str) -> str:
    return t.rstrip(".").lower()


class Run:
    """One capitalized run: its tokens, their words, and where each ends once stripped of a possessive or a
    sentence's full stop."""
    __slots__ = ("toks", "texts", "lows", "ends", "poss", "breaks", "shapes", "start", "end", "rules")

    def __init__(self, text: str, start: int, end: int, rules: tuple):
        self.start, self.end, self.rules = start, end, rules
        self.toks = [(m.start(), m.end()) for m in _WS.finditer(text, start, end)]
        self.texts = [text[a:b] for a, b in self.toks]
        self.ends, self.poss = [], []
        for (a, b), t in zip(self.toks, self.texts):
            p = _POSS.search(t)
            cut = b - (len(p.group()) if p and p.start() > 0 else 0)
            if text[cut - 1] == "." and not _ABBREV.fullmatch(text, a, cut):
                cut -= 1
            self.ends.append(cut)
            self.poss.append(cut < b and text[cut] != ".")
        self.lows = [_low(text[a:e]) for (a, _), e in zip(self.toks, self.ends)]
        self.breaks = [hard_break(text, b, a) for (_, b), (a, _) in zip(self.toks, self.toks[1:])]
        self.shapes = [shape(t) for t in self.texts]

    def spans(self, L: "Lexicons") -> dict[tuple[int, int], tuple]:
        """(start, end) -> (first token, last token + 1, the rules' candidate or None): the rules' candidates
        and the sub-spans that begin and end with a word that can be part of a name."""
        out: dict[tuple[int, int], tuple] = {}
        starts = [a for a, _ in self.toks]
        edge = [w not in L.connectors and not L.plain(w) for w in self.lows]
        for c in self.rules:
            i = bisect_right(starts, c[CSTART]) - 1
            j = bisect_right(starts, c[CEND] - 1)
            if j > i + 1 or edge[i]:             # a lone plain word is left to the rules ("Shares said")
                out[(c[CSTART], c[CEND])] = (i, j, c)
        n = len(self.toks)
        for i in range(n):
            if not edge[i]:
                continue
            for j in range(i + 1, min(n, i + MAX_SPAN) + 1):
                if j > i + 1 and self.breaks[j - 2]:
                    break                        # no name across a line break that is no wrap
                if edge[j - 1]:
                    out.setdefault((self.toks[i][0], self.ends[j - 1]), (i, j, None))
        return out


class Shape(Run):
    """A run seen from its start (token offsets relative to it) with its spans: the same words at the same place
    in their line (``key``) give the same shape, so a name met again is not split, stripped and cut into spans
    again. Kept in tuples, which the garbage collector stops tracking (a cache holds many shapes)."""
    __slots__ = ("span_list", "key")

    def __init__(self, text: str, start: int, end: int, L: "Lexicons", key):
        super().__init__(text, start, end, ((start, end),))
        self.span_list = tuple((a - start, b - start, i, j, rule is not None)
                               for (a, b), (i, j, rule) in self.spans(L).items())
        self.toks = tuple((a - start, b - start) for a, b in self.toks)
        self.ends = tuple(e - start for e in self.ends)
        self.texts, self.lows, self.poss = tuple(self.texts), tuple(self.lows), tuple(self.poss)
        self.breaks, self.shapes = tuple(self.breaks), tuple(self.shapes)
        self.start, self.end, self.rules, self.key = 0, end - start, (), key


def shape_key(text: str, start: int, end: int):
    """What a run's shape depends on: its text, and across a line break how far into its line it starts."""
    span = text[start:end]
    return (span, min(start - text.rfind("\n", 0, start) - 1, WRAP_LINE)) if "\n" in span else span


def inner_features(run: Run, i: int, j: int, L: Lexicons) -> list[str]:
    lows, texts = run.lows[i:j], run.texts[i:j]
    full = " ".join(lows)
    f = [f"n={j - i}", "sh=" + "".join(run.shapes[i:j]), "f=" + lows[0], "l=" + lows[-1],
         "pf=" + L.propn.get(lows[0], "-"), "pl=" + L.propn.get(lows[-1], "-"),
         "cf=" + L.caps.get(lows[0], "-"), "cl=" + L.caps.get(lows[-1], "-"), "suf=" + lows[-1][-3:]]
    if j - i <= 3:
        f.append("u=" + full)
    w0 = lows[0]
    f += ["p3=" + w0[:3], "s2=" + w0[-2:], "s4=" + w0[-4:], "sh&cf=" + run.shapes[i] + L.caps.get(w0, "-"),
          "len=" + str(min(len(w0), 8))]
    if j - i > 1:
        f.append("s4l=" + lows[-1][-4:])
    f.extend("w=" + w for w in lows)
    for w in lows:
        if w in L.gpe or w in L.place:
            f.append("gw")
            break
    if j - i > 2:
        f.extend("m=" + w for w in lows[1:-1])
    g = L.first.get(lows[0])
    if g:
        f.append("fn=" + g)
        if j - i > 1:
            f.append("fn+" + ("sn" if lows[-1] in L.surname else "x"))
    if lows[-1] in L.surname:
        f.append("sn=" + L.surname[lows[-1]])
    for name, table in (("gpe", L.gpe), ("place", L.place), ("org", L.orgs)):
        if full in table:
            f.append(name)
    co = L.company.get(full)
    if co:
        f.append("co=" + co)
    elif any(L.company.get(w) == "word" for w in lows):
        f.append("co_in")
    if lows[-1] in L.org_suffix:
        f.append("osuf=" + L.org_suffix[lows[-1]])
    elif any(w in L.org_suffix for w in lows):
        f.append("osuf_in")
    if lows[0] in L.titles:
        f.append("title_in")
    if lows[0] in L.nonperson:
        f.append("np_f")
    if run.poss[j - 1]:
        f.append("poss")
    if any(run.poss[i:j - 1]):
        f.append("poss_in")
    return f


class Context:
    """What the features read beyond a span: the text, sentence starts, the names of the document."""

    def __init__(self, text: str, sentence_starts: list[int], cands: list[tuple], L: Lexicons):
        self.text, self.sstarts, self.L = text, sentence_starts, L
        self._tc: dict[int, str] = {}
        self.surnames, self.firsts = set(), set()
        for c in cands:                      # "Ada Brooks ... Brooks": the words of full names in the document
            if c[CLABEL] == "PERSON" and len(c[CTOKENS]) > 1:
                self.firsts.add(_low(text[c[CTOKENS][0][0]:c[CTOKENS][0][1]]))
                self.surnames.add(_low(text[c[CTOKENS][-1][0]:c[CTOKENS][-1][1]]))

    def title_case(self, pos: int) -> str:
        """How the sentence around ``pos`` writes its words: "T" mostly capitalized (a heading, a title-case
        line), "U" mostly in capitals, "l" mostly lower case even at its start, "-" as prose does."""
        k = bisect_right(self.sstarts, pos) - 1
        a = self.sstarts[k] if k >= 0 else 0
        b = self.sstarts[k + 1] if k + 1 < len(self.sstarts) else len(self.text)
        got = self._tc.get(a)
        if got is None:
            b = min(b, a + 400)
            starts = _WORD_START.findall(self.text, a, b)      # each word's first letter
            n = len(starts)
            up = len(_UPPER_WORD.findall(self.text, a, b))
            cap = sum(map(str.isupper, starts))
            got = "U" if up > n * 0.6 else "T" if cap > n * 0.6 and n > 2 else \
                "l" if starts and starts[0].islower() else "-"
            self._tc[a] = got
        return got

    def sentence_start(self, pos: int) -> bool:
        k = bisect_right(self.sstarts, pos) - 1
        a = self.sstarts[k] if k >= 0 else 0
        return not any(c.isalnum() for c in self.text[a:pos])


def word_before(text: str, start: int) -> str:
    """The word before a run (``p=`` of its first span), "<s>" when none is near."""
    m = _PREV.search(text, max(0, start - 40), start)
    return _low(m.group(1)) if m else "<s>"


def word_after(text: str, end: int) -> str:
    """The word after a run's last word stripped (``x=`` of its last span), "</s>" when none follows."""
    m = _NEXT.match(text, end)
    return m.group(1).lower() if m else "</s>"


def context_features(run: Run, i: int, j: int, rule, ctx: Context) -> list[str]:
    start = run.toks[i][0]
    prev = run.lows[i - 1] if i > 0 else word_before(ctx.text, start)
    nxt = run.lows[j] if j < len(run.toks) else word_after(ctx.text, run.ends[j - 1])
    return span_context(run, i, j, rule[CLABEL] if rule else "-", prev, nxt,
                        i == 0 and ctx.sentence_start(start), ctx.title_case(start), ctx)


def span_context(run: Run, i: int, j: int, label: str, prev: str, nxt: str, s0: bool, tc: str,
                 ctx: Context) -> list[str]:
    """The context features of span [i, j) of a run from what they read of the text: the words before and
    after, the rules' label, whether it starts a sentence and how the sentence writes its words."""
    L = ctx.L
    sh = "".join(run.shapes[i:j])
    pc, xc = _word_class(prev, L), _word_class(nxt, L)
    f = ["p=" + prev, "x=" + nxt, "p&x=" + pc + "|" + xc, "tc=" + tc,
         "r=" + label, "sh&s0=" + sh + ("|1" if s0 else "|0"),
         "sh&p=" + sh + "|" + pc, "sh&x=" + sh + "|" + xc]
    if i:
        f.append("cut_l")                    # a sub-span of the candidate: words cut on its left
    if j < len(run.toks):
        f.append("cut_r")
    if prev in L.titles:
        f.append("p_title")
    elif prev in L.person_noun:
        f.append("p_pnoun")
    if s0:
        f.append("s0")
    if nxt in L.verbs:
        f.append("x_verb")
    if j - i == 1 and len(run.toks) == 1:
        w = run.lows[i]
        if w in ctx.surnames:
            f.append("d_sn")
        if w in ctx.firsts:
            f.append("d_fn")
    return f


_PREPS = frozenset("in at from to near into across outside inside throughout around via of".split())


def _word_class(w: str, L: Lexicons) -> str:
    if w in ("<s>", "</s>"):
        return w
    if w in _PREPS:
        return "prep"
    if w in L.titles:
        return "title"
    if w in L.verbs:
        return "verb"
    if w in L.person_noun:
        return "pnoun"
    if w in ("the", "a", "an"):
        return "det"
    return "cap" if w[:1].isupper() else "w"


def title_before(run: Run, i: int, rule, L: Lexicons, offset: int = 0):
    """(title, its start, gender) of the words before a chosen span inside its run (``offset``: where a
    ``Shape``'s run starts)."""
    if rule is not None:
        return rule[CTITLE], rule[CTITLE_START], rule[CGENDER]
    if i >= 2 and run.lows[i - 2] + " " + run.lows[i - 1] in L.titles:
        return L.titles[run.lows[i - 2] + " " + run.lows[i - 1]], offset + run.toks[i - 2][0], None
    if i >= 1 and run.lows[i - 1] in L.titles:
        g = L.gendered.get(run.lows[i - 1])
        return L.titles[run.lows[i - 1]], offset + run.toks[i - 1][0], g
    return None, None, None
