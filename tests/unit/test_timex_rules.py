"""Data integrity of the TIMEX3 grammar: every rule compiles and has examples, names are unique, and each
example, run through the whole timex pipeline at the DCT stated in its file, is found by THAT rule with
the expected span and value."""
from __future__ import annotations

import re
from functools import lru_cache

import pytest

from dateline.grammar import load_resources
from dateline.grammar.matcher import Grammar, trie_alternation
from dateline.model import Document
from dateline.pipeline import Pipeline
from dateline.settings import Settings

RES = load_resources("en")
CFG = RES.data("timex")
_DCT = re.compile(r"^#\s*dct:\s*(\d{4}-\d{2}-\d{2})", re.M)


@lru_cache(maxsize=4)
def pipeline(document_type: str = "news") -> Pipeline:
    return Pipeline(["segment", "timex_extract", "timex_anchor"], Settings(document_type=document_type))


def rule_file_dct(name: str) -> str:
    text = (RES.root / "rules" / f"{name}.yaml").read_text(encoding="utf-8")
    m = _DCT.search(text)
    assert m, f"rules/{name}.yaml must state '# dct: YYYY-MM-DD' for its examples"
    return m.group(1)


def rule_files():
    return [*CFG["rule_files"], *(f for files in CFG.get("rule_files_by_type", {}).values() for f in files)]


def rule_file_type(name: str) -> str:
    text = (RES.root / "rules" / f"{name}.yaml").read_text(encoding="utf-8")
    m = re.search(r"^#\s*document_type:\s*(\w+)", text, re.M)
    return m.group(1) if m else "news"


def all_rules():
    for fname in rule_files():
        for rule in RES.rules(fname):
            yield fname, rule


def example_rows():
    rows = []
    for fname, rule in all_rules():
        for i, ex in enumerate(rule.get("examples") or ()):
            rows.append(pytest.param(fname, rule["name"], *ex, id=f"{rule['name']}#{i}"))
    return rows


def test_rules_have_unique_names_and_examples():
    names = [r["name"] for _, r in all_rules()]
    assert len(names) == len(set(names)), sorted(n for n in names if names.count(n) > 1)
    for fname, r in all_rules():
        assert r.get("examples"), f"rules/{fname}.yaml: {r['name']} has no examples"
        assert r.get("type") in ("DATE", "TIME", "DURATION", "SET", "AGE"), r["name"]
        assert ("value" in r) != ("spec" in r), f"{r['name']}: exactly one of value / spec"
        assert r["name"].split("_")[0] == r["type"].lower(), f"{r['name']}: rules are named <type>_<what>"


def test_every_rule_compiles_and_every_reference_resolves():
    g = Grammar(RES, CFG.get("macros"))
    for i, (fname, r) in enumerate(all_rules()):
        g.compile(r, i, fname)                 # raises DL201 naming the rule on a bad regex / unknown {ref}


def test_trie_alternation_matches_each_word_and_prefers_the_longest():
    words = ["may", "mar", "march", "sept", "september", "a.m."]
    rx = re.compile(trie_alternation(words))
    for w in words:
        assert rx.fullmatch(w)
    assert rx.match("september").group(0) == "september"


@pytest.mark.parametrize("fname,name,sentence,span,value", example_rows())
def test_rule_example_fires_that_rule(fname, name, sentence, span, value):
    doc = pipeline(rule_file_type(fname))(Document(id="ex", text=sentence, dct=rule_file_dct(fname)))
    got = [(t.text, t.value, t.rule) for t in doc.timexes]
    if name.startswith("age_"):                  # an age claims its words and yields no timex in them
        a = sentence.index(span)
        assert not [t for t in doc.timexes if t.start < a + len(span) and a < t.end], got
        return
    assert (span, value, name) in got, f"{name}: expected {span!r} -> {value}; got {got or 'no rule'}"
