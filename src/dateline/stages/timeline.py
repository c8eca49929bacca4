"""The article timeline: events and dated quotes grouped by day (or coarser date), in date order."""
from __future__ import annotations

import datetime as _dt
import re

from ..model import Document, TimelineEntry
from .registry import stage

_DATE = re.compile(r"^(\d{4}(?:-W\d{2}|-\d{2}(?:-\d{2})?)?)")


def day_key(value: str | None) -> str | None:
    """A TIMEX3 value -> the calendar key it is filed under: 2020-10-14TNI -> 2020-10-14, 2024-W08 stays
    a week, 2024-Q1 -> 2024; PAST_REF -> None."""
    if not value:
        return None
    m = _DATE.match(value)
    return m.group(1) if m else None


def sort_key(key: str) -> tuple[str, int]:
    """Order by the first day of the period, a coarser period first: 2024 < 2024-02 < 2024-W08 < 2024-02-19."""
    if "-W" in key:
        year, week = key.split("-W")
        try:
            return _dt.date.fromisocalendar(int(year), int(week), 1).isoformat(), 2
        except ValueError:
            return key, 2
    precision = {4: 0, 7: 1, 10: 3}.get(len(key), 3)
    return key + "-01-01"[len(key) - 4:], precision


@stage("timeline", requires={"events", "quotes"}, assigns={"timeline"})
def make_timeline(settings, res):
    def timeline(doc: Document) -> Document:
        by_date: dict[str, tuple[list[str], list[str]]] = {}
        for e in doc.events:
            k = day_key(e.date)
            if k:
                by_date.setdefault(k, ([], []))[0].append(e.id)
        for q in doc.quotes:
            k = day_key(q.said_on)
            if k:
                by_date.setdefault(k, ([], []))[1].append(q.id)
        # "2020" sorts before "2020-09-30": a coarser date comes first within its period
        entries = tuple(TimelineEntry(k, tuple(ev), tuple(qs))
                        for k, (ev, qs) in sorted(by_date.items(), key=lambda kv: sort_key(kv[0])))
        return doc.replace(timeline=entries)
    return timeline
