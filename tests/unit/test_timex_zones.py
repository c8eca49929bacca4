"""Time zones in TIME values (ISO 8601 offsets) and impossible calendar days (no TIMEX3)."""
from __future__ import annotations

import datetime as dt

import pytest

from dateline.model import TimeSpec
from dateline.stages._timex_zone import us_summer_time, zone_offset
from dateline.stages.timex_extract import impossible


@pytest.mark.parametrize("day,summer", [
    ("2024-03-09", False), ("2024-03-10", True), ("2024-11-02", True), ("2024-11-03", False),   # 2007 rules
    ("1998-04-04", False), ("1998-04-05", True), ("1998-10-24", True), ("1998-10-25", False),   # 1987 rules
    ("1980-04-26", False), ("1980-04-27", True),                                                # 1967 rules
])
def test_us_summer_time(day, summer):
    assert us_summer_time(dt.date.fromisoformat(day)) is summer


def test_zone_offsets():
    assert zone_offset("US-5", dt.date(2024, 1, 5)) == "-05"
    assert zone_offset("US-5", dt.date(2024, 7, 5)) == "-04"
    assert zone_offset("US-8", dt.date(2024, 7, 5)) == "-07"
    assert zone_offset("Z", dt.date(2024, 7, 5)) == "Z"


@pytest.mark.parametrize("value,spec,bad", [
    ("2021-02-30", None, True), ("2021-02-28", None, False), ("2024-02-29T10:00", None, False),
    ("2023-02-29T10:00", None, True), (None, TimeSpec("month_day", {"month": "04", "day": "31"}), True),
    (None, TimeSpec("month_day", {"month": "02", "day": "29"}), False),
    (None, TimeSpec("month_day", {"month": "02", "day": "29", "year": "2023"}), True),
    (None, TimeSpec("numeric_date", {"a": "31", "b": "04", "year": "2021"}), True),
    (None, TimeSpec("numeric_date", {"a": "04", "b": "11", "year": "2021"}), False),
    (None, TimeSpec("numeric_date", {"a": "29", "b": "02", "year": "23"}), True),
])
def test_impossible_days(value, spec, bad):
    assert impossible(value, spec) is bad
