"""The matcher's pre-filter (grammar/prefilter.py) only skips a rule that cannot match in a window: checked on
every timex rule over every example sentence of every rule (as ASCII, upper-cased and with a non-ASCII letter)."""
from __future__ import annotations

import re

import pytest

from dateline.grammar import load_resources
from dateline.grammar.analysis import required_strings
from dateline.grammar.matcher import Grammar, Matcher

RES = load_resources("en")
CFG = RES.data("timex")


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    grammar = Grammar(RES, CFG.get("macros"))
    rules = []
    for fname in [*CFG["rule_files"], *(f for fs in CFG.get("rule_files_by_type", {}).values() for f in fs)]:
        for r in RES.rules(fname):
            rules.append(grammar.compile(r, len(rules), fname))
    return Matcher(rules, grammar, CFG["trigger_lexicons"], CFG.get("trigger_words", ()), CFG.get("digit_trigger"))


@pytest.mark.parametrize("pattern, flags, clauses", [
    (r"(?:first|second|1st|2nd)[\s-]+half", re.I, [["1st", "2nd", "first", "second"], ["half"]]),
    (r"\d+\s+(?:days?|weeks?)\s+ago", re.I, [["ago"], ["day", "week"]]),
    (r"(?:an?|one)\s+day", 0, [["day"]]),                       # "a" is too short: no clause for that branch
    (r"day(?=\s+of\s+(?:May|June))", 0, [["day"], ["june", "may"], ["of"]]),   # lookaheads count
    (r"(?<=since\s)day(?:\s+after)?", 0, [["day"]]),            # lookbehinds and optional parts do not
])
def test_required_strings(pattern, flags, clauses):
    assert sorted(required_strings(re.compile(pattern, flags))) == clauses


def test_no_rule_that_matches_is_skipped(matcher):
    texts = [ex[0] for r in matcher.rules for ex in (r.get("examples") or ())]
    texts += [t.upper() for t in texts] + [t.replace(" ", " é ", 1) for t in texts]
    skipped = 0
    for text in texts:
        kept = set(matcher.prefilter.keep(text, 0, len(text), matcher.rules))
        for rule in matcher.rules:
            if rule not in kept:
                skipped += 1
                assert next(rule.regex.finditer(text), None) is None, (rule.name, text)
    assert skipped > len(texts) * len(matcher.rules) // 2       # and it does skip most rules


def test_trigger_words_are_found_as_at_word_starts(matcher):
    """The trigger scan takes the character before each word (grammar/matcher.py): the same triggers as the
    plain word-boundary pattern, at the start of a text too."""
    assert matcher.letters                                      # the shipped trigger words are letters
    body = matcher.words.pattern[len(r"\W("):]
    plain = re.compile(r"\b(" + body)
    texts = [ex[0] for r in matcher.rules for ex in (r.get("examples") or ())]
    texts += ["Friday", "today's x-friday", "mondays,today", "é friday", ""]
    for text in texts:
        low = text.lower()
        assert matcher._triggers(text, low) == sorted(
            [(m.start(), m.end(), m.group(1)) for m in plain.finditer(low)]
            + [(m.start(), m.end(), "#" + (m.lastgroup or "digits")) for m in matcher.digits.finditer(text)],
            key=lambda t: t[0])
