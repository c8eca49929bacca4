"""The reference article (../shared/examples/seed-article.txt): who said what, when.

The article's text is read at run time and never copied here: passages are found by their quote marks,
and the expected speaker of each quoted passage is given by its order in the article.
said_on is asserted only where ``doc.timexes`` hold the dates it needs (the timex stages may not have
landed); everything the entities and quotes stages own is asserted unconditionally.
"""
from __future__ import annotations

import re

import pytest

import dateline
from support import seed_article


LEGEND, TEIGEN = "John Legend", "Chrissy Teigen"
# the twelve quoted passages of four words or more, in article order (two are partial quotes inside
# reported speech), by speaker
PASSAGE_SPEAKERS = [LEGEND] * 4 + [TEIGEN] * 4 + [LEGEND] * 4
_REGION = re.compile(r"[\"“]([^\"“”]+)[\"”]")


@pytest.fixture(scope="module")
def seed():
    dct, text = seed_article()
    return text, dateline.process(text, dct=dct)


def _covering(doc, a, b):
    return [q for q in doc.quotes if any(x < b and a < y for x, y in q.spans)]


def test_people_gender_and_age(seed):
    _, doc = seed
    people = {e.name: e for e in doc.entities if e.label == "PERSON"}
    assert LEGEND in people and TEIGEN in people, sorted(people)
    assert people[LEGEND].attributes.get("gender") == "male"
    assert people[TEIGEN].attributes.get("gender") == "female"
    assert people[TEIGEN].attributes.get("age") == 34
    # quoted titles and names are never people
    for a, b in ((m.start(1), m.end(1)) for m in _REGION.finditer(seed[0])):
        assert not any(e.label == "PERSON" and e.name == seed[0][a:b].strip(" .,") for e in doc.entities)


def test_twelve_quoted_passages_attributed(seed):
    text, doc = seed
    passages = [(m.start(1), m.end(1)) for m in _REGION.finditer(text) if len(m.group(1).split()) >= 4]
    assert len(passages) == len(PASSAGE_SPEAKERS)
    for (a, b), who in zip(passages, PASSAGE_SPEAKERS):
        qs = _covering(doc, a, b)
        assert qs, f"no quote covers the passage at {a}"
        assert {q.speaker_name for q in qs} == {who}, (a, [(q.speaker_name, q.rule) for q in qs])


def test_titles_and_names_are_not_quotes(seed):
    text, doc = seed
    short = [m for m in _REGION.finditer(text) if len(m.group(1).split()) < 4]
    assert len(short) == 2                       # the song title and the child's name
    for m in short:
        content = m.group(1).strip(" .,")
        assert not any(q.text.strip(" .,") == content for q in doc.quotes)


def test_two_reported_statements(seed):
    text, doc = seed
    reported = [q for q in doc.quotes if q.kind in ("indirect", "mixed") and q.cue and q.cue.text == "said"]
    speakers = sorted(q.speaker_name for q in reported)
    assert speakers.count(LEGEND) >= 1 and speakers.count(TEIGEN) >= 1, speakers
    # each starts right after its cue: "X said they ..."
    for q in reported:
        assert text[q.cue.end:q.spans[0][0]].strip() in ("", "that")


def test_said_on_where_the_dates_are_known(seed):
    _, doc = seed
    values = {t.value[:10] for t in doc.timexes if t.value}
    spoken = [q for q in doc.quotes if q.speaker_name in (LEGEND, TEIGEN) and q.kind == "direct"]
    assert spoken
    for name, day in ((TEIGEN, "2020-09-30"), (LEGEND, "2020-10-15")):
        if day not in values:
            continue                             # the timex stages have not resolved this date yet
        for q in spoken:
            if q.speaker_name == name:
                assert q.said_on == day, (name, q.text[:30], q.said_on, q.rule)
