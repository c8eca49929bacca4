"""Medium and ``said_on``: from the attribution sentence, or from the sentence that introduced a post /
statement / interview of the same speaker ("On Sept. 30, X posted an Instagram update ...")."""
from __future__ import annotations

import re
from bisect import bisect_right

_DAY = re.compile(r"^(\d{4}-\d{2}-\d{2}|\d{4}-W\d{2}$)")
_WEEK = re.compile(r"\d{4}-W\d{2}")


def _day(value):
    """The said_on value of a timex: its day, or its week ("two weeks ago" -> 2024-W08); None otherwise."""
    if not value:
        return None
    m = _DAY.match(value)
    return m.group(1) if m else None


def not_after(value, dct_day):
    """Is a said_on value (a day or an ISO week) on or before the publication day?"""
    if _WEEK.fullmatch(value):
        y, w = int(value[:4]), int(value[6:])
        dy, dm, dd = (int(x) for x in dct_day.split("-"))
        # ISO week of the publication day (Zeller-free: day of year + weekday from the proleptic count)
        dw = _iso_week(dy, dm, dd)
        return (y, w) <= dw
    return value <= dct_day


def _iso_week(y, m, d):
    import datetime as _dt                  # calendar arithmetic only; never the clock
    iy, iw, _ = _dt.date(y, m, d).isocalendar()
    return iy, iw


def by_sentence(doc, sent_of, medium_rx, inside_quote, inside_content):
    """Medium words (outside direct quotes) and day/week DATE/TIME timexes (outside any content),
    bucketed by sentence (one pass each)."""
    meds: dict[int, list] = {}
    for m in medium_rx.finditer(doc.text):
        if not inside_quote(m.start()):
            meds.setdefault(sent_of(m.start()), []).append(m)
    days: dict[int, list] = {}
    for t in doc.timexes:
        if t.type in ("DATE", "TIME") and _day(t.value) and not inside_content(t.start):
            days.setdefault(sent_of(t.start), []).append(t)
    return meds, days


def _best_medium(matches, medium_lex, spans=()):
    med = None
    for m in matches:
        if any(a <= m.start() < b for a, b in spans):
            continue
        norm = medium_lex.get(m.group().lower())
        if norm and (med is None or len(norm) > len(med)):
            med = norm
    return med


def sentence_medium_day(si, meds, days, medium_lex, spans):
    """The medium and day of sentence si, outside the given content spans."""
    med = _best_medium(meds.get(si, ()), medium_lex, spans)
    day = None
    for t in days.get(si, ()):
        if not any(a <= t.start < b for a, b in spans):
            day = _day(t.value)
            break
    return med, day


def frame_sentences(doc, ments, meds, days, medium_lex, intro_rx, inside_quote, frame_rx):
    """Sentences that introduce a post/statement/interview: (position, entity, medium, day).

    A sentence introduces one when it has an introducing verb ("posted", "issued") or places a medium
    with "in a …" ("floated the plan in a statement on the city's website")."""
    text = doc.text
    out = []
    mstarts = [m.start for m in ments]
    for si in sorted(set(meds) | set(days)):
        s = doc.sentences[si]
        if not intro_rx.search(text, s.start, s.end) and not any(
                frame_rx.search(text, max(s.start, m.start() - 40), m.start()) for m in meds.get(si, ())):
            continue
        subj = None
        k = bisect_right(mstarts, s.start - 1)
        while k < len(ments) and ments[k].start < s.end:
            m = ments[k]
            if m.end <= s.end and m.entity and not inside_quote(m.start) and m.label in ("PERSON", "ORG"):
                subj = m.entity
                break
            k += 1
        if subj is None:
            continue
        med = _best_medium(meds.get(si, ()), medium_lex)
        day = _day(days[si][0].value) if days.get(si) else None
        out.append((s.start, subj, med, day))
    return out
