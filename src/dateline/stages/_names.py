"""Name candidates and their classification (PERSON / ORG / GPE), from capitalization and lexicons."""
from __future__ import annotations

import re

_ROMAN = re.compile(r"^(?=[IVXLC]{2,}$)C{0,3}(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})$")
from dataclasses import dataclass

from ..grammar import trie_alternation

# a capitalized token: words, initials (G.K.), O'Malley / O’Malley, hyphenated names, McX
_TOK = (r"(?:[A-Z](?:\.[A-Z])+\.?|[A-Z]\.|(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|Maj|Capt|Adm|Sgt|Rev|Prof|Jr|Sr|St|Pres|"
        r"Lt|Gov|Atty|Supt|Insp|Fr|Mt|Ft)\.|[A-Z][a-z]*(?:['’][A-Z][a-z]+)?(?:-[A-Z][a-z]+)?[A-Za-z]*(?:['’]s?)?|[A-Z][A-Z0-9&]+(?:['’]s?)?)"
        r"(?![\w’'-])")
_CONNECT = r"(?:of|for|the|de|da|van|von|der|del|la|le|al|bin|on|and|&)"
NAME_RX = re.compile(rf"(?<![\w’'-]){_TOK}(?:[ \t]+(?:{_CONNECT}[ \t]+)*{_TOK})*")
_POSS = re.compile(r"(?:['’]s?)$")
_INNER_DOT = re.compile(r"\.$")
_WS_TOKEN = re.compile(r"\S+")
_ABBREV_TOKEN = re.compile(r"(?:[A-Z]\.)+|[A-Z][a-z]{0,3}\.")


@dataclass(slots=True)
class Candidate:
    start: int
    end: int
    tokens: list[tuple[int, int]]          # token spans in the text
    label: str                              # PERSON | ORG | GPE | WORK | ?
    title: str | None = None                # canonical title ("Senator")
    title_start: int | None = None
    gender: str | None = None


