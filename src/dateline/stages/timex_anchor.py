"""Resolve underspecified TIMEX3 values (``Timex.spec``) against a reference time.

News (and colloquial text): the reference is the publication date ``doc.dct`` (anchor ``t0``); expressions
that point at a previous mention ("the next day", "two days later") use the last resolved date.
Narrative: every relative expression uses the last resolved date (the time the story has moved to).
One small function per case; ``RESOLVERS`` maps a spec kind to its function. This is the only module
that uses ``datetime``.
"""
from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass
from typing import Callable, Mapping

from ..model import Document, Timex, TimeSpec
from .registry import stage


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


def _int(s, default: int = 0) -> int:
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
    wd = _int(f.get("weekday"), 1)
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
    return after if f.get("tense") == "FUTURE" else before


def resolve_weekday(f, ref: Ref, dct) -> str:
    return _with_pod(weekday_date(f, ref.day).isoformat(), f)


def month_day_date(f: Mapping[str, str], ref: dt.date, narrative: bool) -> dt.date | None:
    m, d = _int(f.get("month"), 1), _int(f.get("day"), 1)
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
        return _with_pod(f"{_int(f['year']):04d}-{_int(f.get('month'), 1):02d}-{_int(f.get('day'), 1):02d}", f)
    d = month_day_date(f, ref.day, narrative)
    if d and f.get("gran") == "W":               # "the week of March 6"
        return fmt(d, "W")
    return _with_pod(d.isoformat(), f) if d else f"XXXX-{_int(f.get('month'), 1):02d}-{_int(f.get('day'), 1):02d}"


def resolve_month(f, ref: Ref, dct, narrative=False) -> str:
    m = _int(f.get("month"), 1)
    r = ref.day
    if f.get("year"):                            # the year of the range it opens: "(May-August 1950)"
        return f"{f['year']}-{m:02d}"
    if "year_rel" in f:
        return f"{r.year + _int(f['year_rel']):04d}-{m:02d}"
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
    y = ref.day.year + _int(f.get("year_rel", 0))
    current = (ref.day.month - 1) // 3 + 1 if part[0] == "Q" else (1 if ref.day.month <= 6 else 2)
    if "year_rel" not in f and part[1:].isdigit() and int(part[1:]) > current and f.get("tense") != "FUTURE":
        y -= 1                                   # "the fourth quarter" in March: last year's
    return f"{y:04d}-{part}"


def last_quarter(d: dt.date) -> tuple[int, int]:
    """The last completed quarter before ``d`` (news reports results for it)."""
    q = (d.month - 1) // 3
    return (d.year, q) if q else (d.year - 1, 4)


def resolve_quarter_ref(f, ref: Ref, dct) -> str:
    y, q = last_quarter(ref.day)
    if f.get("part"):
        q = _int(f["part"], q)
    if f.get("ago"):
        y -= 1
    if f.get("year"):                            # "the 1988 quarter": that year's quarter of the same number
        y = _int(f["year"], y)
    return f"{y:04d}-Q{q}"


_DIR = {"ago": -1, "earlier": -1, "before": -1, "previously": -1, "later": 1, "hence": 1,
        "from now": 1, "after": 1, "afterward": 1, "afterwards": 1}
_GRAN = {"day": "D", "week": "W", "weekend": "WE", "month": "M", "quarter": "Q", "year": "Y",
         "decade": "DE", "century": "CE", "TH": "D", "TM": "D", "TS": "D", "D": "D", "W": "W", "WE": "WE",
         "M": "M", "Q": "Q", "Y": "Y", "DE": "DE", "CE": "CE"}


def resolve_offset(f, ref: Ref, dct) -> str:
    unit = _GRAN.get(f.get("unit", "D"), f.get("unit", "D"))
    if "dir" in f:
        n = f.get("n", "1")
        if n in ("a", "an"):
            n = "1"
        if not n.replace(".", "").isdigit():
            return "PAST_REF" if _DIR.get(f["dir"], -1) < 0 else "FUTURE_REF"
        n = _int(n, 1) * _DIR.get(f["dir"], -1)
        if f.get("quarterly") and unit == "Y" and n == -1:      # "a year ago" next to quarterly results
            y, q = last_quarter(ref.day)
            return f"{y - 1:04d}-Q{q}"
    elif "rel" in f:
        n = _int(f["rel"])
    else:
        n = _int(f.get("n", 0))
    if f.get("twice"):
        n += n
    if f.get("_bc") and unit not in ("D", "W", "WE"):
        n = -n
    d = shift(ref.day, "D" if unit == "WE" else unit, n)
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
    g = _GRAN.get(unit, "D")
    if g == "D" and ref.gran == "M" and n == 0:  # "that same day" after "in June": a day of that month
        return f"{ref.day.year:04d}-{ref.day.month:02d}-XX"
    return fmt(shift(ref.day, g, n), g)


