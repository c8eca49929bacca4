"""The quote grammar as data: every rule of rules/quote.yaml has examples that run through the quotes STAGE
(a sentence in, the quotes out, checked like the golden rows), and every rule is needed by its examples: with
the rule switched off (its pattern made to match nothing), at least one of its examples comes out different.
The cue-verb lexicon is one line per verb and every class it names is known."""
from __future__ import annotations

import re
from functools import lru_cache

import pytest

from quote_expect import describe, offsets_sound, problems

from dateline.grammar import load_resources
from dateline.model import Document
from dateline.pipeline import Pipeline
from dateline.settings import Settings
from dateline.stages.quotes import make_quotes
from dateline.stages.quotes.rules import compile_rules, read_cue_verbs

RES = load_resources("en")
RULES = RES.rules("quote")
DCT = re.search(r"^#\s*dct:\s*(\d{4}-\d{2}-\d{2})", (RES.root / "rules" / "quote.yaml").read_text(encoding="utf-8"),
                re.M).group(1)
UPSTREAM = ("segment", "timex_extract", "timex_anchor", "entities")


@lru_cache(maxsize=1)
def _upstream_pipeline() -> Pipeline:
    return Pipeline(UPSTREAM, Settings())


@lru_cache(maxsize=None)
def upstream(text: str) -> Document:
    return _upstream_pipeline()(Document(id="ex", text=text, dct=DCT))


@lru_cache(maxsize=2)
def quotes_stage(learned: bool = False):
    """The quotes stage, rules only (the rules propose) or with the learned cascade (for the rules that act on
    its choices, marked ``learned: true``)."""
    return make_quotes(Settings(learned=learned), RES)


class _Without:
    """The shipped resources with one quote rule switched off (its named groups kept, matching nothing)."""

    def __init__(self, res, name):
        self._res = res
        self._name = name

    def __getattr__(self, attr):
        return getattr(self._res, attr)

    def rules(self, file):
        rules = self._res.rules(file)
        if file != "quote":
            return rules
        out = []
        for r in rules:
            if r["name"] == self._name:
                groups = re.compile(self._res.pattern(r["match"])).groupindex
                off = "(?!x)x" + "".join(f"(?P<{g}>)" for g in groups)
                r = dict(r, match=f"(?:{off})*" if r["match"].endswith("*") else off)
            out.append(r)
        return out


def _examples():
    return [pytest.param(r["name"], ex, bool(r.get("learned")), id=f"{r['name']}#{i}")
            for r in RULES for i, ex in enumerate(r.get("examples") or ())]


def test_rules_have_names_examples_and_compile():
    names = [r["name"] for r in RULES]
    assert len(names) == len(set(names)), sorted(n for n in names if names.count(n) > 1)
    for r in RULES:
        assert r["name"].startswith("quote_"), f"{r['name']}: quote rules are named quote_<what>"
        assert r.get("examples"), f"rules/quote.yaml: {r['name']} has no examples"
        for ex in r["examples"]:
            assert set(ex) <= {"text", "quotes", "without", "wrong"} and "text" in ex, f"{r['name']}: bad example {ex}"
    compile_rules(RES)


@pytest.mark.parametrize("name,example,learned", _examples())
def test_rule_example_through_the_stage(name, example, learned):
    doc = quotes_stage(learned)(upstream(example["text"]))
    offsets_sound(doc)
    bad = problems(doc, example)
    assert not bad, f"{name}: {example['text']!r}\n  " + "\n  ".join(bad) + "\n got:\n" + describe(doc)


@pytest.mark.parametrize("name", [r["name"] for r in RULES])
def test_rule_is_needed_by_its_examples(name):
    rule = next(r for r in RULES if r["name"] == name)
    learned = bool(rule.get("learned"))
    without = make_quotes(Settings(learned=learned), _Without(RES, name))
    for ex in rule["examples"]:
        doc = upstream(ex["text"])
        if quotes_stage(learned)(doc).quotes != without(doc).quotes:
            return
    pytest.fail(f"{name}: switching the rule off changes none of its examples; add one that needs it")


def test_cue_verbs_one_line_per_verb():
    rows = RES.rows("cue_verbs")
    lemmas = [norm.split()[0] for _, norm in rows]
    assert len(lemmas) == len(set(lemmas)), sorted(x for x in lemmas if lemmas.count(x) > 1)
    cues = read_cue_verbs(RES)                    # raises on a bad line (five forms, known classes)
    assert {"say", "said", "says", "saying"} <= cues.speech
    assert "told" in cues.listener and "telling" in cues.listener and "asking" not in cues.listener
    assert {"said", "says", "posted"} <= cues.intro and "saying" not in cues.intro
    assert cues.phrasal and re.fullmatch(cues.phrasal, "called for")


def test_required_strings_never_hide_a_match():
    """A document whose lower-case text holds none of a rare pattern's required strings has no match of it:
    every example of those rules holds one, and a rule of another shape gets no filter (always scanned)."""
    from dateline.stages.quotes.rules import _mandatory
    R = compile_rules(RES)
    pats = {"nominal": R.nominal_rx, "colon_head": R.rx.colon_head, "evidence_after": R.rx.evidence_after,
            "medium": R.medium_rx}
    texts = [ex["text"] for r in RULES for ex in r["examples"]]
    texts += ["Mayor Lee:\tFund the bridge now.", "the Mayor's VOW to rebuild", "In an Interview, she said."]
    for name, rx in pats.items():
        assert R.required[name], name
        for t in texts:
            if rx.search(t):
                assert any(k in t.lower() for k in R.required[name]), (name, t)
    assert _mandatory(r"a(?P<x>b)c", "(?P<x>b)") and _mandatory(r"[(|]a(?P<x>b)", "(?P<x>b)")
    assert not any(_mandatory(p, "(?P<x>b)") for p in (r"a(?P<x>b)?", r"a|(?P<x>b)", r"(?:a(?P<x>b))?",
                                                        r"a(?P<x>b)*", r"a(?P<x>b){0,2}"))


def test_quote_mark_scan_same_as_plain_alternation():
    """``_quotemarks._MARK`` finds what r"``|''|[\"“”„«»‘’']" finds, at every position."""
    from dateline.stages._quotemarks import _MARK
    plain = re.compile(r"``|''|[\"“”„«»‘’']")
    for t in ("``a'' b ` c '' d ''' e ` `` ‘x’ “y” «z» „w“ 'q' `", "'", "`", "''", "``", "`'`''``'", "a ``` b"):
        assert [m.span() for m in _MARK.finditer(t)] == [m.span() for m in plain.finditer(t)], t
        for i in range(len(t)):
            a, b = _MARK.match(t, i), plain.match(t, i)
            assert (a and a.span()) == (b and b.span()), (t, i)
