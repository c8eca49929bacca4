"""The article timeline: events and dated quotes grouped by day (or coarser date), in date order."""
from __future__ import annotations

import datetime as _dt
import functools
import re

from ..model import Document, TimelineEntry
from .registry import stage

_DATE = re.compile(r"^(\d{4}(?:-W\d{2}|-\d{2}(?:-\d{2})?)?)")


@functools.lru_cache(maxsize=8192)
def day_key(value: str | None) -> str | None:
    """A TIMEX3 value -> the calendar key it is filed under: 2020-10-14TNI -> 2020-10-14, 2024-W08 stays
    a week, 2024-Q1 -> 2024; PAST_REF -> None."""
    if not value:
        return None
    m = _DATE.match(value)
    return m.group(1) if m else None


_PART = re.compile(r"^(\d{4})-(W\d{2}|Q[1-4]|H[12]|SP|SU|FA|WI)")
_PART_MONTH = {"Q1": 1, "Q2": 4, "Q3": 7, "Q4": 10, "H1": 1, "H2": 7, "SP": 3, "SU": 6, "FA": 9, "WI": 12}


def period_start(value: str | None) -> str | None:
    """The first day a TIMEX3 value covers: 1987-03 -> 1987-03-01, 1987-W10 -> its Monday, 1987-Q2 ->
    1987-04-01, 2020-10-14TNI -> 2020-10-14; None when it names no day on the calendar (PAST_REF, P2D)."""
    if not value:
        return None
    try:
        m = _PART.match(value)
        if m:
            year, part = int(m.group(1)), m.group(2)
            if part.startswith("W"):
                return _dt.date.fromisocalendar(year, int(part[1:]), 1).isoformat()
            return _dt.date(year, _PART_MONTH[part], 1).isoformat()
        m = re.match(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", value)
        if not m:
            return None
        return _dt.date(int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1)).isoformat()
    except ValueError:
        return None


@functools.lru_cache(maxsize=8192)
def sort_key(key: str) -> tuple[str, int]:
    """Order by the first day of the period, a coarser period first: 2024 < 2024-02 < 2024-W08 < 2024-02-19."""
    precision = 2 if "-W" in key else {4: 0, 7: 1, 10: 3}.get(len(key), 3)
    return period_start(key) or key, precision


@stage("timeline", requires={"events", "quotes"}, assigns={"timeline"})
def make_timeline(settings, res):
    def timeline(doc: Document) -> Document:
        by_date: dict[str, tuple[list[str], list[str]]] = {}
        for e in doc.events:
            k = day_key(e.date)
            if k:
                by_date.setdefault(k, ([], []))[0].append(e.id)
        for q in doc.quotes:
            if q.said_on:
                k = day_key(q.said_on)
                if k:
                    by_date.setdefault(k, ([], []))[1].append(q.id)
        # "2020" sorts before "2020-09-30": a coarser date comes first within its period
        entries = tuple(TimelineEntry(k, tuple(by_date[k][0]), tuple(by_date[k][1]))
                        for k in sorted(by_date, key=sort_key))
        return doc.replace(timeline=entries)
    return timeline
