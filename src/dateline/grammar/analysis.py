"""What a rule's regular expression implies, read from CPython's own regex parser: the parts every match
must contain (for the matcher's pre-filter) and the characters a match can start with (a fast first test)."""
from __future__ import annotations

import re
from re import _constants as sc, _parser as sp

from . import regex as rx

LITERAL_WORD = re.compile(r"[a-z]{3,}")
_REPEATS = (sc.MAX_REPEAT, sc.MIN_REPEAT, getattr(sc, "POSSESSIVE_REPEAT", sc.MAX_REPEAT))
_ZERO_WIDTH = (sc.AT, sc.ASSERT, sc.ASSERT_NOT)


def mandatory_parts(regex: re.Pattern) -> set[str]:
    """Named groups and literal words (3+ letters) that every match of ``regex`` must contain."""
    return set(rx.memo("parts", regex.pattern, regex.flags, lambda: sorted(_mandatory_parts(regex))))


def _mandatory_parts(regex: re.Pattern) -> set[str]:
    try:
        parsed = rx.parse(regex.pattern, regex.flags)
    except Exception:                                         # pragma: no cover
        return set()
    names = {v: k for k, v in regex.groupindex.items()}
    out: set[str] = set()
    run: list[str] = []

    def flush():
        out.update("w:" + w for w in LITERAL_WORD.findall("".join(run).lower()))
        run.clear()

    def walk(items):                             # only mandatory parts are walked: nothing optional counts
        for op, av in items:
            if op is sc.LITERAL:
                run.append(chr(av))
                continue
            flush()
            if op is sc.SUBPATTERN:
                if av[0] in names:
                    out.add(names[av[0]])
                walk(av[-1])
            elif op in (sc.MAX_REPEAT, sc.MIN_REPEAT) or op is getattr(sc, "POSSESSIVE_REPEAT", None):
                if av[0] > 0:
                    walk(av[2])
                    flush()
            elif op is getattr(sc, "ATOMIC_GROUP", None):
                walk(av)
    walk(parsed)
    flush()
    return out


def required_strings(regex: re.Pattern) -> list[list[str]]:
    """Clauses that every match of ``regex`` satisfies: each a list of lower-cased ASCII strings, one of which
    the matched text contains (lower-cased). From the mandatory literal runs of the pattern; an alternation
    gives a clause when each of its branches has one (``first|second|1st|2nd`` -> those four strings). A
    lookahead counts: what it reads lies between the match's start and the end of the searched window."""
    return rx.memo("needs", regex.pattern, regex.flags, lambda: [sorted(c) for c in _clauses(regex)])


def may_occur(needs: list[list[str]], low: str) -> bool:
    """Whether each clause of ``needs`` (from ``required_strings``) has a string in the lower-cased ASCII text
    ``low``: when not, the pattern finds nothing there."""
    return all(any(s in low for s in clause) for clause in needs)


def _clauses(regex: re.Pattern) -> list[set[str]]:
    try:
        return _seq_clauses(rx.parse(regex.pattern, regex.flags))
    except Exception:                                         # pragma: no cover
        return []


def _seq_clauses(items) -> list[set[str]]:
    out: list[set[str]] = []
    run: list[str] = []

    def flush():
        text = "".join(run).lower()
        run.clear()
        if len(text) >= 2 and text.isascii():   # a non-ASCII literal may fold to ASCII text (re.I: "ſ" ~ "s")
            out.append({text})
    for op, av in items:
        if op is sc.LITERAL:
            run.append(chr(av))
            continue
        flush()
        if op is sc.SUBPATTERN:
            out.extend(_seq_clauses(av[-1]))
        elif op in _REPEATS and av[0] > 0:
            out.extend(_seq_clauses(av[2]))
        elif op is getattr(sc, "ATOMIC_GROUP", None):
            out.extend(_seq_clauses(av))
        elif op is sc.ASSERT and av[0] == 1:        # a lookahead reads text after the start, before endpos
            out.extend(_seq_clauses(av[1]))
        elif op is sc.BRANCH:
            either: set[str] = set()
            for branch in av[1]:
                got = _seq_clauses(branch)
                if not got:
                    break                           # a branch with no sure string: no clause
                either |= min(got, key=lambda c: (len(c), -min(map(len, c))))
            else:
                out.append(either)
    flush()
    return out


def first_class(pattern: str, flags: int) -> str:
    """``(?=[...])`` of the characters every match of ``pattern`` starts with, or "" when it can start
    with anything (a category like ``\\d``, a wildcard) or be empty."""
    return rx.memo("first", pattern, flags, lambda: _first_class(pattern, flags))


