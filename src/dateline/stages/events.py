"""Dated events: a happening in a sentence with a resolved DATE/TIME timex, its trigger verb and actors.

For each clause-dated timex the trigger is the nearest verb after it in the sentence (else before
it); the actors are the PERSON/ORG mentions between the timex and the trigger (the subject of
"On Monday, X did"), else before the trigger ("X did ... on Monday"). A year-only timex in a
sentence that also holds a more precise one does not make a second event.
"""
from __future__ import annotations

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
        if w.endswith("ed") and len(w) > 4 and w not in not_ed and word[0].islower():
            return True
        return False

    def verbs(text: str, a: int, b: int) -> list[tuple[int, int, str]]:
        return [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text, a, b) if is_verb(m.group())]
    return verbs


@stage("events", requires={"sentences", "timex_values", "mentions", "entities"}, assigns={"events"})
def make_events(settings, res):
    verbs_in = make_verb_finder(res.lexicon("verb_irregular"), res.words("verb_not_ed"))
    aux = {"is", "was", "were", "are", "has", "had", "have", "will", "would"}

    def trigger_for(text: str, sent, t) -> tuple[int, int, str] | None:
        vs = verbs_in(text, sent.start, sent.end)
        after = [v for v in vs if v[0] >= t.end]
        before = [v for v in vs if v[1] <= t.start]
        for cand in (after, before[::-1]):
            for i, v in enumerate(cand):
                if v[2].lower() in aux:
                    # an auxiliary: prefer the verb it carries ("will perform", "was elected")
                    nxt = _WORD.match(text, v[1] + 1) if v[1] + 1 < sent.end else None
                    if nxt and cand is after:
                        return (nxt.start(), nxt.end(), nxt.group())
                    continue
                return v
            if cand and cand is after:
                return cand[0]
        return None

    def events(doc: Document) -> Document:
        if not doc.timexes:
            return doc.replace(events=())
        mentions = [m for m in doc.mentions if m.label in _ACTOR_LABELS and m.entity]
        out: list[Event] = []
        for sent in doc.sentences:
            ts = [t for t in doc.timexes if sent.start <= t.start < sent.end and t.type in ("DATE", "TIME")
                  and t.value and _DATED.match(t.value)]
            if not ts:
                continue
            best = max(precision(t.value) for t in ts)
            for t in ts:
                if precision(t.value) < best:
                    continue
                trig = trigger_for(doc.text, sent, t)
                sm = [m for m in mentions if sent.start <= m.start < sent.end]
                actors: list[str] = []
                if trig is not None:
                    lo = t.end if trig[0] >= t.end else sent.start
                    subj = [m for m in sm if lo <= m.start < trig[0]]
                    if subj:
                        # the subject is the mention nearest the verb
                        actors = [subj[-1].entity]
                if not actors and sm:
                    actors = [sm[0].entity]
                text = doc.text[sent.start:sent.end]
                out.append(Event(id=f"e{len(out) + 1}", start=sent.start, end=sent.end, text=text,
                                 date=t.value, timex=t.id, actors=tuple(dict.fromkeys(actors)),
                                 trigger=trig[2] if trig else None))
        return doc.replace(events=tuple(out))
    return events
