"""Name candidates and their classification (PERSON / ORG / GPE), from capitalization and lexicons.

A run of capitalized tokens (rule ``entity_name_run`` in ``rules/entity.yaml``) is cut where a sentence ends
inside it, stripped of titles (``title.tsv``), a possessive and function words, split at "and" / "&" / "on"
unless an organisation word holds the parts together (``name_connector.tsv``), and labelled from the lexicons.
Each step walks the run once, left to right, with no recursion: a run of 10,000 titles costs 10,000 steps.
"""
from __future__ import annotations

import re
from bisect import bisect_left

from ..grammar import regex as rxc, trie_alternation

_ROMAN = re.compile(r"^(?=[IVXLC]{2,}$)C{0,3}(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})$")
_POSS = re.compile(r"(?:['’]s?)$")
_WS_TOKEN = re.compile(r"\S+")
_ABBREV_TOKEN = re.compile(r"(?:[A-Z]\.)+|[A-Z][a-z]{0,3}\.")


# A name candidate is a plain tuple (start, end, tokens, label, title, title_start, gender), which the garbage
# collector stops tracking (a long document makes tens of thousands): tokens = ((start, end), ...) in the text,
# label = PERSON | ORG | GPE | ?FIRST | ?ACRONYM | ?, title = the canonical title ("Senator") or None.
CSTART, CEND, CTOKENS, CLABEL, CTITLE, CTITLE_START, CGENDER = range(7)


def _low(w: str) -> str:
    return w.rstrip(".").lower()


WRAP_LINE = 25      # a line at least this long that breaks before a name's next word is hard-wrapped text


def hard_break(text: str, end: int, start: int) -> bool:
    """A line break between two words that is no wrap of a long line (a list, a heading, a new paragraph):
    a name does not run across it."""
    gap = text[end:start]
    if "\n" not in gap:
        return False
    if gap.count("\n") > 1 or text[start - 1] != "\n":
        return True
    return end - (text.rfind("\n", 0, end) + 1) < WRAP_LINE


def _first_in(pos: list[int], a: int, b: int) -> int | None:
    """The first position of the sorted list ``pos`` in [a, b), or None."""
    i = bisect_left(pos, a)
    return pos[i] if i < len(pos) and pos[i] < b else None


class _Run:
    """Tokens of a piece of a capitalized run, their lower-cased words and the sorted positions of
    organisation words, connectors, split words and "title before first name" pairs, so that every
    range test is a bisection. Only the last token ever changes (a possessive stripped)."""
    __slots__ = ("nc", "toks", "lows", "org", "conn", "oconn", "split", "inner")

    def __init__(self, nc: "NameClassifier", toks: list[tuple[int, int]], lows: list[str]):
        self.nc, self.toks, self.lows = nc, toks, lows
        self.org, self.conn, self.oconn, self.split, self.inner = [], [], [], [], []
        for i in range(len(toks)):
            self._index(i)

    def _index(self, i: int) -> None:
        nc, w = self.nc, self.lows[i]
        if w in nc.org_suffix:
            self.org.append(i)
        if w in nc.connectors:
            self.conn.append(i)
            if w not in nc.person_connectors:
                self.oconn.append(i)             # "of", "and": not inside a personal name
        if nc.connectors.get(w, "").startswith("split"):
            self.split.append(i)
        if i > 0 and w in nc.first and self.lows[i - 1] in nc.role_words:
            self.inner.append(i - 1)

    def set_last(self, tok: tuple[int, int], low: str) -> None:
        i = len(self.toks) - 1
        for pos in (self.org, self.conn, self.oconn, self.split):
            if pos and pos[-1] == i:
                pos.pop()
        if self.inner and self.inner[-1] == i - 1:
            self.inner.pop()
        self.toks[i], self.lows[i] = tok, low
        self._index(i)

    def truncate(self, n: int) -> None:
        del self.toks[n:], self.lows[n:]
        for pos, limit in ((self.org, n), (self.conn, n), (self.oconn, n), (self.split, n), (self.inner, n - 1)):
            del pos[bisect_left(pos, limit):]

    def any_org(self, a: int, b: int) -> bool:
        return _first_in(self.org, a, b) is not None


