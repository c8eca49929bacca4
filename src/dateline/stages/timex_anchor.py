"""Resolve underspecified TIMEX3 values (``Timex.spec``) against a reference time.

News (and colloquial text): the reference is the publication date ``doc.dct`` (anchor ``t0``); expressions
that point at a previous mention ("the next day", "two days later") use the last resolved date.
Narrative: every relative expression uses the last resolved date (the time the story has moved to),
which moves with explicit dates only (not with asides, excursions or relative expressions).
This module decides the reference time; ``_timex_resolvers`` does the date arithmetic of each spec kind.
"""
from __future__ import annotations

import bisect
import datetime as dt
import re
from typing import Mapping

from ..model import Document, Timex, TimeSpec
from ._doctype import make_doctype
from ._timex_joins import as_ref, join_day_and_clock, join_offset_and_day
from ._timex_kinds import RESOLVERS
from ._timex_resolvers import GRAN, Ref, as_int
from .registry import stage


NARRATIVE_AWARE = frozenset({"month_day", "month", "clock", "season", "week_of_month"})
PREVIOUS_MENTION = frozenset({"ref_unit", "month_of_ref", "day_of_ref", "anaphor"})            # always anchored on the last resolved date
PREVIOUS_DIRS = frozenset({"later", "after", "afterward", "afterwards"})          # news: from the last date
NARRATIVE_DIRS = PREVIOUS_DIRS | {"earlier", "before", "previously", "ago"}


DAY_KINDS = frozenset({"weekday", "clock", "pod_ref", "ref_unit", "offset"})
DAY_UNITS = frozenset({"D", "W", "WE", "morning", "evening", "night"})


def choose_ref(spec: TimeSpec, dct: Ref, last: Ref | None, last_day: Ref | None, narrative: bool) -> Ref:
    """The reference time: the DCT, or the last resolved date (the last full date for day-level cases)."""
    prev = last
    if spec.kind in DAY_KINDS and last_day is not None and (last is None or last_day.day.year == last.day.year) \
            and GRAN.get(spec.fields.get("unit", "D"), "D") in DAY_UNITS:
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
                                                              "month_of_ref", "anaphor"):
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
    y = int(m.group(1)) - (as_int(spec.fields.get("month"), 1) > int(m.group(2)))
    return TimeSpec(spec.kind, {**spec.fields, "year": f"{y:04d}"})


def numeric_convention(timexes) -> str | None:
    """DMY or MDY when a numeric date of the document can only be read one way ("25/12/2011"), else None."""
    for t in timexes:
        f = t.spec.fields if t.spec is not None and t.spec.kind == "numeric_date" else None
        if f and f.get("a"):
            a, b = as_int(f["a"]), as_int(f.get("b"))
            if a > 12 >= b or b > 12 >= a:
                return "DMY" if a > 12 else "MDY"
    return None


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


def moves_story(t: Timex, r: Ref, last: Ref, into_sentence: int, next_dated: tuple[bool, int] | None) -> bool:
    """Narrative: whether the resolved mention ``t`` (as reference ``r``) becomes the story's time. Not a
    relative expression that leaves the story's year ("the previous year"), nor "at that time"; not a bare
    year deep inside its sentence (an aside); not an excursion (a dated mention past the opening of its
    sentence whose next dated mention is back in the story's year); not a season or quarter of the story's
    own year ("that summer" does not blur "June 1944" into 1944)."""
    kind = t.spec.kind if t.spec is not None else None
    if kind == "anaphor" or kind in RELATIVE_KINDS and r.day.year != last.day.year:
        return False
    if r.gran == "Y" and last.gran != "Y" and (into_sentence > FRAME_CHARS or not t.value[-4:].isdigit()
                                               and (r.bc, r.day.year) == (last.bc, last.day.year)):
        return False
    return not (kind is None and (r.bc, r.day.year) != (last.bc, last.day.year)
                and next_dated == (last.bc, last.day.year) and into_sentence > EXCURSION_CHARS)


@stage("timex_anchor", requires={"sentences", "timexes"}, assigns={"timexes"})
def make_timex_anchor(settings, res):
    fixed = settings.document_type
    doctype = make_doctype(res.data("timex")["document_type_auto"]) if fixed == "auto" else None

    def timex_anchor(doc: Document) -> Document:
        if not doc.timexes:
            return doc
        dtype = doctype(doc) if doctype else fixed
        narrative, colloquial = dtype == "narrative", dtype == "colloquial"
        dct = Ref(dt.date.fromisoformat(doc.dct), "D", "t0")
        sent_starts = [0, *(x.start for x in doc.sentences or ())]
        last: Ref | None = None
        last_day: Ref | None = None
        out: list[Timex] = []
        timexes = doc.timexes
        years = explicit_years(timexes) if narrative else []
        order = numeric_convention(timexes)
        for i, t in enumerate(timexes):
            ranged = range_year(doc.text, t, timexes[i + 1] if i + 1 < len(timexes) else None)
            if ranged is not None:
                t = Timex(t.id, t.start, t.end, t.text, t.type, t.value, t.mod, t.anchor, t.rule, ranged,
                          t.quant, t.freq)
            if t.spec is not None and t.spec.kind == "numeric_date" and order:
                t = Timex(t.id, t.start, t.end, t.text, t.type, t.value, t.mod, t.anchor, t.rule,
                          TimeSpec(t.spec.kind, {**t.spec.fields, "order": order}), t.quant, t.freq)
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
            if colloquial and t.type == "DATE" and t.spec is None and t.value and len(t.value) == 4 \
                    and t.value.isdigit():
                t = Timex(t.id, t.start, t.end, t.text, t.type, t.value + "-XX-XX", t.mod, t.anchor, t.rule,
                          t.spec, t.quant, t.freq)       # TE-Tweets writes a written year as YYYY-XX-XX
                                                           # ("last year" stays a year)
            if t.type in ("DATE", "TIME"):
                r = as_ref(t.value, t.id)
                if r is not None and narrative and last is not None \
                        and not moves_story(t, r, last, t.start - sent_starts[bisect.bisect_right(sent_starts, t.start) - 1],
                                            next_year(years, i)):
                    r = None
                if r is not None:
                    last = r
                    if r.gran == "D":
                        last_day = r
            out.append(t)
        return doc.replace(timexes=tuple(join_day_and_clock(doc.text, join_offset_and_day(doc.text, out))))
    return timex_anchor
