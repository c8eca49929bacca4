"""Entities: the golden table (tests/golden/entities/en.jsonl) and the examples of every entity rule
(rules/entity.yaml), each run through the stage; a rule's example must also fail with that rule switched off."""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import pytest

from support import golden_rows

from dateline.grammar import load_resources
from dateline.model import Document
from dateline.pipeline import Pipeline
from dateline.settings import Settings
from dateline.stages.registry import get_stage

GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "entities" / "en.jsonl"
RES = load_resources("en")
RULE_DCT = re.search(r"^#\s*dct:\s*(\d{4}-\d{2}-\d{2})", (RES.root / "rules" / "entity.yaml").read_text(
    encoding="utf-8"), re.M).group(1)


def _rows():
    return golden_rows(GOLDEN)


@pytest.fixture(scope="module")
def nlp():
    return Pipeline(("segment", "timex_extract", "timex_anchor", "entities"))


@lru_cache(maxsize=1)
def _before_entities() -> Pipeline:
    return Pipeline(("segment", "timex_extract", "timex_anchor"))


def _describe(doc):
    ents = {e.id: e for e in doc.entities}
    lines = [f"  {e.id} {e.label} {e.name!r} {dict(e.attributes)}" for e in doc.entities]
    lines += [f"  {m.id} {m.text!r} {m.kind} -> {ents[m.entity].name if m.entity else None}" for m in doc.mentions]
    return "\n".join(lines)


def problems(doc, row) -> list[str]:
    """What in ``doc`` differs from a golden row / rule example (empty when it all holds)."""
    out = []
    by_name = {e.name: e for e in doc.entities}
    for exp in row.get("entities", []):
        e = by_name.get(exp["name"])
        if e is None:
            out.append(f"no entity {exp['name']!r}")
            continue
        if e.label != exp["label"]:
            out.append(f"{e.name!r} is {e.label}, expected {exp['label']}")
        for attr in ("gender", "age", "title"):
            if attr in exp and e.attributes.get(attr) != exp[attr]:
                out.append(f"{attr} of {e.name!r} is {e.attributes.get(attr)!r}, expected {exp[attr]!r}")
    ents = {e.id: e for e in doc.entities}
    for text, name in row.get("mentions", []):
        m = next((m for m in doc.mentions if m.text == text), None)
        if m is None or not m.entity or ents[m.entity].name != name:
            out.append(f"mention {text!r} should be {name!r}")
    for name in row.get("not_people", []):
        if any(e.label == "PERSON" and name in e.name for e in doc.entities):
            out.append(f"{name!r} is a person")
    return out


@pytest.mark.parametrize("row", _rows())
def test_golden_entities(nlp, row):
    doc = nlp(Document(id="g", text=row["text"], dct=row["dct"]))
    assert not problems(doc, row), "\n".join(problems(doc, row)) + "\n" + _describe(doc)
    for e in doc.entities:                                # ids and offsets are sound
        for mid in e.mentions:
            m = next(m for m in doc.mentions if m.id == mid)
            assert m.entity == e.id and doc.text[m.start:m.end] == m.text


# ---- the entity rules: each example through the stage, with and without its rule -----------------------

class _Without:
    """The shipped resources with one entity rule switched off (its pattern never matches)."""

    def __init__(self, res, rule: str):
        self._res, self._rule = res, rule

    def rules(self, name):
        rules = self._res.rules(name)
        if name != "entity":
            return rules
        return [dict(r, match="(?!)") if r["name"] == self._rule else r for r in rules]

    def __getattr__(self, attr):
        return getattr(self._res, attr)


def _entity_examples():
    rows = []
    for rule in RES.rules("entity"):
        for i, ex in enumerate(rule.get("examples") or ()):
            rows.append(pytest.param(rule["name"], ex, id=f"{rule['name']}#{i}"))
    return rows


def test_entity_rules_are_named_and_have_examples():
    names = [r["name"] for r in RES.rules("entity")]
    assert len(names) == len(set(names)), sorted(n for n in names if names.count(n) > 1)
    for r in RES.rules("entity"):
        assert r["name"].startswith("entity_"), f"{r['name']}: entity rules are named entity_<what>"
        assert r.get("examples"), f"{r['name']} has no examples"
        assert r.get("case", "insensitive") in ("sensitive", "insensitive"), r["name"]


