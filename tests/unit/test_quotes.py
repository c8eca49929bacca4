"""Quotes: golden table (tests/golden/quotes/en.jsonl) and focused unit cases."""
from __future__ import annotations

from pathlib import Path

import pytest

from quote_expect import describe, offsets_sound, problems
from support import golden_rows

from dateline.model import Document, Paragraph, Timex
from dateline.pipeline import Pipeline
from dateline.settings import Settings
from dateline.stages._quotemarks import find_regions
from dateline.stages.segment import paragraph_spans

GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "quotes" / "en.jsonl"
STAGES = ("segment", "timex_extract", "timex_anchor", "entities", "quotes")


def _rows():
    return golden_rows(GOLDEN)


@pytest.fixture(scope="module")
def nlp():
    return Pipeline(STAGES, settings=Settings())


@pytest.mark.parametrize("row", _rows())
def test_golden_quotes(nlp, row):
    doc = nlp(Document(id="g", text=row["text"], dct=row["dct"]))
    bad = problems(doc, row)
    assert not bad, "\n".join(bad) + "\ngot:\n" + describe(doc)
    offsets_sound(doc)


def _regions(text):
    paras = tuple(Paragraph(a, b) for a, b in paragraph_spans(text))
    regions, warnings = find_regions(text, paras)
    return [" | ".join(text[a:b] for a, b in r.fragments) for r in regions], warnings


def test_quote_marks_mixed_styles_and_apostrophes():
    got, _ = _regions("He said “one two” and \"three four” and ‘five six’; don’t touch the parents’ car.")
    assert got == ["one two", "three four", "five six"]


def test_quote_marks_paragraph_continuation():
    got, warnings = _regions("“First part goes here.\n\n“Second part ends,” she said.")
    assert got == ["First part goes here. | Second part ends,"]
    assert warnings == []


def test_unclosed_quote_is_dropped_with_a_coded_warning():
    got, warnings = _regions("“This never closes.\n\nThe next paragraph is narration.")
    assert got == []
    assert warnings and warnings[0].startswith("DL310")


def test_said_on_from_the_attribution_sentence_and_from_the_post_that_introduced_it():
    # hand-built timexes stand in for the timex stages
    text = ("On Tuesday, Nora Vale posted a long Instagram update about the flood.\n\n"
            "“We have lost the shop, but not our hope,” she wrote.\n\n"
            "Vale said on Friday that the shop would reopen in the autumn.")
    tue = text.index("Tuesday")
    fri = text.index("Friday")
    doc = Document(id="s", text=text, dct="2023-03-11")
    nlp = Pipeline(("segment", "timex_extract", "timex_anchor", "entities", "quotes"))
    base = nlp(doc)
    timexes = (Timex("t1", tue, tue + 7, "Tuesday", "DATE", "2023-03-07"),
               Timex("t2", fri, fri + 6, "Friday", "TIME", "2023-03-10TNI"))
    quotes_only = Pipeline(("segment", "timex_extract", "timex_anchor", "entities", "quotes"))
    # re-run entities and quotes over the hand-built timexes
    from dateline.grammar import load_resources
    from dateline.stages.registry import get_stage
    res = load_resources("en")
    ents = get_stage("entities").factory(Settings(), res)
    qs = get_stage("quotes").factory(Settings(), res)
    out = qs(ents(base.replace(timexes=timexes, mentions=(), entities=(), quotes=())))
    by_text = {q.text[:12]: q for q in out.quotes}
    direct = next(q for q in out.quotes if q.kind == "direct")
    assert direct.speaker_name == "Nora Vale"
    assert direct.said_on == "2023-03-07"
    assert direct.medium == "Instagram post"
    reported = next(q for q in out.quotes if "reopen" in q.text)
    assert reported.speaker_name == "Nora Vale"
    assert reported.said_on == "2023-03-10"          # day precision: the time-of-day suffix is dropped
    assert quotes_only.names and by_text


def test_quote_marks_nested_quotation_of_the_other_style():
    got, warnings = _regions('She said: "I read the card, which said “get well soon” and nothing else."')
    assert got == ["I read the card, which said “get well soon” and nothing else."]
    assert warnings == []


# (the entity rules' examples run through the entities stage: tests/unit/test_entities.py)


def test_said_on_is_never_after_the_publication_date():
    # a hand-built timex stands in for a misanchored "Friday" (a week after the dct)
    from dateline.grammar import load_resources
    from dateline.stages.registry import get_stage
    text = "Mayor Ann Lee said on Friday that the bridge would reopen."
    fri = text.index("Friday")
    base = Pipeline(("segment", "timex_extract", "timex_anchor", "entities", "quotes"))(
        Document(id="f", text=text, dct="2023-05-02"))
    res = load_resources("en")
    qs = get_stage("quotes").factory(Settings(), res)
    for value, expected in (("2023-05-12", None), ("2023-04-28", "2023-04-28"), ("2023-W19", None),
                            ("2023-W17", "2023-W17")):
        t = (Timex("t1", fri, fri + 6, "Friday", "DATE", value),)
        out = qs(base.replace(timexes=t, quotes=()))
        assert [q.said_on for q in out.quotes] == [expected], value
