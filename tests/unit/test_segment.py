"""Golden table for paragraphs and sentences: news abbreviations stay inside sentences."""
import pytest

from dateline import Document, Pipeline, Settings

CASES = [
    # text, expected sentences
    ("Mr. Reyes arrived. He sat down.", ["Mr. Reyes arrived.", "He sat down."]),
    ("The vote is set for Sept. 14 in the capital. Nobody objected.",
     ["The vote is set for Sept. 14 in the capital.", "Nobody objected."]),
    ("She moved to the U.S. The family followed.", ["She moved to the U.S.", "The family followed."]),
    ("He works for the U.S. Department of Energy. It is big.",
     ["He works for the U.S. Department of Energy.", "It is big."]),
    ("The game starts at 7 p.m. Tickets are gone.", ["The game starts at 7 p.m.", "Tickets are gone."]),
    ("It ended at 9 a.m. Eastern time on Friday.", ["It ended at 9 a.m. Eastern time on Friday."]),
    ("Gov. Ada Lin and Sen. Bo Park met Dr. Kim. They talked.",
     ["Gov. Ada Lin and Sen. Bo Park met Dr. Kim.", "They talked."]),
    ("J. R. Tolman wrote it. Really?", ["J. R. Tolman wrote it.", "Really?"]),
    ("“We won.” The crowd cheered.", ["“We won.”", "The crowd cheered."]),
    ('"Stop," she said. "Now."', ['"Stop," she said.', '"Now."']),
    ("Acme Inc. said profits rose. The shares fell.", ["Acme Inc. said profits rose.", "The shares fell."]),
    ("Wait! What happened? Nothing.", ["Wait!", "What happened?", "Nothing."]),
]


@pytest.fixture(scope="module")
def segment():
    return Pipeline(["segment"], Settings())


@pytest.mark.parametrize("text,expected", CASES, ids=[c[0][:30] for c in CASES])
def test_sentences(segment, text, expected):
    doc = segment(Document(id="s", text=text, dct="2024-03-05"))
    assert [text[s.start:s.end] for s in doc.sentences] == expected


def test_paragraphs_blank_lines(segment):
    text = "First one. Still first.\n\nSecond para.\n \nThird."
    doc = segment(Document(id="p", text=text, dct="2024-03-05"))
    assert [text[p.start:p.end] for p in doc.paragraphs] == ["First one. Still first.", "Second para.", "Third."]
    assert [s.paragraph for s in doc.sentences] == [0, 0, 1, 2]


def test_paragraphs_indented_wire_style(segment):
    text = "Prices rose in\nthe north region.\n    Traders said so.\n    More later."
    doc = segment(Document(id="p", text=text, dct="2024-03-05"))
    assert [text[p.start:p.end] for p in doc.paragraphs] == [
        "Prices rose in\nthe north region.", "Traders said so.", "More later."]