def resolve_clock(f, ref: Ref, dct, narrative=False) -> str:
    day = ref.day
    if f.get("weekday"):
        day = weekday_date(f, ref.day)
    elif f.get("day_word"):
        day = ref.day + dt.timedelta(days={"yesterday": -1, "tomorrow": 1}.get(f["day_word"], 0))
    elif f.get("month") and f.get("day"):
        day = month_day_date(f, ref.day, narrative) or ref.day
    named = f.get("named")
    if named:
        hm = "24:00" if named == "midnight" else "12:00"
        return f"{day.isoformat()}T{hm}"
    h = _int(f.get("hour"))
    ap = f.get("ampm", "")
    pod = f.get("pod_word", "")
    if ap == "p" or pod in ("afternoon", "evening", "at night"):
        h = h % 12 + 12
    elif ap == "a":
        h = h % 12
    return f"{day.isoformat()}T{h:02d}:{_int(f.get('minute')):02d}"


def resolve_month_of_ref(f, ref: Ref, dct) -> str:
    """"August of that year", "May 4 of the following year": the year of the last mention."""
    which = f.get("which", "that")
    y = ref.day.year + (1 if ("following" in which or "next" in which) else
                        -1 if ("previous" in which or "preceding" in which) else 0)
    out = f"{y:04d}-{_int(f.get('month'), 1):02d}"
    return f"{out}-{_int(f['day']):02d}" if f.get("day") else out


def resolve_pod_ref(f, ref: Ref, dct) -> str:
    which, pod = f.get("which", "this"), f.get("pod", "MO")
    n = {"last": -1, "tomorrow": 1, "this past": -1}.get(which, 0)
    if which == "last" and pod != "NI":
        n = -1
    return f"{(ref.day + dt.timedelta(days=n)).isoformat()}T{pod}"


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
    tense = f.get("tense", "")
    if tense not in ("PAST", "FUTURE"):
        return cands[1].isoformat()
    return _pick(cands, ref.day, tense).isoformat()


def resolve_day_of_ref(f, ref: Ref, dct) -> str:
    """A bare day number ("May 4 and 5", "the 20th"): that day of the month of the last mention."""
    d = _int(f.get("day"), 1)
    if ref.gran not in ("D", "M") or ref.tid == "t0":
        return f"XXXX-XX-{d:02d}"
    try:
        return dt.date(ref.day.year, ref.day.month, d).isoformat()
    except ValueError:
        return f"XXXX-XX-{d:02d}"


def resolve_numeric_date(f, ref: Ref, dct) -> str:
    return f"{_int(f.get('year')):04d}-{_int(f.get('month')):02d}-{_int(f.get('day')):02d}"


def resolve_two_digit_year(f, ref: Ref, dct) -> str:
    yy = _int(f.get("year"))
    c = ref.day.year // 100 * 100
    return f"{min((c - 100 + yy, c + yy, c + 100 + yy), key=lambda y: abs(y - ref.day.year)):04d}"


def resolve_decade_short(f, ref: Ref, dct) -> str:
    d = _int(f.get("digit"))
    c = ref.day.year // 100
    if d * 10 > ref.day.year % 100:
        c -= 1
    return f"{c:02d}{d}"


def resolve_era_year(f, ref: Ref, dct) -> str:
    y = _int(f.get("year"))
    part = f"-{_int(f['month']):02d}" if f.get("month") else f"-{f['season']}" if f.get("season") else ""
    if f.get("era", "").upper().startswith("B"):
        return f"BC{y:04d}{part}"
    return f"{y:04d}{part}"


Resolver = Callable[..., str]
RESOLVERS: dict[str, Resolver] = {
    "weekday": resolve_weekday, "month_day": resolve_month_day, "month": resolve_month,
    "season": resolve_season, "year_part": resolve_year_part, "quarter_ref": resolve_quarter_ref,
    "offset": resolve_offset, "ref_unit": resolve_ref_unit, "clock": resolve_clock,
    "pod_ref": resolve_pod_ref, "holiday": resolve_holiday, "numeric_date": resolve_numeric_date,
    "two_digit_year": resolve_two_digit_year, "decade_short": resolve_decade_short,
    "era_year": resolve_era_year, "month_of_ref": resolve_month_of_ref, "day_of_ref": resolve_day_of_ref,
}
NARRATIVE_AWARE = frozenset({"month_day", "month", "clock", "season"})
PREVIOUS_MENTION = frozenset({"ref_unit", "month_of_ref", "day_of_ref"})            # always anchored on the last resolved date
PREVIOUS_DIRS = frozenset({"later", "after", "afterward", "afterwards"})          # news: from the last date
NARRATIVE_DIRS = PREVIOUS_DIRS | {"earlier", "before", "previously", "ago"}


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
        if len(value) == 4:
            return Ref(dt.date(int(value), 1, 1), "Y", tid)
    except ValueError:
        return None
    return None


