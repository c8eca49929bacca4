"""The quote rules, compiled once per pipeline.

Every rule of ``rules/quote.yaml`` is compiled as written (``{lexicon}`` expanded) and reachable by its name
without the ``quote_`` prefix: ``R.rx.listener`` is ``quote_listener``. The cue verbs come from ONE lexicon,
``cue_verbs.tsv`` (one line per verb: its forms, lemma, classes and particles); the word sets, the
listener verbs, the verbs that introduce a post and the phrasal cues ("called for") all derive from it.
``speaker_words.tsv`` gives the classes of the function words around a speaker phrase.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Mapping

from ...errors import ResourceError
from ...grammar import expand, trie_alternation
from ...grammar.regex import compile as rx_compile   # the on-disk compiled-pattern cache


@dataclass(frozen=True, slots=True)
class CueVerbs:
    """The cue-verb lexicon read into sets (forms are lower case)."""
    speech: frozenset[str]              # reporting verbs
    belief: frozenset[str]              # belief verbs that are not reporting verbs
    stance: frozenset[str]              # stance verbs that are neither
    stance_words: frozenset[str]        # every stance verb
    listener: frozenset[str]            # a listener may follow ("told reporters that")
    intro: frozenset[str]               # finite forms that introduce a post or statement
    object_sense: frozenset[str]        # forms of verbs with a common non-saying sense ("posted a loss")
    naming: frozenset[str]              # forms whose object and predicate are a content ("called him a liar")
    not_before: Mapping[str, frozenset[str]]   # form -> particles that make it no cue ("called off")
    particles: Mapping[str, frozenset[str]]    # form -> first words of its particles ("called" -> for, on)
    phrasal: str                        # regex: a cue form and its particle ("called for")


_SLOT_3SG, _SLOT_PAST, _SLOT_ING = 1, 2, 4           # the forms column: base|-s|past|past participle|-ing


def read_cue_verbs(res) -> CueVerbs:
    """``cue_verbs.tsv`` -> sets by class; ``intro_verbs.tsv`` adds verbs that introduce but never cue."""
    by_class: dict[str, set[str]] = {c: set() for c in ("speech", "belief", "stance", "listener", "listener_ing",
                                                        "intro", "object_sense", "naming")}
    not_before: dict[str, set[str]] = {}
    firsts: dict[str, set[str]] = {}
    phrasal: list[str] = []
    for forms, norm in res.rows("cue_verbs"):
        head, *particles = norm.split(" +")
        lemma, *classes = head.split(" -")[0].split()
        for neg in head.split(" -")[1:] + [n for p in particles for n in p.split(" -")[1:]]:
            for f in forms:
                not_before.setdefault(f, set()).add(neg.strip())
        particles = [p.split(" -")[0] for p in particles]
        for f in forms:
            if f != "-" and particles:
                firsts.setdefault(f, set()).update(p.split()[0] for p in particles)
        present = [f for f in forms if f != "-"]
        if len(forms) != 5 or not classes:
            raise ResourceError(f"cue_verbs.tsv: {lemma!r}: expected 5 forms (base|-s|past|participle|-ing) and "
                                f"a class, found {len(forms)} forms and classes {classes}")
        for c in classes:
            if c not in by_class:
                raise ResourceError(f"cue_verbs.tsv: {lemma!r}: unknown class {c!r} (known: {sorted(by_class)})")
            if c == "intro":
                by_class[c].update(f for f in (forms[_SLOT_3SG], forms[_SLOT_PAST]) if f != "-")
            elif c == "listener":
                by_class[c].update(f for f in forms[:_SLOT_ING] if f != "-")
            elif c == "listener_ing":
                by_class["listener"].update(f for f in forms[_SLOT_ING:] if f != "-")
            else:
                by_class[c].update(present)
        if particles:
            alts = "|".join(re.escape(f) for f in dict.fromkeys(present))
            parts = "|".join(p.strip().replace(" ", "[ \\t]+") for p in particles)
            phrasal.append(f"(?:{alts})[ \\t]+(?:{parts})")
    speech = frozenset(by_class["speech"])
    belief = frozenset(by_class["belief"]) - speech
    stance_words = frozenset(by_class["stance"])
    return CueVerbs(speech=speech, belief=belief, stance=stance_words - speech - belief,
                    stance_words=stance_words, listener=frozenset(by_class["listener"]),
                    intro=frozenset(by_class["intro"]) | res.words("intro_verbs"),
                    object_sense=frozenset(by_class["object_sense"]), naming=frozenset(by_class["naming"]),
                    not_before={f: frozenset(ws) for f, ws in not_before.items() if f != "-"},
                    particles={f: frozenset(ws) for f, ws in firsts.items()},
                    phrasal="(?:" + "|".join(phrasal) + ")")


def word_classes(res, name) -> dict[str, frozenset[str]]:
    """A lexicon of ``word<TAB>class class ...`` as class -> words."""
    out: dict[str, set[str]] = {}
    for word, classes in res.lexicon(name).items():
        for c in classes.split():
            out.setdefault(c, set()).add(word)
    return {c: frozenset(ws) for c, ws in out.items()}


@dataclass(frozen=True, slots=True)
class QuoteRules:
    rx: SimpleNamespace                 # every rule of quote.yaml, compiled: rx.listener = quote_listener
    words: Mapping[str, frozenset[str]]  # speaker_words.tsv by class: det, pronoun, np_inner ...
    clause_words: Mapping[str, frozenset[str]]  # clause_words.tsv by class: opener, aux, subject, be
    cues: CueVerbs
    cue_rows: tuple                     # the lines of cue_verbs.tsv: (forms, norm)
    # word lists
    person_noun: frozenset[str]
    first_names: frozenset[str]
    nominal_words: frozenset[str]       # nouns of saying whose clause is the content ("claim", "vow")
    nonperson: frozenset[str]
    org_suffix: frozenset[str]
    medium_lex: Mapping[str, str]
    aux_words: frozenset[str]           # auxiliaries that may open a cue ("has said", "didn't say")
    colon_head_stop: frozenset[str]     # labels before a colon that are not sources ("Correction:")
    # cue patterns built from several rules and the cue verbs
    verb_rx: re.Pattern                 # any cue word in a sentence: (?P<v>verb) | (?P<acc>according to)
    aux_tail: re.Pattern
    phrasal: re.Pattern                 # "called for", "talked about" (matched at the verb)
    speech_only: re.Pattern
    acc_rx: re.Pattern                  # ", according to" after a cue
    after_cue_np: re.Pattern            # “…,” said Smith
    loose_np_cue: re.Pattern            # “…,” harbor master Greta Holm said
    word_then_cue: re.Pattern
    cue_before_rx: re.Pattern           # Smith said: “…”
    acc_before_rx: re.Pattern           # according to Smith, “…”
    medium_rx: re.Pattern
    intro_rx: re.Pattern                # a verb that introduces a post, statement or interview
    nominal_rx: re.Pattern              # (?P<cue>claim) before that/to | (?P<cueo>criticism of)
    # pattern -> lower-case strings one of which every match holds (lower-cased): a document whose lower-case
    # text holds none of them has no match, and its scan is skipped (``DocContext.may_match``); None: always scan
    required: Mapping[str, tuple[str, ...] | None]


def compile_rules(res) -> QuoteRules:
    src = {r["name"]: expand(res, r["match"]) for r in res.rules("quote")}
    rx = SimpleNamespace(**{name.removeprefix("quote_"): rx_compile(p) for name, p in src.items()})
    cues = read_cue_verbs(res)
    aux = src["quote_aux"]
    assert aux.endswith("*"), "quote_aux must be a repeated group"
    medium_words = res.words("medium")
    return QuoteRules(
        rx=rx, words=word_classes(res, "speaker_words"), clause_words=word_classes(res, "clause_words"), cues=cues, cue_rows=tuple(res.rows("cue_verbs")),
        person_noun=res.words("person_noun"),
        first_names=res.words("first_name"),
        nominal_words=frozenset(res.lexicon("cue_nouns_clause").values()) | res.words("cue_nouns_clause"),
        nonperson=res.words("nonperson"),
        org_suffix=res.words("org_suffix"),
        medium_lex=res.lexicon("medium"),
        aux_words=res.words("cue_aux"),
        colon_head_stop=res.words("colon_head_stop"),
        medium_rx=rx_compile(r"(?<![\w-])" + trie_alternation(sorted(medium_words | {w.capitalize() for w in medium_words}))
                             + r"(?![\w-])"),
        intro_rx=rx_compile(r"\b" + trie_alternation(cues.intro) + r"\b", re.I),
        nominal_rx=rx_compile(src["quote_nominal_clause"] + "|"
                              + src["quote_nominal_object"].replace("(?P<cue>", "(?P<cueo>")),
        required=_required(res, medium_words),
        **_cue_patterns(src, cues, aux))


def _minimal(keys) -> tuple[str, ...]:
    """Lower-case keys, without those that hold a shorter one (holding it is then implied)."""
    out: list[str] = []
    for k in sorted({k.lower() for k in keys}, key=lambda k: (len(k), k)):
        if not any(o in k for o in out):
            out.append(k)
    return tuple(out)


_EVIDENCE_CUE = re.compile(r"\(\?P<cue>(?:[a-z]+\|)*[a-z]+\)")


def _mandatory(pattern: str, piece: str) -> bool:
    """Does every match of ``pattern`` match ``piece`` (a group)? It stands at the top level, unrepeated,
    in a pattern without a top-level alternation."""
    depth, k, at = 0, 0, None
    while k < len(pattern):
        if pattern.startswith(piece, k) and depth == 0 and at is None:
            at = k
        c = pattern[k]
        if c == "\\":
            k += 1
        elif c == "[":                           # a class: skip to its closing bracket
            k = pattern.index("]", k + 2 if pattern.startswith("[^", k) else k + 1)
        elif c in "()":
            depth += 1 if c == "(" else -1
        elif c == "|" and depth == 0:
            return False
        k += 1
    return at is not None and pattern[at + len(piece):at + len(piece) + 1] not in ("?", "*", "{")


def _required(res, medium_words) -> dict[str, tuple[str, ...] | None]:
    """The strings each rare pattern's matches must hold, read from the same rules and lexicons it is built
    of; None (no filter: always scan) for a rule of another shape."""
    raw = {r["name"]: r["match"] for r in res.rules("quote")}
    ev = _EVIDENCE_CUE.search(raw["quote_evidence_after"])
    colon = raw["quote_colon_head"]
    nominal = _mandatory(raw["quote_nominal_clause"], "(?P<cue>{cue_nouns_clause})") and \
        _mandatory(raw["quote_nominal_object"], "(?P<cue>{cue_nouns_object})")
    return {"medium": _minimal(medium_words),
            "nominal": _minimal([*res.lexicon("cue_nouns_clause"), *res.lexicon("cue_nouns_object")])
            if nominal else None,
            "colon_head": (": ", ":\t") if _mandatory(colon, "(?P<cue>:)") and colon.split(
                "(?P<cue>:)")[1].startswith("[ \\t]+") else None,
            "evidence_after": _minimal(ev.group()[8:-1].split("|"))
            if ev and _mandatory(raw["quote_evidence_after"], ev.group()) else None}


def _cue_patterns(src, cues: CueVerbs, aux: str) -> dict:
    """The patterns that combine the cue verbs with the rules around them."""
    speech = trie_alternation(cues.speech)
    words = cues.speech | cues.belief | cues.stance
    any_cue = trie_alternation(words)
    first_chars = "".join(sorted({w[0] for w in words} | {"A", "a"}))
    acc = src["quote_according_to"]
    return dict(
        verb_rx=rx_compile(rf"(?=[{re.escape(first_chars)}])\b(?:(?P<v>{any_cue}|{src['quote_cue_capitalized']})"
                           rf"(?![\w’'-])|(?P<acc>{acc})\b)"),
        aux_tail=rx_compile(rf"(?<![\w’'-])(?:{aux[:-1]})+$"),
        phrasal=rx_compile(cues.phrasal),
        speech_only=rx_compile(rf"^(?:{speech})$", re.I),
        acc_rx=rx_compile(rf",[ \t]*(?:{acc})\b"),
        after_cue_np=rx_compile(rf"[ \t]*,?[ \t]*(?P<cue>{aux}(?:{speech}))(?![\w’'-])"),
        loose_np_cue=rx_compile(rf"(?P<np>[^\s,.;:“”\"«»][^,;:“”\"«»\n]{{0,60}}?)[ \t]+"
                                rf"(?P<cue>{aux}(?:{speech}))(?![\w’'-])"),
        word_then_cue=rx_compile(rf"[ \t]*,?[ \t]*[\w.’'-]+(?:[ \t]+[\w.’'()-]+){{0,4}}[ \t]+(?:{speech})\b"),
        cue_before_rx=rx_compile(rf"(?P<cue>{aux}(?:{speech}))(?P<tail>(?:[ \t]+[^\s“”\"«»]+){{0,6}}?)[ \t]*[,:]?[ \t]*$"),
        acc_before_rx=rx_compile(rf"(?P<acc>{acc})[ \t]+(?P<np>[^,“”\"]{{2,80}}),[ \t]*$"),
    )