class NameClassifier:
    def __init__(self, res, name_run: str):
        self.first = res.lexicon("first_name")
        self.titles = res.lexicon("title")
        self.nonperson = res.words("nonperson")
        self.org_suffix = res.words("org_suffix")
        self.orgs = res.lexicon("organization")
        self.gpe = res.lexicon("gpe")
        self.places = res.lexicon("place")
        self.gendered = res.lexicon("gendered_noun")
        self.person_noun = res.words("person_noun")
        self.role_words = frozenset(self.titles) | self.person_noun
        self.drop_words = res.words("name_drop_word")
        self.connectors = res.lexicon("name_connector")              # word -> org | person | split ...
        self.person_connectors = frozenset(w for w, r in self.connectors.items() if r == "person")
        self.lex_tokens = max(len(k.split()) for k in (*self.orgs, *self.gpe))
        self._cache: dict[str, list] = {}
        # function words, months, weekdays ... never start a name: the regex skips them outright
        # ... except the first word of a known multi-word place or organisation ("New" York Stock Exchange)
        self.multi_starts = frozenset(" ".join(k.split()[:2]) for k in (*self.gpe, *self.orgs, *self.places)
                                      if " " in k)
        starts = {k.split()[0] for k in self.multi_starts}
        skip = sorted(w for w in self.nonperson - set(self.titles) - starts if w.isalpha())
        # ... in capitals too, unless that names a place ("US")
        skip_alt = trie_alternation([w.capitalize() for w in skip] +
                                    [w.upper() for w in skip if len(w) > 1 and w not in self.gpe])
        # "(?=[A-Z])" first: the engine skips ahead to capitals instead of testing every position (2x faster)
        self.name_rx = rxc.compile(rf"(?=[A-Z])(?<![\w’'-])(?!{skip_alt}(?![\w’'.-])){name_run}")

    def candidates(self, text: str, a: int = 0, b: int | None = None):
        b = len(text) if b is None else b
        cache = self._cache
        for m in self.name_rx.finditer(text, a, b):
            w = m.group()
            s0 = m.start()
            # the result depends on the matched string, and across a line break on how far into its line it
            # starts (hard_break): keep it under both, relative to its start
            key = (w, min(s0 - text.rfind("\n", 0, s0) - 1, WRAP_LINE)) if "\n" in w else w
            hit = cache.get(key)
            if hit is None:
                hit = self._relative(text, w, s0, m.end())
                if len(cache) > 100_000:
                    cache.clear()
                cache[key] = hit
            for cs, ce, toks, label, title, ts, gender in hit:
                yield (s0 + cs, s0 + ce, ((s0 + toks[0][0], s0 + toks[0][1]),) if len(toks) == 1 else
                       tuple([(s0 + x, s0 + y) for x, y in toks]), label, title,
                       None if ts is None else s0 + ts, gender)

    def _relative(self, text: str, w: str, s0: int, e0: int) -> tuple:
        """The candidates of the run ``w`` at ``s0``, with offsets from ``s0``; none for a lone word that never
        names anything (a function word, unless it writes a place in capitals)."""
        if " " not in w and "\t" not in w and "\n" not in w and _low(w) in self.nonperson and \
                not (w.isupper() and _low(w) in self.gpe):
            return ()
        return tuple((cs - s0, ce - s0, tuple((x - s0, y - s0) for x, y in toks), label, title,
                      None if ts is None else ts - s0, gender)
                     for cs, ce, toks, label, title, ts, gender in self._split(text, s0, e0))

    # ---- a run: cut at sentence ends, then each piece -------------------------------------------
    def _split(self, text: str, s: int, e: int):
        span = text[s:e]
        if " " not in span and "\t" not in span and "\n" not in span:
            toks = [(s, e)]
        else:
            toks = [(s + m.start(), s + m.end()) for m in _WS_TOKEN.finditer(span)]
        lows = [_low(text[x:y]) for x, y in toks]
        org_after = [False] * (len(toks) + 1)     # an organisation word after token k
        for k in range(len(toks) - 1, -1, -1):
            org_after[k] = org_after[k + 1] or lows[k] in self.org_suffix
        stack, cut = [], 0
        for k in range(len(toks) - 1):
            # "the U.S. The company": a sentence ends inside; "Brazil's Funaro": a possessive ends a name,
            # unless an organisation word follows ("McDonald's Corp")
            if (text[toks[k][1] - 1] == "." and lows[k + 1] in self.nonperson) or (
                    not org_after[k + 1] and _POSS.search(text, toks[k][0] + 1, toks[k][1])) or (
                    hard_break(text, toks[k][1], toks[k + 1][0])):
                stack.append((toks[cut:k + 1], lows[cut:k + 1]))
                cut = k + 1
        stack.append((toks[cut:], lows[cut:]))
        stack.reverse()
        while stack:                            # pieces in text order; a piece may push more pieces
            t, w = stack.pop()
            yield from self._piece(text, _Run(self, t, w), stack)

    def _piece(self, text: str, run: _Run, stack: list):
        """Strip, split at "and" and classify one piece; the part after an "and" goes round again."""
        i0, later = 0, False
        while True:
            n = len(run.toks)
            if later and n - i0 >= 2 and text[run.toks[n - 2][1] - 1] == "." and run.lows[n - 1] in self.nonperson:
                stack.append(([run.toks[n - 1]], [run.lows[n - 1]]))      # the possessive stripped off last
                stack.append((run.toks[i0:n - 1], run.lows[i0:n - 1]))    # time made a sentence end appear
                return
            later = True
            self._strip_last(text, run)
            i0, title, title_start, gender = self._strip_head(text, run, i0)
            n = len(run.toks)
            while n > i0 and run.lows[n - 1] in self.connectors:          # trailing connectors
                n -= 1
            if n < len(run.toks):
                run.truncate(n)
            if i0 >= n:
                return
            k = _first_in(run.split, i0, n)
            # an organisation joins them ("Procter & Gamble Co.", "Council on Foreign Relations"), but
            # "on" needs the organisation word before it ("Shares on the New York Stock Exchange" splits)
            if k is None or run.any_org(i0, k if self.connectors[run.lows[k]] == "split_after_org" else n):
                yield from self._classify(text, run, i0, n, title, title_start, gender)
                return
            if k > i0:
                yield from self._classify(text, run, i0, k, title, title_start, gender)
            if k + 1 >= n:
                return
            i0 = k + 1

    def _strip_last(self, text: str, run: _Run) -> None:
        """A possessive, and a full stop that ends a sentence, are not part of the last token."""
        ls, le = run.toks[-1]
        pm = _POSS.search(text, ls, le)
        if pm and pm.start() > ls:
            le = pm.start()
        if text[le - 1] == "." and not _ABBREV_TOKEN.fullmatch(text, ls, le):
            le -= 1
        if le != run.toks[-1][1]:
            run.set_last((ls, le), _low(text[ls:le]))

    def _strip_head(self, text: str, run: _Run, i0: int):
        """Titles, role nouns and function words before the name: (new start, title, its start, gender)."""
        toks, lows, titles, n = run.toks, run.lows, self.titles, len(run.toks)
        title = title_start = gender = None
        # a title or role noun inside, before a first name: "Senate Majority Leader Mitch McConnell"
        if n - i0 > 2 and lows[i0] not in self.first:
            last_bad = max(run.org[-1] if run.org else -1, run.oconn[-1] if run.oconn else -1)
            k = _first_in(run.inner, max(i0 + 1, last_bad), n - 1)
            if k is None:
                k = self._inner_title(lows, i0, n)
            if k is not None:
                title, title_start, gender = titles.get(lows[k], lows[k]), toks[k][0], self.gendered.get(lows[k])
                if lows[k - 1] + " " + lows[k] in titles and k - 1 > i0:
                    title, title_start = titles[lows[k - 1] + " " + lows[k]], toks[k - 1][0]
                i0 = k + 1
        while i0 < n:
            w = lows[i0]
            two = w + " " + lows[i0 + 1] if n - i0 > 1 else None
            three = two + " " + lows[i0 + 2] if n - i0 > 3 else None
            if three in titles and not run.any_org(i0 + 3, n):
                title, title_start = titles[three], toks[i0][0]    # "Secretary of State Hillary Clinton"
                i0 += 3
            elif two and two in titles and n - i0 > 2 and not run.any_org(i0 + 2, n):
                title, title_start = titles[two], toks[i0][0]
                i0 += 2
            elif w in titles and n - i0 > 1 and not run.any_org(i0 + 1, n):
                title = titles[w]
                title_start = toks[i0][0] if title_start is None else title_start
                gender = self.gendered.get(w, gender)
                i0 += 1
            elif w in self.person_noun and n - i0 > 1 and (lows[i0 + 1] in self.first or n - i0 == 3 and not any(
                    x in self.nonperson or x in self.org_suffix or x in self.role_words for x in lows[i0 + 1:n])):
                title = title or w               # "Singer Maya Collins", "Architect Noor Rahimi"
                title_start = toks[i0][0] if title_start is None else title_start
                i0 += 1
            elif two in self.multi_starts:
                break                            # "New York ...", "Bank of England"
            elif w in self.orgs and n - i0 > 2 and lows[i0 + 1] not in self.connectors \
                    and not run.any_org(i0 + 1, n) and text[toks[i0][1] - 1].isupper():
                i0 += 1                          # "UN Ban Ki-moon": an organisation's acronym before a name
            elif w in self.person_connectors and n - i0 > 1 and text[toks[i0][0]].isupper():
                break                            # "De Croo", "Van Miert": a particle that begins a surname
            elif w in self.gpe and text[toks[i0][1] - 1].isupper():
                break                            # "US": a place in capitals, not the pronoun
            elif w in self.nonperson or w in self.connectors or (w in self.drop_words and n - i0 > 1):
                i0 += 1
            else:
                break
        return i0, title, title_start, gender

    def _inner_title(self, lows: list[str], i0: int, n: int) -> int | None:
        """A title word before the last one or two words of a run, which are a name: "Energy Minister Subroto",
        "Microsoft Chief Executive Satya Nadella" (the word after the title need not be a known first name)."""
        for k in (n - 3, n - 2):
            if k > i0 and (lows[k] in self.titles or lows[k - 1] + " " + lows[k] in self.titles) and not any(
                    w in self.titles or w in self.org_suffix or (w in self.connectors or w in self.nonperson)
                    and w not in self.person_connectors for w in lows[k + 1:n]):
                return k
        return None

    # ---- a stripped piece: split at connectors outside organisations, then label -----------------
    def _classify(self, text, run: _Run, a: int, b: int, title, title_start, gender):
        lows = run.lows
        while True:
            # connectors (of/for/the) only inside organisation names: otherwise split there
            k = _first_in(run.conn, a, b)
            if k is None or run.any_org(a, b) or self._known(lows, a, b) or lows[k] in self.person_connectors:
                yield from self._label(text, run, a, b, title, title_start, gender)
                return
            if k > a:
                yield from self._label(text, run, a, k, title, title_start, gender)
            a = k + 1
            while a < b and (lows[a] in self.connectors or lows[a] in self.nonperson):
                a += 1
            if a >= b:
                return
            title = title_start = gender = None

    def _known(self, lows: list[str], a: int, b: int) -> bool:
        if b - a > self.lex_tokens:
            return False
        full = " ".join(lows[a:b])
        return full in self.orgs or full in self.gpe

    def _label(self, text, run: _Run, a: int, b: int, title, title_start, gender):
        words = run.lows[a:b]
        full = " ".join(words)
        s, e = run.toks[a][0], run.toks[b - 1][1]
        if full in self.gpe or (b - a > 1 and full in self.places):
            label = "GPE"                   # "New Orleans": a place of two words or more is no person
        elif full in self.orgs or words[-1] in self.org_suffix or (len(words) > 1 and any(
                w in self.org_suffix for w in words[1:])):
            label = "ORG"
        elif title is not None:
            label = "PERSON"
        elif words[0] in self.first and len(words) > 1 and words[0] not in self.nonperson:
            label = "PERSON"
        elif words[0] in self.first and len(words) == 1:
            label = "?FIRST"
        elif all(w in self.nonperson for w in words):
            return
        elif len(words) == 1 and text[s:e].isupper() and len(words[0]) > 1:
            if _ROMAN.match(text[s:e]):
                return                  # "Level IV", "Phase II": a numeral, not an organisation
            label = "?ACRONYM"
        else:
            label = "?"
        if label == "PERSON" and title is None and any(w in self.org_suffix for w in words):
            label = "ORG"
        yield (s, e, tuple(run.toks[a:b]), label, title, title_start, gender)
