"""The quote rules, compiled once per pipeline: word lists and cue patterns from ``rules/quote.yaml`` and
the lexicons (``reporting_verbs``, ``belief_verbs``, ``stance_verbs``, ``medium``, ``person_noun`` ...)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Mapping

from ...grammar import expand, trie_alternation


@dataclass(frozen=True, slots=True)
class QuoteRules:
    # word lists
    person_noun: frozenset[str]
    nonperson: frozenset[str]
    org_suffix: frozenset[str]
    medium_lex: Mapping[str, str]
    speech_set: frozenset[str]          # reporting verbs
    belief_set: frozenset[str]          # belief verbs that are not reporting verbs
    stance_set: frozenset[str]          # stance verbs that are neither
    stance_words: frozenset[str]        # every stance verb
    aux_words: frozenset[str]           # auxiliaries that may open a cue ("has said", "didn't say")
    # cue patterns
    verb_rx: re.Pattern                 # any cue word in a sentence: (?P<v>verb) | (?P<acc>according to)
    aux_tail: re.Pattern
    phrasal: re.Pattern                 # "called for", "talked about"
    obj_verb: re.Pattern                # verbs taking a listener object ("told reporters that")
    that_rx: re.Pattern                 # the words between a cue and its "that"
    speech_only: re.Pattern
    acc_rx: re.Pattern                  # ", according to" after a cue
    # cue clauses around quoted regions
    not_quote_before: re.Pattern
    after_cue_np: re.Pattern            # “…,” said Smith
    loose_np_cue: re.Pattern            # “…,” harbor master Greta Holm said
    word_then_cue: re.Pattern
    cue_before_rx: re.Pattern           # Smith said: “…”
    acc_before_rx: re.Pattern           # according to Smith, “…”
    # medium and said_on frames
    medium_rx: re.Pattern
    intro_rx: re.Pattern
    frame_rx: re.Pattern
    # nominal and prepositional cues ("the mayor's claim that", "In a new poll, ...", "..., records show")
    nominal_rx: re.Pattern              # (?P<cue>claim) before that/to | (?P<cueo>criticism of)
    owner_rx: re.Pattern                # the possessive owner, searched in a window ending at the cue
    in_source_rx: re.Pattern
    evidence_after_rx: re.Pattern
    nominal_stop_rx: re.Pattern         # a finite verb that ends a nominal cue's object
    content_leak_rx: re.Pattern         # ". ''Next sentence": a reported content stops at the full stop
    colon_head_stop: frozenset[str]     # labels before a colon that are not sources ("Correction:")
    colon_head_rx: re.Pattern           # "Mayor Lee: The bridge will reopen" (a line that opens with a name)
    asked_rx: re.Pattern                # "when asked whether ...": a question without a source


def compile_rules(res) -> QuoteRules:
    rules = {r["name"]: expand(res, r["match"]) for r in res.rules("quote")}
    aux = rules["quote_aux"]
    assert aux.endswith("*"), "quote_aux must be a repeated group"
    # the verb lists are long: trie alternations keep every search fast
    speech = trie_alternation(res.words("reporting_verbs"))
    stance_words = res.words("stance_verbs")
    # one trie over every cue word (fast), classified afterwards by set lookups
    speech_set = res.words("reporting_verbs")
    belief_set = res.words("belief_verbs") - speech_set
    stance_set = stance_words - speech_set - belief_set
    any_cue = trie_alternation(speech_set | belief_set | stance_set)
    first_chars = "".join(sorted({w[0] for w in speech_set | belief_set | stance_set} | {"A", "a"}))
    verb_rx = re.compile(rf"(?=[{re.escape(first_chars)}])\b(?:(?P<v>{any_cue}|{rules['quote_cue_capitalized']})(?![\w’'-])|(?P<acc>{rules['quote_according_to']})\b)")
    aux_words = frozenset(w.replace("[’']", "’") for w in re.findall(r"[a-z]+(?:\[’'\][a-z]+)?", aux))
    aux_words = aux_words | {w.replace("’", "'") for w in aux_words} | {"n’t", "n't"}
    medium_words = res.words("medium")
    return QuoteRules(
        person_noun=res.words("person_noun"),
        nonperson=res.words("nonperson"),
        org_suffix=res.words("org_suffix"),
        medium_lex=res.lexicon("medium"),
        speech_set=speech_set,
        belief_set=belief_set,
        stance_set=stance_set,
        stance_words=stance_words,
        aux_words=aux_words,
        verb_rx=verb_rx,
        aux_tail=re.compile(rf"(?<![\w’'-])(?:{aux[:-1]})+$"),
        phrasal=re.compile(rules["quote_phrasal"]),
        obj_verb=re.compile(rf"(?:{rules['quote_object_verb']})$", re.I),
        that_rx=re.compile(r"(?:[ \t]+(?:in|on|at|during|after|before|via|through|over|last|this|earlier|late|early|"
                           r"today|yesterday|again|repeatedly|privately|publicly|recently|to|with|[A-Z][\w.’'-]*)"
                           r"(?:[ \t]+(?![Tt]hat\b|(?:he|she|they|it|we|I|you|there|is|was|are|were|has|have|had|"
                           r"will|would|can|could|be)\b|\w+[’']\w+\b)"
                           r"[^\s,.;:“”\"«»]+){0,6}?)?[ \t]+(?=that\b)"),
        speech_only=re.compile(rf"^(?:{speech})$", re.I),
        acc_rx=re.compile(rf",[ \t]*(?:{rules['quote_according_to']})\b"),
        not_quote_before=re.compile(rules["quote_not_a_quote_before"], re.I),
        after_cue_np=re.compile(rf"[ \t]*,?[ \t]*(?P<cue>{aux}(?:{speech}))(?![\w’'-])"),
        loose_np_cue=re.compile(rf"(?P<np>[^\s,.;:“”\"«»][^,;:“”\"«»\n]{{0,60}}?)[ \t]+"
                                rf"(?P<cue>{aux}(?:{speech}))(?![\w’'-])"),
        word_then_cue=re.compile(rf"[ \t]*,?[ \t]*[\w.’'-]+(?:[ \t]+[\w.’'()-]+){{0,4}}[ \t]+(?:{speech})\b"),
        cue_before_rx=re.compile(rf"(?P<cue>{aux}(?:{speech}))(?P<tail>(?:[ \t]+[^\s“”\"«»]+){{0,6}}?)[ \t]*[,:]?[ \t]*$"),
        acc_before_rx=re.compile(rf"(?P<acc>{rules['quote_according_to']})[ \t]+(?P<np>[^,“”\"]{{2,80}}),[ \t]*$"),
        medium_rx=re.compile(r"(?<![\w-])" + trie_alternation(sorted(medium_words | {w.capitalize() for w in medium_words}))
                             + r"(?![\w-])"),
        intro_rx=re.compile(rules["quote_intro_verb"], re.I),
        frame_rx=re.compile(rules["quote_medium_frame"]),
        nominal_rx=re.compile(rules["quote_nominal_clause"] + "|"
                              + rules["quote_nominal_object"].replace("(?P<cue>", "(?P<cueo>")),
        owner_rx=re.compile(rules["quote_nominal_owner"]),
        in_source_rx=re.compile(rules["quote_in_source"]),
        evidence_after_rx=re.compile(rules["quote_evidence_after"]),
        nominal_stop_rx=re.compile(rules["quote_nominal_stop"]),
        content_leak_rx=re.compile(rules["quote_content_leak"]),
        asked_rx=re.compile(rules["quote_asked_bare"]),
        colon_head_stop=res.words("colon_head_stop"),
        colon_head_rx=re.compile(rules["quote_colon_head"], re.M),
    )