@lru_cache(maxsize=1)
def _rules_only() -> Pipeline:
    return Pipeline(("segment", "timex_extract", "timex_anchor", "entities"), Settings(learned=False))


@pytest.mark.parametrize("rule,example", _entity_examples())
def test_entity_rule_example(rule, example):
    """A rule's example, through the stage with the rules alone (the mention model decides other cases)."""
    doc = Document(id="x", text=example["text"], dct=example.get("dct", RULE_DCT))
    got = _rules_only()(doc)
    assert not problems(got, example), "\n".join(problems(got, example)) + "\n" + _describe(got)
    without = get_stage("entities").factory(Settings(learned=False), _Without(RES, rule))(_before_entities()(doc))
    assert problems(without, example), f"the example holds without {rule}: it does not show what {rule} does"


def test_every_person_mention_carries_its_entity(nlp):
    doc = nlp(Document(id="x", text="Lucia Moreno won the race. Moreno said she trained for a year.",
                       dct="2023-03-08"))
    people = [m for m in doc.mentions if m.label == "PERSON"]
    assert [m.text for m in people] == ["Lucia Moreno", "Moreno", "she"]
    assert len({m.entity for m in people}) == 1 and people[0].entity is not None


def test_a_missing_entity_rule_is_named_when_the_stage_is_built():
    from dateline.errors import ResourceError

    class Missing(_Without):
        def rules(self, name):
            return [r for r in self._res.rules(name) if r["name"] != self._rule]

    with pytest.raises(ResourceError, match="entity_age_after"):
        get_stage("entities").factory(Settings(), Missing(RES, "entity_age_after"))


def test_a_run_of_titles_is_no_name_and_no_recursion(nlp):
    doc = nlp(Document(id="t", text="Mr. " * 3000 + "Smith said so.", dct="2024-03-05"))
    assert [e.name for e in doc.entities] == ["Smith"]


def test_places_in_capitals_and_of_two_words_and_demonyms(nlp):
    text = ("Volunteers drove back to New Orleans on Monday. The US sent two more trucks, "
            "and a cook served Indian food to the crews.")
    doc = nlp(Document(id="p1", text=text, dct="2023-03-08"))
    labels = {e.name: e.label for e in doc.entities}
    assert labels.get("New Orleans") == "GPE", _describe(doc)
    assert labels.get("US") == "GPE", _describe(doc)
    assert not any("Indian" in e.name for e in doc.entities), _describe(doc)


def test_places_in_lower_case_are_candidates_for_the_model():
    from dateline.stages.entities.tagger import Lexicons
    text = "we flew from san francisco to the us, not to turkeys or cheap china plates"
    got = [text[c[0]:c[1]] for c in Lexicons(RES).lower_places(text)]
    assert "san francisco" in got and "us" not in got, got


def test_agencies_groups_and_prefixes_are_no_part_of_people(nlp):
    text = ("Oxfam said it had flown in water. Rescuers said they heard voices under the rubble. "
            "Secretary of State Lena Ortiz said aid was coming, and UN Anna Berg said the camps were full.")
    doc = nlp(Document(id="g1", text=text, dct="2023-03-08"))
    people = {e.name for e in doc.entities if e.label == "PERSON"}
    assert people == {"Lena Ortiz", "Anna Berg"}, _describe(doc)
    assert {e.name: e.label for e in doc.entities}.get("Oxfam") == "ORG", _describe(doc)


def test_a_hyphenated_given_name_keys_the_person_by_the_surname_first():
    from dateline.store.names import person_key
    assert person_key("Ban Ki-moon") == person_key("Secretary-General Ban Ki-moon") == ("ban", "ki-moon")
    assert person_key("Jean-Max Bellerive") == ("bellerive", "jean-max")


def test_a_hyphenated_given_name_is_no_first_name_for_gender(nlp):
    text = "The port will grow, chairman Kim Dae-sung said.\n    He said prices would rise."
    doc = nlp(Document(id="k1", text=text, dct="2023-03-08"))
    ents = {e.id: e.name for e in doc.entities}
    assert [(m.text, ents.get(m.entity)) for m in doc.mentions] == [
        ("Kim Dae-sung", "Kim Dae-sung"), ("He", "Kim Dae-sung")], _describe(doc)