DAY_KINDS = frozenset({"weekday", "clock", "pod_ref", "ref_unit", "offset"})
DAY_UNITS = frozenset({"D", "W", "WE", "morning", "evening", "night"})


def choose_ref(spec: TimeSpec, dct: Ref, last: Ref | None, last_day: Ref | None, narrative: bool) -> Ref:
    """The reference time: the DCT, or the last resolved date (the last full date for day-level cases)."""
    prev = last
    if spec.kind in DAY_KINDS and last_day is not None and (last is None or last_day.day.year == last.day.year) \
            and _GRAN.get(spec.fields.get("unit", "D"), "D") in DAY_UNITS:
        prev = last_day                          # "the next day" counts from the last day; "later that month" not
    if prev is None:
        return dct
    if spec.kind in PREVIOUS_MENTION:
        return prev
    if spec.kind == "offset" and "dir" in spec.fields:
        dirs = NARRATIVE_DIRS if narrative else PREVIOUS_DIRS
        return prev if spec.fields["dir"] in dirs else dct
    return prev if narrative else dct


SHIFT_KINDS = frozenset({"offset", "ref_unit"})
EXCURSION_CHARS = 20
FRAME_CHARS = 40           # narrative: a bare year this far into its sentence is an aside, not a new frame
RELATIVE_KINDS = SHIFT_KINDS | {"month_of_ref", "quarter_ref"}


def resolve(spec: TimeSpec, ref: Ref, dct: Ref, narrative: bool) -> str:
    fn = RESOLVERS.get(spec.kind)
    if fn is None:
        return "XXXX-XX-XX"
    fields = spec.fields
    if ref.bc:                                   # BC years count down: "the following year" of BC0491 is BC0490
        if spec.kind not in SHIFT_KINDS and spec.kind not in ("month", "month_day", "season", "year_part", "day_of_ref",
                                                              "month_of_ref"):
            return fn(fields, ref, dct) if spec.kind not in NARRATIVE_AWARE else fn(fields, ref, dct, narrative)
        fields = {**fields, "_bc": "1"}
    value = fn(fields, ref, dct, narrative) if spec.kind in NARRATIVE_AWARE else fn(fields, ref, dct)
    return "BC" + value if ref.bc and value[:4].isdigit() else value


def _has_day(f: Mapping[str, str]) -> bool:
    return bool(f.get("weekday") or f.get("day_word") or (f.get("month") and f.get("day")))


def _sentence_day(timexes, i: int, done: list[Timex], sent_starts: list[int], dct: Ref,
                  last: Ref | None, last_day: Ref | None, narrative: bool) -> Ref | None:
    """The day a clock time without its own day belongs to: the nearest full date of its sentence
    ("at 10 a.m. (0800 GMT) Friday", "On Tuesday ... at 9 p.m.")."""
    t = timexes[i]
    k = bisect.bisect_right(sent_starts, t.start) - 1
    lo = sent_starts[k]
    hi = sent_starts[k + 1] if k + 1 < len(sent_starts) else 1 << 62
    best: tuple[int, Ref] | None = None
    for j, u in enumerate(timexes):
        if j == i or not (lo <= u.start < hi) or u.type != "DATE":
            continue
        if j < i:
            value = done[j].value if j < len(done) else None
        elif u.spec is not None and u.spec.kind in ("weekday", "month_day", "offset", "holiday"):
            try:
                value = resolve(u.spec, choose_ref(u.spec, dct, last, last_day, narrative), dct, narrative)
            except (ValueError, OverflowError):
                value = None
        else:
            value = u.value
        r = as_ref(value, u.id)
        if r is not None and r.gran == "D":
            gap = abs(u.start - t.start)
            if best is None or gap < best[0]:
                best = (gap, r)
    return best[1] if best else None


RANGE_GAP = re.compile(r"\s*(?:[-–]|to|and|or|until|till|through)\s*")
_YEAR_MONTH = re.compile(r"(\d{4})-(\d\d)")