_INLINE_FLAGS = re.compile(r"\(\?[aiLmsux-]+[:)]")
_ASCII = [chr(c) for c in range(128)]


def for_ascii(regex: re.Pattern) -> re.Pattern:
    """A pattern with the same matches as ``regex`` on ASCII texts, told the ASCII characters a match starts
    with (``regex`` itself when there is no such set, or when scoped inline flags make it unsure)."""
    pattern = regex.pattern
    if _INLINE_FLAGS.search(pattern, len(m.group(0)) if (m := _INLINE_FLAGS.match(pattern)) else 0):
        return regex                        # (leading global flags are in regex.flags)
    flags = regex.flags & ~re.UNICODE
    head = rx.memo("first-in-ascii", pattern, flags, lambda: _first_class(pattern, flags, True))
    return rx.compile_starting(pattern, flags, ascii_first(head, flags)) if head else regex


def ascii_first(head: str, flags: int) -> str:
    """The ASCII characters the zero-width class ``head`` (from ``first_class``) lets through under ``flags``."""
    def chars() -> str:
        test = rx.compile(head, flags)
        return "".join(chr(c) for c in range(128) if test.match(chr(c)))
    return rx.memo("first-ascii", head, flags, chars)


def _first_class(pattern: str, flags: int, ascii: bool = False) -> str:
    """``ascii``: for ASCII texts only (a category stands for its ASCII characters; a superset is fine)."""
    global _ascii_mode
    _ascii_mode = ascii
    try:
        tree = rx.parse(pattern, flags)             # its state's flags hold a leading "(?i)" too
        chars, nullable = _first_seq(tree, bool((flags | tree.state.flags) & re.I))
    except Exception:                                          # pragma: no cover
        return ""
    finally:
        _ascii_mode = False
    if chars is None or nullable or not chars:
        return ""
    return "(?=[" + "".join(re.escape(c) for c in sorted(chars)) + "])"


def _lit(code: int, icase: bool) -> set[str]:
    ch = chr(code)
    return {ch, ch.lower(), ch.upper()} if icase else {ch}


def _first_seq(items, icase: bool):
    """(the first characters of a sequence, or None for any; can the sequence match empty?)"""
    out: set[str] = set()
    for op, av in items:
        chars, nullable = _first_op(op, av, icase)
        if chars is None:
            return None, False
        out |= chars
        if not nullable:
            return out, False
    return out, True


def _first_op(op, av, icase: bool):
    if op is sc.LITERAL:
        return _lit(av, icase), False
    if op is sc.IN:
        return _first_in(av, icase), False
    if op is sc.SUBPATTERN:                  # (group, flags added, flags removed, items): "(?i:...)", "(?-i:...)"
        return _first_seq(av[-1], (icase or bool(av[1] & re.I)) and not av[2] & re.I)
    if op is sc.BRANCH:
        out: set[str] = set()
        empty = False
        for branch in av[1]:
            chars, nullable = _first_seq(branch, icase)
            if chars is None:
                return None, False
            out |= chars
            empty = empty or nullable
        return out, empty
    if op in _REPEATS:
        chars, nullable = _first_seq(av[2], icase)
        return chars, (chars is not None and (av[0] == 0 or nullable))
    if op in _ZERO_WIDTH:
        return set(), True
    if op is getattr(sc, "ATOMIC_GROUP", None):
        return _first_seq(av, icase)
    if _ascii_mode and op in (sc.ANY, sc.NOT_LITERAL):
        return set(_ASCII), False
    return None, False


_ascii_mode = False
_CATEGORY = {sc.CATEGORY_DIGIT: str.isdigit, sc.CATEGORY_SPACE: str.isspace,
             sc.CATEGORY_WORD: lambda c: c.isalnum() or c == "_"}


def _first_in(items, icase: bool):
    out: set[str] = set()
    for op, av in items:
        if op is sc.LITERAL:
            out |= _lit(av, icase)
        elif op is sc.RANGE and av[1] - av[0] <= 300:
            for code in range(av[0], av[1] + 1):
                out |= _lit(code, icase)
        elif _ascii_mode and op is sc.RANGE:
            out |= {c for c in _ASCII if av[0] <= ord(c) <= av[1]}
        elif _ascii_mode and op is sc.CATEGORY and av in _CATEGORY:
            out |= set(filter(_CATEGORY[av], _ASCII))
        elif _ascii_mode:
            out |= set(_ASCII)              # a negation or another category: any ASCII character
        else:
            return None                     # a category (\\d, \\w), a negation or a wide range: anything
    return out
