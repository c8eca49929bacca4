"""TIMEX3 ``mod``: bounds and approximations of points and durations (TimeML 1.2.1)."""
import pytest

from dateline.model import Document
from dateline.pipeline import Pipeline
from dateline.settings import Settings

PIPE = Pipeline(["segment", "timex_extract", "timex_anchor"], Settings())

CASES = [
    ("The plant will not turn a profit until 2027 or later.", "2027 or later", "2027", "ON_OR_AFTER"),
    ("Rates for 2026 and beyond are unknown.", "2026 and beyond", "2026", "ON_OR_AFTER"),
    ("Houses built in 1950 or earlier need new wiring.", "1950 or earlier", "1950", "ON_OR_BEFORE"),
    ("Post-1990 housing is better insulated.", "Post-1990", "1990", "AFTER"),
    ("The mine closed more than five years ago.", "more than five years ago", "2019", "BEFORE"),
    ("The mine closed less than a year ago.", "less than a year ago", "2023", "AFTER"),
    ("He left about a week ago.", "about a week ago", "2024-W09", "APPROX"),
    ("The strike lasted more than three weeks.", "more than three weeks", "P3W", "MORE_THAN"),
    ("Prices rose at the start of the month.", "the start of the month", "2024-03", "START"),
    ("The law passed in late 2019.", "late 2019", "2019", "END"),
    ("Talks resume in mid-June.", "mid-June", "2024-06", "MID"),
]


@pytest.mark.parametrize("text,span,value,mod", CASES)
def test_mod(text, span, value, mod):
    doc = PIPE(Document(id="m", text=text, dct="2024-03-05"))
    got = [(t.text, t.value, t.mod) for t in doc.timexes]
    assert (span, value, mod) in got, got


def test_a_month_keeps_its_year():
    doc = PIPE(Document(id="m", text="Units made in June 2019 or later are affected.", dct="2024-03-05"))
    assert [(t.text, t.value) for t in doc.timexes] == [("June 2019", "2019-06")]
