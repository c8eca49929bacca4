"""Calendar resolvers: holidays, numeric and two-digit-year dates, eras, "Friday the 13th" and "the second
Monday in October". Pure date arithmetic like ``_timex_resolvers`` (``_timex_kinds.RESOLVERS`` lists them)."""
from __future__ import annotations

import datetime as dt
from typing import Mapping

from ._timex_resolvers import Ref, _pick, add_months, as_int, fmt, resolve_month


def easter(y: int) -> dt.date:
    a, b, c = y % 19, y // 100, y % 100
    d, e = b // 4, b % 4
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 19 * l) // 433
    month = (h + l - 7 * m + 90) // 25
    return dt.date(y, month, (h + l - 7 * m + 33 * month + 19) % 32)


def holiday_date(code: str, y: int) -> dt.date:
    """MM-DD | N-W-MM[+k] (N-th weekday W of month MM; N = L for the last) | EASTER+k."""
    if code.startswith("EASTER"):
        return easter(y) + dt.timedelta(days=int(code[6:] or 0))
    parts = code.split("-")
    if len(parts) == 2:
        return dt.date(y, int(parts[0]), int(parts[1]))
    nth, wd, rest = parts
    month, _, plus = rest.partition("+")
    m = int(month)
    if nth == "L":
        d = add_months(dt.date(y, m, 1), 1) - dt.timedelta(days=1)
        d -= dt.timedelta(days=(d.isoweekday() - int(wd)) % 7)
    else:
        d = dt.date(y, m, 1)
        d += dt.timedelta(days=(int(wd) - d.isoweekday()) % 7 + 7 * (int(nth) - 1))
    return d + dt.timedelta(days=int(plus or 0))


def resolve_holiday(f, ref: Ref, dct) -> str:
    code = f.get("holiday", "12-25")
    if f.get("year"):
        return holiday_date(code, int(f["year"])).isoformat()
    cands = [holiday_date(code, y) for y in (ref.day.year - 1, ref.day.year, ref.day.year + 1)]
    rel = f.get("rel")
    if rel in ("-1", "1"):                       # "last Christmas": the latest before; "next Easter": the coming one
        return (max(c for c in cands if c < ref.day) if rel == "-1" else min(c for c in cands if c > ref.day)).isoformat()
    if rel == "0":
        return cands[1].isoformat()
    tense = f.get("tense", "")
    if tense not in ("PAST", "FUTURE"):
        return cands[1].isoformat()
    return _pick(cands, ref.day, tense).isoformat()


def numeric_order(f: Mapping[str, str]) -> tuple[int, int]:
    """(month, day) of "11/03/2012": the document's convention (``order`` DMY | MDY, set by timex_anchor from
    any date of the document that can only be read one way), else day first after dots ("05.06.2011"), and
    month first otherwise, as in US news; a first number above 12 is a day whatever the convention."""
    a, b = as_int(f.get("a"), 1), as_int(f.get("b"), 1)
    order = f.get("order") or ("DMY" if "." in f.get("text", "") else "MDY")
    if a > 12 or (order == "DMY" and b <= 12):
        return b, a
    return a, b


def resolve_numeric_date(f, ref: Ref, dct) -> str:
    if f.get("a"):
        month, day = numeric_order(f)
        year = f.get("year", "")
        y = as_int(resolve_two_digit_year({"year": year}, dct, dct)) if len(year) == 2 else as_int(year)
        return f"{y:04d}-{month:02d}-{day:02d}"
    return f"{as_int(f.get('year')):04d}-{as_int(f.get('month')):02d}-{as_int(f.get('day')):02d}"


YY_AHEAD = 10             # "'58" is the latest such year at most this many years after the reference


def resolve_two_digit_year(f, ref: Ref, dct) -> str:
    """"'58", "June '97", "1994-97": the latest year ending so that is not far in the future of the reference."""
    yy = as_int(f.get("year"))
    c = ref.day.year // 100 * 100
    y = max(y for y in (c - 200 + yy, c - 100 + yy, c + yy, c + 100 + yy) if y <= ref.day.year + YY_AHEAD)
    return f"{y:04d}" + (f"-{as_int(f['month']):02d}" if f.get("month") else "")


def resolve_decade_short(f, ref: Ref, dct) -> str:
    d = as_int(f.get("digit"))
    c = ref.day.year // 100
    if d * 10 > ref.day.year % 100:
        c -= 1
    return f"{c:02d}{d}"


def resolve_era_year(f, ref: Ref, dct) -> str:
    y = as_int(f.get("year"))
    part = f"-{as_int(f['month']):02d}" if f.get("month") else f"-{f['season']}" if f.get("season") else ""
    if f.get("era", "").upper().startswith("B"):
        return f"BC{y:04d}{part}"
    return f"{y:04d}{part}"




def _near(cands: list[dt.date], ref: dt.date, tense: str) -> str:
    tense = "FUTURE" if tense == "PRESENT" else tense if tense in ("PAST", "FUTURE") else ""   # a schedule
    return _pick(cands, ref, tense).isoformat() if cands else "XXXX-XX-XX"


def resolve_weekday_day(f, ref: Ref, dct) -> str:
    """"Friday the 13th": the nearest month (by tense) whose day 13 is a Friday."""
    wd, d = as_int(f.get("weekday"), 5), as_int(f.get("day"), 13)
    cands = []
    for k in range(-14, 15):
        first = add_months(dt.date(ref.day.year, ref.day.month, 1), k)
        try:
            day = first.replace(day=d)
        except ValueError:
            continue
        if day.isoweekday() == wd:
            cands.append(day)
    return _near(cands, ref.day, f.get("tense", ""))


def nth_weekday(y: int, m: int, n: int, wd: int) -> dt.date | None:
    d = dt.date(y, m, 1)
    d += dt.timedelta(days=(wd - d.isoweekday()) % 7 + 7 * (n - 1))
    return d if d.month == m else None


def resolve_nth_weekday(f, ref: Ref, dct) -> str:
    """"the 2nd Monday in October (2024)": that day of that month, of the nearest year by tense."""
    m, n, wd = as_int(f.get("month"), 1), as_int(f.get("n"), 1), as_int(f.get("weekday"), 1)
    years = [as_int(f["year"])] if f.get("year") else [ref.day.year - 1, ref.day.year, ref.day.year + 1]
    cands = [d for d in (nth_weekday(y, m, n, wd) for y in years) if d is not None]
    return cands[0].isoformat() if f.get("year") and cands else _near(cands, ref.day, f.get("tense", ""))



def resolve_week_of_month(f, ref: Ref, dct, narrative=False) -> str:
    """"the second week of June": the ISO week holding June's second Thursday (the last one for "last"), in
    the year "June" alone would have."""
    m = as_int(f.get("month"), 1)
    y = as_int(f["year"]) if f.get("year") else as_int(resolve_month(f, ref, dct, narrative)[:4])
    first = dt.date(y, m, 1)
    thursdays = [first + dt.timedelta(days=(4 - first.isoweekday()) % 7 + 7 * k) for k in range(5)]
    thursdays = [d for d in thursdays if d.month == m]
    n = f.get("n", "1")
    day = thursdays[-1] if not n.isdigit() else thursdays[min(int(n), len(thursdays)) - 1]
    return fmt(day, "W")
