"""Joins of neighbouring TIMEX3 after anchoring: a day and its clock time ("Friday at 9 p.m."), and an offset
and the day it counts from ("three weeks from next Friday", "two days before yesterday", "a year ago
tomorrow"): one TIMEX3 each, under the first one's id, with the value the whole names."""
from __future__ import annotations

import datetime as dt
import re
from typing import Callable

from ..model import Timex
from ._timex_resolvers import Ref, beyond_ref, fmt, shift


_YEAR_PART = re.compile(r"-(?:SP|SU|FA|WI|Q[1-4]|H[12])\Z")


def as_ref(value: str | None, tid: str) -> Ref | None:
    """A resolved DATE/TIME value that can serve as the reference time (year, month or day)."""
    if value and value.startswith("BC") and value[2:6].isdigit():
        r = as_ref(value[2:], tid)
        return Ref(r.day, r.gran, tid, True) if r is not None and r.day.year > 0 else None
    if not value or not value[:4].isdigit():
        return None
    try:
        if len(value) >= 10 and value[4] == "-" and value[7] == "-" and value[8:10].isdigit():
            return Ref(dt.date.fromisoformat(value[:10]), "D", tid)
        if len(value) >= 7 and value[5:7].isdigit() and value[4] == "-":
            return Ref(dt.date(int(value[:4]), int(value[5:7]), 1), "M", tid)
        if len(value) == 4 or _YEAR_PART.match(value, 4):     # "1915-SP", "1988-Q3": their year
            return Ref(dt.date(int(value[:4]), 1, 1), "Y", tid)
    except ValueError:
        return None
    return None


DAY_THEN_CLOCK = re.compile(r"[ \t]*,?[ \t]*(?:at[ \t]+)?")          # "March 3, 2010 10:15 a.m.", "Friday at 9 p.m."
CLOCK_THEN_DAY = re.compile(r"[ \t]*,?[ \t]*(?:on[ \t]+)?")          # "10:15 a.m., March 3"


def _day_and_clock(text: str, day: Timex, clock: Timex, day_first: bool) -> bool:
    if day.type != "DATE" or clock.type != "TIME" or not day.value or not clock.value or len(day.value) != 10 \
            or (day.spec is not None and day.spec.kind == "offset"):
        return False                             # "today at 9am" stays two, as the corpora write it
    gap = DAY_THEN_CLOCK if day_first else CLOCK_THEN_DAY
    a, b = (day, clock) if day_first else (clock, day)
    return clock.value.startswith(day.value + "T") and gap.fullmatch(text, a.end, b.start) is not None


def _join_pairs(timexes: list[Timex], merge: Callable[[Timex, Timex], Timex | None]) -> list[Timex]:
    """Each timex and the one before it become ``merge(before, it)`` where that is not None (under the first
    one's id); anchors that pointed at the second one then point at the merged one."""
    out: list[Timex] = []
    gone: dict[str, str] = {}
    for t in timexes:
        joined = merge(out[-1], t) if out else None
        if joined is not None:
            gone[t.id] = joined.id
            out[-1] = joined
            continue
        out.append(t)
    if gone:
        out = [Timex(t.id, t.start, t.end, t.text, t.type, t.value, t.mod, gone.get(t.anchor, t.anchor), t.rule,
                     t.spec, t.quant, t.freq) if t.anchor in gone else t for t in out]
    return out


def join_day_and_clock(text: str, timexes: list[Timex]) -> list[Timex]:
    """A day and its clock time written together ("March 3, 2010 10:15 a.m.", "Friday at 9 p.m.",
    "Tuesday noon") are one TIME with the clock time's value, under the first one's id."""
    def merge(p: Timex, t: Timex) -> Timex | None:
        if not (_day_and_clock(text, p, t, True) or _day_and_clock(text, t, p, False)):
            return None
        clock = t if t.type == "TIME" else p
        return Timex(p.id, p.start, t.end, text[p.start:t.end], "TIME", clock.value, clock.mod or p.mod or t.mod,
                     clock.anchor, clock.rule, clock.spec, clock.quant, clock.freq)
    return _join_pairs(timexes, merge)


_SPAN = re.compile(r"P(\d+)([DWMY])\Z")
_FROM = re.compile(r"[ \t]+(from|after|before)[ \t]+")      # "three weeks from next Friday"
_BARE = re.compile(r"[ \t]+")                                # "two days before yesterday", "a year ago tomorrow"
_DIRS = {"from": 1, "after": 1, "later": 1, "hence": 1, "before": -1, "ago": -1, "earlier": -1}
_RANGE_END = re.compile(r"\s*(?:[-–]|to\b|until\b|till\b|through\b)")   # "64 days from May 1 to July 4": a span
_NOT_CALENDAR = re.compile(r"(?i)\b(?:trading|business|working|school|court|market)\b")   # not computable


def _offset(text: str, p: Timex, t: Timex) -> tuple[int, str] | None:
    """(signed count, unit) when ``p`` is an offset that counts from the day ``t`` written right after it."""
    if _NOT_CALENDAR.search(p.text) or p.mod not in (None, "APPROX"):
        return None
    if p.type == "DURATION":
        m, g = _SPAN.match(p.value or ""), _FROM.fullmatch(text, p.end, t.start)
        if g and g.group(1).lower() == "from" and _RANGE_END.match(text, t.end):
            return None
        return (int(m.group(1)) * _DIRS[g.group(1).lower()], m.group(2)) if m and g else None
    f = p.spec.fields if p.type == "DATE" and p.spec is not None and p.spec.kind == "offset" else {}
    n = "1" if f.get("n") in ("a", "an", "one") else f.get("n", "")
    if f.get("dir") not in _DIRS or f.get("unit") not in ("D", "W", "M", "Y") or not n.isdigit() \
            or not _BARE.fullmatch(text, p.end, t.start):
        return None
    return int(n) * _DIRS[f["dir"]], f["unit"]


def join_offset_and_day(text: str, timexes: list[Timex]) -> list[Timex]:
    """An offset written before the date it counts from is one DATE: "three weeks from next Friday" (next
    Friday + 3 weeks), "two days before yesterday", "a year ago tomorrow", "five years ago this month".
    Not for units no calendar can count ("eight trading days after Oct. 12" stays a DURATION and a DATE),
    and not when the offset counts from an event ("three days after the fire" stays a DURATION)."""
    def merge(p: Timex, t: Timex) -> Timex | None:
        r = as_ref(t.value, t.id) if t.type == "DATE" and t.value.replace("-", "").isdigit() else None
        off = _offset(text, p, t) if r is not None else None
        if off is None:
            return None
        value = beyond_ref(off[1], r) or fmt(shift(r.day, off[1], off[0]), r.gran)
        return Timex(p.id, p.start, t.end, text[p.start:t.end], "DATE", value, p.mod or t.mod, t.anchor, p.rule,
                     t.spec, None, None)
    return _join_pairs(timexes, merge)
