"""Dated events: a happening in a sentence with a resolved DATE/TIME timex, its trigger verb and actors.

For each clause-dated timex the trigger is the nearest verb after it in the sentence (else before
it); the actors are the PERSON/ORG mentions between the timex and the trigger (the subject of
"On Monday, X did"), else before the trigger ("X did ... on Monday"). A year-only timex in a
sentence that also holds a more precise one does not make a second event.
"""
from __future__ import annotations

import bisect
import re

from ..model import Document, Event
from .registry import stage

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_DATED = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?(?:T.*)?$")
_ACTOR_LABELS = ("PERSON", "ORG")


def precision(value: str) -> int:
    """Number of date components: 2020 -> 1, 2020-10 -> 2, 2020-10-14(TNI) -> 3."""
    return min(3, value.split("T", 1)[0].count("-") + 1)


def make_verb_finder(irregular: dict[str, str], not_ed: frozenset[str]):
    def is_verb(word: str) -> bool:
        w = word.lower()
        if w in irregular:
            return True
        if w.endswith("ed") and len(w) > 4 and w not in not_ed and word[0].islower() and "-" not in w:
            return True
        return False

    known = _Memo(is_verb)

    def verbs(text: str, a: int, b: int) -> list[tuple[int, int, str]]:
        if len(known) > 200_000:
            known.clear()
        return [(m.start(), m.end(), w) for m in _WORD.finditer(text, a, b) if known[(w := m.group())]]
    return verbs


class _Memo(dict):
    """word -> is_verb(word), filled on first sight (the test is a pure function of the word)."""

    def __init__(self, fn):
        super().__init__()
        self.fn = fn

    def __missing__(self, key: str) -> bool:
        v = self[key] = self.fn(key)
        return v


_CLAUSE_OPEN = re.compile(r"\b(?:that|which|who|whom|because|while|whereas|although)\b|[;:—–]")
# A timex "heads its clause" when the text before it in the sentence is a lead-in: words that start with a
# letter or digit ("On", "Late", "3rd"), each followed by non-word characters. It was the regex
# ^\W*(?:[A-Z0-9][\w.’'-]*\W+)*$ (ignoring case) run on that text for every timex: quadratic in a long
# sentence, and exponential on "A.A.A.…_". The same test in one pass per sentence: inside each run of
# [\w.’'-], the first word character must be a letter or digit (else no prefix reaching it is a lead-in),
# and the prefix must end in a non-word character.
_WORD_CHAR = re.compile(r"\w")
# the first word character of the run that starts the range, and of the first run after a non-run character
_FIRST_RUN = re.compile(r"[.’'-]*(?=\w)")
_BAD_RUN = re.compile(r"[^\w.’'-][.’'-]*(?=\w)(?!(?i:[A-Z0-9]))")
_WORD_START = re.compile(r"[A-Z0-9]", re.IGNORECASE)


def by_sentence(sentences, items) -> list[list]:
    """``items`` (sorted by start) bucketed by the sentence that holds their start, in one sweep."""
    out: list[list] = [[] for _ in sentences]
    starts = [s.start for s in sentences]
    for it in items:
        i = bisect.bisect_right(starts, it.start) - 1
        if i >= 0 and it.start < sentences[i].end:
            out[i].append(it)
    return out


def not_lead_in(text: str, a: int, b: int) -> int:
    """The first position of [a, b) no lead-in reaches past: the first word character of a run of [\\w.’'-]
    that is no letter or digit (b + 1 when there is none)."""
    m = _FIRST_RUN.match(text, a, b)
    if m is not None and not _WORD_START.match(text, m.end()):
        return m.end()
    m = _BAD_RUN.search(text, a, b)
    return m.end() if m is not None else b + 1


