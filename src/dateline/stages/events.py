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
        if w.endswith("ed") and len(w) > 4 and w not in not_ed and word[0].islower() and "-" not in w:
            return True
        return False

    def verbs(text: str, a: int, b: int) -> list[tuple[int, int, str]]:
        return [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text, a, b) if is_verb(m.group())]
    return verbs


_CLAUSE_OPEN = re.compile(r"\b(?:that|which|who|whom|because|while|whereas|although)\b|[;:—–]")
_LEAD_IN = re.compile(r"^\W*(?:(?:on|at|in|by|since|until|during|from|late|early|last|this|next|the|of|[A-Z0-9][\w.’'-]*)\W+)*$",
                      re.IGNORECASE)


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

    def trigger_for(text: str, sent, t):
        """(verb span, True if the timex heads its clause): the verb after a fronted timex
        ("On Monday, X resigned"), else the verb nearest the timex."""
        vs = verbs_in(text, sent.start, sent.end)
        after = [v for v in vs if v[0] >= t.end]
        before = [v for v in vs if v[1] <= t.start]
        fronted = bool(_LEAD_IN.match(text[sent.start:t.start])) and text[t.end:t.end + 2].startswith(",")
        if after and (fronted or not before):
            return resolve_aux(text, after[0], sent.end), True
        if before and after:
            b, a = before[-1], after[0]
            v = b if t.start - b[1] <= a[0] - t.end else a
            return resolve_aux(text, v, sent.end), False
        if before:
            return resolve_aux(text, before[-1], sent.end), False
        return None, False

    def actors_for(text: str, sent, t, trig, fronted: bool, sm) -> list[str]:
        """The subject of the trigger: the mention nearest before it, within its clause."""
        if trig is None:
            return []
        if fronted:
            lo = t.end
        else:
            lo = sent.start
            for m in _CLAUSE_OPEN.finditer(text, sent.start, trig[0]):
                lo = m.end()
        subj = [m for m in sm if lo <= m.start < trig[0]]
        return [subj[-1].entity] if subj else []

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
            sm = [m for m in mentions if sent.start <= m.start < sent.end]
            for t in ts:
                if precision(t.value) < best:
                    continue
                trig, fronted = trigger_for(doc.text, sent, t)
                if trig is None:
                    continue            # a date with no verb is not a happening
                actors = actors_for(doc.text, sent, t, trig, fronted, sm)
                out.append(Event(id=f"e{len(out) + 1}", start=sent.start, end=sent.end,
                                 text=doc.text[sent.start:sent.end], date=t.value, timex=t.id,
                                 actors=tuple(dict.fromkeys(actors)), trigger=trig[2]))
        return doc.replace(events=tuple(out))
    return events
