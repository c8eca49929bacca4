"""The spec kinds ``timex_anchor`` can resolve: ``RESOLVERS`` maps each to its resolver (in ``_timex_resolvers``
and ``_timex_calendar``)."""
from __future__ import annotations

from typing import Callable

from ._timex_calendar import (resolve_decade_short, resolve_era_year, resolve_holiday, resolve_nth_weekday,
                              resolve_numeric_date, resolve_two_digit_year, resolve_week_of_month,
                              resolve_weekday_day)
from ._timex_resolvers import (resolve_anaphor, resolve_clock, resolve_day_of_ref, resolve_month, resolve_month_day,
                               resolve_month_of_ref, resolve_offset, resolve_pod_ref, resolve_quarter_ref,
                               resolve_ref_unit, resolve_season, resolve_weekday, resolve_year_part)

Resolver = Callable[..., str]
RESOLVERS: dict[str, Resolver] = {
    "weekday": resolve_weekday, "month_day": resolve_month_day, "month": resolve_month,
    "season": resolve_season, "year_part": resolve_year_part, "quarter_ref": resolve_quarter_ref,
    "offset": resolve_offset, "ref_unit": resolve_ref_unit, "clock": resolve_clock,
    "pod_ref": resolve_pod_ref, "holiday": resolve_holiday, "numeric_date": resolve_numeric_date,
    "two_digit_year": resolve_two_digit_year, "decade_short": resolve_decade_short,
    "era_year": resolve_era_year, "month_of_ref": resolve_month_of_ref, "day_of_ref": resolve_day_of_ref,
    "weekday_day": resolve_weekday_day, "nth_weekday": resolve_nth_weekday, "week_of_month": resolve_week_of_month,
    "anaphor": resolve_anaphor,
}
