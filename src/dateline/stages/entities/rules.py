"""The entity rules, compiled once per pipeline: the patterns of ``rules/entity.yaml`` (expanded by the
grammar's expander: ``{lexicon}`` and ``{entity_rule}`` references) and the lexicons they work with."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Mapping

from ...errors import ResourceError
from ...grammar import Grammar, regex as rxc

RULE_FILE = "entity"


@dataclass(frozen=True, slots=True)
class EntityRules:
    # patterns (rules/entity.yaml)
    name_run: str                       # the pattern of a run of name tokens (NameClassifier compiles it)
    verb_after: re.Pattern
    the_before: re.Pattern
    work_cue: re.Pattern
    local_body: re.Pattern
    age_after: re.Pattern
    age_appos: re.Pattern
    age_before: re.Pattern
    born: re.Pattern
    relation_before: re.Pattern
    noun_before: re.Pattern
    apposition: re.Pattern
    description: re.Pattern
    age_description: re.Pattern
    pronoun: re.Pattern
    # lexicons
    first_names: Mapping[str, str]
    pronouns: Mapping[str, str]
    gendered: Mapping[str, str]
    person_noun: Mapping[str, str]
    org_suffix: frozenset[str]
    verb_words: frozenset[str]
    aux_words: frozenset[str]
    local_body_words: tuple[str, ...]
    caps: Mapping[str, str]              # how often news writes a word capitalized inside a sentence (c0..c3)
    company: frozenset[str]              # words of company names ("kodak", "usair")
    surnames: frozenset[str]             # US Census surnames
    particles: frozenset[str]            # "de", "van": words that may begin a surname


def _patterns(res) -> dict[str, tuple[str, int]]:
    """rule name -> (expanded regex, flags), other rules of the file usable as ``{entity_...}``."""
    rules = res.rules(RULE_FILE)
    grammar = Grammar(res, {r["name"]: {"pattern": r["match"]} for r in rules})
    return {r["name"]: (grammar.pattern(r["match"]), 0 if r.get("case") == "sensitive" else re.I)
            for r in rules}


def _lead(words, upper: bool = True) -> str:
    """A rule that starts with a lexicon word at a word start: its first letters and a word boundary lead the
    pattern, a cheap test that fails at most positions before the lookarounds run (2-3x faster scans)."""
    firsts = sorted({w[0] for w in words})
    return "(?=[" + "".join((c.upper() if upper else "") + c for c in firsts) + "])\\b"


def compile_rules(res) -> EntityRules:
    pats = _patterns(res)

    def rx(name: str, prefix: str = "") -> re.Pattern:
        if name not in pats:
            raise ResourceError(f"rules/{RULE_FILE}.yaml: expected a rule named {name!r}, found none "
                                f"(the entities stage reads it)")
        pattern, flags = pats[name]
        try:
            return rxc.compile(prefix + pattern, flags)
        except re.error as e:
            raise ResourceError(f"rules/{RULE_FILE}.yaml rule {name}: bad regex ({e})") from None

    pronouns = res.lexicon("pronoun")
    return EntityRules(
        name_run=rx("entity_name_run").pattern,
        verb_after=rx("entity_verb_after"), the_before=rx("entity_the_before"), work_cue=rx("entity_work_cue"),
        local_body=rx("entity_local_body", _lead(res.words("local_body_place"), upper=False)),
        age_after=rx("entity_age_after"), age_appos=rx("entity_age_appos"), age_before=rx("entity_age_before"),
        born=rx("entity_born"),
        relation_before=rx("entity_relation_before"), noun_before=rx("entity_noun_before"),
        apposition=rx("entity_apposition"), description=rx("entity_description"),
        age_description=rx("entity_age_description"),
        pronoun=rx("entity_pronoun", _lead(w for w, g in pronouns.items() if g != "neuter")),
        first_names=res.lexicon("first_name"), pronouns=pronouns, gendered=res.lexicon("gendered_noun"),
        person_noun=res.lexicon("person_noun"), org_suffix=res.words("org_suffix"),
        verb_words=res.words("cue_verbs"),
        aux_words=res.words("name_aux"), local_body_words=tuple(sorted(res.words("local_body"))),
        caps=res.lexicon("caps_rate"), company=res.words("company"), surnames=res.words("surname"),
        particles=frozenset(w for w, r in res.lexicon("name_connector").items() if r == "person"))
