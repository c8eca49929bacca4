"""A small rule matcher that knows nothing about time (after Duckling's Engine).

A rule is a mapping read from YAML::

    name: date_month_day            # unique
    match: "{month}\\.? {day}"      # regex; {lexicon} / {macro} become named groups
    not_before: "..."               # optional regex that must not end right before the match
    not_after: "..."                # optional regex that must not match right after it
    before: "..."                   # optional regex that MUST end right before the match
    case: sensitive                 # optional; matching is case-insensitive by default
    ... any other keys (type, value, spec, examples) are carried along untouched

``{name}`` in ``match`` is a named group over the lexicon ``name`` (longest surfaces first) or over the
macro ``name`` (a regex from a macros mapping, optionally normalized by a lexicon). A second use of the
same name in one pattern is named ``name_2``. A hit's ``norms`` maps each group that took part to the
lexicon norm of its text (or the lower-cased text when there is no lexicon entry).

The ``Matcher`` runs only over windows where a cheap ``trigger`` regex fires, collects every rule hit
there and keeps the longest non-overlapping ones (ties: the rule listed first).
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Any, Iterable, Mapping

from ..errors import ResourceError
from . import regex as rx
from .analysis import (LITERAL_WORD as _LITERAL_WORD, ascii_first, first_class, for_ascii, mandatory_parts,
                       required_strings)
from .prefilter import Prefilter
from .trie import trie_alternation

_REF = re.compile(r"\{([a-z_][a-z0-9_]*)\}")


@dataclass(frozen=True, slots=True)
class Hit:
    rule: "Rule"
    start: int
    end: int
    groups: Mapping[str, str]      # group name -> matched text (only groups that took part)
    norms: Mapping[str, str]       # group name -> normalized value


class Rule:
    __slots__ = ("name", "data", "regex", "not_before", "not_after", "before", "priority", "group_lex", "where",
                 "lexicon_groups", "ascii_regex", "head", "plain")

    def __init__(self, data: Mapping[str, Any], regex: re.Pattern, group_lex: dict[str, str],
                 priority: int, where: str = "", lexicon_groups: frozenset[str] = frozenset(), head: str = ""):
        self.name: str = data["name"]
        self.where = where                      # the file it came from, for error messages
        self.data = data
        self.regex = regex
        self.head = head                        # "(?=[...])" of the characters every match starts with, or ""
        self.ascii_regex: tuple | None = None   # made by ascii() when first needed
        self.group_lex = group_lex
        self.lexicon_groups = lexicon_groups    # groups that match exactly one surface of their lexicon
        self.priority = priority
        self.not_before = rx.compile(r"(?:" + data["not_before"] + r")\Z") if data.get("not_before") else None
        self.not_after = rx.compile(data["not_after"]) if data.get("not_after") else None
        self.before = rx.compile(r"(?:" + data["before"] + r")\Z") if data.get("before") else None
        self.plain = (regex, self.not_before, self.not_after, self.before)

    def get(self, key: str, default: Any = None) -> Any:
        return self.data.get(key, default)

    def ascii(self) -> tuple:
        """``plain`` for ASCII texts (the same matches): patterns told the ASCII characters a match starts with."""
        if self.ascii_regex is None:
            r = self.regex
            flags = r.flags & ~re.UNICODE           # as compiled (the cache's key)
            fast = rx.compile_starting(r.pattern, flags, ascii_first(self.head, flags)) if self.head else r
            self.ascii_regex = (fast, self.not_before and for_ascii(self.not_before), self.not_after,
                                self.before and for_ascii(self.before))
        return self.ascii_regex

    def __repr__(self) -> str:
        return f"Rule({self.name!r})"


class Grammar:
    """Expands ``{name}`` references into named groups over lexicons and macros."""

    def __init__(self, res, macros: Mapping[str, Mapping[str, Any]] | None = None):
        self.res = res
        self.macros = dict(macros or {})
        self._lexicon_names = set(res.lexicon_names())
        self._alt: dict[str, str] = {}
        self._longest: dict[tuple[str, bool], list[str]] = {}
        self._refs: dict[tuple, set[str]] = {}

    def longest_words(self, name: str, literal: bool) -> list[str]:
        """The longest word of each surface of lexicon ``name`` that has one: a run of letters, or with
        ``literal`` a literal word (3+ letters) when the surface has one."""
        got = self._longest.get((name, literal))
        if got is None:
            got = []
            for surface in self.res.lexicon(name):
                words = (literal and _LITERAL_WORD.findall(surface)) or re.findall(r"[a-z]+", surface)
                if words:
                    got.append(max(words, key=len))
            self._longest[(name, literal)] = got
        return got

    def alternation(self, name: str) -> str:
        if name not in self._alt:
            self._alt[name] = trie_alternation(self.res.lexicon(name))
        return self._alt[name]

    def pattern(self, pattern: str) -> str:
        """Expand {lexicon} references without capturing groups."""
        return self.expand_plain(pattern, "pattern")[0]

    def expand(self, pattern: str, where: str) -> tuple[str, dict[str, str]]:
        used: dict[str, int] = {}
        group_lex: dict[str, str] = {}

        def sub(m: re.Match) -> str:
            name = m.group(1)
            used[name] = used.get(name, 0) + 1
            gname = name if used[name] == 1 else f"{name}_{used[name]}"
            if name in self.macros:
                mac = self.macros[name]
                body, _ = self.expand_plain(mac["pattern"], f"{where} macro {name}")
                if mac.get("lexicon"):
                    group_lex[gname] = mac["lexicon"]
            elif name in self._lexicon_names:
                body = self.alternation(name)
                group_lex[gname] = name
            else:
                raise ResourceError(f"{where}: {{{name}}} is neither a lexicon nor a macro")
            return f"(?P<{gname}>{body})"
        return _REF.sub(sub, pattern), group_lex

    def expand_plain(self, pattern: str, where: str) -> tuple[str, None]:
        """Expand references without capturing (inside macros)."""
        def sub(m: re.Match) -> str:
            name = m.group(1)
            if name in self.macros:
                return "(?:" + self.expand_plain(self.macros[name]["pattern"], where)[0] + ")"
            if name in self._lexicon_names:
                return self.alternation(name)
            raise ResourceError(f"{where}: {{{name}}} is neither a lexicon nor a macro")
        return _REF.sub(sub, pattern), None

    def refs(self, rule: Rule) -> set[str]:
        """What can trigger a rule: the lexicons and macros it names, its literal words, ``triggers``."""
        key = (rule.data["match"], tuple(rule.data.get("triggers", ())), tuple(sorted(rule.group_lex.values())))
        got = self._refs.get(key)
        if got is None:
            got = self._refs[key] = self._find_refs(rule)
        return set(got)

    def _find_refs(self, rule: Rule) -> set[str]:
        pat = rule.data["match"]
        out: set[str] = set(rule.data.get("triggers", ()))
        todo = _REF.findall(pat)
        while todo:
            name = todo.pop()
            if name in out:
                continue
            out.add(name)
            mac = self.macros.get(name)
            if mac:
                if mac.get("lexicon"):
                    out.add(mac["lexicon"])
                todo.extend(_REF.findall(mac["pattern"]))
        out.update("w:" + w for w in _LITERAL_WORD.findall(_NOT_LITERAL.sub(" ", pat).lower()))
        out.update(rule.group_lex.values())
        return out

    def compile(self, data: Mapping[str, Any], priority: int, where: str = "") -> Rule:
        if "name" not in data or "match" not in data:
            raise ResourceError(f"{where}: a rule needs 'name' and 'match', found {sorted(data)}")
        body, group_lex = self.expand(data["match"], f"{where} rule {data['name']}")
        pure = frozenset(g for g in group_lex if re.sub(r"_\d+$", "", g) not in self.macros)   # {lexicon} refs
        flags = 0 if data.get("case") == "sensitive" else re.I
        try:
            head = first_class(body, flags)     # "(?=[...])" first lets the engine skip positions fast
            pattern = head + r"(?<![\w$£€])(?:" + body + r")(?![\w])"
            regex = rx.compile(pattern, flags)
            mandatory_parts(regex), required_strings(regex)   # for the matcher, while the parse is at hand
        except re.error as e:
            raise ResourceError(f"{where} rule {data['name']}: bad regex ({e})") from None
        for gname in regex.groupindex:           # explicit (?P<month>...) groups use that lexicon too
            base = re.sub(r"_\d+$", "", gname)
            if gname not in group_lex and base in self._lexicon_names:
                group_lex[gname] = base
        return Rule(data, regex, group_lex, priority, where, pure, head)




_NOT_LITERAL = re.compile(r"\{[a-z_0-9]+\}|\(\?P<\w+>|\(\?P=\w+\)|\\[a-zA-Z]")


class Matcher:
    """Runs only the rules that can use a trigger word, only in a window around it.

    ``trigger_classes``: lexicon names whose (longest) words are trigger words; ``extra_words``: more
    trigger words; ``digit_trigger``: a regex whose named groups are trigger classes for digits
    (``year4``, ``clock`` ...). A rule is tried at a trigger when its ``{refs}``, its literal words or
    its ``triggers:`` list name the trigger word or one of its classes.
    """

    def __init__(self, rules: Iterable[Rule], grammar: "Grammar", trigger_classes: Iterable[str],
                 extra_words: Iterable[str] = (), digit_trigger: str | None = None, window: int = 40):
        self.rules = list(rules)
        self.window = window
        word_classes: dict[str, set[str]] = {}
        for lex in trigger_classes:
            for word in grammar.longest_words(lex, True):
                word_classes.setdefault(word, set()).add(lex)
        for w in extra_words:
            word_classes.setdefault(w, set())
        rule_lexicons = {lex for r in self.rules for lex in r.group_lex.values()}
        for lex in rule_lexicons:                      # every lexicon a trigger word belongs to
            for word in grammar.longest_words(lex, False):
                for key in (word, word[:-1] if word.endswith("s") else None):
                    if key in word_classes:
                        word_classes[key].add(lex)
        for w, classes in word_classes.items():
            classes.add("w:" + w)                      # the word itself (a literal in some rule)
        self.word_classes = word_classes
        # trigger words in the lower-cased text (case-sensitive), each taken with the character before it: the
        # engine jumps from one non-word character to the next instead of trying every letter of every word (the
        # words are letters, so one ends before the character the next one takes; ``_triggers`` puts a space
        # before the text for a word at its start). The same hits as r"\b(words)s?\b".
        self.letters = all(w.isalpha() for w in word_classes)    # else r"\b(words)s?\b" over the text itself
        self.words = rx.compile((r"\W(" if self.letters else r"\b(") + trie_alternation(word_classes) + r")s?\b")
        self.digits = rx.compile(digit_trigger) if digit_trigger else None
        self.refs = [grammar.refs(r) for r in self.rules]
        # a class is "sure" when every text it stands for fires a trigger: then a rule that cannot match
        # without it needs to run only at triggers of that class
        sure = {"w:" + w for w in word_classes} | (set(self.digits.groupindex) if self.digits else set())
        for lex in rule_lexicons:
            keys = grammar.longest_words(lex, False)
            if keys and all(k in word_classes or (k.endswith("s") and k[:-1] in word_classes) for k in keys):
                sure.add(lex)
        self.needs = []
        for r in self.rules:
            parts = mandatory_parts(r.regex)
            need = {r.group_lex.get(p, re.sub(r"_\d+$", "", p)) for p in parts}
            need |= set(r.data.get("triggers", ()))
            self.needs.append(need & sure)
        self._by_key: dict[str, list[Rule]] = {}
        self._by_keys: dict[frozenset, tuple] = {}
        self._calls_memo: dict[str, bool] = {}
        self.prefilter = Prefilter(self.rules, grammar.res.lexicon)
        self._check_reachable({c for cl in word_classes.values() for c in cl}
                              | (set(self.digits.groupindex) if self.digits else set()))

    def _check_reachable(self, classes: set[str]) -> None:
        """A rule that no trigger can ever call is an error in the rule files, not a silent no-op."""
        for r, refs, need in zip(self.rules, self.refs, self.needs):
            if not (need & classes if need else refs & classes):
                wanted = sorted(need or refs)
                raise ResourceError(f"{r.where or 'rules'}: rule {r.name!r} can never fire: no trigger word or "
                                    f"class calls it (it needs one of {wanted}); add its word to a trigger "
                                    f"lexicon, to trigger_words, or name one in its 'triggers:'")

    def rules_for(self, key: str, classes: Iterable[str]) -> list[Rule]:
        got = self._by_key.get(key)
        if got is None:
            cl = set(classes)
            got = [r for r, refs, need in zip(self.rules, self.refs, self.needs)
                   if (need & cl if need else refs & cl)]
            self._by_key[key] = got
        return got

    def triggers(self, text: str) -> list[tuple[int, int, list[Rule]]]:
        return [(p, q, self.rules_for(key, self._classes(key))) for p, q, key in self._triggers(text, text.lower())]

    def _classes(self, key: str) -> Iterable[str]:
        return (key[1:],) if key.startswith("#") else self.word_classes[key]

    def _triggers(self, text: str, low: str) -> list[tuple[int, int, str]]:
        """(start, end, key) of every trigger: a trigger word, or ``#`` and the digit class that fired."""
        if self.letters:
            out = [(m.start(1) - 1, m.end() - 1, m.group(1)) for m in self.words.finditer(" " + low)]
        else:
            out = [(m.start(), m.end(), m.group(1)) for m in self.words.finditer(low)]
        if self.digits is not None:
            out += [(m.start(), m.end(), "#" + (m.lastgroup or "digits")) for m in self.digits.finditer(text)]
            out.sort(key=lambda t: t[0])
        return out

    @staticmethod
    def norms(hit_rule: Rule, groups: Mapping[str, str], lexicon) -> dict:
        norms = {}
        for k, v in groups.items():
            lex = hit_rule.group_lex.get(k)
            key = v.lower().rstrip(".")
            if lex:
                table = lexicon(lex)
                norms[k] = table.get(key, table.get(v.lower(), key))
            else:
                norms[k] = key
        return norms

    def windows(self, text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int, set]]:
        """Merged windows around triggers (inside one sentence each), with the rules they call for."""
        return [(a, b, set(self._window_rules(keys)[0])) for a, b, keys in self._windows(text, text.lower(), spans)]

    def _windows(self, text: str, low: str, spans: list[tuple[int, int]]) -> list[tuple[int, int, frozenset]]:
        """(start, end, trigger keys) of the merged windows: each key calls at least one rule."""
        starts = [a for a, _ in spans]
        out: list[list] = []
        w = self.window
        calls = self._calls
        for p, q, key in self._triggers(text, low):
            if not calls(key):
                continue
            i = bisect.bisect_right(starts, p) - 1
            if i < 0 or p >= spans[i][1]:
                continue
            s0, s1 = spans[i]
            a, b = max(s0, p - w), min(s1, q + w)
            while a > s0 and text[a - 1].isalnum():
                a -= 1
            while b < s1 and text[b].isalnum():
                b += 1
            if out and out[-1][3] == i and a <= out[-1][1]:
                last = out[-1]
                if b > last[1]:
                    last[1] = b
                last[2].add(key)
            else:
                out.append([a, b, {key}, i])
        return [(a, b, frozenset(keys)) for a, b, keys, _ in out]

    def _calls(self, key: str) -> bool:
        got = self._calls_memo.get(key)
        if got is None:
            got = self._calls_memo[key] = bool(self.rules_for(key, self._classes(key)))
        return got

    def _window_rules(self, keys: frozenset) -> tuple[list[Rule], list[frozenset]]:
        """The rules the trigger ``keys`` of a window call (by priority), with their pre-filter clauses."""
        got = self._by_keys.get(keys)
        if got is None:
            rules = sorted({r for k in keys for r in self.rules_for(k, self._classes(k))}, key=lambda r: r.priority)
            got = self._by_keys[keys] = (rules, [self.prefilter.needs[r] for r in rules])
        return got

    def candidates(self, text: str, spans: list[tuple[int, int]], lexicon=None) -> list[tuple]:
        """(start, end, rule, match) for every valid hit of the rules each window calls for: not empty, and
        its rule's ``not_before`` / ``before`` (40 characters back) and ``not_after`` tests pass."""
        hits = []
        low = text.lower()
        satisfied = self.prefilter.satisfied
        whole = text.isascii()                       # then ``low`` is the engine's case folding, index for index
        for a, b, keys in self._windows(text, low, spans):
            rules, needs = self._window_rules(keys)
            if whole:
                sat = satisfied(low, a, b)
            else:
                seg = text[a:b]
                sat = satisfied(seg.lower(), 0, b - a) if seg.isascii() else None
            for rule, need in zip(rules, needs):
                if sat is not None and not need <= sat:
                    continue
                regex, not_before, not_after, before = (rule.ascii_regex or rule.ascii()) if whole else rule.plain
                for m in regex.finditer(text, a, b):
                    s, e = m.span()
                    if s == e or not_before is not None and not_before.search(text, max(0, s - 40), s) \
                            or not_after is not None and not_after.match(text, e) \
                            or before is not None and not before.search(text, max(0, s - 40), s):
                        continue
                    hits.append((s, e, rule, m))
        return hits

    @staticmethod
    def select(hits: list[tuple]) -> list[tuple]:
        """Longest first, then the rule listed first; drop anything overlapping a kept hit."""
        hits = sorted(hits, key=lambda h: (h[0] - h[1], h[2].priority, h[0]))
        kept: list[tuple] = []               # disjoint, by start: so their ends are in order too
        starts: list[int] = []
        ends: list[int] = []
        for h in hits:
            i = bisect.bisect_left(starts, h[1])      # kept[:i] start before h ends; the last ends latest
            if i and ends[i - 1] > h[0]:
                continue
            kept.insert(i, h)
            starts.insert(i, h[0])
            ends.insert(i, h[1])
        return kept

    def find(self, text: str, spans: list[tuple[int, int]], lexicon) -> list[Hit]:
        out = []
        for start, end, rule, m in self.select(self.candidates(text, spans)):
            groups = {k: v for k, v in m.groupdict().items() if v is not None}
            out.append(Hit(rule, start, end, groups, self.norms(rule, groups, lexicon)))
        return out