class _Sentence:
    """One sentence's verbs, clause openings and actor mentions, found once (linear time)."""

    def __init__(self, text: str, sent, verbs_in, mentions):
        self.sent = sent
        self.verbs = verbs_in(text, sent.start, sent.end)
        self.verb_starts = [v[0] for v in self.verbs]
        self.verb_ends = [v[1] for v in self.verbs]
        self.opens = [m.end() for m in _CLAUSE_OPEN.finditer(text, sent.start, sent.end)]
        self.mentions = mentions
        self.mention_starts = [m.start for m in mentions]
        self.text = text
        self.not_lead_in = not_lead_in(text, sent.start, sent.end)

    def lead_in(self, p: int) -> bool:
        """Is the sentence's text before ``p`` a lead-in ("On Monday, ...", "Late in 2020, ...")?"""
        s0 = self.sent.start
        return p <= self.not_lead_in and (p == s0 or not _WORD_CHAR.match(self.text, p - 1))

    def around(self, t) -> tuple[list, list]:
        """The verbs wholly after the timex (first one first) and wholly before it (last one last)."""
        i = bisect.bisect_left(self.verb_starts, t.end)
        j = bisect.bisect_right(self.verb_ends, t.start)
        return self.verbs[i:i + 1], self.verbs[j - 1:j] if j else []

    def clause_start(self, before: int) -> int:
        """Where the clause holding ``before`` starts: after the last clause opening that ends by it."""
        k = bisect.bisect_right(self.opens, before)
        return self.opens[k - 1] if k else self.sent.start

    def subject(self, lo: int, hi: int):
        """The last actor mention that starts in [lo, hi), or None."""
        k = bisect.bisect_left(self.mention_starts, hi)
        return self.mentions[k - 1] if k and self.mention_starts[k - 1] >= lo else None


@stage("events", requires={"sentences", "timexes", "mentions", "entities"}, assigns={"events"})
def make_events(settings, res):
    verbs_in = make_verb_finder(res.lexicon("verb_irregular"), res.words("verb_not_ed"))
    aux = {"is", "was", "were", "are", "has", "had", "have", "will", "would"}

    def resolve_aux(text: str, v, end: int):
        """An auxiliary carries the verb after it ("will perform", "was elected")."""
        if v[2].lower() not in aux:
            return v
        nxt = _WORD.match(text, v[1] + 1) if v[1] + 1 < end else None
        return (nxt.start(), nxt.end(), nxt.group()) if nxt else v

    def trigger_for(text: str, ss: _Sentence, t):
        """(verb span, True if the timex heads its clause): the verb after a fronted timex
        ("On Monday, X resigned"), else the verb nearest the timex."""
        sent = ss.sent
        after, before = ss.around(t)
        fronted = ss.lead_in(t.start) and text[t.end:t.end + 2].startswith(",")
        if after and (fronted or not before):
            return resolve_aux(text, after[0], sent.end), True
        if before and after:
            b, a = before[-1], after[0]
            v = b if t.start - b[1] <= a[0] - t.end else a
            return resolve_aux(text, v, sent.end), False
        if before:
            return resolve_aux(text, before[-1], sent.end), False
        return None, False

    def actors_for(ss: _Sentence, t, trig, fronted: bool) -> list[str]:
        """The subject of the trigger: the mention nearest before it, within its clause."""
        if trig is None:
            return []
        lo = t.end if fronted else ss.clause_start(trig[0])
        subj = ss.subject(lo, trig[0])
        return [subj.entity] if subj else []

    def events(doc: Document) -> Document:
        if not doc.timexes:
            return doc.replace(events=())
        dated = [t for t in sorted(doc.timexes, key=lambda t: t.start)
                 if t.type in ("DATE", "TIME") and t.value and _DATED.match(t.value)]
        mentions = [m for m in doc.mentions if m.label in _ACTOR_LABELS and m.entity]
        out: list[Event] = []
        per_sentence = zip(doc.sentences, by_sentence(doc.sentences, dated), by_sentence(doc.sentences, mentions))
        for sent, ts, sm in per_sentence:
            if not ts:
                continue
            ss = _Sentence(doc.text, sent, verbs_in, sm)
            best = max(precision(t.value) for t in ts)
            sent_text = doc.text[sent.start:sent.end]
            for t in ts:
                if precision(t.value) < best:
                    continue
                trig, fronted = trigger_for(doc.text, ss, t)
                if trig is None:
                    continue            # a date with no verb is not a happening
                actors = actors_for(ss, t, trig, fronted)
                out.append(Event(id=f"e{len(out) + 1}", start=sent.start, end=sent.end, text=sent_text,
                                 date=t.value, timex=t.id, actors=tuple(dict.fromkeys(actors)), trigger=trig[2]))
        return doc.replace(events=tuple(out))
    return events
