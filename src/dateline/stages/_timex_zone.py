"""Time zones of clock times: the ISO 8601 offset of a zone named in the text, on a given day."""
from __future__ import annotations

import datetime as dt


def _sunday(y: int, m: int, nth: int) -> dt.date:
    """The nth Sunday of a month (nth = -1: the last)."""
    if nth < 0:
        d = dt.date(y + m // 12, m % 12 + 1, 1) - dt.timedelta(days=1)
        return d - dt.timedelta(days=d.isoweekday() % 7)
    d = dt.date(y, m, 1)
    return d + dt.timedelta(days=(7 - d.isoweekday()) % 7 + 7 * (nth - 1))


def us_summer_time(d: dt.date) -> bool:
    """US daylight-saving time on day ``d`` (the rules of 2007, of 1987 and of 1967)."""
    y = d.year
    if y >= 2007:
        return _sunday(y, 3, 2) <= d < _sunday(y, 11, 1)
    if y >= 1987:
        return _sunday(y, 4, 1) <= d < _sunday(y, 10, -1)
    return _sunday(y, 4, -1) <= d < _sunday(y, 10, -1)


def zone_offset(code: str, d: dt.date) -> str:
    """The ISO 8601 offset of a zone norm of ``lexicon/timezone.tsv`` on day ``d``: "-05", "Z", "+05:30";
    "US-5" (a US zone named without standard/daylight) is -05 in winter and -04 in summer."""
    if code.startswith("US"):
        hours = -int(code[3:]) + us_summer_time(d)
        return f"{'-' if hours < 0 else '+'}{abs(hours):02d}"
    return code
