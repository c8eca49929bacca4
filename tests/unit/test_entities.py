"""Entities: golden table (tests/golden/entities/en.jsonl)."""
from __future__ import annotations

from pathlib import Path

import pytest

from support import golden_rows

from dateline.model import Document
from dateline.pipeline import Pipeline

GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "entities" / "en.jsonl"


def _rows():
    return golden_rows(GOLDEN)


@pytest.fixture(scope="module")
def nlp():
    return Pipeline(("segment", "timex_extract", "timex_anchor", "entities"))


def _describe(doc):
    ents = {e.id: e for e in doc.entities}
    lines = [f"  {e.id} {e.label} {e.name!r} {dict(e.attributes)}" for e in doc.entities]
    lines += [f"  {m.id} {m.text!r} {m.kind} -> {ents[m.entity].name if m.entity else None}" for m in doc.mentions]
    return "\n".join(lines)


@pytest.mark.parametrize("row", _rows())
def test_golden_entities(nlp, row):
    doc = nlp(Document(id="g", text=row["text"], dct=row["dct"]))
    by_name = {e.name: e for e in doc.entities}
    for exp in row.get("entities", []):
        e = by_name.get(exp["name"])
        assert e is not None, f"no entity {exp['name']!r}:\n{_describe(doc)}"
        assert e.label == exp["label"], _describe(doc)
        for attr in ("gender", "age", "title"):
            if attr in exp:
                assert e.attributes.get(attr) == exp[attr], f"{attr} of {e.name}:\n{_describe(doc)}"
    ents = {e.id: e for e in doc.entities}
    for text, name in row.get("mentions", []):
        m = next((m for m in doc.mentions if m.text == text), None)
        assert m is not None, f"no mention {text!r}:\n{_describe(doc)}"
        assert m.entity and ents[m.entity].name == name, f"{text!r} should be {name!r}:\n{_describe(doc)}"
    for name in row.get("not_people", []):
        assert not any(e.label == "PERSON" and name in e.name for e in doc.entities), _describe(doc)
    for e in doc.entities:                                # ids and offsets are sound
        for mid in e.mentions:
            m = next(m for m in doc.mentions if m.id == mid)
            assert m.entity == e.id and doc.text[m.start:m.end] == m.text


def test_every_person_mention_carries_its_entity(nlp):
    doc = nlp(Document(id="x", text="Lucia Moreno won the race. Moreno said she trained for a year.",
                       dct="2023-03-08"))
    people = [m for m in doc.mentions if m.label == "PERSON"]
    assert [m.text for m in people] == ["Lucia Moreno", "Moreno", "she"]
    assert len({m.entity for m in people}) == 1 and people[0].entity is not None
