"""One resolver per ``TimeSpec`` kind: (fields, reference time, DCT) -> a TIMEX3 value.

Pure date arithmetic over ``datetime``; which reference time to use is decided by ``timex_anchor``.
``_timex_kinds.RESOLVERS`` maps a spec kind to its function.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Callable, Mapping

from ._timex_zone import zone_offset


@dataclass(frozen=True)
class Ref:
    day: dt.date
    gran: str          # D | M | Y
    tid: str           # "t0" = the DCT
    bc: bool = False   # a year before the common era: ``day.year`` counts backwards


# -- formatting ------------------------------------------------------------------------------------
def fmt(d: dt.date, gran: str) -> str:
    if gran == "D":
        return d.isoformat()
    if gran == "M":
        return f"{d.year:04d}-{d.month:02d}"
    if gran == "Y":
        return f"{d.year:04d}"
    if gran in ("W", "WE"):
        y, w, _ = d.isocalendar()
        return f"{y:04d}-W{w:02d}" + ("-WE" if gran == "WE" else "")
    if gran == "Q":
        return f"{d.year:04d}-Q{(d.month - 1) // 3 + 1}"
    if gran == "H":
        return f"{d.year:04d}-H{1 if d.month <= 6 else 2}"
    if gran == "DE":
        return f"{d.year // 10:03d}"
    if gran == "CE":
        return f"{d.year // 100:02d}"
    return d.isoformat()


def add_months(d: dt.date, n: int) -> dt.date:
    m = d.month - 1 + n
    y = d.year + m // 12
    m = m % 12 + 1
    return dt.date(y, m, min(d.day, 28 if m == 2 else 30 if m in (4, 6, 9, 11) else 31))


def shift(d: dt.date, unit: str, n: int) -> dt.date:
    if unit == "D":
        return d + dt.timedelta(days=n)
    if unit in ("W", "WE"):
        return d + dt.timedelta(weeks=n)
    if unit == "M":
        return add_months(d, n)
    if unit == "Q":
        return add_months(d, 3 * n)
    if unit == "Y":
        return add_months(d, 12 * n)
    if unit == "DE":
        return add_months(d, 120 * n)
    if unit == "CE":
        return add_months(d, 1200 * n)
    return d


def as_int(s, default: int = 0) -> int:
    try:
        return int(float(s))
    except (TypeError, ValueError):
        return default


def _with_pod(value: str, f: Mapping[str, str]) -> str:
    pod = f.get("pod")
    return f"{value}T{pod}" if pod else value


def _pick(cands: list[dt.date], ref: dt.date, tense: str) -> dt.date:
    """Choose among candidate dates by tense: past -> latest on/before ref, future -> earliest on/after."""
    if tense == "PAST":
        past = [c for c in cands if c <= ref]
        if past:
            return max(past)
    if tense == "FUTURE":
        fut = [c for c in cands if c >= ref]
        if fut:
            return min(fut)
    return min(cands, key=lambda c: abs((c - ref).days))


def _by_distance_and_tense(same: dt.date, cands: list[dt.date], ref: dt.date, tense: str, slack: int) -> dt.date:
    """A date named without its year: this year's, unless that is more than six months away (then the
    nearest), or clearly on the wrong side of the reference for the tense of the clause."""
    days = (same - ref).days
    if abs(days) > 183:
        if tense in ("PAST", "FUTURE"):
            return _pick(cands, ref, tense)
        return min(cands, key=lambda c: abs((c - ref).days))
    if tense == "PAST" and days > slack:
        return max(c for c in cands if c < same)
    if tense == "FUTURE" and days < -slack:
        return min(c for c in cands if c > same)
    return same


# -- one resolver per spec kind: (fields, ref, dct) -> value ------------------------------------------
def weekday_date(f: Mapping[str, str], ref: dt.date) -> dt.date:
    wd = as_int(f.get("weekday"), 1)
    delta = wd - ref.isoweekday()                  # this week's day, -6..6
    rel = f.get("rel")
    if rel == "-1":
        return ref + dt.timedelta(days=delta - 7 if delta >= 0 else delta)
    if rel == "1":
        return ref + dt.timedelta(days=delta + 7 if delta <= 0 else delta)
    if delta == 0:
        return ref
    before = ref + dt.timedelta(days=delta - 7 if delta > 0 else delta)
    after = ref + dt.timedelta(days=delta + 7 if delta < 0 else delta)
    if rel == "0":
        return ref + dt.timedelta(days=delta)
    return after if f.get("tense") in ("FUTURE", "PRESENT") else before     # a schedule looks forward


def resolve_weekday(f, ref: Ref, dct) -> str:
    return _with_pod(weekday_date(f, ref.day).isoformat(), f)


def month_day_date(f: Mapping[str, str], ref: dt.date, narrative: bool) -> dt.date | None:
    m, d = as_int(f.get("month"), 1), as_int(f.get("day"), 1)
    cands = []
    for y in (ref.year - 1, ref.year, ref.year + 1):
        try:
            cands.append(dt.date(y, m, d))
        except ValueError:
            pass
    if not cands:
        return None
    same = next((c for c in cands if c.year == ref.year), cands[0])
    if narrative:
        return same
    return _by_distance_and_tense(same, cands, ref, f.get("tense", ""), 60)


def resolve_month_day(f, ref: Ref, dct, narrative=False) -> str:
    if f.get("year"):
        return _with_pod(f"{as_int(f['year']):04d}-{as_int(f.get('month'), 1):02d}-{as_int(f.get('day'), 1):02d}", f)
    d = month_day_date(f, ref.day, narrative)
    if d and f.get("gran") == "W":               # "the week of March 6"
        return fmt(d, "W")
    return _with_pod(d.isoformat(), f) if d else f"XXXX-{as_int(f.get('month'), 1):02d}-{as_int(f.get('day'), 1):02d}"


def resolve_month(f, ref: Ref, dct, narrative=False) -> str:
    m = as_int(f.get("month"), 1)
    r = ref.day
    if f.get("year"):                            # the year of the range it opens: "(May-August 1950)"
        return f"{f['year']}-{m:02d}"
    if "year_rel" in f:
        return f"{r.year + as_int(f['year_rel']):04d}-{m:02d}"
    rel = f.get("rel")
    if rel == "-1":
        return f"{r.year if m < r.month else r.year - 1:04d}-{m:02d}"
    if rel == "1":
        return f"{r.year if m > r.month else r.year + 1:04d}-{m:02d}"
    if rel == "0":
        return f"{r.year:04d}-{m:02d}"
    if narrative:                                # the year of the last mention (flashbacks are as common as moves on)
        y = r.year
        if ref.gran == "D" and r.month - m >= NEW_YEAR_GAP:
            y += -1 if f.get("_bc") else 1       # "January" right after a December: the story turned the year
        return f"{y:04d}-{m:02d}"
    cands = [dt.date(y, m, 15) for y in (r.year - 1, r.year, r.year + 1)]
    d = _by_distance_and_tense(cands[1], cands, r, f.get("tense", ""), 75)
    return f"{d.year:04d}-{m:02d}"




NEW_YEAR_GAP = 5           # narrative: a bare month this many months before the story's month is next year's
SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}     # first and last month


def resolve_season(f, ref: Ref, dct, narrative=False) -> str:
    s = f.get("season", "SU")
    if f.get("year"):
        return f"{f['year']}-{s}"
    r = ref.day
    rel = f.get("rel")
    y = r.year
    if narrative and s == "WI" and ref.gran in ("D", "M") and r.month >= 9 and not rel:
        y += -1 if f.get("_bc") else 1           # the story reached autumn: the winter that follows
    phrase = f.get("phrase", "")
    if phrase.startswith(("this past", "the past")):     # the latest one: "this past spring" in October
        y = r.year if SEASON_MONTHS[s][1] < r.month else r.year - 1
    elif phrase.startswith(("this coming", "the coming")):   # the next one
        y = r.year if SEASON_MONTHS[s][0] > r.month else r.year + 1
    elif rel in ("-1", "1"):                     # "last fall" is last year's, "next spring" next year's
        y = r.year + int(rel)
    return f"{y:04d}-{s}"


_HALF = {"first": "1", "1st": "1", "second": "2", "2nd": "2", "last": "2", "latter": "2"}


def resolve_year_part(f, ref: Ref, dct) -> str:
    part = f.get("part", "Q1")
    if part.startswith("H"):
        part = "H" + _HALF.get(part[1:], part[1:])
    if f.get("year"):
        return f"{f['year']}-{part}"
    y = ref.day.year + as_int(f.get("year_rel", 0))
    current = (ref.day.month - 1) // 3 + 1 if part[0] == "Q" else (1 if ref.day.month <= 6 else 2)
    if "year_rel" not in f and part[1:].isdigit() and int(part[1:]) > current and f.get("tense") != "FUTURE":
        y -= 1                                   # "the fourth quarter" in March: last year's
    return f"{y:04d}-{part}"


def last_quarter(d: dt.date) -> tuple[int, int]:
    """The last completed quarter before ``d`` (news reports results for it)."""
    q = (d.month - 1) // 3
    return (d.year, q) if q else (d.year - 1, 4)


def resolve_quarter_ref(f, ref: Ref, dct) -> str:
    y, q = (ref.day.year, (ref.day.month - 1) // 3 + 1) if f.get("this") else last_quarter(ref.day)
    if f.get("part"):
        q = as_int(f["part"], q)
    if f.get("ago"):
        y -= 1
    if f.get("year"):                            # "the 1988 quarter": that year's quarter of the same number
        y = as_int(f["year"], y)
    return f"{y:04d}-Q{q}"


_DIR = {"ago": -1, "earlier": -1, "before": -1, "previously": -1, "later": 1, "hence": 1,
        "from now": 1, "after": 1, "afterward": 1, "afterwards": 1}
GRAN = {"day": "D", "week": "W", "weekend": "WE", "month": "M", "quarter": "Q", "year": "Y",
         "decade": "DE", "century": "CE", "TH": "D", "TM": "D", "TS": "D", "D": "D", "W": "W", "WE": "WE",
         "M": "M", "Q": "Q", "Y": "Y", "DE": "DE", "CE": "CE"}


_FINER = {"Y": {"M": "{y}-XX", "W": "{y}-WXX", "WE": "{y}-WXX", "D": "{y}-XX-XX"},
          "M": {"W": "{y}-WXX", "WE": "{y}-WXX", "D": "{y}-{m}-XX"}}


def beyond_ref(unit: str, ref: Ref) -> str | None:
    """A day counted from a year ("In 1944 ... two days later") is some day of that year (1944-XX-XX): a value
    is never more precise than its anchor. None when the reference is fine enough for the unit."""
    form = _FINER.get(ref.gran, {}).get(unit)
    return form.format(y=f"{ref.day.year:04d}", m=f"{ref.day.month:02d}") if form else None


def resolve_offset(f, ref: Ref, dct) -> str:
    unit = GRAN.get(f.get("unit", "D"), f.get("unit", "D"))
    if "dir" in f:
        n = f.get("n", "1")
        if n in ("a", "an"):
            n = "1"
        if not n.replace(".", "").isdigit():
            return "PAST_REF" if _DIR.get(f["dir"], -1) < 0 else "FUTURE_REF"
        n = as_int(n, 1) * _DIR.get(f["dir"], -1)
        if f.get("quarterly") and unit == "Y" and n == -1:      # "a year ago" next to quarterly results
            y, q = last_quarter(ref.day)
            return f"{y - 1:04d}-Q{q}"
    elif "rel" in f:
        n = as_int(f["rel"])
    else:
        n = as_int(f.get("n", 0))
    if f.get("twice"):
        n += n
    if f.get("_bc") and unit not in ("D", "W", "WE"):
        n = -n
    vague = beyond_ref(unit, ref)
    if vague:
        return _with_pod(vague, f)
    d = shift(ref.day, unit, n)
    if f.get("year_end"):
        return f"{ref.day.year:04d}-12-31"
    if unit == "WE":
        if n == 0 and f.get("tense") == "PAST" and ref.day.isoweekday() < 6:
            d = d - dt.timedelta(weeks=1)
        return fmt(d, "WE")
    return _with_pod(fmt(d, unit), f)


def resolve_ref_unit(f, ref: Ref, dct) -> str:
    text = f.get("which", "")
    n = 1 if ("next" in text or "following" in text or "after" in text) else \
        -1 if ("previous" in text or "preceding" in text or "prior" in text or "before" in text) else 0
    unit = f.get("unit", "day")
    if f.get("_bc") and unit not in ("day", "week", "D", "W"):
        n = -n
    if unit in ("morning", "evening", "night"):
        pod = {"morning": "MO", "evening": "EV", "night": "NI"}[unit]
        return f"{(ref.day + dt.timedelta(days=n)).isoformat()}T{pod}"
    g = GRAN.get(unit, "D")
    return beyond_ref(g, ref) or fmt(shift(ref.day, g, n), g)   # "that same day" after "in June": 1944-06-XX


def resolve_clock(f, ref: Ref, dct, narrative=False) -> str:
    day = ref.day
    if f.get("weekday"):
        day = weekday_date(f, ref.day)
    elif f.get("day_word"):
        day = ref.day + dt.timedelta(days={"yesterday": -1, "tomorrow": 1}.get(f["day_word"], 0))
    elif f.get("month") and f.get("day"):
        day = month_day_date(f, ref.day, narrative) or ref.day
    named = f.get("named")                   # T24:00 only where the text says "24:00"
    h = (0 if named == "midnight" else 12) if named else as_int(_HOUR_WORD.get(f.get("hour", ""), f.get("hour")))
    ap = f.get("ampm", "")
    pod = f.get("pod_word", "")
    if not named and (ap == "p" or pod in ("afternoon", "evening", "at night")):
        h = h % 12 + 12
    elif not named and ap == "a":
        h = h % 12
    m = as_int(_HOUR_WORD.get(f.get("minute", ""), f.get("minute")))
    if m and f.get("to"):                            # "ten minutes to four": before the hour
        h, m = (h - 1) % 24, 60 - m
    zone = zone_offset(f["zone"], day) if f.get("zone") else ""     # "10 a.m. EST": T10:00-05
    return f"{day.isoformat()}T{h:02d}:{m:02d}{zone}"


_HOUR_WORD = {w: str(i) for i, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve "
                                              "thirteen fourteen fifteen sixteen seventeen eighteen nineteen "
                                              "twenty".split())}
_HOUR_WORD.update({"twenty-five": "25", "twenty five": "25"})


def resolve_month_of_ref(f, ref: Ref, dct) -> str:
    """"August of that year", "May 4 of the following year": the year of the last mention."""
    which = f.get("which", "that")
    y = ref.day.year + (1 if ("following" in which or "next" in which) else
                        -1 if ("previous" in which or "preceding" in which) else 0)
    out = f"{y:04d}-{as_int(f.get('month'), 1):02d}"
    return f"{out}-{as_int(f['day']):02d}" if f.get("day") else out


def resolve_pod_ref(f, ref: Ref, dct) -> str:
    which, pod = f.get("which", "this"), f.get("pod", "MO")
    n = {"last": -1, "tomorrow": 1, "this past": -1}.get(which, 0)
    if which == "last" and pod != "NI":
        n = -1
    return f"{(ref.day + dt.timedelta(days=n)).isoformat()}T{pod}"


def resolve_day_of_ref(f, ref: Ref, dct) -> str:
    """A bare day number ("May 4 and 5", "the 20th"): that day of the month of the last mention."""
    d = as_int(f.get("day"), 1)
    if ref.gran not in ("D", "M") or ref.tid == "t0":
        return f"XXXX-XX-{d:02d}"
    try:
        return dt.date(ref.day.year, ref.day.month, d).isoformat()
    except ValueError:
        return f"XXXX-XX-{d:02d}"


def resolve_anaphor(f, ref: Ref, dct) -> str:
    """"at that time", "at the same time": the reference time itself, as precise as it is (PAST_REF when
    nothing was dated before: "at the time" with no antecedent)."""
    return "PAST_REF" if ref.tid == "t0" else fmt(ref.day, ref.gran)
