"""Which days a story is about: the evidence for each calendar day, and the days ranked by it.

The evidence for a day comes from the articles only: how many were published that day, how many name
the day (with a day-level time expression) and how often, how many of those were published later
("refer back" to it: a day still talked about afterwards), how many name it written out with digits,
and how many quotes were said that day (a day with quotes and nothing else is not a candidate, so
the days and sentences of a story do not depend on quotes). A day is never inferred from a month or
a year.
"""
from __future__ import annotations

import datetime as _dt
import math
from collections import Counter
from typing import Mapping, Sequence

from .records import StoryArticle

# the evidence counted for each day, in the order the date model's weights use
FEATURES = ("published", "mentions", "articles", "later", "week_later", "explicit", "quotes", "before")


def ordinal(day: str) -> int:
    return _dt.date.fromisoformat(day).toordinal()


def in_range(day: str, since: str | None, until: str | None) -> bool:
    return (since is None or day >= since) and (until is None or day <= until)


def day_evidence(articles: Sequence[StoryArticle], since: str | None = None,
                 until: str | None = None) -> dict[str, Counter]:
    """Day -> counts of each evidence kind (``FEATURES``), for the days within ``since``..``until``."""
    ev: dict[str, Counter] = {}
    for a in articles:
        if in_range(a.dct, since, until):
            ev.setdefault(a.dct, Counter())["published"] += 1
        named: dict[str, bool] = {}
        for m in a.mentions:
            if not in_range(m.day, since, until):
                continue
            c = ev.setdefault(m.day, Counter())
            c["mentions"] += 1
            named[m.day] = named.get(m.day, False) or m.explicit
        for day, explicit in named.items():
            c = ev[day]
            c["articles"] += 1
            c["explicit"] += explicit
            if a.dct > day:
                c["later"] += 1
                if ordinal(a.dct) - ordinal(day) >= 7:
                    c["week_later"] += 1
            elif a.dct < day:
                c["before"] += 1
    for a in articles:              # quotes add to days that have other evidence; they make none
        for q in a.quotes:
            if q.said_on in ev:
                ev[q.said_on]["quotes"] += 1
    return ev


def vector(counts: Mapping[str, int], totals: Mapping[str, float]) -> list[float]:
    """The features of a day: log counts, and each count as a share of the largest day's."""
    out = [math.log1p(counts.get(f, 0)) for f in FEATURES]
    out += [counts.get(f, 0) / totals[f] if totals.get(f) else 0.0 for f in FEATURES]
    return out


def rank_days(evidence: Mapping[str, Counter], weights: Sequence[float]) -> list[tuple[str, float]]:
    """Days by score, best first (ties: the earlier day)."""
    totals = {f: max((c.get(f, 0) for c in evidence.values()), default=0) for f in FEATURES}
    scored = [(day, sum(w * x for w, x in zip(weights, vector(c, totals)))) for day, c in evidence.items()]
    scored.sort(key=lambda ds: (-ds[1], ds[0]))
    return scored