def range_year(text: str, t: Timex, nxt: Timex | None) -> TimeSpec | None:
    """A month (or month and day) without a year that opens a range closed by a dated one ("May-August
    1950", "26 June - 4 August 1952", "in August and September 1914") takes the closing year."""
    spec = t.spec
    if nxt is None or spec is None or spec.kind not in ("month", "month_day") or spec.fields.get("year") \
            or nxt.value is None or not RANGE_GAP.fullmatch(text, t.end, nxt.start):
        return None
    m = _YEAR_MONTH.match(nxt.value)
    if m is None:
        return None
    y = int(m.group(1)) - (_int(spec.fields.get("month"), 1) > int(m.group(2)))
    return TimeSpec(spec.kind, {**spec.fields, "year": f"{y:04d}"})


def explicit_years(timexes) -> list[tuple[int, tuple[bool, int]]]:
    """(index, (bc, year)) of every timex whose written value names its year ("May 1943", "1944")."""
    out = []
    for i, t in enumerate(timexes):
        if t.spec is None and t.type in ("DATE", "TIME"):
            r = as_ref(t.value, t.id)
            if r is not None:
                out.append((i, (r.bc, r.day.year)))
    return out


def next_year(years: list[tuple[int, tuple[bool, int]]], i: int) -> tuple[bool, int] | None:
    k = bisect.bisect_right(years, (i, (True, 10 ** 6)))
    return years[k][1] if k < len(years) else None


@stage("timex_anchor", requires={"timexes"}, assigns={"timex_values"})
def make_timex_anchor(settings, res):
    narrative = settings.document_type == "narrative"
    colloquial = settings.document_type == "colloquial"

    def timex_anchor(doc: Document) -> Document:
        if not doc.timexes:
            return doc
        dct = Ref(dt.date.fromisoformat(doc.dct), "D", "t0")
        sent_starts = [0, *(x.start for x in doc.sentences or ())]
        last: Ref | None = None
        last_day: Ref | None = None
        out: list[Timex] = []
        timexes = doc.timexes
        years = explicit_years(timexes) if narrative else []
        for i, t in enumerate(timexes):
            ranged = range_year(doc.text, t, timexes[i + 1] if i + 1 < len(timexes) else None)
            if ranged is not None:
                t = Timex(t.id, t.start, t.end, t.text, t.type, t.value, t.mod, t.anchor, t.rule, ranged,
                          t.quant, t.freq)
            if t.spec is not None:
                ref = choose_ref(t.spec, dct, last, last_day, narrative)
                if t.spec.kind == "clock" and not _has_day(t.spec.fields):
                    day = _sentence_day(timexes, i, out, sent_starts, dct, last, last_day, narrative)
                    if day is not None:
                        ref = day
                try:
                    value = resolve(t.spec, ref, dct, narrative)
                except (ValueError, OverflowError):
                    value = "XXXX-XX-XX"
                t = Timex(t.id, t.start, t.end, t.text, t.type, value, t.mod, ref.tid, t.rule, t.spec,
                          t.quant, t.freq)
            if colloquial and t.type == "DATE" and t.value and len(t.value) == 4 and t.value.isdigit():
                t = Timex(t.id, t.start, t.end, t.text, t.type, t.value + "-XX-XX", t.mod, t.anchor, t.rule,
                          t.spec, t.quant, t.freq)       # TE-Tweets writes a bare year as YYYY-XX-XX
            if t.type in ("DATE", "TIME"):
                r = as_ref(t.value, t.id)
                if r is not None and narrative and last is not None and t.spec is not None \
                        and t.spec.kind in RELATIVE_KINDS and r.day.year != last.day.year:
                    r = None                     # "the previous year" does not move the story's year
                if r is not None and narrative and r.gran == "Y" and last is not None and last.gran != "Y" \
                        and t.start - sent_starts[bisect.bisect_right(sent_starts, t.start) - 1] > FRAME_CHARS:
                    r = None
                if r is not None and narrative and last is not None and t.spec is None \
                        and (r.bc, r.day.year) != (last.bc, last.day.year) \
                        and next_year(years, i) == (last.bc, last.day.year) \
                        and t.start - sent_starts[bisect.bisect_right(sent_starts, t.start) - 1] > EXCURSION_CHARS:
                    r = None                     # an excursion: the next dated mention is back in the story's year
                if r is not None:
                    last = r
                    if r.gran == "D":
                        last_day = r
            out.append(t)
        return doc.replace(timexes=tuple(out))
    return timex_anchor
