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

import re
from dataclasses import dataclass
from typing import Any, Iterable, Mapping

from ..errors import ResourceError

_REF = re.compile(r"\{([a-z_][a-z0-9_]*)\}")


@dataclass(frozen=True, slots=True)
class Hit:
    rule: "Rule"
    start: int
    end: int
    groups: Mapping[str, str]      # group name -> matched text (only groups that took part)
    norms: Mapping[str, str]       # group name -> normalized value


class Rule:
    __slots__ = ("name", "data", "regex", "not_before", "not_after", "before", "priority", "group_lex")

    def __init__(self, data: Mapping[str, Any], regex: re.Pattern, group_lex: dict[str, str],
                 priority: int):
        self.name: str = data["name"]
        self.data = data
        self.regex = regex
        self.group_lex = group_lex
        self.priority = priority
        self.not_before = re.compile(r"(?:" + data["not_before"] + r")\Z") if data.get("not_before") else None
        self.not_after = re.compile(data["not_after"]) if data.get("not_after") else None
        self.before = re.compile(r"(?:" + data["before"] + r")\Z") if data.get("before") else None

    def get(self, key: str, default: Any = None) -> Any:
        return self.data.get(key, default)

    def __repr__(self) -> str:
        return f"Rule({self.name!r})"


class Grammar:
    """Expands ``{name}`` references into named groups over lexicons and macros."""

    def __init__(self, res, macros: Mapping[str, Mapping[str, Any]] | None = None):
        self.res = res
        self.macros = dict(macros or {})
        self._lexicon_names = set(res.lexicon_names())

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
                body = self.res.alternation(name)
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
                return self.res.alternation(name)
            raise ResourceError(f"{where}: {{{name}}} is neither a lexicon nor a macro")
        return _REF.sub(sub, pattern), None

    def compile(self, data: Mapping[str, Any], priority: int, where: str = "") -> Rule:
        if "name" not in data or "match" not in data:
            raise ResourceError(f"{where}: a rule needs 'name' and 'match', found {sorted(data)}")
        body, group_lex = self.expand(data["match"], f"{where} rule {data['name']}")
        flags = 0 if data.get("case") == "sensitive" else re.I
        try:
            regex = re.compile(r"(?<![\w$£€])(?:" + body + r")(?![\w])", flags)
        except re.error as e:
            raise ResourceError(f"{where} rule {data['name']}: bad regex ({e})") from None
        for gname in regex.groupindex:           # explicit (?P<month>...) groups use that lexicon too
            base = re.sub(r"_\d+$", "", gname)
            if gname not in group_lex and base in self._lexicon_names:
                group_lex[gname] = base
        return Rule(data, regex, group_lex, priority)


class Matcher:
    def __init__(self, rules: Iterable[Rule], trigger: re.Pattern | None = None, window: int = 80):
        self.rules = list(rules)
        self.trigger = trigger
        self.window = window
        self._lex_cache: dict[str, dict[str, str]] = {}

    def _norms(self, rule: Rule, m: re.Match, lexicon) -> tuple[dict, dict]:
        groups = {k: v for k, v in m.groupdict().items() if v is not None}
        norms = {}
        for k, v in groups.items():
            lex = rule.group_lex.get(k)
            key = v.lower().rstrip(".")
            if lex:
                table = lexicon(lex)
                norms[k] = table.get(key, table.get(v.lower(), key))
            else:
                norms[k] = key
        return groups, norms

    def windows(self, text: str, start: int, end: int) -> list[tuple[int, int]]:
        """Merged [a, b) windows around trigger hits inside [start, end)."""
        if self.trigger is None:
            return [(start, end)]
        out: list[list[int]] = []
        w = self.window
        for m in self.trigger.finditer(text, start, end):
            a, b = max(start, m.start() - w), min(end, m.end() + w)
            while a > start and text[a - 1].isalnum():
                a -= 1
            while b < end and text[b].isalnum():
                b += 1
            if out and a <= out[-1][1]:
                out[-1][1] = max(out[-1][1], b)
            else:
                out.append([a, b])
        return [(a, b) for a, b in out]

    def candidates(self, text: str, start: int, end: int, lexicon) -> list[Hit]:
        hits = []
        for rule in self.rules:
            for m in rule.regex.finditer(text, start, end):
                if m.end() == m.start():
                    continue
                if rule.not_before is not None and rule.not_before.search(text, max(0, m.start() - 40), m.start()):
                    continue
                if rule.not_after is not None and rule.not_after.match(text, m.end()):
                    continue
                if rule.before is not None and not rule.before.search(text, max(0, m.start() - 40), m.start()):
                    continue
                groups, norms = self._norms(rule, m, lexicon)
                hits.append(Hit(rule, m.start(), m.end(), groups, norms))
        return hits

    @staticmethod
    def select(hits: list[Hit]) -> list[Hit]:
        """Longest first, then earliest rule; drop anything overlapping a kept hit."""
        hits = sorted(hits, key=lambda h: (-(h.end - h.start), h.rule.priority, h.start))
        kept: list[Hit] = []
        for h in hits:
            if all(h.end <= k.start or h.start >= k.end for k in kept):
                kept.append(h)
        kept.sort(key=lambda h: h.start)
        return kept

    def find(self, text: str, start: int, end: int, lexicon) -> list[Hit]:
        out = []
        for a, b in self.windows(text, start, end):
            out.extend(self.select(self.candidates(text, a, b, lexicon)))
        return out
