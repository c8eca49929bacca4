"""Settings.document_type "auto": each document gets news, narrative or colloquial from its own text."""
from __future__ import annotations

import pytest

from dateline import Document, Pipeline, Settings
from dateline.stages._doctype import document_type

NEWS = ("LISBON (Wire) -- The port workers' union said on Tuesday it would end its strike next week, "
        "after talks with the shipping companies that began in 2019 broke down last month. "
        "The union's leader told reporters the deal would be signed on Friday. ") * 8

HISTORY = " ".join(
    f"In {1700 + 3 * i} the northern army crossed the river and laid siege to the fortress of Varn. "
    "It held out until the garrison surrendered after a long and hungry winter on the plain. "
    "The following year a new commander reorganised the cavalry and moved the depots to the coast."
    for i in range(14))

MESSAGE = "omg cant believe the exam is tmrw, see u at the library at 7!!"
POST = "Great show at the harbour tonight #summerfest @harbourband"
SHORT_BRIEF = "The port authority said\ncargo volumes rose 3 pct in March\nfrom a year earlier."


@pytest.mark.parametrize("text,expected", [(NEWS, "news"), (HISTORY, "narrative"), (MESSAGE, "colloquial"),
                                           (POST, "colloquial"), (SHORT_BRIEF, "news"), ("", "news")])
def test_document_type_is_chosen_from_the_text(text, expected):
    assert document_type(Document(id="d", text=text, dct="2021-06-07")) == expected


def test_auto_is_the_default_and_a_document_can_override_it():
    assert Settings().document_type == "auto"
    doc = Document(id="d", text=NEWS, dct="2021-06-07", meta={"document_type": "narrative"})
    assert document_type(doc) == "narrative"
    auto = Pipeline(["segment", "timex_extract", "timex_anchor"], Settings())(doc)
    narr = Pipeline(["segment", "timex_extract", "timex_anchor"], Settings(document_type="narrative"))(doc)
    assert [(t.text, t.value) for t in auto.timexes] == [(t.text, t.value) for t in narr.timexes]


def test_auto_anchors_like_the_type_it_chose():
    """'The following year' counts from the story's year in history, from the DCT in news."""
    text = HISTORY
    auto = Pipeline(["segment", "timex_extract", "timex_anchor"], Settings())(Document(id="h", text=text, dct="2021-06-07"))
    narr = Pipeline(["segment", "timex_extract", "timex_anchor"],
                    Settings(document_type="narrative"))(Document(id="h", text=text, dct="2021-06-07"))
    assert [(t.text, t.value) for t in auto.timexes] == [(t.text, t.value) for t in narr.timexes]
    following = [t for t in auto.timexes if t.text.lower() == "the following year"]
    assert following and following[0].value == "1701"
