"""Medium and ``said_on``: from the attribution's own framing clause ("said on Tuesday", "in a 2013 memo",
"On Tuesday, his spokesman declined ..."), or from the sentence that introduced a post / statement / interview
of the same speaker ("On Sept. 30, X posted an Instagram update ...")."""
from __future__ import annotations

import re
from bisect import bisect_right

_DAY = re.compile(r"(\d{4}-\d{2}-\d{2})(?:T.*)?$")
_WEEK = re.compile(r"(\d{4}-W\d{2})(?:-WE)?$")
_COARSE = re.compile(r"\d{4}-\d{2}$|\d{3,4}$")


def when(value):
    """The said_on value of a timex value: its day, ISO week, month, year or decade; None otherwise."""
    if not value:
        return None
    m = _DAY.match(value) or _WEEK.match(value)
    if m:
        return m.group(1)
    return value if _COARSE.match(value) else None


def not_after(value, dct_day):
    """Is a said_on value (a day, week, month, year or decade) not after the publication day?"""
    if _WEEK.fullmatch(value):
        y, w = int(value[:4]), int(value[6:])
        dy, dm, dd = (int(x) for x in dct_day.split("-"))
        return (y, w) <= _iso_week(dy, dm, dd)
    return value <= dct_day            # "2016-09" <= "2016-09-30"; a shorter prefix sorts first


def _iso_week(y, m, d):
    import datetime as _dt                  # calendar arithmetic only; never the clock
    iy, iw, _ = _dt.date(y, m, d).isocalendar()
    return iy, iw


def by_sentence(ctx, medium_rx, release_rx, inside_quote, inside_content):
    """Medium words (outside direct quotes) and dated timexes that can date a saying, bucketed by sentence:
    not inside any content, not inside a name ("USA Today"), not the date of a release ("a poll released
    Friday", "an interview aired Tuesday": the words were said before)."""
    doc, sent_of = ctx.doc, ctx.sent_of
    meds: dict[int, list] = {}
    for m in medium_rx.finditer(doc.text) if ctx.may_match("medium") else ():
        if not inside_quote(m.start()):
            meds.setdefault(sent_of(m.start()), []).append(m)
    days: dict[int, list] = {}
    for t in doc.timexes:
        if t.type not in ("DATE", "TIME") or not when(t.value) or inside_content(t.start):
            continue
        if release_rx.search(doc.text, max(0, t.start - 24), t.start) or any(
                m.label in ("ORG", "WORK", "PERSON") and m.kind == "name" for m in ctx.mentions_in(t.start, t.end)
                if m.start < t.start or m.end > t.end) or _in_name(ctx, t):
            continue
        days.setdefault(sent_of(t.start), []).append(t)
    return meds, days


def _in_name(ctx, t):
    """Is the timex part of a longer name mention ("USA Today")?"""
    k = bisect_right(ctx.mstarts, t.start) - 1
    while k >= 0 and ctx.ments[k].start > t.start - 40:
        m = ctx.ments[k]
        if m.start <= t.start and t.end <= m.end and (m.start, m.end) != (t.start, t.end) and m.kind == "name":
            return True
        k -= 1
    return False


def _best_medium(matches, medium_lex, spans=()):
    med = None
    for m in matches:
        if any(a <= m.start() < b for a, b in spans):
            continue
        norm = medium_lex.get(m.group().lower())
        if norm and (med is None or len(norm) > len(med)):
            med = norm
    return med


def sentence_medium_day(si, meds, days, medium_lex, spans, cue=None, np=None):
    """The medium and said_on of sentence si for an attribution: the medium outside its content spans, and the
    dated timex nearest to its cue outside its content and its source ("said on Tuesday", "On Tuesday, his
    spokesman declined", "..., he said in an interview on Sunday")."""
    med = _best_medium(meds.get(si, ()), medium_lex, spans)
    skip = list(spans) + ([np] if np else [])
    cands = [t for t in days.get(si, ()) if not any(a <= t.start < b for a, b in skip)]
    if not cands:
        return med, None
    if cue is None:
        return med, when(cands[0].value)
    best = min(cands, key=lambda t: max(cue[0] - t.end, t.start - cue[1], 0))
    return med, when(best.value)


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
        day = when(days[si][0].value) if days.get(si) else None
        out.append((s.start, subj, med, day))
    return out
