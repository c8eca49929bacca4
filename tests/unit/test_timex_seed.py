"""The reference article (../shared/examples/seed-article.txt) must come out exactly as specified.

The article is read at run time (never copied here); expectations are about its date expressions only.
"""
from __future__ import annotations

import re

import pytest

from dateline.model import Document
from dateline.pipeline import Pipeline
from dateline.settings import Settings
from support import seed_article



@pytest.fixture(scope="module")
def doc():
    dct, text = seed_article()
    p = Pipeline(["segment", "timex_extract", "timex_anchor"], Settings())
    return p(Document(id="seed", text=text, dct=dct))


def test_expected_timexes(doc):
    got = [(t.text, t.type, t.value) for t in doc.timexes]
    assert ("Wednesday night", "TIME", "2020-10-14TNI") in got
    assert ("Thursday night", "TIME", "2020-10-15TNI") in got
    assert ("Thursday", "DATE", "2020-10-15") in got
    assert ("Sept. 30", "DATE", "2020-09-30") in got
    assert ("2020", "DATE", "2020") in got
    assert all(t.anchor == "t0" for t in doc.timexes if t.spec is not None)


def test_nothing_else(doc):
    texts = {t.text for t in doc.timexes}
    assert texts == {"2020", "Wednesday night", "Thursday night", "Sept. 30", "Thursday"}, texts
    for t in doc.timexes:
        assert doc.text[t.start:t.end] == t.text
        assert not re.fullmatch(r"\d{1,2}", t.text)          # "34" (an age apposition) is not a timex
