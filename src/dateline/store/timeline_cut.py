"""What ``Store.timeline`` keeps when more entries match than its limit, and which year-only values
it leaves out."""
from __future__ import annotations

from ..stages.timeline import sort_key

KEEP = ("relevant", "earliest", "latest")
# a year alone far from the article's own ("1016 homes", "landed at 1653") is a number, not a date
PLAUSIBLE_YEAR = ("NOT (length(ev.date) = 4 AND (CAST(ev.date AS INTEGER) < CAST(substr(d.dct, 1, 4) AS INTEGER) - 100 "
                   "OR CAST(ev.date AS INTEGER) > CAST(substr(d.dct, 1, 4) AS INTEGER) + 10))")


def cut_entries(qs: list[dict], es: list[dict], limit: int, keep: str) -> list[dict]:
    """The ``limit`` entries to keep from two lists each sorted best first: by day for earliest and
    latest, else taking from each in turn (their ranks are not comparable)."""
    if keep == "relevant":
        out: list[dict] = []
        for i in range(max(len(qs), len(es))):
            out += [x[i] for x in (qs, es) if i < len(x)]
        return out[:limit]
    merged = sorted(qs + es, key=lambda e: (sort_key(e["period"]), e["kind"] != "event", e["document"], e["ref"]),
                    reverse=keep == "latest")
    return merged[:limit]
