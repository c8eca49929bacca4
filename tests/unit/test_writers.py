"""Markdown and HTML views of a hand-built document."""
import io
import json

from dateline.io.writers import Writer, to_html_section, to_markdown
from dateline.model import Document, Entity, Event, Mention, Quote, Span, TimelineEntry, Timex

TEXT = "On Monday, Ana Vick said <tags> & “prices will fall,” she wrote."


def _doc():
    a = TEXT.index("prices")
    return Document(
        id="w1", text=TEXT, dct="2022-02-09", meta={"title": "Prices & <tags>"},
        timexes=(Timex("t1", 3, 9, "Monday", "DATE", "2022-02-07", anchor="t0"),),
        mentions=(Mention("m1", 11, 19, "Ana Vick", "PERSON", "name", "ent1"),),
        entities=(Entity("ent1", "PERSON", "Ana Vick", ("m1",), {"gender": "female"}),),
        quotes=(Quote("q1", "direct", ((a, a + 17),), "prices will fall,", speaker=Span(11, 19, "Ana Vick"),
                      speaker_entity="ent1", speaker_name="Ana Vick", cue=Span(20, 24, "said"),
                      medium="statement", said_on="2022-02-07"),),
        events=(Event("e1", 0, len(TEXT), TEXT, "2022-02-07", "t1", ("ent1",), "said"),),
        timeline=(TimelineEntry("2022-02-07", ("e1",), ("q1",)),))


def test_markdown_timeline():
    md = to_markdown(_doc())
    assert md.startswith("# Prices & <tags>")
    assert "### 2022-02-07" in md and "- Ana Vick: On Monday" in md
    assert "- said: Ana Vick (statement): “prices will fall,”" in md
    assert "| q1 | Ana Vick | said | 2022-02-07 | statement | direct |" in md
    assert "“Monday” → `2022-02-07` (DATE)" in md


def test_html_escapes_and_highlights():
    page = to_html_section(_doc())
    assert "<tags>" not in page and "&lt;tags&gt;" in page
    assert 'class="timex" title="DATE 2022-02-07">Monday</span>' in page
    assert 'class="speaker"' in page and 'class="quote"' in page


def test_writer_json_one_vs_many():
    out = io.StringIO()
    w = Writer("json", out)
    w.write(_doc())
    w.close()
    assert json.loads(out.getvalue())["id"] == "w1"
    out = io.StringIO()
    w = Writer("json", out)
    w.write(_doc())
    w.write(_doc().replace(id="w2"))
    w.close()
    assert [d["id"] for d in json.loads(out.getvalue())] == ["w1", "w2"]