class NameClassifier:
    def __init__(self, res):
        self.first = res.lexicon("first_name")
        self.titles = res.lexicon("title")
        self.nonperson = res.words("nonperson")
        self.org_suffix = res.words("org_suffix")
        self.orgs = res.lexicon("organization")
        self.gpe = res.lexicon("gpe")
        self.gendered = res.lexicon("gendered_noun")
        self.person_noun = res.words("person_noun")
        self.connectors = frozenset("of for the de da van von der del la le al bin on and &".split())
        self.person_connectors = frozenset("de da van von der del la le al bin".split())
        self._cache: dict[str, list] = {}
        # function words, months, weekdays ... never start a name: the regex skips them outright
        # ... except the first word of a known multi-word place or organisation ("New" York Stock Exchange)
        self.multi_starts = frozenset(" ".join(k.split()[:2]) for k in list(self.gpe) + list(self.orgs)
                                      if " " in k)
        starts = {k.split()[0] for k in self.multi_starts}
        skip = sorted(w for w in self.nonperson - set(self.titles) - starts if w.isalpha())
        skip_alt = trie_alternation([w.capitalize() for w in skip] + [w.upper() for w in skip if len(w) > 1])
        # "(?=[A-Z])" first: the engine skips ahead to capitals instead of testing every position (2x faster)
        self.name_rx = re.compile(rf"(?=[A-Z])(?<![\w’'-])(?!{skip_alt}(?![\w’'.-])){_TOK}"
                                  rf"(?:[ \t]+(?:{_CONNECT}[ \t]+)*{_TOK})*")

    @staticmethod
    def _low(w: str) -> str:
        return w.rstrip(".").lower()

    def candidates(self, text: str, a: int = 0, b: int | None = None):
        b = len(text) if b is None else b
        nonperson, low = self.nonperson, self._low
        cache = self._cache
        for m in self.name_rx.finditer(text, a, b):
            w = m.group()
            if " " not in w and "\t" not in w:
                lw = low(w)
                if lw in nonperson:
                    continue
            s0 = m.start()
            hit = cache.get(w)
            if hit is None:
                # the result depends on the matched string only: keep it, relative to its start
                hit = [(c.start - s0, c.end - s0, [(x - s0, y - s0) for x, y in c.tokens], c.label, c.title,
                        None if c.title_start is None else c.title_start - s0, c.gender)
                       for c in self._split(text, s0, m.end())]
                if len(cache) > 100_000:
                    cache.clear()
                cache[w] = hit
            for cs, ce, toks, label, title, ts, gender in hit:
                yield Candidate(s0 + cs, s0 + ce, [(s0 + x, s0 + y) for x, y in toks], label, title,
                                None if ts is None else s0 + ts, gender)

    def _split(self, text: str, s: int, e: int):
        span = text[s:e]
        if " " not in span and "\t" not in span:
            toks = [(s, e)]
        else:
            toks = [(s + m.start(), s + m.end()) for m in _WS_TOKEN.finditer(span)]
        for k in range(len(toks) - 1):          # "the U.S. The company": a sentence ends inside
            if text[toks[k][1] - 1] == "." and self._low(text[toks[k + 1][0]:toks[k + 1][1]]) in self.nonperson:
                yield from self._split(text, toks[0][0], toks[k][1])
                yield from self._split(text, toks[k + 1][0], toks[-1][1])
                return
        # strip a possessive from the last token
        ls, le = toks[-1]
        pm = _POSS.search(text, ls, le)
        if pm and pm.start() > ls:
            toks[-1] = (ls, pm.start())
        # a "." that ends a sentence is not part of the name unless the token is an initial/abbreviation
        ls, le = toks[-1]
        w = text[ls:le]
        if w.endswith(".") and not _ABBREV_TOKEN.fullmatch(w):
            toks[-1] = (ls, le - 1)
        # drop leading function words / months etc.
        title = None
        title_start = None
        gender = None
        # a title or role noun inside, before a first name: "Senate Majority Leader Mitch McConnell"
        if len(toks) > 2:
            lows = [self._low(text[x:y]) for x, y in toks]
            titles, person_noun, first = self.titles, self.person_noun, self.first
            for k in range(1, len(toks) - 1):
                wk = lows[k]
                if (wk in titles or wk in person_noun) and lows[k + 1] in first and lows[0] not in first \
                        and not any(w in self.org_suffix or w in self.connectors for w in lows[k + 1:]):
                    title = titles.get(wk, wk)
                    title_start = toks[k][0]
                    gender = self.gendered.get(wk)
                    toks = toks[k + 1:]
                    break
        while toks:
            w = self._low(text[toks[0][0]:toks[0][1]])
            two = None
            if len(toks) > 1:
                two = w + " " + self._low(text[toks[1][0]:toks[1][1]])
            if two and two in self.titles and len(toks) > 2 and not any(
                    self._low(text[x:y]) in self.org_suffix for x, y in toks[2:]):
                title, title_start = self.titles[two], toks[0][0]
                toks = toks[2:]
                continue
            if w in self.titles and len(toks) > 1 and not any(
                    self._low(text[x:y]) in self.org_suffix for x, y in toks[1:]):
                title = self.titles[w]
                title_start = toks[0][0] if title_start is None else title_start
                gender = self.gendered.get(w, gender)
                toks = toks[1:]
                continue
            if w in self.person_noun and len(toks) > 1 and self._low(text[toks[1][0]:toks[1][1]]) in self.first:
                title = title or w               # "Singer Maya Collins"
                title_start = toks[0][0] if title_start is None else title_start
                toks = toks[1:]
                continue
            if two in self.multi_starts:
                break                            # "New York ...", "Bank of England"
            if w in self.nonperson or w in self.connectors or (w == "former" and len(toks) > 1):
                toks = toks[1:]
                continue
            break
        # trailing connectors
        while toks and self._low(text[toks[-1][0]:toks[-1][1]]) in self.connectors:
            toks = toks[:-1]
        if not toks:
            return
        # split at "and"/"&" unless an organisation ("Procter & Gamble", "Department of X and Y")
        words = [self._low(text[x:y]) for x, y in toks]
        if "and" in words or "&" in words or "on" in words:
            k = next(i for i, wd in enumerate(words) if wd in ("and", "&", "on"))
            # an organisation joins them ("Procter & Gamble Co.", "Council on Foreign Relations"), but
            # "on" needs the organisation word before it ("Shares on the New York Stock Exchange" splits)
            if not any(wd in self.org_suffix for wd in (words[:k] if words[k] == "on" else words)):
                left, right = toks[:k], toks[k + 1:]
                if left:
                    yield from self._classify(text, left, title, title_start, gender)
                if right:
                    yield from self._split(text, right[0][0], right[-1][1])
                return
        yield from self._classify(text, toks, title, title_start, gender)

    def _classify(self, text, toks, title, title_start, gender):
        words = [self._low(text[x:y]) for x, y in toks]
        # connectors (of/for/the) only inside organisation names: otherwise split there
        if any(w in self.connectors for w in words) and not any(w in self.org_suffix for w in words) \
                and " ".join(words) not in self.orgs and " ".join(words) not in self.gpe:
            k = next(i for i, w in enumerate(words) if w in self.connectors)
            if words[k] not in self.person_connectors:
                if toks[:k]:
                    yield from self._classify(text, toks[:k], title, title_start, gender)
                rest = toks[k + 1:]
                while rest and self._low(text[rest[0][0]:rest[0][1]]) in self.connectors | self.nonperson:
                    rest = rest[1:]
                if rest:
                    yield from self._classify(text, rest, None, None, None)
                return
        full = " ".join(words)
        s, e = toks[0][0], toks[-1][1]
        if full in self.gpe:
            label = "GPE"
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
        yield Candidate(s, e, list(toks), label, title, title_start, gender)
